#include "storage/pg/pgkeptcopy.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <system_error>

#include "core/clock.h"
#include "storage/book/clientrefs.h"
#include "storage/pg/pgchanges.h"
#include "storage/pg/pgschema.h"
#include "storage/pg/pgschema_v14_change_tracking.h"
#include "storage/pg/pgschema_v16_batch_copy_token.h"
#include "storage/pg/pgschema_v17_batch_copies.h"

namespace bd::storage {
namespace {

/// The small tables no change is tracked in (server schema v14): copied whole each night, as a
/// copy made whole copies them (pgbatch.cpp's sources), in dependency order. `segments` is a
/// result table, but the one people write on a server (a manager's segment names, schema v11):
/// a rename moves no run, no token and no tracked row, and the next run carries the typed name
/// forward, so its few rows (k a run) are read whole too.
constexpr std::array<std::string_view, 6> kUntracked = {
    "branches", "brokers", "securities", "tags", "client_relations", "segments"};

/// Caches a copy's readers build and trust while what they count has not moved (the client
/// summary's fingerprint counts rows, not changes in place): emptied with each apply, so their
/// readers make them again as in a copy made whole.
constexpr std::array<std::string_view, 2> kCaches = {"client_summary_state",
                                                     "segment_scatter_cache"};

std::string serverTooOldReason(int version) {
    return "the server's schema is version " + std::to_string(version) +
           "; a kept copy follows a server of version " +
           std::to_string(kServerBatchCopyTokenVersion) +
           " or newer (upgrade it: brokerdesk-cli server init)";
}

std::string resetReason(const ServerChanges& c) {
    switch (c.reset) {
    case ChangesReset::NotTracked:
        return "the server's schema tracks no changes (older than version 14)";
    case ChangesReset::BeforeTracking:
        return "the copy predates the server's change tracking";
    case ChangesReset::TableEmptied:
        return "the server's " + c.reset_table + " was emptied since (a first load)";
    case ChangesReset::ServerBehind:
        return "the server is behind the copy (restored from a backup)";
    case ChangesReset::Pruned:
        return "the server pruned the removals the copy needs (its snapshot's xmin " +
               c.since_xmin + " is before the prune's horizon " + c.pruned_before +
               ": the server forgot it, not seen for " + std::to_string(kBatchCopyRetentionDays) +
               " days, or never knew it, another batch machine's copy)";
    case ChangesReset::None:
        break;
    }
    return {};
}

/// A value from the server bound as a copy made whole stores it (pgbatch.cpp, RowChunk).
Status bindServerValue(Statement& st, int index, char kind, bool null, std::string_view v) {
    if (null) {
        st.bindNull(index);
        return {};
    }
    if (kind == 'r') {
        st.bind(index, std::strtod(std::string(v).c_str(), nullptr));
        return {};
    }
    if (kind != 'i') {
        st.bind(index, v);
        return {};
    }
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size())
        return makeError(ErrorCode::Internal,
                         "not an integer from the server: '" + std::string(v.substr(0, 40)) + "'");
    st.bind(index, n);
    return {};
}

/// Row `row` of `rows`, its columns `at` (stored as `kinds` say), bound to parameters 1, 2, ...
Status bindServerRow(Statement& st, const PgRows& rows, int row, const std::vector<std::size_t>& at,
                     const std::vector<char>& kinds) {
    for (std::size_t k = 0; k < at.size(); ++k) {
        const int col = static_cast<int>(at[k]);
        if (auto s = bindServerValue(st, static_cast<int>(k) + 1, kinds[k], rows.isNull(row, col),
                                     rows.textView(row, col));
            !s)
            return s;
    }
    return {};
}

/// The newest results a book holds: analytics run, plan run, KPI month's computation.
struct NewestResults {
    std::int64_t analytics_run = 0, plan_run = 0, kpi_computed = 0;
    bool operator==(const NewestResults&) const = default;
};

constexpr std::string_view kNewestSql =
    "SELECT (SELECT max(id) FROM analytics_runs), (SELECT max(id) FROM plan_runs), "
    "(SELECT max(computed_at) FROM kpi_months)";

Result<NewestResults> newestOnServer(PgConnection& c) {
    auto r = c.query(kNewestSql);
    if (!r) return r.error();
    NewestResults n;
    for (auto [col, field] :
         {std::pair{0, &n.analytics_run}, std::pair{1, &n.plan_run}, std::pair{2, &n.kpi_computed}})
        *field = r->isNull(0, col) ? 0 : r->int64(0, col);
    return n;
}

Result<NewestResults> newestInCopy(Database& copy) {
    auto st = copy.prepare(kNewestSql);
    if (!st) return st.error();
    NewestResults n;
    auto found = st->first([&](const Statement& r) {
        n = {r.optInt64(0).value_or(0), r.optInt64(1).value_or(0), r.optInt64(2).value_or(0)};
    });
    if (!found) return found.error();
    return n;
}

/// One tracked table's changes applied: the removed keys deleted, then each changed row
/// deleted under its key and inserted whole (an insert fires none of the copy's update
/// triggers: the row is the server's as it is). Foreign keys are off for the apply: the
/// server's rows satisfy them, and a delete must not cascade.
Status applyTable(PgConnection& c, Database& copy, const TableChanges& t, KeptCopyApply& out) {
    const auto tracked = std::find_if(kTrackedTables.begin(), kTrackedTables.end(),
                                      [&](const TrackedTable& x) { return x.name == t.table; });
    if (tracked == kTrackedTables.end())
        return makeError(ErrorCode::Internal, "changes of an untracked table " + t.table);
    auto kinds = serverColumnKinds(c, t.table);
    if (!kinds) return kinds.error();
    const auto kindOf = [&](std::string_view col) {
        for (const auto& [name, kind] : *kinds)
            if (name == col) return kind;
        return 't';
    };
    // Names from the storage layer's table list and the server's catalogue, never input.
    std::string where;
    std::vector<std::size_t> keyAt; // each key column's place among t.columns
    std::vector<char> keyKind;
    for (std::string_view k : tracked->key) {
        if (k.empty()) break;
        where += std::string(where.empty() ? "" : " AND ") + std::string(k) + " = ?" +
                 std::to_string(keyKind.size() + 1);
        keyKind.push_back(kindOf(k));
        const auto at = std::find(t.columns.begin(), t.columns.end(), k);
        if (at == t.columns.end())
            return makeError(ErrorCode::Internal, t.table + " has no key column " + std::string(k));
        keyAt.push_back(static_cast<std::size_t>(at - t.columns.begin()));
    }
    auto del = copy.prepare("DELETE FROM " + t.table + " WHERE " + where);
    if (!del) return del.error();
    std::vector<std::size_t> goneAt; // a removal's key: its first columns
    for (std::size_t k = 0; k < keyKind.size(); ++k) goneAt.push_back(k);
    for (int i = 0; i < t.gone.size(); ++i) {
        if (auto s = bindServerRow(*del, t.gone, i, goneAt, keyKind); !s) return s;
        if (auto s = del->run(); !s) return s;
        ++out.rows_gone;
    }
    std::string cols, params;
    std::vector<std::size_t> colAt;
    std::vector<char> colKind;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        cols += (i ? ", " : "") + t.columns[i];
        params += (i ? ", ?" : "?") + std::to_string(i + 1);
        colAt.push_back(i);
        colKind.push_back(kindOf(t.columns[i]));
    }
    auto ins = copy.prepare("INSERT INTO " + t.table + " (" + cols + ") VALUES (" + params + ")");
    if (!ins) return ins.error();
    for (int i = 0; i < t.rows.size(); ++i) {
        if (auto s = bindServerRow(*del, t.rows, i, keyAt, keyKind); !s) return s;
        if (auto s = del->run(); !s) return s;
        if (auto s = bindServerRow(*ins, t.rows, i, colAt, colKind); !s) return s;
        if (auto s = ins->run(); !s) return s;
        ++out.rows_written;
    }
    return {};
}

