#include "storage/book/clientqueries.h"

#include <cctype>
#include <tuple>
#include <utility>

#include "core/moveinto.h"
#include "core/text.h"
#include "storage/book/assetrows.h"
#include "storage/book/clientsummary.h"
#include "storage/db/query.h"

namespace bd::storage {

namespace {

using Param = std::variant<std::int64_t, std::string>;

// How a sort key maps to SQL. Expressions are fixed text from this table, never user input.
struct SortSpec {
    const char* clientExpr;  // when clients drive the query (filters present)
    const char* summaryExpr; // when client_summary drives it (no filter, summary column)
    bool summary;            // value lives in client_summary
    bool nullable;
    bool text;
};

SortSpec sortSpec(ClientSortKey k) {
    switch (k) {
    case ClientSortKey::ClientId:
        return {"c.client_id", nullptr, false, false, true};
    case ClientSortKey::Name:
        return {"c.name", nullptr, false, false, true};
    case ClientSortKey::Broker:
        return {"c.broker_id", nullptr, false, false, true};
    case ClientSortKey::Branch:
        return {"c.branch_id", nullptr, false, true, true};
    case ClientSortKey::OpenDate:
        return {"c.open_date", nullptr, false, false, false};
    case ClientSortKey::Aum:
        return {"COALESCE(s.aum, 0)", "s.aum", true, false, false};
    case ClientSortKey::Trades12m:
        return {"COALESCE(s.trades_12m, 0)", "s.trades_12m", true, false, false};
    case ClientSortKey::LastContact:
        return {"COALESCE(s.last_contact_time, 0)", "s.last_contact_time", true, false, false};
    }
    return {"c.name", nullptr, false, false, true};
}

// An exclusive upper bound for "starts with p": 0xFF never occurs in UTF-8, so every string
// with prefix p sorts below p + "\xFF" under SQLite's BINARY collation.
std::string prefixEnd(const std::string& p) {
    return p + '\xFF';
}

std::string upperAscii(std::string_view s) {
    std::string out(s);
    for (auto& ch : out)
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    return out;
}

// Digits of a phone-like search ("138-0013 8000" -> "13800138000"); empty when the text has
// anything besides digits and common separators.
std::string phoneDigits(std::string_view s) {
    std::string d;
    for (char ch : s) {
        if (ch >= '0' && ch <= '9')
            d += ch;
        else if (ch != ' ' && ch != '-' && ch != '(' && ch != ')' && ch != '+')
            return {};
    }
    return d;
}

// WHERE terms for the search and the filters (appended to `where`, values to `params`).
/// A client merged into another is listed no more: the kept client carries its history. (Kept
/// out of appendFilters: an unfiltered page still walks the summary's index.)
void excludeMerged(std::string& where) {
    where += where.empty() ? " WHERE " : " AND ";
    where += "c.merged_into IS NULL";
}

void appendFilters(const ClientQuery& q, std::string& where, std::vector<Param>& params) {
    auto add = [&](const std::string& term) {
        where += where.empty() ? " WHERE " : " AND ";
        where += term;
    };
    if (!q.broker_id.empty()) {
        add("c.broker_id = ?");
        params.emplace_back(q.broker_id);
    }
    if (!q.branch_id.empty()) {
        add("c.branch_id = ?");
        params.emplace_back(q.branch_id);
    }
    if (q.status) {
        add("c.status = ?");
        params.emplace_back(static_cast<std::int64_t>(*q.status));
    }
    if (q.risk_level) {
        add("c.risk_level = ?");
        params.emplace_back(static_cast<std::int64_t>(*q.risk_level));
    }
    if (q.segment_id) {
        add("c.id IN (SELECT client_ref FROM segment_labels WHERE run_id = (SELECT max(run_id) "
            "FROM segment_runs) AND segment_id = ?)");
        params.emplace_back(static_cast<std::int64_t>(*q.segment_id));
    }
    if (q.vip) {
        add(std::string("c.id ") + (*q.vip ? "IN" : "NOT IN") +
            " (SELECT client_ref FROM client_scores WHERE run_id = (SELECT max(run_id) FROM "
            "client_scores) AND vip = ?)");
        params.emplace_back(std::int64_t{1});
    }
    if (!q.tag.empty()) {
        add("c.id IN (SELECT client_ref FROM client_tags WHERE tag = ?)");
        params.emplace_back(q.tag);
    }
    if (!q.refs.empty()) {
        std::string in = "c.id IN (?";
        for (std::size_t i = 1; i < q.refs.size(); ++i) in += ", ?";
        add(in + ")");
        for (const std::int64_t ref : q.refs) params.emplace_back(ref);
    }
    const std::string s(trim(q.search));
    if (s.empty()) return;
    std::string ors = "((c.name >= ? AND c.name < ?) OR (c.client_id >= ? AND c.client_id < ?)";
    params.emplace_back(s);
    params.emplace_back(prefixEnd(s));
    params.emplace_back(s);
    params.emplace_back(prefixEnd(s));
    if (const auto up = upperAscii(s); up != s) {
        ors += " OR (c.client_id >= ? AND c.client_id < ?)";
        params.emplace_back(up);
        params.emplace_back(prefixEnd(up));
    }
    if (const auto digits = phoneDigits(s); !digits.empty()) {
        ors += " OR (c.phone >= ? AND c.phone < ?)";
        params.emplace_back(digits);
        params.emplace_back(prefixEnd(digits));
    }
    ors += ")";
    add(ors);
}

Status bindAll(Statement& st, const std::vector<Param>& params) {
    int i = 1;
    for (const auto& p : params) {
        if (const auto* v = std::get_if<std::int64_t>(&p))
            st.bind(i++, *v);
        else
            st.bind(i++, std::string_view(std::get<std::string>(p)));
    }
    return {};
}

ClientRow clientRowAt(const Statement& st) {
    ClientRow row;
    row.ref = st.int64(0);
    row.client_id = st.text(1);
    row.name = st.text(2);
    row.broker_id = st.text(3);
    row.broker_name = st.text(4);
    row.branch_null = st.isNull(5);
    if (!row.branch_null) row.branch_id = st.text(5);
    row.branch_name = st.text(6);
    row.phone = st.text(7);
    row.open_date = st.date(8);
    row.risk_level = st.int32(9);
    row.status = static_cast<ClientStatus>(st.int32(10));
    if (!st.isNull(11)) row.aum = st.money(12);
    row.trades_12m = st.int64(13);
    if (const auto t = st.int64(14); t > 0) row.last_contact = DateTime{t};
    return row;
}

TradeLine tradeLineAt(const Statement& st) {
    TradeLine t;
    t.time = st.dateTime(0);
    t.security_code = st.text(1);
    t.security_name = st.text(2);
    t.side = static_cast<Side>(st.int32(3));
    t.quantity = st.int64(4);
    t.price = st.money(5);
    t.amount = st.money(6);
    t.commission = st.money(7);
    t.channel = static_cast<OrderChannel>(st.int32(8));
    return t;
}

ContactLine contactLineAt(const Statement& st) {
    ContactLine k;
    k.time = st.dateTime(0);
    k.broker_id = st.text(1);
    k.channel = static_cast<ContactChannel>(st.int32(2));
    k.direction = static_cast<Direction>(st.int32(3));
    k.outcome = static_cast<Outcome>(st.int32(4));
    k.satisfaction = st.isNull(5) ? 0 : st.int32(5);
    k.notes = st.text(6);
    if (!st.isNull(7)) k.next_follow_up = st.date(7);
    k.id = st.int64(8);
    if (!st.isNull(9)) k.void_reason = st.text(9);
    return k;
}

} // namespace

ClientCursor cursorAfter(const ClientRow& row, ClientSortKey sort) {
    ClientCursor c;
    c.ref = row.ref;
    switch (sort) {
    case ClientSortKey::ClientId:
        c.key = row.client_id;
        break;
    case ClientSortKey::Name:
        c.key = row.name;
        break;
    case ClientSortKey::Broker:
        c.key = row.broker_id;
        break;
    case ClientSortKey::Branch:
        if (!row.branch_id.empty() || !row.branch_null) c.key = row.branch_id;
        break;
    case ClientSortKey::OpenDate:
        c.key = static_cast<std::int64_t>(row.open_date.days);
        break;
    case ClientSortKey::Aum:
        c.key = row.aum ? row.aum->units : std::int64_t{0};
        break;
    case ClientSortKey::Trades12m:
        c.key = row.trades_12m;
        break;
    case ClientSortKey::LastContact:
        c.key = row.last_contact ? row.last_contact->secs : std::int64_t{0};
        break;
    }
    return c;
}

Result<std::vector<ClientRow>> fetchClientPage(Database& db, const ClientQuery& query,
                                               const std::optional<ClientCursor>& after) {
    const SortSpec spec = sortSpec(query.sort);
    std::vector<Param> params;
    std::string where;
    appendFilters(query, where, params);
    // Without filters, a summary sort walks the summary's index in order and stops after one
    // page; with filters, the (small) matching set comes from the clients indexes and is sorted.
    const bool summaryDriven = spec.summary && where.empty();
    excludeMerged(where);
    const std::string expr = summaryDriven ? spec.summaryExpr : spec.clientExpr;
    const std::string tie = summaryDriven ? "s.client_ref" : "c.id";
    const char* dir = query.descending ? " DESC" : "";

    if (after) {
        std::string term;
        const bool keyNull = std::holds_alternative<std::monostate>(after->key);
        if (keyNull) {
            // NULLs sort first ascending and last descending.
            term = query.descending
                       ? "(" + expr + " IS NULL AND " + tie + " < ?)"
                       : "((" + expr + " IS NULL AND " + tie + " > ?) OR " + expr + " IS NOT NULL)";
            params.emplace_back(after->ref);
        } else {
            term = "(" + expr + ", " + tie + ")" + (query.descending ? " < " : " > ") + "(?, ?)";
            if (spec.nullable && query.descending) term = "(" + term + " OR " + expr + " IS NULL)";
            if (const auto* v = std::get_if<std::int64_t>(&after->key))
                params.emplace_back(*v);
            else
                params.emplace_back(std::get<std::string>(after->key));
            params.emplace_back(after->ref);
        }
        where += where.empty() ? " WHERE " : " AND ";
        where += term;
    }

    std::string sql =
        "SELECT c.id, c.client_id, c.name, c.broker_id, COALESCE(b.name, ''), c.branch_id,"
        " COALESCE(br.name, ''), COALESCE(c.phone, ''), c.open_date, c.risk_level, c.status,"
        " s.aum_date, COALESCE(s.aum, 0), COALESCE(s.trades_12m, 0),"
        " COALESCE(s.last_contact_time, 0)";
    // CROSS JOIN fixes SQLite's loop order: the summary index drives an unfiltered summary sort.
    sql += summaryDriven ? " FROM client_summary s CROSS JOIN clients c ON c.id = s.client_ref"
                         : " FROM clients c LEFT JOIN client_summary s ON s.client_ref = c.id";
    sql += " LEFT JOIN brokers b ON b.broker_id = c.broker_id"
           " LEFT JOIN branches br ON br.branch_id = c.branch_id";
    sql += where;
    sql += " ORDER BY " + expr + dir + ", " + tie + dir + " LIMIT ?";
    params.emplace_back(static_cast<std::int64_t>(query.page_size > 0 ? query.page_size : 200));

    if (auto s = ensureClientSummaryTables(db); !s) return s.error();
    auto st = db.prepare(sql);
    if (!st) return st.error();
    (void)bindAll(*st, params);
    return collectRows(*st, clientRowAt);
}

Result<std::vector<std::pair<std::int64_t, std::string>>>
matchingClients(Database& db, const ClientQuery& query) {
    std::vector<Param> params;
    std::string where;
    appendFilters(query, where, params);
    excludeMerged(where);
    auto st = db.prepare("SELECT c.id, c.client_id FROM clients c" + where + " ORDER BY c.id");
    if (!st) return st.error();
    (void)bindAll(*st, params);
    return collectRows(*st, [](const Statement& r) { return std::pair(r.int64(0), r.text(1)); });
}

Result<std::vector<std::pair<std::string, std::string>>> listTags(Database& db) {
    return queryRows(db, "SELECT name, colour FROM tags ORDER BY name",
                     [](const Statement& r) { return std::pair(r.text(0), r.text(1)); });
}

Result<std::int64_t> countClients(Database& db, const ClientQuery& query) {
    std::vector<Param> params;
    std::string where;
    appendFilters(query, where, params);
    if (where.empty()) {
        // Unfiltered: every client less the merged ones. SQLite counts a table's rows from its
        // smallest index's pages and the merged ones from their partial index, where a scan for
        // "merged_into IS NULL" reads every client row (34 ms of the window's thread on 100,000
        // clients after an import, 2-4 ms this way).
        return queryInt(db, "SELECT (SELECT count(*) FROM clients) - (SELECT count(*) FROM"
                            " clients WHERE merged_into IS NOT NULL)");
    }
    excludeMerged(where);
    auto st = db.prepare("SELECT count(*) FROM clients c" + where);
    if (!st) return st.error();
    (void)bindAll(*st, params);
    auto r = st->step();
    if (!r) return r.error();
    return *r ? st->int64(0) : std::int64_t{0};
}

Result<std::vector<BrokerEntry>> listBrokers(Database& db) {
    return queryRows(db,
                     "SELECT b.broker_id, b.name, COALESCE(b.branch_id, ''),"
                     " (SELECT count(*) FROM clients c WHERE c.broker_id = b.broker_id"
                     " AND c.merged_into IS NULL)"
                     " FROM brokers b ORDER BY b.broker_id",
                     [](const Statement& r) {
                         return BrokerEntry{r.text(0), r.text(1), r.text(2), r.int64(3)};
                     });
}

Result<std::int64_t> findClientRef(Database& db, const std::string& clientId) {
    auto ref = queryFirst(db, "SELECT id FROM clients WHERE client_id = ?1", firstInt64, clientId);
    if (!ref) return ref.error();
    if (!*ref) {
        Error e = makeError(ErrorCode::NotFound, "no such client");
        e.value = clientId;
        return e;
    }
    return **ref;
}

Result<ClientDetail> loadClientDetail(Database& db, std::int64_t clientRef, int maxTrades,
                                      int maxContacts) {
    ClientDetail d;
    d.ref = clientRef;
    // The reader fills `d` in place: true when the client exists.
    auto found = queryFirst(
        db,
        "SELECT c.client_id, c.name, c.gender, c.birth_date, COALESCE(c.id_number, ''),"
        " COALESCE(c.phone, ''), COALESCE(c.email, ''), c.broker_id, COALESCE(c.branch_id, ''),"
        " c.open_date, c.risk_level, c.status, c.preferred_channel,"
        " COALESCE(c.contact_hours, ''), COALESCE(b.name, ''), COALESCE(br.name, ''),"
        " c.risk_assessed_on FROM clients c LEFT JOIN brokers b ON b.broker_id = c.broker_id"
        " LEFT JOIN branches br ON br.branch_id = c.branch_id WHERE c.id = ?1",
        [&d](const Statement& st) {
            Client& c = d.client;
            c.client_id = st.text(0);
            c.name = st.text(1);
            c.gender = static_cast<Gender>(st.int32(2));
            if (!st.isNull(3)) c.birth_date = Date{static_cast<std::int32_t>(st.int64(3))};
            c.id_number = st.text(4);
            c.phone = st.text(5);
            c.email = st.text(6);
            c.broker_id = st.text(7);
            c.branch_id = st.text(8);
            c.open_date = Date{static_cast<std::int32_t>(st.int64(9))};
            c.risk_level = st.int32(10);
            c.status = static_cast<ClientStatus>(st.int32(11));
            c.preferred_channel = static_cast<ContactChannel>(st.int32(12));
            d.contact_hours = st.text(13);
            d.broker_name = st.text(14);
            d.branch_name = st.text(15);
            c.risk_assessed_on = st.optDate(16);
            return true;
        },
        clientRef);
    if (!found) return found.error();
    if (!*found) {
        Error e = makeError(ErrorCode::NotFound, "no such client");
        e.value = std::to_string(clientRef);
        return e;
    }
    auto assets =
        queryFirst(db,
                   "SELECT date, cash, market_value, net_inflow FROM assets WHERE client_ref = ?"
                   " ORDER BY date DESC LIMIT 1",
                   assetSnapshotOf(d.client.client_id), clientRef);
    if (!assets) return assets.error();
    d.latest_assets = std::move(*assets);
    auto totals = queryFirst(
        db,
        "SELECT (SELECT count(*) FROM trades WHERE client_ref = ?1),"
        " (SELECT count(*) FROM contacts WHERE client_ref = ?1 AND void_reason IS NULL)",
        [](const Statement& r) { return std::pair(r.int64(0), r.int64(1)); }, clientRef);
    if (!totals) return totals.error();
    std::tie(d.trades_total, d.contacts_total) =
        totals->value_or(std::pair<std::int64_t, std::int64_t>{});
    if (auto s = moveInto(
            d.recent_trades,
            queryRows(db,
                      "SELECT t.trade_time, t.security_code, COALESCE(s.name, ''), t.side, "
                      "t.quantity, t.price, t.amount, t.commission, t.channel FROM trades t"
                      " LEFT JOIN securities s ON s.security_code = t.security_code WHERE "
                      "t.client_ref = ?1 ORDER BY t.trade_time DESC, t.trade_id DESC LIMIT ?2",
                      tradeLineAt, clientRef, maxTrades));
        !s)
        return s.error();
    if (auto s = moveInto(
            d.recent_contacts,
            queryRows(db,
                      "SELECT contact_time, broker_id, channel, direction, outcome, satisfaction,"
                      " COALESCE(notes, ''), next_follow_up, id, void_reason FROM contacts"
                      " WHERE client_ref = ?1 ORDER BY contact_time DESC, id DESC LIMIT ?2",
                      contactLineAt, clientRef, maxContacts));
        !s)
        return s.error();
    return d;
}

} // namespace bd::storage
