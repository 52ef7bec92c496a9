#include "storage/pg/pgreplica.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "storage/book/clientrefs.h"
#include "storage/book/tradedays.h"
#include "storage/pg/pgimport.h"
#include "storage/pg/pgrecordstore.h"
#include "storage/pg/pgschema.h"
#include "storage/pg/pgsettings.h"
#include "storage/pg/pgtrades.h"

namespace bd::storage {
namespace {

/// What only the pages read, copied whole (as far as the policies let this login see); the
/// trades apart (copyServerTrades).
constexpr std::array<std::string_view, 4> kPageTables = {
    "client_notes", "client_corrections", "client_correction_conflicts", "audit_log"};

/// A table a person's write touches, and how its rows name their client: on the server (the
/// refs are $1, a bigint[]) and in the replica (?1, a JSON array).
struct ClientTable {
    std::string_view name;
    std::string_view server_where;
    std::string_view local_where;
};

// Parents first: inserted in this order, deleted in the reverse. A survey call and its answers
// are the client's rows too (a contact with answers closes the call), and so are its plan items
// (a contact completes one and may book another; a broker moves and skips them).
constexpr std::array<ClientTable, 10> kClientTables = {{
    {"clients", "id = ANY($1::bigint[])", "id IN (SELECT value FROM json_each(?1))"},
    {"contacts", "client_ref = ANY($1::bigint[])",
     "client_ref IN (SELECT value FROM json_each(?1))"},
    {"follow_up_tasks", "client_ref = ANY($1::bigint[])",
     "client_ref IN (SELECT value FROM json_each(?1))"},
    {"client_tags", "client_ref = ANY($1::bigint[])",
     "client_ref IN (SELECT value FROM json_each(?1))"},
    {"client_notes", "client_ref = ANY($1::bigint[])",
     "client_ref IN (SELECT value FROM json_each(?1))"},
    {"client_corrections", "client_ref = ANY($1::bigint[])",
     "client_ref IN (SELECT value FROM json_each(?1))"},
    {"client_correction_conflicts", "client_ref = ANY($1::bigint[])",
     "client_ref IN (SELECT value FROM json_each(?1))"},
    {"client_relations", "client_a = ANY($1::bigint[]) OR client_b = ANY($1::bigint[])",
     "client_a IN (SELECT value FROM json_each(?1)) OR client_b IN (SELECT value FROM "
     "json_each(?1))"},
    {"survey_calls", "client_ref = ANY($1::bigint[])",
     "client_ref IN (SELECT value FROM json_each(?1))"},
    {"survey_answers", "client_ref = ANY($1::bigint[])",
     "client_ref IN (SELECT value FROM json_each(?1))"},
}};

std::string joined(const std::vector<std::int64_t>& refs, char open, char close) {
    std::string out(1, open);
    for (std::int64_t r : refs) out += (out.size() > 1 ? "," : "") + std::to_string(r);
    return out + close;
}

/// The rows of `sql` (the server's columns `names`, in order) inserted into the replica's
/// `table`. Values travel as text: the replica's column affinity stores numbers as numbers.
Result<std::int64_t> insertRows(PgConnection& c, Database& replica, std::string_view table,
                                const std::vector<std::string>& names, const std::string& sql,
                                const PgParams& params, bool orIgnore) {
    auto rows = c.query(sql, params);
    if (!rows) return rows.error();
    std::string cols, slots;
    for (std::size_t i = 0; i < names.size(); ++i) {
        cols += (i ? ", " : "") + names[i];
        slots += (i ? ", ?" : "?") + std::to_string(i + 1);
    }
    auto st = replica.prepare(std::string(orIgnore ? "INSERT OR IGNORE" : "INSERT") + " INTO " +
                              std::string(table) + " (" + cols + ") VALUES (" + slots + ")");
    if (!st) return st.error();
    for (int r = 0; r < rows->size(); ++r) {
        for (int k = 0; k < static_cast<int>(names.size()); ++k) {
            if (rows->isNull(r, k))
                st->bindNull(k + 1);
            else
                st->bind(k + 1, rows->textView(r, k));
        }
        if (auto s = st->run(); !s) return s.error();
    }
    return rows->size();
}

Result<std::vector<std::string>> selectList(PgConnection& c, std::string_view table,
                                            std::string& list) {
    auto names = serverColumnNames(c, table);
    if (!names) return names.error();
    list.clear();
    for (const std::string& n : *names) list += (list.empty() ? "" : ", ") + n;
    return names;
}

/// Every replica table that names a client in a client_ref column, but the append-only journal.
Result<std::vector<std::string>> tablesNamingClients(Database& replica) {
    auto st = replica.prepare(
        "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
        "WHERE m.type = 'table' AND p.name = 'client_ref' AND m.name <> 'audit_log' "
        "ORDER BY m.name");
    if (!st) return st.error();
    std::vector<std::string> out;
    if (auto s = st->forEach([&](const Statement& r) { out.push_back(r.text(0)); }); !s)
        return s.error();
    return out;
}

Status removeGone(Database& replica, const std::vector<std::int64_t>& gone) {
    if (gone.empty()) return {};
    const std::string json = joined(gone, '[', ']');
    auto tables = tablesNamingClients(replica);
    if (!tables) return tables.error();
    for (const std::string& t : *tables) {
        auto st = replica.prepare("DELETE FROM " + t +
                                  " WHERE client_ref IN (SELECT value FROM json_each(?1))");
        if (!st) return st.error();
        st->bind(1, json);
        if (auto s = st->run(); !s) return s;
    }
    for (std::string_view t : {"client_relations", "clients"}) {
        const auto* ct = std::find_if(kClientTables.begin(), kClientTables.end(),
                                      [&](const ClientTable& x) { return x.name == t; });
        auto st = replica.prepare("DELETE FROM " + std::string(t) + " WHERE " +
                                  std::string(ct->local_where));
        if (!st) return st.error();
        st->bind(1, json);
        if (auto s = st->run(); !s) return s;
    }
    return {};
}

/// The merged_into of `refs` (a JSON array) in the replica, by client ref (absent: not merged,
/// or not in the replica).
Result<std::map<std::int64_t, std::int64_t>> localMerges(Database& replica,
                                                         const std::string& json) {
    auto st = replica.prepare("SELECT id, merged_into FROM clients WHERE merged_into IS NOT NULL "
                              "AND id IN (SELECT value FROM json_each(?1))");
    if (!st) return st.error();
    st->bind(1, json);
    std::map<std::int64_t, std::int64_t> out;
    if (auto s = st->forEach([&](const Statement& r) { out[r.int64(0)] = r.int64(1); }); !s)
        return s.error();
    return out;
}

/// The clients whose history a merge (or its undo) moved since the replica read `refs`: each
/// client whose merged_into changed, and the clients it named before and after.
Result<std::vector<std::int64_t>> mergeMoved(PgConnection& c, const PgParams& array,
                                             const std::vector<std::int64_t>& refs,
                                             const std::map<std::int64_t, std::int64_t>& before) {
    auto rows = c.query("SELECT id, merged_into FROM clients WHERE id = ANY($1::bigint[]) AND "
                        "merged_into IS NOT NULL",
                        array);
    if (!rows) return rows.error();
    std::map<std::int64_t, std::int64_t> after;
    for (int i = 0; i < rows->size(); ++i) after[rows->int64(i, 0)] = rows->int64(i, 1);
    std::set<std::int64_t> moved;
    for (std::int64_t r : refs) {
        const auto was = before.find(r);
        const auto is = after.find(r);
        const std::int64_t from = was == before.end() ? 0 : was->second;
        const std::int64_t to = is == after.end() ? 0 : is->second;
        if (from == to) continue;
        moved.insert(r);
        for (std::int64_t other : {from, to})
            if (other != 0) moved.insert(other);
    }
    return std::vector<std::int64_t>(moved.begin(), moved.end());
}

/// The trades, snapshots and positions of `refs` read again from the server (inside the pull's
/// snapshot and local transaction), their trade days aggregated again.
Result<std::int64_t> pullHistory(PgConnection& c, Database& replica,
                                 const std::vector<std::int64_t>& refs) {
    const PgParams array(joined(refs, '{', '}'));
    const std::string json = joined(refs, '[', ']');
    for (std::string_view t : {"trades", "assets", "positions"}) {
        auto st = replica.prepare("DELETE FROM " + std::string(t) +
                                  " WHERE client_ref IN (SELECT value FROM json_each(?1))");
        if (!st) return st.error();
        st->bind(1, json);
        if (auto s = st->run(); !s) return s.error();
    }
    std::int64_t rows = 0;
    std::string list;
    for (std::string_view t : {"assets", "positions"}) {
        auto names = selectList(c, t, list);
        if (!names) return names.error();
        auto n = insertRows(c, replica, t, *names,
                            "SELECT " + list + " FROM " + std::string(t) +
                                " WHERE client_ref = ANY($1::bigint[])",
                            array, false);
        if (!n) return n.error();
        rows += *n;
    }
    // The trades through a table of the server's columns, then with their month.
    const std::string cols = kServerTradeColumns;
    if (auto s = replica.exec("CREATE TEMP TABLE merge_trades AS SELECT " + cols +
                              " FROM main.trades WHERE 0");
        !s)
        return s.error();
    std::vector<std::string> names;
    for (std::string_view rest = cols; !rest.empty();) {
        const auto comma = rest.find(',');
        names.emplace_back(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
    }
    auto n = insertRows(c, replica, "temp.merge_trades", names,
                        "SELECT " + cols + " FROM trades WHERE client_ref = ANY($1::bigint[])",
                        array, false);
    if (!n) return n.error();
    rows += *n;
    if (auto s = replica.exec("INSERT INTO main.trades (" + cols + ", trade_month) SELECT " + cols +
                              ", " + kDeskTradeMonthSql +
                              " FROM temp.merge_trades; DROP TABLE temp.merge_trades");
        !s)
        return s.error();
    if (auto s = syncTradeDays(replica); !s) return s.error();
    return rows;
}

} // namespace

Result<ServerSnapshot> copyReplica(PgConnection& c, Database& replica) {
    auto snap = copyServerBook(c, replica, [&]() -> Status {
        if (auto n = copyServerTrades(c, replica); !n)
            return readingFromServer("trades", n.error());
        for (std::string_view table : kPageTables)
            if (auto n = copyServerTable(c, replica, table); !n)
                return readingFromServer(table, n.error());
        // The import history (the banner "analytics are older than the data").
        if (auto n = copyServerImportLog(c, replica); !n) return n.error();
        // The branch's settings (the pages show them, the Settings dialog edits them) and
        // its surveys (Today's survey calls, the answers' scores), not a desk's defaults.
        if (auto s = copyServerSettings(c, replica); !s) return s;
        return copyServerSurveys(c, replica);
    });
    if (!snap) return snap;
    if (auto s = keepLoginsPeople(c, replica); !s) return s.error();
    // The planner's statistics of the copy, bounded as the demo book writer's: without them
    // one client's trades are a scan of every trade instead of a seek per month (the client
    // pane of a 20,000-client replica: 55-440 ms instead of a few).
    if (auto s = replica.exec("PRAGMA analysis_limit=1000; ANALYZE;"); !s) return s.error();
    return snap;
}

Status keepLoginsPeople(PgConnection& c, Database& copy) {
    auto me = bookLogin(c);
    if (!me) return me.error();
    const std::string &role = me->role, &broker = me->broker, &branch = me->branch;
    // A broker keeps their own entry, a branch manager the branch's brokers; the whole firm's
    // manager (no branch), the batch and the administrator everyone.
    const char* people = nullptr;
    if (role == "broker")
        people = "DELETE FROM brokers WHERE broker_id <> ?1 AND broker_id NOT IN "
                 "(SELECT broker_id FROM clients)";
    else if (role == "manager" && !branch.empty())
        people = "DELETE FROM brokers WHERE COALESCE(branch_id, '') <> ?1 AND broker_id NOT IN "
                 "(SELECT broker_id FROM clients)";
    if (!people) return Status::success();
    Transaction tx(copy);
    if (!tx.began()) return tx.began();
    auto st = copy.prepare(people);
    if (!st) return st.error();
    st->bind(1, role == "broker" ? broker : branch);
    if (auto s = st->run(); !s) return s;
    auto branches = copy.prepare(
        "DELETE FROM branches WHERE branch_id <> ?1 AND branch_id NOT IN (SELECT branch_id "
        "FROM brokers WHERE branch_id IS NOT NULL) AND branch_id NOT IN (SELECT branch_id FROM "
        "clients WHERE branch_id IS NOT NULL)");
    if (!branches) return branches.error();
    branches->bind(1, branch);
    if (auto s = branches->run(); !s) return s;
    return tx.commit();
}

Result<ClientPull> pullClients(PgConnection& c, Database& replica,
                               const std::vector<std::int64_t>& refs) {
    ClientPull out;
    if (refs.empty()) return out;
    std::vector<std::int64_t> sorted = refs;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    const PgParams array(joined(sorted, '{', '}'));
    const std::string json = joined(sorted, '[', ']');

    // The client row is deleted and inserted again under its children (whose deletes would
    // otherwise cascade to its results): the rows come from the server, which checked them.
    ForeignKeysOff fk(replica);
    auto tx = PgTransaction::begin(c, PgTransaction::Isolation::ReadOnlySnapshot);
    if (!tx) return tx.error();
    Transaction local(replica);
    if (!local.began()) return local.began().error();
    auto mergesBefore = localMerges(replica, json);
    if (!mergesBefore) return mergesBefore.error();

    for (auto it = kClientTables.rbegin(); it != kClientTables.rend(); ++it) {
        auto st = replica.prepare("DELETE FROM " + std::string(it->name) + " WHERE " +
                                  std::string(it->local_where));
        if (!st) return st.error();
        st->bind(1, json);
        if (auto s = st->run(); !s) return s.error();
    }
    std::string list;
    for (const ClientTable& t : kClientTables) {
        auto names = selectList(c, t.name, list);
        if (!names) return names.error();
        auto n = insertRows(c, replica, t.name, *names,
                            "SELECT " + list + " FROM " + std::string(t.name) + " WHERE " +
                                std::string(t.server_where),
                            array, t.name == "client_relations"); // seen from either side
        if (!n) return n.error();
        out.rows += *n;
        if (t.name != "clients") continue;
        auto seen = c.query("SELECT id FROM clients WHERE id = ANY($1::bigint[])", array);
        if (!seen) return seen.error();
        std::set<std::int64_t> present;
        for (int i = 0; i < seen->size(); ++i) present.insert(seen->int64(i, 0));
        for (std::int64_t r : sorted) (present.count(r) ? out.present : out.gone).push_back(r);
    }
    // A tag a desk made comes with the client that wears it; colours change for everyone.
    if (auto s = replica.exec("DELETE FROM tags"); !s) return s.error();
    auto tagNames = selectList(c, "tags", list);
    if (!tagNames) return tagNames.error();
    auto tags = insertRows(c, replica, "tags", *tagNames, "SELECT " + list + " FROM tags",
                           PgParams(), false);
    if (!tags) return tags.error();
    // The journal is append-only here as there: its new rows only.
    auto auditNames = selectList(c, "audit_log", list);
    if (!auditNames) return auditNames.error();
    auto audit = insertRows(
        c, replica, "audit_log", *auditNames,
        "SELECT " + list + " FROM audit_log WHERE client_ref = ANY($1::bigint[])", array, true);
    if (!audit) return audit.error();
    out.rows += *audit;
    // A merge (or its undo) moved trades, snapshots and positions between two clients: both
    // clients' history is read again.
    auto moved = mergeMoved(c, array, sorted, *mergesBefore);
    if (!moved) return moved.error();
    if (!moved->empty()) {
        auto n = pullHistory(c, replica, *moved);
        if (!n) return n.error();
        out.rows += *n;
        out.merged = std::move(*moved);
    }
    if (auto s = removeGone(replica, out.gone); !s) return s.error();
    if (auto s = tx->commit(); !s) return s.error();
    if (auto s = local.commit(); !s) return s.error();
    return out;
}

Result<std::vector<int>> pullSegmentNames(PgConnection& c, Database& replica) {
    // The replica holds the server's runs under their ids (copyServerBook): the newest
    // segmentation as the server finds it (PgRecordStore::renameSegment).
    auto r = c.query(std::string("SELECT s.run_id, s.segment_id, s.name_zh, s.name_en, "
                                 "s.name_edited, s.name_fact FROM segments s WHERE s.run_id = ") +
                     kPgNewestSegmentRun + " ORDER BY s.segment_id");
    if (!r) return r.error();
    std::vector<int> renamed;
    Transaction local(replica);
    auto st = replica.prepare("UPDATE segments SET name_zh = ?3, name_en = ?4, name_edited = ?5, "
                              "name_fact = ?6 WHERE run_id = ?1 AND segment_id = ?2 AND "
                              "(name_zh <> ?3 OR name_en <> ?4)");
    if (!st) return st.error();
    for (int i = 0; i < r->size(); ++i) {
        st->reset();
        st->bindAll(r->int64(i, 0), r->int32(i, 1), r->text(i, 2), r->text(i, 3), r->int32(i, 4),
                    r->text(i, 5));
        if (auto s = st->run(); !s) return s.error();
        if (replica.changes() > 0) renamed.push_back(r->int32(i, 1));
    }
    if (auto s = local.commit(); !s) return s.error();
    return renamed;
}

Result<std::int64_t> replicaContactsOf(Database& replica, const std::vector<std::int64_t>& refs) {
    auto st = replica.prepare(
        "SELECT count(*) FROM contacts WHERE client_ref IN (SELECT value FROM json_each(?1))");
    if (!st) return st.error();
    st->bind(1, joined(refs, '[', ']'));
    std::int64_t n = 0;
    if (auto found = st->first([&](const Statement& r) { n = r.int64(0); }); !found)
        return found.error();
    return n;
}

} // namespace bd::storage