Status emptyCaches(Database& copy) {
    for (std::string_view t : kCaches) {
        auto exists =
            copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
        if (!exists) return exists.error();
        exists->bind(1, t);
        auto found = exists->first([] {});
        if (!found) return found.error();
        if (*found)
            if (auto s = copy.exec("DELETE FROM " + std::string(t)); !s) return s;
    }
    return {};
}

} // namespace

Result<ServerIdentity> serverIdentity(PgConnection& c) {
    ServerIdentity id;
    auto r = c.query("SELECT (SELECT system_identifier FROM pg_control_system())::text, "
                     "current_database()");
    if (!r) return r.error();
    id.system_id = r->text(0, 0);
    id.database = r->text(0, 1);
    id.login = c.user();
    auto v = serverSchemaVersion(c);
    if (!v) return v.error();
    id.server_schema = *v;
    return id;
}

Result<std::map<std::string, std::string>> readKeptCopyState(Database& copy) {
    std::map<std::string, std::string> out;
    if (auto s = copy.exec("CREATE TABLE IF NOT EXISTS kept_copy_state (key TEXT PRIMARY KEY, "
                           "value TEXT NOT NULL)");
        !s)
        return s.error();
    auto st = copy.prepare("SELECT key, value FROM kept_copy_state");
    if (!st) return st.error();
    if (auto s = st->forEach([&](const Statement& r) { out[r.text(0)] = r.text(1); }); !s)
        return s.error();
    return out;
}

