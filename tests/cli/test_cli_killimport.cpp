// kill -9 at any moment of an import leaves the book exactly as it was or complete: the import is
// one transaction, and its temporary files are unlinked when made. The import is run once to
// learn how long it takes on this build, then killed at points spread over that time; after
// each kill the book must hold the rows of before or of after, nothing between, and pass
// `check`.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "support/run.h"
#include "support/tempdir.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

std::string clientsCsv(int clients) {
    std::string s = "client_id,name,broker_id,open_date\n";
    for (int c = 0; c < clients; ++c) s += "C" + std::to_string(c) + ",客户,B1,2020-01-02\n";
    return s;
}

/// `count` trades from `first` on, spread over clients and days; grouped by client when asked
/// (the order that makes a first load spill its rows).
std::string tradesCsv(int first, int count, int clients, bool byClient) {
    std::string s =
        "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,commission\n";
    s.reserve(static_cast<std::size_t>(count) * 72);
    auto row = [&](int t) {
        const int client = t % clients;
        const int day = 1 + (t / clients) % 28;
        const int month = 1 + (t / (clients * 28)) % 12;
        char line[160];
        std::snprintf(line, sizeof line,
                      "T%08d,C%d,2024-%02d-%02d 10:%02d:%02d,600519.SH,%s,100,12.5,1250,1.25\n", t,
                      client, month, day, (t / 60) % 60, t % 60, t % 2 ? "buy" : "sell");
        s += line;
    };
    if (byClient) {
        for (int c = 0; c < clients; ++c)
            for (int t = first + c; t < first + count; t += clients) row(t);
    } else {
        for (int t = first; t < first + count; ++t) row(t);
    }
    return s;
}

long tradesIn(const std::string& book) {
    const auto r = bdtest::runCli("stats --db " + book);
    std::smatch m;
    static const std::regex kTrades("\"trades\": ([0-9]+)");
    if (r.exit_code != 0 || !std::regex_search(r.output, m, kTrades)) return -1;
    return std::stol(m[1]);
}

pid_t spawnCli(const std::vector<std::string>& args) {
    std::vector<std::string> all{BD_CLI_PATH};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, BD_CLI_PATH, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
}

void copyBook(const std::string& from, const std::string& to) {
    for (const char* s : {"", "-wal", "-shm", "-journal"}) {
        std::filesystem::remove(to + s);
        if (std::filesystem::exists(from + s)) std::filesystem::copy_file(from + s, to + s);
    }
}

/// Imports (`importArgs`) into copies of `base` (holding `before` trades), killed at points spread
/// over the time of a whole run; each book must then hold `before` or `after` trades and pass
/// check. Returns how many runs were killed before they ended (so the test knows it tested).
int killAtEveryStage(const bdtest::TempDir& dir, const std::string& base,
                     const std::vector<std::string>& importArgs, long before, long after) {
    const std::string full = dir.file("full.bdbook");
    copyBook(base, full);
    const auto start = Clock::now();
    auto args = [&](const std::string& book) {
        std::vector<std::string> all{"import", "--db", book};
        all.insert(all.end(), importArgs.begin(), importArgs.end());
        return all;
    };
    const pid_t whole = spawnCli(args(full));
    EXPECT_GT(whole, 0);
    int status = 0;
    waitpid(whole, &status, 0);
    const auto took = Clock::now() - start;
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    EXPECT_EQ(tradesIn(full), after);

    int killed = 0;
    constexpr int kPoints = 12;
    for (int k = 0; k < kPoints; ++k) {
        const std::string book = dir.file("killed" + std::to_string(k) + ".bdbook");
        copyBook(base, book);
        const pid_t pid = spawnCli(args(book));
        EXPECT_GT(pid, 0);
        std::this_thread::sleep_for(took * k / kPoints);
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        if (WIFSIGNALED(status)) ++killed;
        const long n = tradesIn(book);
        EXPECT_TRUE(n == before || n == after)
            << "killed at " << k << "/" << kPoints << ": " << n << " trades";
        const auto check = bdtest::runCli("check --db " + book);
        EXPECT_EQ(check.exit_code, 0)
            << "killed at " << k << "/" << kPoints << ": " << check.output;
    }
    return killed;
}

} // namespace

TEST(CliKillImport, AFirstLoadKilledAnywhereLeavesTheBookAsItWasOrComplete) {
    const bdtest::TempDir dir;
    const std::string base = dir.file("base.bdbook");
    const std::string clients = dir.write("clients.csv", clientsCsv(400));
    ASSERT_EQ(bdtest::runCli("import --db " + base + " --clients " + clients).exit_code, 0);
    // Grouped by client, at most 10,000 rows in memory: the load writes sorted runs to a
    // temporary file and merges them back.
    const std::string trades = dir.write("trades.csv", tradesCsv(0, 120000, 400, true));
    EXPECT_GT(
        killAtEveryStage(dir, base, {"--trades", trades, "--memory-rows", "10000"}, 0, 120000), 3);
}

TEST(CliKillImport, ANightlyImportKilledAnywhereLeavesTheBookAsItWasOrComplete) {
    const bdtest::TempDir dir;
    const std::string base = dir.file("base.bdbook");
    const std::string clients = dir.write("clients.csv", clientsCsv(400));
    const std::string history = dir.write("history.csv", tradesCsv(0, 60000, 400, false));
    ASSERT_EQ(
        bdtest::runCli("import --db " + base + " --clients " + clients + " --trades " + history)
            .exit_code,
        0);
    const std::string nightly = dir.write("nightly.csv", tradesCsv(60000, 40000, 400, false));
    EXPECT_GT(killAtEveryStage(dir, base, {"--trades", nightly}, 60000, 100000), 3);
}

TEST(CliKillImport, MemoryRowsIsAWholeNumberOfAtLeastAThousand) {
    const bdtest::TempDir dir;
    const std::string clients = dir.write("clients.csv", clientsCsv(3));
    for (const char* bad : {"0", "999", "lots", "-5"})
        EXPECT_EQ(bdtest::runCli("import --db " + dir.file("b.bdbook") + " --clients " + clients +
                                 " --memory-rows " + bad)
                      .exit_code,
                  1)
            << bad;
    EXPECT_EQ(bdtest::runCli("import --db " + dir.file("b.bdbook") + " --clients " + clients +
                             " --memory-rows 1000")
                  .exit_code,
              0);
}
