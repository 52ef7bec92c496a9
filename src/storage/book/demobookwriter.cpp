#include "storage/book/demobookwriter.h"

#include <spdlog/spdlog.h>

#include "storage/schema/tradelayout.h"

namespace bd::storage {
namespace {

// Tables the generator fills in bulk. Rows arrive ordered by client_ref and trade ids ascend
// with insertion, so an index led by client_ref or trade_id grows at its right edge and is
// cheap to keep; any other index would take random inserts and is rebuilt once (sorted) at
// the end instead.
// Rows per multi-row INSERT: amortises statement start-up; 64 x 11 parameters stays far below
// SQLite's limit of 32766.
constexpr int kRowsPerInsert = 64;

constexpr const char* kBulkTables[] = {"clients", "trades", "assets", "positions", "contacts"};

// Rows bound into a (multi-row) INSERT from parameter `first` on; return the next parameter.
int bindRow(Statement& st, int first, const TradeRow& t) {
    return st.bindFrom(first, StaticText{t.trade_id}, t.client_ref, t.trade_time,
                       StaticText{t.security_code}, t.side, t.quantity, t.price, t.amount,
                       t.commission, t.fees, t.channel, tradeMonthOf(t.trade_time));
}

int bindRow(Statement& st, int first, const AssetRow& a) {
    return st.bindFrom(first, a.client_ref, static_cast<std::int64_t>(a.date), a.cash,
                       a.market_value, a.net_inflow);
}

int bindRow(Statement& st, int first, const PositionRow& p) {
    return st.bindFrom(first, p.client_ref, static_cast<std::int64_t>(p.date),
                       StaticText{p.security_code}, p.quantity, p.cost_price, p.close_price);
}

int bindRow(Statement& st, int first, const ContactRow& c) {
    const std::optional<StaticText> notes =
        c.notes.empty() ? std::nullopt : std::optional(StaticText{c.notes});
    return st.bindFrom(first, c.client_ref, StaticText{c.broker_id}, c.contact_time, c.channel,
                       c.direction, c.outcome, c.satisfaction, notes, c.next_follow_up);
}

} // namespace

Result<bool> bookIsEmpty(Database& db) {
    for (const char* sql :
         {"SELECT EXISTS(SELECT 1 FROM clients)", "SELECT EXISTS(SELECT 1 FROM trades)",
          "SELECT EXISTS(SELECT 1 FROM securities)", "SELECT EXISTS(SELECT 1 FROM brokers)",
          "SELECT EXISTS(SELECT 1 FROM branches)"}) {
        auto n = queryInt(db, sql);
        if (!n) return n.error();
        if (*n != 0) return false;
    }
    return true;
}

Result<std::unique_ptr<DemoBookWriter>> DemoBookWriter::begin(Database& db) {
    auto w = std::make_unique<DemoBookWriter>(Key{}, db);
    if (auto s = w->start(); !s) return s.error();
    return w;
}

Status DemoBookWriter::start() {
    // A fresh book appends pages past its old end, which a rollback journal does not copy:
    // far cheaper than streaming the whole book through the WAL and checkpointing it again.
    if (auto s = m_db.exec("PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; "
                           "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-131072;");
        !s)
        return s;
    m_settingsChanged = true;
    m_tx.emplace(m_db);
    if (!m_tx->began()) return m_tx->began();
    auto tradeDays = TradeDaysUpkeep::begin(m_db);
    if (!tradeDays) return tradeDays.error();
    m_tradeDays.emplace(*tradeDays);

    for (const char* table : kBulkTables) {
        auto list = m_db.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL ORDER BY name");
        if (!list) return list.error();
        list->bind(1, std::string_view(table));
        std::vector<std::pair<std::string, std::string>> indexes;
        if (auto done = list->forEach([&] { indexes.emplace_back(list->text(0), list->text(1)); });
            !done)
            return done.error();
        for (const auto& [name, sql] : indexes) {
            auto info = m_db.prepare("SELECT name FROM pragma_index_info(?) WHERE seqno = 0");
            if (!info) return info.error();
            info->bind(1, std::string_view(name));
            auto r = info->step();
            if (!r) return r.error();
            const std::string lead = *r ? info->text(0) : std::string();
            info->reset(); // an active statement would lock the schema against DROP INDEX
            if (lead == "client_ref" || lead == "trade_id") continue;
            // Index names come from sqlite_master, not from users; quote them all the same.
            std::string quoted = "\"";
            for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
            quoted += '"';
            if (auto s = m_db.exec("DROP INDEX " + quoted); !s) return s;
            m_droppedIndexSql.push_back(sql);
        }
    }

    auto prep = [&](std::optional<Statement>& slot, std::string_view sql) -> Status {
        auto st = m_db.prepare(sql);
        if (!st) return st.error();
        slot.emplace(std::move(*st));
        return {};
    };
    if (auto s = prep(m_branch, "INSERT INTO branches(branch_id, name) VALUES (?, ?)"); !s)
        return s;
    if (auto s = prep(m_broker, "INSERT INTO brokers(broker_id, name, branch_id, daily_capacity) "
                                "VALUES (?, ?, ?, ?)");
        !s)
        return s;
    if (auto s = prep(m_security, "INSERT INTO securities(security_code, name, board, "
                                  "risk_level, industry) VALUES (?, ?, ?, ?, ?)");
        !s)
        return s;
    if (auto s = prep(m_client,
                      "INSERT INTO clients(id, client_id, name, gender, birth_date, id_number, "
                      "phone, email, broker_id, branch_id, open_date, risk_level, status, "
                      "preferred_channel, contact_hours, risk_assessed_on) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        !s)
        return s;
    if (auto s = prepareBuffered(m_trades,
                                 "INSERT INTO trades(trade_id, client_ref, trade_time, "
                                 "security_code, side, quantity, price, amount, commission, fees, "
                                 "channel, trade_month) VALUES ",
                                 12);
        !s)
        return s;
    if (auto s = prepareBuffered(
            m_assets,
            "INSERT INTO assets(client_ref, date, cash, market_value, net_inflow) VALUES ", 5);
        !s)
        return s;
    if (auto s = prepareBuffered(m_positions,
                                 "INSERT INTO positions(client_ref, date, security_code, "
                                 "quantity, cost_price, close_price) VALUES ",
                                 6);
        !s)
        return s;
    return prepareBuffered(m_contacts,
                           "INSERT INTO contacts(client_ref, broker_id, contact_time, channel, "
                           "direction, outcome, satisfaction, notes, next_follow_up) VALUES ",
                           9);
}

template <typename Row>
Status DemoBookWriter::prepareBuffered(Buffered<Row>& b, std::string_view head, int columns) {
    std::string tuple = "(";
    for (int c = 0; c < columns; ++c) tuple += c ? ",?" : "?";
    tuple += ')';
    std::string many(head);
    for (int r = 0; r < kRowsPerInsert; ++r) {
        if (r) many += ',';
        many += tuple;
    }
    auto one = m_db.prepare(std::string(head) + tuple);
    if (!one) return one.error();
    auto chunk = m_db.prepare(many);
    if (!chunk) return chunk.error();
    b.one.emplace(std::move(*one));
    b.many.emplace(std::move(*chunk));
    b.rows.reserve(kRowsPerInsert);
    return {};
}

template <typename Row>
Status DemoBookWriter::add(Buffered<Row>& b, const Row& row) {
    b.rows.push_back(row);
    if (static_cast<int>(b.rows.size()) < kRowsPerInsert) return {};
    int next = 1;
    for (const Row& r : b.rows) next = bindRow(*b.many, next, r);
    b.rows.clear();
    return b.many->run();
}

template <typename Row>
Status DemoBookWriter::drain(Buffered<Row>& b) {
    for (const Row& r : b.rows) {
        bindRow(*b.one, 1, r);
        if (auto s = b.one->run(); !s) return s;
    }
    b.rows.clear();
    return {};
}

void DemoBookWriter::releaseStatements() {
    m_branch.reset();
    m_broker.reset();
    m_security.reset();
    m_client.reset();
    for (auto* st : {&m_trades.one, &m_trades.many, &m_assets.one, &m_assets.many, &m_positions.one,
                     &m_positions.many, &m_contacts.one, &m_contacts.many})
        st->reset();
}

DemoBookWriter::~DemoBookWriter() {
    // Statements must be finalised before the rollback so it can release its locks.
    releaseStatements();
    m_tx.reset();
    if (!m_finished) restoreSettings();
}

void DemoBookWriter::restoreSettings() {
    if (!m_settingsChanged) return;
    m_settingsChanged = false;
    if (auto s = m_db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                           "PRAGMA foreign_keys=ON; PRAGMA cache_size=-2000;");
        !s)
        spdlog::warn("demo book: could not restore connection settings: {}", s.error().toString());
}

Status DemoBookWriter::branch(const Branch& b) {
    return m_branch->bind(1, std::string_view(b.branch_id)).bind(2, std::string_view(b.name)).run();
}

Status DemoBookWriter::broker(const Broker& b) {
    return m_broker->bind(1, std::string_view(b.broker_id))
        .bind(2, std::string_view(b.name))
        .bind(3, std::string_view(b.branch_id))
        .bind(4, b.daily_capacity)
        .run();
}

Status DemoBookWriter::security(const Security& s) {
    return m_security->bind(1, std::string_view(s.security_code))
        .bind(2, std::string_view(s.name))
        .bind(3, static_cast<int>(s.board))
        .bind(4, s.risk_level)
        .bind(5, std::string_view(s.industry))
        .run();
}

Status DemoBookWriter::client(std::int64_t id, const Client& c, std::string_view contactHours) {
    Statement& st = *m_client;
    st.bind(1, id)
        .bindStatic(2, c.client_id)
        .bindStatic(3, c.name)
        .bind(4, static_cast<int>(c.gender));
    if (c.birth_date)
        st.bind(5, static_cast<std::int64_t>(c.birth_date->days));
    else
        st.bindNull(5);
    auto optText = [&](int i, const std::string& v) {
        if (v.empty())
            st.bindNull(i);
        else
            st.bindStatic(i, v);
    };
    optText(6, c.id_number);
    optText(7, c.phone);
    optText(8, c.email);
    st.bindStatic(9, c.broker_id);
    optText(10, c.branch_id);
    st.bind(11, static_cast<std::int64_t>(c.open_date.days))
        .bind(12, c.risk_level)
        .bind(13, static_cast<int>(c.status))
        .bind(14, static_cast<int>(c.preferred_channel));
    if (contactHours.empty())
        st.bindNull(15);
    else
        st.bindStatic(15, contactHours);
    if (c.risk_assessed_on)
        st.bind(16, static_cast<std::int64_t>(c.risk_assessed_on->days));
    else
        st.bindNull(16);
    return st.run();
}

Status DemoBookWriter::trade(const TradeRow& t) {
    return add(m_trades, t);
}
Status DemoBookWriter::asset(const AssetRow& a) {
    return add(m_assets, a);
}
Status DemoBookWriter::position(const PositionRow& p) {
    return add(m_positions, p);
}
Status DemoBookWriter::contact(const ContactRow& c) {
    return add(m_contacts, c);
}

Status DemoBookWriter::flush() {
    if (auto s = drain(m_trades); !s) return s;
    if (auto s = drain(m_assets); !s) return s;
    if (auto s = drain(m_positions); !s) return s;
    return drain(m_contacts);
}

Status DemoBookWriter::finish() {
    if (auto s = flush(); !s) return s;
    for (const auto& sql : m_droppedIndexSql)
        if (auto s = m_db.exec(sql); !s) return s;
    m_droppedIndexSql.clear();
    if (auto s = m_tradeDays->finish(); !s) return s;
    // Planner statistics for the freshly filled tables, bounded so it stays quick.
    if (auto s = m_db.exec("PRAGMA analysis_limit=1000; ANALYZE;"); !s) return s;
    releaseStatements();
    if (auto s = m_tx->commit(); !s) return s;
    m_tx.reset();
    m_finished = true;
    restoreSettings();
    return {};
}

} // namespace bd::storage
