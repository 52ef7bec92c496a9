#include "storage/pg/pgsettings.h"

#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "storage/pg/pgschema_v14_change_tracking.h"
#include "storage/pg/pgschema_v5.h"
#include "storage/schema/schema.h"

namespace bd::storage {
namespace {

/// Rows as text, by their first column (the key of each settings table; a survey table's rows
/// share it).
using Rows = std::multimap<std::string, std::vector<std::optional<std::string>>>;

/// The server table's columns in order, but a tracked row's writer (server schema v14).
Result<std::vector<std::string>> columnsOf(PgConnection& c, std::string_view table) {
    auto r = c.query("SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0"
                     " AND NOT attisdropped AND attname <> $2 ORDER BY attnum",
                     PgParams(table, kWriterColumn));
    if (!r) return r.error();
    std::vector<std::string> out;
    for (int i = 0; i < r->size(); ++i) out.push_back(r->text(i, 0));
    return out;
}

std::string joined(const std::vector<std::string>& cols, std::string_view each) {
    std::string out;
    for (const std::string& col : cols) {
        if (!out.empty()) out += ", ";
        std::string e(each);
        for (auto at = e.find('%'); at != std::string::npos; at = e.find('%', at + col.size()))
            e.replace(at, 1, col);
        out += e;
    }
    return out;
}

Result<Rows> serverRows(PgConnection& c, std::string_view table,
                        const std::vector<std::string>& cols) {
    auto r = c.query("SELECT " + joined(cols, "%::text") + " FROM " + std::string(table));
    if (!r) return r.error();
    Rows out;
    for (int i = 0; i < r->size(); ++i) {
        auto& row = out.emplace(r->text(i, 0), Rows::mapped_type{})->second;
        for (int k = 0; k < static_cast<int>(cols.size()); ++k) row.push_back(r->optText(i, k));
    }
    return out;
}

Result<Rows> deskRows(Database& desk, std::string_view table,
                      const std::vector<std::string>& cols) {
    auto st =
        desk.prepare("SELECT " + joined(cols, "CAST(% AS TEXT)") + " FROM " + std::string(table));
    if (!st) return st.error();
    Rows out;
    auto s = st->forEach([&](const Statement& r) {
        auto& row = out.emplace(std::string(r.textView(0)), Rows::mapped_type{})->second;
        for (int k = 0; k < static_cast<int>(cols.size()); ++k)
            row.push_back(r.isNull(k) ? std::nullopt
                                      : std::optional<std::string>(std::string(r.textView(k))));
    });
    if (!s) return s.error();
    return out;
}

/// The server's rows of `table` in place of the desk book's (values as text: the desk's column
/// affinity stores numbers as numbers).
Status replaceOnDesk(PgConnection& c, Database& desk, std::string_view table) {
    auto cols = columnsOf(c, table);
    if (!cols) return cols.error();
    auto rows = serverRows(c, table, *cols);
    if (!rows) return rows.error();
    if (auto s = desk.exec("DELETE FROM " + std::string(table)); !s) return s;
    std::string marks;
    for (std::size_t k = 1; k <= cols->size(); ++k)
        marks += (k > 1 ? ", ?" : "?") + std::to_string(k);
    auto st = desk.prepare("INSERT INTO " + std::string(table) + " (" + joined(*cols, "%") +
                           ") VALUES (" + marks + ")");
    if (!st) return st.error();
    for (const auto& [key, row] : *rows) {
        for (std::size_t k = 0; k < row.size(); ++k) st->bind(static_cast<int>(k + 1), row[k]);
        if (auto s = st->run(); !s) return s;
    }
    return {};
}

Error notPermitted(PgConnection& c, const std::string& what) {
    return makeError(ErrorCode::NotPermitted, what + ": not permitted for " + c.user());
}

} // namespace

Status copyServerSettings(PgConnection& c, Database& desk, bool withBrokers) {
    Transaction tx(desk);
    if (!tx.began()) return tx.began();
    if (withBrokers) {
        if (auto s = desk.exec("DELETE FROM brokers"); !s) return s;
        for (const char* t : {"branches", "brokers"})
            if (auto s = replaceOnDesk(c, desk, t); !s) return s;
    }
    for (const char* t : kServerSettingsTables)
        if (auto s = replaceOnDesk(c, desk, t); !s) return s;
    return tx.commit();
}

Status copyServerSurveys(PgConnection& c, Database& desk) {
    Transaction tx(desk);
    if (!tx.began()) return tx.began();
    // Children first: the desk's own rows (its standard templates) go before the server's come.
    for (auto t = std::rbegin(kServerSurveyTables); t != std::rend(kServerSurveyTables); ++t)
        if (auto s = desk.exec("DELETE FROM " + std::string(*t)); !s) return s;
    for (const char* t : kServerSurveyTables)
        if (auto s = replaceOnDesk(c, desk, t); !s) return s;
    return tx.commit();
}

Result<std::unique_ptr<Database>> serverSettingsCopy(PgConnection& c) {
    auto db = openBook(":memory:", {.create = true, .backupBeforeMigrate = false});
    if (!db) return db.error();
    auto out = std::make_unique<Database>(std::move(*db));
    if (auto s = copyServerSettings(c, *out, true); !s) return s.error();
    return out;
}

Status storeServerSettings(Database& desk, PgConnection& c) {
    // Asked once, before the first write: a broker is told plainly, not by the grant's refusal.
    // (The batch may write the settings table, server schema v8: `refresh --k`.)
    std::optional<bool> manager;
    const auto mayWrite = [&]() -> Status {
        if (!manager) {
            auto r = c.query("SELECT bd_my_role() IN ('manager', 'batch') OR (SELECT rolsuper "
                             "FROM pg_roles WHERE rolname = current_user)");
            if (!r) return r.error();
            manager = r->boolean(0, 0);
        }
        if (!*manager)
            return notPermitted(c, "the settings of the branch book " + c.database() +
                                       " are changed by a manager");
        return {};
    };
    for (const char* t : kServerSettingsTables) {
        const std::string table(t);
        auto cols = columnsOf(c, table);
        if (!cols) return cols.error();
        auto before = serverRows(c, table, *cols);
        if (!before) return before.error();
        auto after = deskRows(desk, table, *cols);
        if (!after) return after.error();
        for (const auto& [key, row] : *before) {
            if (after->count(key)) continue;
            if (auto s = mayWrite(); !s) return s;
            auto r = c.query("DELETE FROM " + table + " WHERE " + (*cols)[0] + "::text = $1",
                             PgParams(key));
            if (!r) return r.error();
            if (r->changed() == 0) return notPermitted(c, "the settings row " + key);
        }
        std::string marks, updates;
        for (std::size_t k = 1; k <= cols->size(); ++k)
            marks += (k > 1 ? ", $" : "$") + std::to_string(k);
        for (std::size_t k = 1; k < cols->size(); ++k)
            updates += (k > 1 ? ", " : "") + (*cols)[k] + " = excluded." + (*cols)[k];
        const std::string upsert = "INSERT INTO " + table + " (" + joined(*cols, "%") +
                                   ") VALUES (" + marks + ") ON CONFLICT (" + (*cols)[0] +
                                   ") DO UPDATE SET " + updates;
        for (const auto& [key, row] : *after) {
            auto was = before->find(key);
            if (was != before->end() && was->second == row) continue;
            if (auto s = mayWrite(); !s) return s;
            PgParams p;
            for (const auto& v : row) p.add(v);
            if (auto s = c.run(upsert, p); !s) return s;
        }
    }
    // Brokers' capacities (a manager's branch's brokers; others the policy hides).
    auto st = desk.prepare("SELECT broker_id, daily_capacity FROM brokers");
    if (!st) return st.error();
    auto server = c.query("SELECT broker_id, daily_capacity FROM brokers");
    if (!server) return server.error();
    std::map<std::string, std::int64_t> held;
    for (int i = 0; i < server->size(); ++i) held[server->text(i, 0)] = server->int64(i, 1);
    return st->forEach([&](const Statement& r) -> Status {
        const std::string broker(r.textView(0));
        const std::int64_t capacity = r.int64(1);
        auto was = held.find(broker);
        if (was == held.end() || was->second == capacity) return {};
        if (auto s = mayWrite(); !s) return s;
        auto u = c.query("UPDATE brokers SET daily_capacity = $2 WHERE broker_id = $1",
                         PgParams(broker, capacity));
        if (!u) return u.error();
        if (u->changed() == 0)
            return notPermitted(c, "broker " + broker +
                                       " is outside this manager's branch: its capacity");
        return {};
    });
}

} // namespace bd::storage
