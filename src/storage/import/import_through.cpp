// A run of importFiles into a RowSink (import_sink.h): the same files in the same order, the
// same checks and the same decision to keep or discard the run; the sink writes.
#include "storage/import/import_kinds.h"
#include "storage/import/import_sink.h"

namespace bd::storage::imp {

Result<ImportReport> importThrough(RowSink& sink, const ImportFiles& files,
                                   const ImportOptions& options,
                                   const std::function<Status()>& commit) {
    if (auto s = checkRun(files, options); !s) return s.error();
    ImportReport report;
    ParseState ctx{options, {}, {}, {}, {}, {}};
    if (auto s = sink.loadClients(ctx.clients); !s) return s.error();
    if (auto s = runFiles(
            ctx, files, report,
            [&](ImportKind kind, const std::string& path, FileReport& rep) {
                return kindEntry(kind).sink(ctx, sink, path, rep);
            },
            [&] { return sink.loadClients(ctx.clients); });
        !s)
        return s.error();
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
