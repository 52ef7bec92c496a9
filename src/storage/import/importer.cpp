#include "storage/import/importer.h"

#include "core/enumkeys.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "core/clock.h"
#include "storage/book/clientsummary.h"
#include "storage/book/tradedays.h"
#include "storage/db/bulkjournal.h"
#include "storage/import/import_kinds.h"
#include "storage/schema/tradelayout.h"

namespace bd::storage {
namespace {

Status writeLog(Database& db, const std::string& startedAt, const FileReport& r) {
    auto st = db.prepare(
        "INSERT INTO import_log(started_at, kind, file, encoding, rows_new, rows_updated, "
        "rows_unchanged, rows_rejected, status, message) VALUES(?,?,?,?,?,?,?,?,?,?)");
    if (!st) return st.error();
    std::string message;
    if (!r.unknown_columns.empty()) {
        message = "ignored columns:";
        for (const auto& c : r.unknown_columns) message += " " + c;
    }
    st->bind(1, std::string_view(startedAt))
        .bind(2, importKindName(r.kind))
        .bind(3, std::string_view(r.path))
        .bind(4, std::string_view(r.encoding))
        .bind(5, r.rows_new)
        .bind(6, r.rows_updated)
        .bind(7, r.rows_unchanged)
        .bind(8, r.rows_rejected)
        .bind(9, std::string_view(r.rows_rejected > 0 ? "partial" : "ok"))
        .bind(10, std::string_view(message));
    return st->run();
}

/// Speeds up the bulk write for the duration of the run; restores the settings afterwards.
class PragmaGuard {
  public:
    explicit PragmaGuard(Database& db) : m_db(db) {
        auto s = queryInt(db, "PRAGMA synchronous");
        auto c = queryInt(db, "PRAGMA cache_size");
        auto f = queryInt(db, "PRAGMA foreign_keys");
        if (s && c && f) {
            m_sync = *s;
            m_cache = *c;
            m_fk = *f;
            // threads: SQLite may sort for CREATE INDEX on a helper thread once parsing is done.
            // foreign_keys: every reference the importer writes is resolved from the book itself
            // (client ids from the clients table; brokers and branches are created first), so
            // the per-row lookups would only cost time. Pragmas must be set outside the
            // transaction.
            m_active =
                db.exec("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA threads=2; "
                        "PRAGMA foreign_keys=OFF")
                    .ok();
        }
    }
    ~PragmaGuard() {
        if (m_active)
            (void)m_db.exec("PRAGMA synchronous=" + std::to_string(m_sync) +
                            "; PRAGMA cache_size=" + std::to_string(m_cache) +
                            "; PRAGMA threads=0; PRAGMA foreign_keys=" + std::to_string(m_fk));
    }
    PragmaGuard(const PragmaGuard&) = delete;
    PragmaGuard& operator=(const PragmaGuard&) = delete;

