#include "storage/book/exporter.h"

#include <cstdio>
#include <functional>

#include "core/domain.h"
#include "storage/import/csvreader.h"

namespace bd::storage {
namespace {

/// Appends fields of one row, separated by commas.
class RowWriter {
  public:
    explicit RowWriter(std::string& out) : m_out(out) {}
    RowWriter& text(std::string_view v) {
        sep();
        appendCsvField(m_out, v);
        return *this;
    }
    RowWriter& integer(std::int64_t v) { return text(std::to_string(v)); }
    RowWriter& money(std::int64_t units) { return text(formatMoney(Money::fromUnits(units))); }
    RowWriter& date(std::int64_t days) {
        return text(Date{static_cast<std::int32_t>(days)}.toString());
    }
    RowWriter& dateTime(std::int64_t secs) { return text(DateTime{secs}.toString()); }
    RowWriter& risk(char prefix, std::int64_t level) {
        if (level < 1 || level > 5) return text("");
        const char buf[2] = {prefix, static_cast<char>('0' + level)};
        return text(std::string_view(buf, 2));
    }
    void end() {
        m_out += '\n';
        m_first = true;
    }

  private:
    void sep() {
        if (!m_first) m_out += ',';
        m_first = false;
    }
    std::string& m_out;
    bool m_first = true;
};

struct KindExport {
    std::string_view header;
    std::string_view sql;
    void (*row)(RowWriter&, const Statement&);
};

template <typename E>
std::string_view enumWord(const Statement& st, int c) {
    return toString(static_cast<E>(st.int64(c)));
}

void optMoney(RowWriter& w, const Statement& st, int c) {
    if (st.isNull(c))
        w.text("");
    else
        w.money(st.int64(c));
}
void optDate(RowWriter& w, const Statement& st, int c) {
    if (st.isNull(c))
        w.text("");
    else
        w.date(st.int64(c));
}

const KindExport& kindExport(ImportKind kind) {
    static const KindExport kSecurities{"security_code,name,board,risk_level,industry",
                                        "SELECT security_code, name, board, risk_level, industry "
                                        "FROM securities ORDER BY security_code",
                                        [](RowWriter& w, const Statement& st) {
                                            w.text(st.textView(0))
                                                .text(st.textView(1))
                                                .text(enumWord<Board>(st, 2))
                                                .risk('R', st.int64(3));
                                            w.text(st.textView(4));
                                        }};
    static const KindExport kClients{
        "client_id,name,gender,birth_date,id_number,phone,email,broker_id,branch_id,open_date,risk_"
        "level,"
        "status,preferred_channel,risk_assessed_on",
        "SELECT client_id, name, gender, birth_date, id_number, phone, email, broker_id, "
        "branch_id, "
        "open_date, risk_level, status, preferred_channel, risk_assessed_on FROM clients ORDER BY "
        "client_id",
        [](RowWriter& w, const Statement& st) {
            w.text(st.textView(0)).text(st.textView(1)).text(enumWord<Gender>(st, 2));
            optDate(w, st, 3);
            w.text(st.textView(4)).text(st.textView(5)).text(st.textView(6)).text(st.textView(7));
            w.text(st.textView(8)).date(st.int64(9)).risk('C', st.int64(10));
            w.text(enumWord<ClientStatus>(st, 11)).text(enumWord<ContactChannel>(st, 12));
            optDate(w, st, 13);
        }};
    static const KindExport kTrades{
        "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,commission,fees,"
        "channel",
        "SELECT t.trade_id, c.client_id, t.trade_time, t.security_code, t.side, t.quantity, "
        "t.price, "
        "t.amount, t.commission, t.fees, t.channel FROM trades t JOIN clients c ON c.id = "
        "t.client_ref "
        "ORDER BY t.trade_id",
        [](RowWriter& w, const Statement& st) {
            w.text(st.textView(0)).text(st.textView(1)).dateTime(st.int64(2)).text(st.textView(3));
            w.text(enumWord<Side>(st, 4))
                .integer(st.int64(5))
                .money(st.int64(6))
                .money(st.int64(7));
            w.money(st.int64(8));
            optMoney(w, st, 9);
            w.text(enumWord<OrderChannel>(st, 10));
        }};
    static const KindExport kAssets{
        "client_id,date,cash,market_value,net_inflow",
        "SELECT c.client_id, a.date, a.cash, a.market_value, a.net_inflow FROM assets a "
        "JOIN clients c ON c.id = a.client_ref ORDER BY c.client_id, a.date",
        [](RowWriter& w, const Statement& st) {
            w.text(st.textView(0)).date(st.int64(1)).money(st.int64(2)).money(st.int64(3));
            optMoney(w, st, 4);
        }};
    static const KindExport kContacts{
        "client_id,broker_id,contact_time,channel,direction,outcome,satisfaction,notes,next_follow_"
        "up",
        "SELECT c.client_id, k.broker_id, k.contact_time, k.channel, k.direction, k.outcome, "
        "k.satisfaction, k.notes, k.next_follow_up FROM contacts k JOIN clients c ON c.id = "
        "k.client_ref "
        // A voided contact is no contact: re-imported elsewhere it would count again.
        "WHERE k.void_reason IS NULL "
        "ORDER BY c.client_id, k.contact_time, k.channel",
        [](RowWriter& w, const Statement& st) {
            w.text(st.textView(0)).text(st.textView(1)).dateTime(st.int64(2));
            w.text(enumWord<ContactChannel>(st, 3)).text(enumWord<Direction>(st, 4));
            w.text(enumWord<Outcome>(st, 5));
            if (st.isNull(6))
                w.text("");
            else
                w.integer(st.int64(6));
            w.text(st.textView(7));
            optDate(w, st, 8);
        }};
    static const KindExport kPositions{
        "client_id,date,security_code,quantity,cost_price,close_price",
        "SELECT c.client_id, p.date, p.security_code, p.quantity, p.cost_price, p.close_price "
        "FROM positions p JOIN clients c ON c.id = p.client_ref ORDER BY c.client_id, p.date, "
        "p.security_code",
        [](RowWriter& w, const Statement& st) {
            w.text(st.textView(0)).date(st.int64(1)).text(st.textView(2)).integer(st.int64(3));
            optMoney(w, st, 4);
            w.money(st.int64(5));
        }};
    // In ImportKind's order.
    static const KindExport* const kByKind[kImportKindCount] = {
        &kSecurities, &kClients, &kTrades, &kAssets, &kContacts, &kPositions};
    return *kByKind[static_cast<int>(kind)];
}

/// Streams the rows of `kind` through `flush` in chunks.
Result<std::int64_t> writeRows(Database& db, ImportKind kind,
                               const std::function<bool(std::string&)>& flush) {
    const KindExport& k = kindExport(kind);
    auto st = db.prepare(k.sql);
    if (!st) return st.error();
    std::string out;
    out.reserve(1 << 20);
    out.append(k.header);
    out += '\n';
    RowWriter w(out);
    std::int64_t rows = 0;
    auto written = st->forEach([&]() -> Status {
        k.row(w, *st);
        w.end();
        ++rows;
        if (out.size() > (1 << 20)) {
            if (!flush(out)) return makeError(ErrorCode::Io, "cannot write export");
            out.clear();
        }
        return {};
    });
    if (!written) return written.error();
    if (!flush(out)) return makeError(ErrorCode::Io, "cannot write export");
    return rows;
}

} // namespace

Result<std::int64_t> exportInterchange(Database& db, ImportKind kind, const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) {
        Error e = makeError(ErrorCode::Io, "cannot create file");
        e.file = path;
        return e;
    }
    auto rows = writeRows(db, kind, [&](std::string& chunk) {
        return std::fwrite(chunk.data(), 1, chunk.size(), f) == chunk.size();
    });
    const bool closed = std::fclose(f) == 0;
    if (!rows) {
        Error e = rows.error();
        if (e.file.empty()) e.file = path;
        return e;
    }
    if (!closed) {
        Error e = makeError(ErrorCode::Io, "cannot write file");
        e.file = path;
        return e;
    }
    return rows;
}

Result<std::string> exportInterchangeText(Database& db, ImportKind kind) {
    std::string all;
    auto rows = writeRows(db, kind, [&](std::string& chunk) {
        all += chunk;
        return true;
    });
    if (!rows) return rows.error();
    return all;
}

} // namespace bd::storage
