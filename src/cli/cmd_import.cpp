// `import`: load interchange CSV files into a book (strict by default, or lenient with rejects).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "storage/book/clientsummary.h"
#include "storage/import/importer.h"
#include "storage/pg/pgconnection.h"
#include "storage/pg/pgimport.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

constexpr std::size_t kMaxPrinted = 50;

/// A one-line progress bar on stderr, redrawn at most ten times a second.
class ProgressBar {
  public:
    void update(const storage::ImportProgress& p) {
        const auto now = std::chrono::steady_clock::now();
        if (p.bytes_done < p.bytes_total && now - m_last < std::chrono::milliseconds(100)) return;
        m_last = now;
        const double frac =
            p.bytes_total ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total)
                          : 1.0;
        const int filled = static_cast<int>(frac * 30);
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.append(static_cast<std::size_t>(30 - filled), '.');
        std::fprintf(stderr, "\r%-10s [%s] %3d%% %lld rows",
                     std::string(storage::importKindName(p.kind)).c_str(), bar.c_str(),
                     static_cast<int>(frac * 100), static_cast<long long>(p.rows));
        m_drawn = true;
    }
    void finish() {
        if (m_drawn) std::fprintf(stderr, "\r%*s\r", 70, "");
    }

  private:
    std::chrono::steady_clock::time_point m_last{};
    bool m_drawn = false;
};

int run(const Args& a) {
    storage::ImportFiles files;
    files.securities = a.get("securities");
    files.clients = a.get("clients");
    files.trades = a.get("trades");
    files.assets = a.get("assets");
    files.contacts = a.get("contacts");
    files.positions = a.get("positions");
    if (!files.securities && !files.clients && !files.trades && !files.assets && !files.contacts &&
        !files.positions) {
        std::cerr << "brokerdesk-cli import: name at least one file (--clients, --trades, ...)\n";
        return kUsage;
    }
    storage::ImportOptions options;
    auto enc = storage::parseEncoding(a.get("encoding", "auto"));
    if (!enc) {
        std::cerr << "brokerdesk-cli import: --encoding must be auto, utf-8 or gb18030\n";
        return kUsage;
    }
    options.encoding = *enc;
    options.lenient = a.has("lenient");
    options.rejects_path = a.get("rejects", "");
    if (options.lenient != !options.rejects_path.empty()) {
        std::cerr << "brokerdesk-cli import: --lenient and --rejects F go together\n";
        return kUsage;
    }
    if (a.has("memory-rows")) {
        auto rows = a.getInt("memory-rows", 0);
        if (!rows || *rows < 1000) {
            std::cerr << "brokerdesk-cli import: --memory-rows must be a whole number of at least "
                         "1000\n";
            return kUsage;
        }
        options.memory_rows = static_cast<std::size_t>(*rows);
    }
    // The problems' words (their facts worded by the phrasebook): --lang zh or en.
    const auto lang = langOption(a);
    if (!lang) return reportError(lang.error());
    ProgressBar bar;
    if (isatty(STDERR_FILENO))
        options.progress = [&bar](const storage::ImportProgress& p) { bar.update(p); };

    // A branch server (the nightly batch's login) or a desk's book file.
    const std::string location = *a.get("db");
    std::optional<storage::Database> db;
    Result<storage::ImportReport> report = makeError(ErrorCode::Internal, "import: not run");
    if (storage::isServerLocation(location)) {
        auto c = storage::PgConnection::connect(location);
        if (!c) return reportError(c.error());
        report = storage::importToServer(*c, files, options);
    } else {
        auto book = storage::openBook(location);
        if (!book) return reportError(book.error());
        db = std::move(*book);
        report = storage::importFiles(*db, files, options);
    }
    bar.finish();
    if (!report) return reportError(report.error());
    const phrase::Lang l = *lang;
    for (const auto& f : report->files) {
        const phrase::ImportedRows rows{f.rows_new, f.rows_updated, f.rows_unchanged,
                                        f.rows_rejected};
        std::cout << phrase::importedFile(storage::importKindName(f.kind), f.path, rows,
                                          report->committed, f.encoding, l)
                  << "\n";
        if (!f.unknown_columns.empty())
            std::cerr << "brokerdesk-cli import: "
                      << phrase::ignoredColumns(f.path, f.unknown_columns, l) << "\n";
    }
    const auto& errors = report->errors;
    for (std::size_t i = 0; i < errors.size() && i < kMaxPrinted; ++i) {
        // English keeps the documented `file:line:column: column 'name': reason (value)` that
        // scripts read (docs/formats.md); another language is the phrasebook's located words.
        std::cerr << (l == phrase::Lang::En ? errors[i].toString() : phrase::located(errors[i], l));
        // The phrasebook's words serve the wizard too (it has its own choice of encoding): the
        // command line names its option here. (The English message names it already.)
        if (l != phrase::Lang::En && errors[i].refusal &&
            errors[i].refusal->fact.kind == RefusalKind::ImportAmbiguousEncoding)
            std::cerr << " (--encoding gb18030 | --encoding utf-8)";
        std::cerr << "\n";
    }
    if (errors.size() > kMaxPrinted)
        std::cerr << phrase::moreProblems(errors.size() - kMaxPrinted, l) << "\n";
    if (!report->committed) {
        std::cerr << "brokerdesk-cli import: " << phrase::importRejected(errors.size(), l) << "\n";
        return kRejected;
    }
    if (options.lenient && report->rejectedRows() > 0)
        std::cerr << "brokerdesk-cli import: "
                  << phrase::rowsRejectedTo(report->rejectedRows(), options.rejects_path, l)
                  << "\n";
    // The workstation's client list reads a per-client summary; bring it up to date now so the
    // next window opens without rebuilding it (a few seconds on a 100,000-client book), unless
    // the import kept it fresh (a fresh summary and only new trades: moved by deltas).
    // (A branch server keeps no summary table.)
    if (!db || report->client_summary_fresh) return kOk;
    if (auto fresh = storage::ensureClientSummaryFresh(*db); !fresh)
        std::cerr << "brokerdesk-cli import: "
                  << phrase::clientSummaryNotUpdated(phrase::refusal(fresh.error(), l), l) << "\n";
    return kOk;
}

} // namespace

Command makeImportCommand() {
    return catalogued("import", run);
}

} // namespace bd::cli