Status writeKeptCopyState(Database& copy, const std::map<std::string, std::string>& values) {
    Transaction tx(copy);
    if (!tx.began()) return tx.began();
    if (auto s = copy.exec("CREATE TABLE IF NOT EXISTS kept_copy_state (key TEXT PRIMARY KEY, "
                           "value TEXT NOT NULL)");
        !s)
        return s;
    auto st = copy.prepare("INSERT INTO kept_copy_state(key, value) VALUES (?1, ?2) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    if (!st) return st.error();
    for (const auto& [k, v] : values)
        if (auto s = st->bindAll(k, v).run(); !s) return s;
    return tx.commit();
}

Status replaceChangedTradeDays(Database& db, const std::vector<TradeDayRow>& days) {
    auto get = db.prepare("SELECT packed FROM trade_days WHERE block = ?1 AND client_ref = ?2");
    auto del = db.prepare("DELETE FROM trade_days WHERE block = ?1 AND client_ref = ?2");
    auto put = db.prepare("INSERT INTO trade_days(block, client_ref, day_count, last_day, packed) "
                          "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!get) return get.error();
    if (!del) return del.error();
    if (!put) return put.error();
    std::vector<TradeDayRow> stored, merged;
    for (std::size_t i = 0; i < days.size();) {
        const std::int64_t ref = days[i].client_ref, block = tradeDayBlockOf(days[i].day);
        std::size_t end = i;
        while (end < days.size() && days[end].client_ref == ref &&
               tradeDayBlockOf(days[end].day) == block)
            ++end;
        stored.clear();
        get->reset(); // first() leaves a statement that found no row stepped to its end
        get->bindAll(block, ref);
        bool valid = true;
        auto found = get->first(
            [&](const Statement& r) { valid = unpackTradeDays(ref, block, r.blob(0), stored); });
        if (!found) return found.error();
        if (!valid)
            return makeError(ErrorCode::Internal, "a damaged trade_days block in the kept copy");
        // Both sorted by day: the changed days replace the stored ones.
        merged.clear();
        std::size_t s = 0;
        for (std::size_t k = i; k < end; ++k) {
            while (s < stored.size() && stored[s].day < days[k].day) merged.push_back(stored[s++]);
            if (s < stored.size() && stored[s].day == days[k].day) ++s;
            if (days[k].trades > 0) merged.push_back(days[k]);
        }
        merged.insert(merged.end(), stored.begin() + static_cast<std::ptrdiff_t>(s), stored.end());
        if (auto st = del->bindAll(block, ref).run(); !st) return st;
        if (!merged.empty()) {
            const std::string packed = packTradeDays(block, merged.data(), merged.size());
            put->bindAll(block, ref, static_cast<std::int64_t>(merged.size()), merged.back().day);
            put->bindBlob(5, packed);
            if (auto st = put->run(); !st) return st;
        }
        i = end;
    }
    return {};
}

Result<KeptCopyApply> applyServerChanges(PgConnection& c, Database& copy) {
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    KeptCopyApply out;
    auto state = readKeptCopyState(copy);
    if (!state) return state.error();
    const std::string since = (*state)["snapshot"], token = (*state)["token"];
    if (since.empty()) {
        out.rebuild_reason = "the copy records no snapshot";
        return out;
    }
    // A server older than v16 writes no token: the copy could never prove its results are the
    // server's, so it is made whole each night until the server is upgraded. Said so, not
    // blamed on the token.
    auto version = serverSchemaVersion(c);
    if (!version) return version.error();
    if (*version < kServerBatchCopyTokenVersion) {
        out.rebuild_reason = serverTooOldReason(*version);
        return out;
    }
    auto tx = PgTransaction::begin(c, PgTransaction::Isolation::ReadOnlySnapshot);
    if (!tx) return tx.error();
    auto changes = changesSince(c, since);
    if (!changes) return changes.error();
    if (changes->reset != ChangesReset::None) {
        out.rebuild_reason = resetReason(*changes);
        return out;
    }
    // The results the copy holds are the server's: the token written with them, and the newest
    // of each kind (a batch of an older build writes no token).
    auto serverToken = c.query("SELECT value FROM bd_meta WHERE key = $1",
                               PgParams(std::string(kBatchCopyTokenKey)));
    if (!serverToken) return serverToken.error();
    if (token.empty() || serverToken->empty() || serverToken->text(0, 0) != token) {
        out.rebuild_reason = "the server's results are not the copy's (the token differs: "
                             "written by another batch, or the server was restored)";
        return out;
    }
    auto onServer = newestOnServer(c);
    if (!onServer) return onServer.error();
    auto inCopy = newestInCopy(copy);
    if (!inCopy) return inCopy.error();
    if (!(*onServer == *inCopy)) {
        out.rebuild_reason = "the server's newest results are not the copy's";
        return out;
    }
    out.read_ms = msSince(t0);
    const auto t1 = Clock::now();
    // The small tables are read whole: a scan is their plan (changesSince turned scans off).
    if (auto s = c.run("SET LOCAL enable_seqscan = on"); !s) return s.error();
    // Off while the server's changes are applied (set outside a transaction, as SQLite
    // wants), then as they were however the apply ends.
    const ForeignKeysOff fk(copy);
    auto enforced = queryInt(copy, "PRAGMA foreign_keys");
    if (!enforced) return enforced.error();
    if (*enforced != 0)
        return makeError(ErrorCode::Internal,
                         "the kept copy's foreign keys could not be turned off");
    Transaction local(copy);
    if (!local.began()) return local.began().error();
    for (const TableChanges& t : changes->tables)
        if (auto s = applyTable(c, copy, t, out); !s) return s.error();
    if (auto s = replaceChangedTradeDays(copy, changes->trade_days); !s) return s.error();
    out.trade_days = static_cast<std::int64_t>(changes->trade_days.size());
    for (std::string_view t : kUntracked) {
        if (auto s = copy.exec("DELETE FROM " + std::string(t)); !s) return s.error();
        auto n = copyServerTable(c, copy, t);
        if (!n) return readingFromServer(t, n.error());
        out.small_rows += *n;
    }
    if (auto s = emptyCaches(copy); !s) return s.error();
    if (auto s = writeKeptCopyState(copy, {{"snapshot", changes->snapshot}}); !s) return s.error();
    if (auto s = local.commit(); !s) return s.error();
    if (auto s = tx->commit(); !s) return s.error();
    out.snapshot.snapshot = changes->snapshot;
    out.snapshot.analytics_run_max = inCopy->analytics_run;
    out.snapshot.plan_run_max = inCopy->plan_run;
    out.snapshot.kpi_computed_max = inCopy->kpi_computed;
    if (auto s = noteResultsBefore(copy, out.snapshot); !s) return s.error();
    out.apply_ms = msSince(t1);
    out.snapshot.read_ms = out.read_ms;
    return out;
}

Status keepResults(Database& copy, const std::string& token) {
    Transaction tx(copy);
    if (!tx.began()) return tx.began();
    for (const auto& [table, newestOnly] : serverResultTables()) {
        if (!newestOnly) continue;
        const std::string t(table);
        if (auto s = copy.exec("DELETE FROM " + t + " WHERE run_id < (SELECT max(run_id) FROM " +
                               t + ")");
            !s)
            return s;
    }
    if (auto s = writeKeptCopyState(copy, {{"token", token}}); !s) return s;
    return tx.commit();
}

} // namespace bd::storage
