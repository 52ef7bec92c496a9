#include "cli/commands.h"

#include <cstdlib>

#include <fmt/format.h>

#include "phrasebook/phrasebook.h"
#include "storage/db/database.h"

#include <iostream>

namespace bd::cli {

namespace {
void append(std::vector<Command>& to, Command c) {
    to.push_back(std::move(c));
}
void append(std::vector<Command>& to, std::vector<Command> cs) {
    for (auto& c : cs) to.push_back(std::move(c));
}
} // namespace

const std::vector<Command>& commands() {
    static const std::vector<Command> kCommands = [] {
        std::vector<Command> c;
        append(c, makeInitCommand());
        append(c, makeImportCommand());
        append(c, makeStatsCommand());
        append(c, makeExportCommand());
        append(c, makeDemoCommand());
        append(c, makePortfolioCommand());
        append(c, makeRefreshCommand());
        append(c, makePolicyCommand());
        append(c, makeClvFitCommand());
        append(c, makePlanCommands());
        append(c, makeDeadlinesCommand());
        append(c, makeCalendarCommand());
        append(c, makeSettingsCommand());
        append(c, makeCheckCommand());
        append(c, makeKpiCommand());
        append(c, makeEvaluateCommand());
        append(c, makeSurveyCommand());
        append(c, makeClientCommands());
        append(c, makeMergeCommands());
        append(c, makeSearchCommand());
        append(c, makeBackupCommand());
        append(c, makeRestoreCommand());
        append(c, makeServerCommand());
        return c;
    }();
    return kCommands;
}

std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from <= s.size()) {
        const auto comma = s.find(',', from);
        std::string item = s.substr(from, comma == std::string::npos ? comma : comma - from);
        if (!item.empty()) out.push_back(std::move(item));
        if (comma == std::string::npos) break;
        from = comma + 1;
    }
    return out;
}

int exitCodeFor(const Error& e) {
    switch (e.code) {
    case ErrorCode::Usage:
        return kUsage;
    case ErrorCode::InvalidInput:
        return kRejected;
    default:
        return kFailure;
    }
}

namespace {
std::string g_command;                  // the command runCli is running, for messages
phrase::Lang g_lang = phrase::Lang::En; // its --lang, for the words of a refusal
} // namespace

void printKeptCopyNight(const services::ServerBatchTimings& t) {
    if (t.copy_rebuilt)
        std::cout << fmt::format("the batch's copy was made whole: {}\n", t.copy_reason);
    if (t.prune_deferred)
        std::cout << "the server's change log was busy: it is pruned the next night\n";
    else if (t.rows_gone_pruned > 0)
        std::cout << fmt::format("the server's change log: {} records no copy needs pruned in "
                                 "{:.0f} ms\n",
                                 t.rows_gone_pruned, t.prune_ms);
}

int reportError(const Error& e) {
    if (e.code == ErrorCode::Busy) {
        // Another program held the book for writing for longer than this one waited.
        const int waited = (storage::busyTimeoutMs() + 500) / 1000;
        const std::string what = g_command.empty() ? "the command" : g_command;
        std::cerr << "brokerdesk-cli " << what << ": the book "
                  << (e.file.empty() ? std::string("") : e.file + " ")
                  << "is being written by another program; " << what << " waited " << waited
                  << " s for it to finish, then stopped without changing anything. Run it "
                     "again when the other program is done (BROKERDESK_WAIT=seconds waits "
                     "longer). ["
                  << e.message << "]\n";
        return kFailure;
    }
    std::cerr << "brokerdesk-cli: " << phrase::refusal(e, g_lang) << "\n";
    return exitCodeFor(e);
}

Error expects(const std::string& name, std::string_view what, const std::string& got) {
    return makeError(ErrorCode::Usage,
                     "--" + name + " expects " + std::string(what) + ", got '" + got + "'");
}

Result<std::optional<Date>> dateOption(const Args& a, const std::string& name) {
    auto v = a.get(name);
    if (!v) return std::optional<Date>{};
    auto d = parseDate(*v);
    if (!d) return expects(name, "YYYY-MM-DD", *v);
    return std::optional<Date>{*d};
}