  private:
    Database& m_db;
    std::int64_t m_sync = 2;
    std::int64_t m_cache = -2000;
    std::int64_t m_fk = 1;
    bool m_active = false;
};

/// A first load of the trades (the table is empty): it runs with a rollback journal
/// (db/bulkjournal.h), its new pages written once instead of to the WAL and again.
bool firstTradesLoad(Database& db, const ImportFiles& files) {
    if (!files.trades) return false;
    auto empty = queryInt(db, "SELECT NOT EXISTS (SELECT 1 FROM trades)");
    return empty && *empty;
}

} // namespace

constexpr auto kImportKindKeys =
    enumKeys<ImportKind>("securities", "clients", "trades", "assets", "contacts", "positions");

std::string_view importKindName(ImportKind kind) {
    return kImportKindKeys(kind);
}

std::vector<ImportColumn> importColumns(ImportKind kind) {
    std::vector<ImportColumn> out;
    for (const imp::ColumnSpec& spec : *imp::kindEntry(kind).columns) {
        ImportColumn c{std::string(spec.name), {}, spec.required};
        for (std::string_view a : spec.aliases) c.aliases.emplace_back(a);
        out.push_back(std::move(c));
    }
    return out;
}

std::int64_t ImportReport::rejectedRows() const {
    std::int64_t n = 0;
    for (const auto& f : files) n += f.rows_rejected;
    return n;
}

namespace {

/// True when the run's only writes to the client summary's sources (clients, trades, snapshots,
/// contacts) were the new trades on `added` (TradeDaysUpkeep::addedDays): no client, snapshot
/// or contact written, and as many new trades as the days hold.
bool onlyNewTrades(const ImportReport& report, const std::vector<TradeDayRow>& added) {
    std::int64_t onDays = 0, newTrades = 0;
    for (const TradeDayRow& d : added) onDays += d.trades;
    for (const FileReport& f : report.files) {
        if (f.kind == ImportKind::Trades) {
            newTrades += f.rows_new;
            if (f.rows_updated != 0) return false;
        } else if (f.kind == ImportKind::Clients || f.kind == ImportKind::Assets ||
                   f.kind == ImportKind::Contacts) {
            if (f.rows_new != 0 || f.rows_updated != 0) return false;
        }
    }
    return onDays == newTrades;
}

/// True when the run changed stored clients, trades, snapshots or contacts in place.
bool wroteRowsInPlace(const ImportReport& report) {
    return std::any_of(report.files.begin(), report.files.end(), [](const FileReport& f) {
        return f.rows_updated != 0 && f.kind != ImportKind::Securities &&
               f.kind != ImportKind::Positions;
    });
}

Result<ImportReport> runImport(Database& db, const ImportFiles& files,
                               const ImportOptions& options) {
    if (auto s = imp::checkRun(files, options); !s) return s.error();

    const std::string startedAt = nowIso();
    const bool firstLoad = firstTradesLoad(db, files);
    // A client summary fresh before a run that may only add trades is moved by deltas after it
    // (addTradesToClientSummary) instead of rebuilt by its next reader: O(book). Its freshness
    // is read before the run's large page cache (counting the trades would fill it: +250 MB),
    // and holds in the run's transaction when no other connection committed in between
    // (PRAGMA data_version, read again once the run holds the write lock).
    const imp::StageClock tFresh;
    std::optional<ClientSummaryState> summary;
    std::int64_t dataVersion = 0;
    const bool checkSummary = files.trades && !firstLoad && !options.dry_run;
    if (checkSummary) {
        auto version = queryInt(db, "PRAGMA data_version");
        if (!version) return version.error();
        dataVersion = *version;
        auto fresh = freshClientSummaryState(db);
        if (!fresh) return fresh.error();
        summary = std::move(*fresh);
    }
    const ImportStage freshStage = tFresh.done("client_summary_check");
    PragmaGuard pragmas(db);
    std::optional<BulkJournal> journal;
    if (firstLoad) journal.emplace(db);
    ImportReport report;
    if (checkSummary) report.stages.push_back(freshStage);
    imp::ImportContext ctx{{options, {}, {}, {}, {}, {}}, db, {}, {}, {}, {}, nullptr, {}};
    {
        Transaction tx(db, journal ? journal->lock() : Transaction::Lock::Immediate);
        if (!tx.began()) return tx.began().error();
        const imp::StageClock tClients;
        if (auto s = ctx.loadClients(); !s) return s.error();
        report.stages.push_back(tClients.done("clients"));
        if (summary) {
            auto version = queryInt(db, "PRAGMA data_version");
            if (!version) return version.error();
            if (*version != dataVersion) summary.reset(); // written in between: not known
        }
        auto tradeDays = TradeDaysUpkeep::begin(db);
        if (!tradeDays) return tradeDays.error();
        ctx.tradeDays = &*tradeDays;
        if (auto s = imp::runFiles(
                ctx, files, report,
                [&](ImportKind kind, const std::string& path, FileReport& rep) {
                    return imp::kindEntry(kind).import(ctx, path, rep);
                },
                [&] { return ctx.loadClients(); });
            !s)
            return s.error();
        report.errors = std::move(ctx.errors);
        auto decided = imp::endOfRun(ctx, report, options);
        if (!decided) return decided.error();
        const bool commit = *decided;
        // A dry run has counted what it would write; the transaction's end rolls it all back.
        if (options.dry_run) report.would_commit = commit;
        if (commit && !options.dry_run) {
            const imp::StageClock tDays;
            if (auto s = tradeDays->finish(); !s) return s.error();
            report.stages.push_back(tDays.done("trade_days"));
            if (summary && tradeDays->addedDays() &&
                onlyNewTrades(report, *tradeDays->addedDays())) {
                const imp::StageClock tSummary;
                auto moved = addTradesToClientSummary(db, *summary, *tradeDays->addedDays());
                if (!moved) return moved.error();
                report.client_summary_fresh = *moved;
                report.stages.push_back(tSummary.done("client_summary"));
            }
            // Rows changed in place leave the summary's fingerprint as it was: its next reader
            // is told to rebuild it.
            if (!report.client_summary_fresh && wroteRowsInPlace(report))
                if (auto s = markClientSummaryStale(db); !s) return s.error();
            std::int64_t addedTrades = 0;
            for (const auto& r : report.files)
                if (r.kind == ImportKind::Trades) addedTrades += r.rows_new;
            if (addedTrades > 0) {
                auto stale = tradesStatisticsStale(db, addedTrades);
                if (!stale) return stale.error();
                if (*stale)
                    if (auto s = refreshTradesStatistics(db); !s) return s.error();
            }
            for (const auto& r : report.files)
                if (auto s = writeLog(db, startedAt, r); !s) return s.error();
            const imp::StageClock tCommit;
            if (auto s = tx.commit(); !s) return s.error();
            report.stages.push_back(tCommit.done("commit"));
            report.committed = true;
        }
    }
    return report;
}

} // namespace

Result<ImportReport> importFiles(Database& db, const ImportFiles& files,
                                 const ImportOptions& options) {
    // The run's transaction is over (rolled back) by now, whatever stopped it.
    return imp::stoppedIfCancelled(runImport(db, files, options), options);
}

} // namespace bd::storage
