// A run of importFiles into a RowSink (import_sink.h): the same files in the same order, the
// same checks and the same decision to keep or discard the run; the sink writes.
#include "storage/import/import_kinds.h"
#include "storage/import/import_sink.h"

namespace bd::storage::imp {

Result<ImportReport> importThrough(RowSink& sink, const ImportFiles& files,
                                   const ImportOptions& options,
                                   const std::function<Status()>& commit) {
    using KindFn = Status (*)(ParseState&, RowSink&, const std::string&, FileReport&);
    const struct {
        ImportKind kind;
        const std::optional<std::string>* path;
        KindFn run;
    } kinds[] = {
        {ImportKind::Securities, &files.securities, sinkSecurities},
        {ImportKind::Clients, &files.clients, sinkClients},
        {ImportKind::Trades, &files.trades, sinkTrades},
        {ImportKind::Assets, &files.assets, sinkAssets},
        {ImportKind::Contacts, &files.contacts, sinkContacts},
        {ImportKind::Positions, &files.positions, sinkPositions},
    };
    if (auto s = checkRun(files, options); !s) return s.error();
    ImportReport report;
    ParseState ctx{options, {}, {}, {}, {}, {}};
    if (auto s = sink.loadClients(ctx.clients); !s) return s.error();
    for (const auto& k : kinds) {
        if (!k.path->has_value()) continue;
        if (auto s = cancelled(ctx); !s) return s.error();
        FileReport rep;
        rep.kind = k.kind;
        rep.path = **k.path;
        if (!clientsRejected(ctx, k.kind, rep.path))
            if (auto s = k.run(ctx, sink, rep.path, rep); !s) return s.error();
        if (k.kind == ImportKind::Clients)
            if (auto s = sink.loadClients(ctx.clients); !s) return s.error();
        report.files.push_back(std::move(rep));
    }
    report.errors = std::move(ctx.errors);
    auto keep = endOfRun(ctx, report, options);
    if (!keep) return keep.error();
    if (options.dry_run) {
        report.would_commit = *keep;
        return report;
    }
    if (*keep) {
        const StageClock tCommit;
        if (auto s = commit(); !s) return s.error();
        report.stages.push_back(tCommit.done("commit"));
        report.committed = true;
    }
    return report;
}

} // namespace bd::storage::imp