Result<int> intOption(const Args& a, const std::string& name, int fallback, int lo, int hi) {
    auto v = a.getInt(name, fallback);
    if (!v) return v.error();
    if (*v < lo || *v > hi)
        return makeError(ErrorCode::Usage,
                         hi == std::numeric_limits<int>::max()
                             ? fmt::format("--{} must be at least {}", name, lo)
                             : fmt::format("--{} must be {} to {}", name, lo, hi));
    return static_cast<int>(*v);
}

Result<phrase::Lang> langOption(const Args& a) {
    // The words the global --lang takes (zh-CN, ZH, english...): every command reads it alike.
    const std::string lang = a.get("lang", "en");
    if (auto l = phrase::parseLang(lang)) return *l;
    return expects("lang", "zh or en", lang);
}

int runSubcommand(const Args& a, std::string_view command, const Subcommands& subs) {
    const std::string sub = a.positionals().empty() ? "" : a.positionals()[0];
    std::string names;
    for (const auto& [name, run] : subs) {
        if (name == sub) return run(a);
        names += (names.empty() ? "" : ", ") + name;
    }
    std::cerr << "brokerdesk-cli " << command << ": name one of " << names << "\n";
    return kUsage;
}

const services::ClientLookup& tellMerged(const services::ClientLookup& found) {
    if (found.merged_from)
        std::cerr << "brokerdesk-cli: "
                  << phrase::mergedInto(*found.merged_from, found.record.client.client_id, g_lang)
                  << "\n";
    return found;
}

Result<services::ClientLookup> lookupClientNamed(storage::RecordStore& store,
                                                 const std::string& id) {
    auto found = services::lookupClient(store, id);
    if (found) tellMerged(*found);
    return found;
}

int waitSecondsFromEnvironment() {
    const char* v = std::getenv("BROKERDESK_WAIT");
    if (v == nullptr || *v == '\0') return kDefaultWaitSeconds;
    char* end = nullptr;
    const long s = std::strtol(v, &end, 10);
    return end != v && *end == '\0' && s >= 0 && s <= 24 * 3600 ? static_cast<int>(s)
                                                                : kDefaultWaitSeconds;
}

static void printUsage(std::ostream& out) {
    out << "usage: brokerdesk-cli <command> [options]\n\n"
           "BrokerDesk's engine, headless. Commands:\n";
    for (const auto& c : commands()) {
        std::string left = "  " + c.name;
        if (left.size() < 16) left.append(16 - left.size(), ' ');
        out << left << c.summary << "\n";
    }
    out << "\n`brokerdesk-cli <command> --help` describes a command.\n"
           "Exit codes: 0 success, 1 usage, 2 input rejected (nothing changed), 3 other failure.\n";
}

int runCli(const std::vector<std::string>& argv) {
    if (argv.empty() || argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") {
        printUsage(argv.empty() ? std::cerr : std::cout);
        return argv.empty() ? kUsage : kOk;
    }
    for (const auto& c : commands()) {
        if (c.name != argv[0]) continue;
        auto args = Args::parse({argv.begin() + 1, argv.end()}, c.options);
        if (!args) {
            std::cerr << "brokerdesk-cli " << c.name << ": " << args.error().message
                      << "\nusage: brokerdesk-cli " << c.synopsis << "\n";
            return kUsage;
        }
        if (args->helpRequested()) {
            std::cout << "usage: brokerdesk-cli " << c.synopsis << "\n\n"
                      << c.summary << "\n\n"
                      << formatOptions(c.options);
            return kOk;
        }
        g_command = c.name;
        g_lang = phrase::parseLang(args->get("lang", "en")).value_or(phrase::Lang::En);
        storage::setBusyTimeoutMs(waitSecondsFromEnvironment() * 1000);
        try {
            return c.run(*args);
        } catch (const std::exception& ex) {
            std::cerr << "brokerdesk-cli " << c.name << ": internal error: " << ex.what() << "\n";
            return kFailure;
        }
    }
    std::cerr << "brokerdesk-cli: unknown command '" << argv[0] << "'\n";
    printUsage(std::cerr);
    return kUsage;
}

} // namespace bd::cli
