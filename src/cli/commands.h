#pragma once
// brokerdesk-cli's commands. Each lives in its own cmd_*.cpp; the table is in commands.cpp.
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.h"
#include "cli/readbook.h"
#include "core/moveinto.h"
#include "phrasebook/phrasebook.h"
#include "services/clientlookup.h"
#include "services/listexports.h"
#include "services/peopletable.h"
#include "services/serverbatch.h"
#include "storage/db/database.h"

namespace bd::cli {

/// Exit codes shared by every command.
enum ExitCode : int { kOk = 0, kUsage = 1, kRejected = 2, kFailure = 3 };

struct Command {
    std::string name;
    std::string synopsis; // "init --db F"
    std::string summary;  // one line
    std::vector<OptionSpec> options;
    std::function<int(const Args&)> run;
};

/// All commands, in the order `--help` lists them.
const std::vector<Command>& commands();

/// Entry point used by main(): dispatches, prints usage and errors, returns the exit code.
int runCli(const std::vector<std::string>& argv);

/// The items of a comma-separated list ("A,B,,C" -> A, B, C): client ids, filter terms.
std::vector<std::string> splitList(const std::string& s);

/// Maps an engine error to an exit code (InvalidInput -> 2, Usage -> 1, else 3).
int exitCodeFor(const Error& e);
/// Prints "brokerdesk-cli: <error>" to stderr and returns exitCodeFor(e).
int reportError(const Error& e);
/// Says on stderr, in the --lang, which client a merged client's id was merged into (nothing
/// for a client's own id); `found`.
const services::ClientLookup& tellMerged(const services::ClientLookup& found);
/// The client `id` names now, following merges (services/clientlookup.h); a merged client's
/// id says on stderr, in the --lang, which client it was merged into.
Result<services::ClientLookup> lookupClientNamed(storage::RecordStore& store,
                                                 const std::string& id);

/// After a batch night on a server's kept copy (refresh, plan): whether the copy was made whole
/// and why, and what the server's change log prune did.
void printKeptCopyNight(const services::ServerBatchTimings& t);

/// How long a command waits for another program's write to the book: BROKERDESK_WAIT seconds,
/// else this many (a batch job can afford to wait; the workstation waits kBusyTimeoutMs).
inline constexpr int kDefaultWaitSeconds = 30;
int waitSecondsFromEnvironment();

/// Usage error unless `out` names a .csv or .xlsx file (the exports for people).
Status requirePeopleOut(const std::string& out);
/// A subcommand (the first positional): runs the one named, else prints "brokerdesk-cli
/// <command>: name one of <names>" and returns kUsage.
using Subcommands = std::vector<std::pair<std::string, std::function<int(const Args&)>>>;
int runSubcommand(const Args& a, std::string_view command, const Subcommands& subs);
/// The day --`name` gives (YYYY-MM-DD); nullopt when not given; a Usage error naming the option
/// when it is not a day.
Result<std::optional<Date>> dateOption(const Args& a, const std::string& name);
/// --lang zh|en as the phrasebook's language (default English); Usage error for any other.
Result<phrase::Lang> langOption(const Args& a);
/// An integer option from `lo` to `hi` (`fallback` when absent); outside: a usage error naming
/// the range ("--days must be 1 to 60", or "--limit must be at least 1" with no upper bound).
Result<int> intOption(const Args& a, const std::string& name, int fallback, int lo,
                      int hi = std::numeric_limits<int>::max());
/// What a contact's --channel and --outcome take (core/enums.h's words).
inline constexpr std::string_view kChannelWords =
    "phone, sms, wechat, email, visit, seminar or other";
inline constexpr std::string_view kOutcomeWords =
    "reached, no_answer, callback, complaint or refused";
/// The usage error of an option's value: "--<name> expects <what>, got '<got>'".
Error expects(const std::string& name, std::string_view what, const std::string& got);
/// When --`name` is given, reads it with `parse` (which gives a Result) into `to`; the parse's
/// error otherwise.
template <typename T, typename Parse>
Status optionInto(T& to, const Args& a, const std::string& name, Parse parse) {
    if (auto v = a.get(name)) return moveInto(to, parse(*v));
    return {};
}
/// What every export for people starts with: the --out file (.xlsx or .csv), the --lang, and
/// the book, opened.
struct PeopleExport {
    std::string out;
    phrase::Lang lang = phrase::Lang::En;
    ReadBook book; // a desk's file, or what the login sees of a branch server
    /// --headers ids: the lists' column ids and codes for scripts (services::ExportWording).
    bool ids = false;
    services::ExportWording wording() const { return {lang, ids}; }
};
/// What a table export for people built: the table, the rows the audit trail counts, and the
/// line printed once the file is written and the export recorded.
struct PeopleExportTable {
    services::PeopleTable table;
    std::int64_t rows = 0;
    std::string said;
};
/// The steps every table export for people shares: open the book with --out and --lang, build
/// the table, write it, record the export `what`, print the line. The exit code.
int writePeopleExport(const Args& a, const std::string& what,
                      const std::function<Result<PeopleExportTable>(PeopleExport&)>& build);
/// The same for a table of the whole book in the --lang: "exported N <noun> to F".
int writePeopleExport(const Args& a, const std::string& what,
                      Result<services::PeopleTable> (*table)(storage::Database&,
                                                             services::ExportWording),
                      std::string_view noun);
/// A column of an export for people: its header is the phrasebook's label of the column id
/// (the id itself in English).
services::PeopleColumn peopleColumn(std::string_view id, services::ColumnKind kind, phrase::Lang l,
                                    int decimals = 2, bool wrap = false);

/// One kind of `export` (clients, trades, scores, calllist, ...): see cmd_export.cpp.
struct ExportKind {
    std::string name;
    std::string summary;
    std::function<int(const Args&)> run;
};

/// The command `name` with its help words (synopsis, summary, options) from the catalogue
/// cli/commands.json, running `run`. A name the catalogue lacks is a build defect (logic_error).
Command catalogued(std::string_view name, std::function<int(const Args&)> run);
/// The export kind `name` with its summary from the catalogue, running `run`.
ExportKind exportKind(std::string_view name, std::function<int(const Args&)> run);
/// Every name the catalogue describes: the commands, then "export <kind>" for each kind.
std::vector<std::string> catalogueNames();

// Command factories (one per cmd_*.cpp).
Command makeInitCommand();
Command makeStatsCommand();
Command makeExportCommand();
Command makeDemoCommand();
Command makeImportCommand();
Command makePortfolioCommand();
Command makeRefreshCommand();
Command makePolicyCommand();
Command makeClvFitCommand();
std::vector<Command> makePlanCommands();   // plan, log-contact, coverage (cmd_plan.cpp)
Command makeDeadlinesCommand();            // cmd_deadlines.cpp
Command makeCalendarCommand();             // cmd_calendar.cpp
Command makeSettingsCommand();             // cmd_settings.cpp
Command makeCheckCommand();                // cmd_check.cpp
std::vector<Command> makeMergeCommands();  // duplicates, merge, reassign (cmd_merge.cpp)
Command makeServerCommand();               // cmd_server.cpp
Command makeKpiCommand();                  // cmd_kpi.cpp
Command makeEvaluateCommand();             // cmd_evaluate.cpp
std::vector<Command> makeClientCommands(); // client, contact, audit, undo (cmd_client.cpp)
Command makeSearchCommand();               // cmd_search.cpp
Command makeBackupCommand();               // cmd_backup.cpp
Command makeRestoreCommand();              // cmd_backup.cpp
Command makeSurveyCommand();               // cmd_survey.cpp

/// Records an export in the book's audit trail (what, rows, masked, file): the desk's, or the
/// server's under the login; the exit code (0 or the error's). Each export command calls it once
/// after writing its file.
int recordExport(ReadBook& book, const std::string& what, std::int64_t rows, bool masked,
                 const std::string& file);

// Export kinds (one factory per kind; add yours to the list in cmd_export.cpp).
std::vector<ExportKind> makeInterchangeExports(); // clients, trades, assets, contacts, ...
std::vector<ExportKind> makeValueExports();       // scores, vip (export_value.cpp)
std::vector<ExportKind> makeSegmentExports();     // segments (export_segments.cpp)
std::vector<ExportKind> makePlanExports();        // calllist (cmd_plan.cpp)
std::vector<ExportKind> makeListExports();        // clientlist, coverage (export_lists.cpp)
std::vector<ExportKind> makeReviewExports();      // review PDF (export_review.cpp)
std::vector<ExportKind> makeReportExports();      // monthly branch report (cmd_kpi.cpp)

} // namespace bd::cli
