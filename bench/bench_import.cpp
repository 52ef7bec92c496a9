// Trades import speed: the sqlite3 shell's `.import` versus BrokerDesk's importer on the same
// trades CSV (issue #2 item 9, issue #16). A plain timed program that prints a table.
//   bench_import [rows=2000000] [clients=20000] [workdir=/tmp]
//       a generated file; BD_BENCH_ORDER=client groups it by client (as a history dump comes)
//       instead of time order
//   bench_import demo DIR [time|client]
//       first load of the demo book's trades (100,000 clients, 5 years: about 8.7M trades,
//       810 MB) in time order or grouped by client, against the shell
//   bench_import nightly DIR [book|empty]
//       20,000 next-day trades into the demo book, and into a book with the same clients and
//       no trades (both by default; one to measure its peak memory on its own)
// DIR caches the demo book and its files (built on first use, several minutes; delete it to
// start over): demo.bdbook, clients.csv, trades-time.csv, trades-client.csv, nightly.csv,
// empty.bdbook. Each run imports into a copy (work.bdbook). Peak resident memory is printed
// (getrusage); for the import alone run one case per process, e.g. under /usr/bin/time -v.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "demo/demogenerator.h"
#include "storage/book/exporter.h"
#include "storage/book/tradedays.h"
#include "storage/import/importer.h"
#include "storage/schema/schema.h"

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// User + system CPU seconds of this process (RUSAGE_SELF) or its waited-for children.
double cpuSeconds(int who) {
    rusage u{};
    getrusage(who, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double loadAverage() {
    double avg[1] = {0};
    return getloadavg(avg, 1) == 1 ? avg[0] : -1;
}

constexpr const char* kTradesHeader = "trade_id,client_id,trade_time,security_code,side,quantity,"
                                      "price,amount,commission,fees,channel\n";

/// A deterministic pseudo-random sequence (PCG's multiplier).
struct Lcg {
    std::uint64_t s;
    long operator()() {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<long>(s >> 33);
    }
};

/// Deterministic trades and clients files in the interchange format.
void generate(const std::string& clientsPath, const std::string& tradesPath, long rows,
              long clients) {
    std::FILE* c = std::fopen(clientsPath.c_str(), "wb");
    std::fprintf(c, "client_id,name,broker_id,branch_id,open_date,risk_level,status\n");
    for (long i = 0; i < clients; ++i)
        std::fprintf(c, "C%07ld,Client %ld,B%03ld,BR%02ld,2019-%02ld-%02ld,C%ld,active\n", i, i,
                     i % 120, i % 12, i % 12 + 1, i % 28 + 1, i % 5 + 1);
    std::fclose(c);
    std::FILE* t = std::fopen(tradesPath.c_str(), "wb");
    std::fputs(kTradesHeader, t);
    Lcg next{42};
    static const char* kChannels[] = {"online", "mobile", "phone", "counter"};
    for (long i = 0; i < rows; ++i) {
        const long client = next() % clients;
        const long qty = (next() % 50 + 1) * 100;
        const long priceFen = next() % 20000 + 100; // 1.00 .. 201.00
        const long amountFen = qty * priceFen;
        const long commissionFen = amountFen * 3 / 10000 + 500;
        const long day = i * 365 / rows; // time-ordered like a real export
        const long secs = 34200 + next() % 19800;
        std::fprintf(
            t,
            "T%010ld,C%07ld,2023-%02ld-%02ld "
            "%02ld:%02ld:%02ld,%06ld.%s,%s,%ld,%ld.%02ld,%ld.%02ld,%ld.%02ld,%ld.%02ld,%s\n",
            i + 1, client, day / 31 % 12 + 1, day % 28 + 1, secs / 3600, secs / 60 % 60, secs % 60,
            600000 + next() % 4000, "SH", next() % 2 ? "buy" : "sell", qty, priceFen / 100,
            priceFen % 100, amountFen / 100, amountFen % 100, commissionFen / 100,
            commissionFen % 100, amountFen / 100000, amountFen / 1000 % 100, kChannels[next() % 4]);
    }
    std::fclose(t);
}

/// Peak resident memory in MB of this process (RUSAGE_SELF) or its waited-for children.
double peakMb(int who) {
    rusage u{};
    getrusage(who, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

bool shell(const std::string& command) {
    const int rc = std::system(command.c_str());
    if (rc != 0) std::fprintf(stderr, "failed (%d): %s\n", rc, command.c_str());
    return rc == 0;
}

/// `from` (a CSV with a header) sorted stably by its 1-based `field` into `to`, by sort(1) so
/// that this process's peak memory stays that of the import.
bool sortCsv(const std::string& from, const std::string& to, int field) {
    const std::string k = std::to_string(field);
    return shell("(head -n 1 '" + from + "'; tail -n +2 '" + from + "' | LC_ALL=C sort -s -t, -k" +
                 k + "," + k + " -S 256M) > '" + to + "'");
}

struct Timed {
    double secs = 0, cpu = 0, peak = 0;
};

/// The sqlite3 shell's `.import` of `csv` into a table keyed by trade_id (WAL, synchronous
/// NORMAL, as a book is opened), in a fresh database in `dir`.
bool shellImport(const std::filesystem::path& dir, const std::string& csv, Timed& out) {
    const std::string db = (dir / "shell.db").string();
    for (const auto& p : {db, db + "-wal", db + "-shm", db + "-journal"})
        std::filesystem::remove(p);
    const std::string script = (dir / "shell.sql").string();
    if (std::FILE* f = std::fopen(script.c_str(), "wb")) {
        std::fprintf(
            f,
            "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\n"
            "CREATE TABLE trades(trade_id TEXT PRIMARY KEY, client_id TEXT, trade_time TEXT, "
            "security_code TEXT, side TEXT, quantity INTEGER, price REAL, amount REAL, "
            "commission REAL, fees REAL, channel TEXT);\n.mode csv\n.import --skip 1 %s trades\n",
            csv.c_str());
        std::fclose(f);
    }
    const auto t0 = Clock::now();
    const double cpu0 = cpuSeconds(RUSAGE_CHILDREN);
    const bool ok = shell("sqlite3 " + db + " < " + script + " > /dev/null");
    out = {secondsSince(t0), cpuSeconds(RUSAGE_CHILDREN) - cpu0, peakMb(RUSAGE_CHILDREN)};
    for (const auto& p : {db, db + "-wal", db + "-shm"}) std::filesystem::remove(p);
    return ok;
}

/// Imports `files` into `book`, timed; the report or nullopt (printed) on failure.
std::optional<bd::storage::ImportReport>
timedImport(bd::storage::Database& db, const bd::storage::ImportFiles& files, Timed& out) {
    const auto t0 = Clock::now();
    const double cpu0 = cpuSeconds(RUSAGE_SELF);
    auto r = bd::storage::importFiles(db, files, {});
    out = {secondsSince(t0), cpuSeconds(RUSAGE_SELF) - cpu0, peakMb(RUSAGE_SELF)};
    if (!r || !r->committed) {
        std::fprintf(stderr, "import failed: %s\n",
                     !r ? r.error().toString().c_str()
                        : (r->errors.empty() ? "?" : r->errors[0].toString().c_str()));
        return std::nullopt;
    }
    return *r;
}

void printStages(const bd::storage::ImportReport& r) {
    std::printf("  stages:");
    for (const auto& st : r.files.at(0).stages)
        std::printf(" %s %.2f s (cpu %.2f);", st.name.c_str(), st.wall, st.cpu);
    for (const auto& st : r.stages)
        std::printf(" %s %.2f s (cpu %.2f);", st.name.c_str(), st.wall, st.cpu);
    std::printf("\n");
}

/// The demo book and its files in `dir`, built when missing (see the top of this file).
bool prepareDemo(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    const std::string demo = (dir / "demo.bdbook").string();
    const std::string clients = (dir / "clients.csv").string();
    const std::string byId = (dir / "trades-id.csv").string();
    if (!std::filesystem::exists(demo)) {
        std::printf("building the demo book (100,000 clients, 5 years) in %s ...\n", demo.c_str());
        bd::demo::DemoOptions o;
        o.clients = 100000;
        o.history_years = 5; // about 8.7M trades (the book: 9.4M)
        auto sum = bd::demo::createDemoBook(demo + ".part", o, true);
        if (!sum) {
            std::fprintf(stderr, "%s\n", sum.error().toString().c_str());
            return false;
        }
        std::filesystem::rename(demo + ".part", demo);
    }
    if (!std::filesystem::exists(dir / "trades-client.csv")) {
        auto db = bd::storage::openBook(demo);
        if (!db) return false;
        if (!bd::storage::exportInterchange(*db, bd::storage::ImportKind::Clients, clients) ||
            !bd::storage::exportInterchange(*db, bd::storage::ImportKind::Trades, byId))
            return false;
        if (!sortCsv(byId, (dir / "trades-time.csv").string(), 3) ||
            !sortCsv(byId, (dir / "trades-client.csv").string(), 2))
            return false;
        std::filesystem::remove(byId);
    }
    if (!std::filesystem::exists(dir / "empty.bdbook")) {
        const std::string part = (dir / "empty.bdbook.part").string();
        std::filesystem::remove(part);
        {
            auto db = bd::storage::openBook(part);
            bd::storage::ImportFiles f;
            f.clients = clients;
            if (!db || !bd::storage::importFiles(*db, f, {})) return false;
        } // closed (its WAL checkpointed) before it takes its name
        std::filesystem::rename(part, dir / "empty.bdbook");
    }
    if (!std::filesystem::exists(dir / "nightly.csv")) {
        // 20,000 trades of the day after the book's last one, of clients picked at random.
        std::vector<std::string> ids;
        if (std::FILE* in = std::fopen(clients.c_str(), "rb")) {
            char line[4096];
            bool header = true;
            while (std::fgets(line, sizeof line, in)) {
                if (!std::exchange(header, false)) {
                    std::string l(line);
                    ids.push_back(l.substr(0, l.find(',')));
                }
            }
            std::fclose(in);
        }
        if (ids.empty()) return false;
        std::FILE* t = std::fopen((dir / "nightly.csv").string().c_str(), "wb");
        std::fputs(kTradesHeader, t);
        Lcg next{7};
        for (long i = 0; i < 20000; ++i) {
            const long secs = 34200 + i * 19800 / 20000;
            const long qty = (next() % 50 + 1) * 100, priceFen = next() % 20000 + 100;
            const long amountFen = qty * priceFen, commissionFen = amountFen * 3 / 10000 + 500;
            std::fprintf(t,
                         "9%011ld,%s,2026-11-23 %02ld:%02ld:%02ld,%06ld.SH,%s,%ld,%ld.%02ld,"
                         "%ld.%02ld,%ld.%02ld,,online\n",
                         i + 1, ids[static_cast<std::size_t>(next()) % ids.size()].c_str(),
                         secs / 3600, secs / 60 % 60, secs % 60, 600000 + next() % 4000,
                         next() % 2 ? "buy" : "sell", qty, priceFen / 100, priceFen % 100,
                         amountFen / 100, amountFen % 100, commissionFen / 100,
                         commissionFen % 100);
        }
        std::fclose(t);
    }
    return true;
}

/// A copy of `book` to import into (the cached one stays as it is).
std::optional<bd::storage::Database> workCopy(const std::filesystem::path& dir,
                                              const std::string& book) {
    const std::filesystem::path work = dir / "work.bdbook";
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(work.string() + ext);
    std::filesystem::copy_file(dir / book, work);
    // The copy's dirty pages would otherwise be written back while the import is timed.
    ::sync();
    auto db = bd::storage::openBook(work.string());
    if (!db) {
        std::fprintf(stderr, "%s\n", db.error().toString().c_str());
        return std::nullopt;
    }
    return std::move(*db);
}

int runNightly(const std::filesystem::path& dir, const std::string& only) {
    if (!prepareDemo(dir)) return 1;
    bd::storage::ImportFiles f;
    f.trades = (dir / "nightly.csv").string();
    double secs[2] = {0, 0};
    const char* books[] = {"demo.bdbook", "empty.bdbook"};
    const char* names[] = {"book", "empty"};
    std::printf("%-44s %8s %8s %10s\n", "nightly: 20,000 trades into", "seconds", "cpu s",
                "peak MB");
    for (int i = 0; i < 2; ++i) {
        if (!only.empty() && only != names[i]) continue;
        auto db = workCopy(dir, books[i]);
        if (!db) return 1;
        Timed t;
        auto r = timedImport(*db, f, t);
        if (!r || r->files.at(0).rows_new != 20000) return 1;
        secs[i] = t.secs;
        std::printf("%-44s %8.3f %8.3f %10.0f\n",
                    i == 0 ? "the demo book (100,000 clients, its trades)"
                           : "the same clients, no trades",
                    t.secs, t.cpu, t.peak);
        printStages(*r);
        // The days the import added on top of trade_days' blocks are folded in by the next
        // reader's sync (the nightly refresh's first step): its cost, outside the import.
        const auto t0 = Clock::now();
        const double cpu0 = cpuSeconds(RUSAGE_SELF);
        if (!bd::storage::syncTradeDays(*db)) return 1;
        std::printf("  then the next sync: %.3f s (cpu %.3f)\n", secondsSince(t0),
                    cpuSeconds(RUSAGE_SELF) - cpu0);
    }
    if (secs[0] > 0 && secs[1] > 0)
        std::printf("ratio book/empty: %.2fx (target <= 1.5x)\n", secs[0] / secs[1]);
    return 0;
}

int runDemoFirstLoad(const std::filesystem::path& dir, const std::string& order) {
    if (!prepareDemo(dir)) return 1;
    const std::string csv = (dir / ("trades-" + order + ".csv")).string();
    if (!std::filesystem::exists(csv)) {
        std::fprintf(stderr, "order is time or client\n");
        return 1;
    }
    const bool oursOnly = std::getenv("BD_BENCH_OURS_ONLY") != nullptr;
    Timed sh;
    if (!oursOnly && !shellImport(dir, csv, sh)) return 1;
    auto db = workCopy(dir, "empty.bdbook");
    if (!db) return 1;
    bd::storage::ImportFiles f;
    f.trades = csv;
    Timed ours;
    auto r = timedImport(*db, f, ours);
    if (!r) return 1;
    std::printf("first load of %s (%lld trades, %.0f MB)\n", csv.c_str(),
                static_cast<long long>(r->files.at(0).rows_new),
                static_cast<double>(std::filesystem::file_size(csv)) / 1e6);
    std::printf("%-34s %10s %10s %10s\n", "", "seconds", "cpu s", "peak MB");
    if (!oursOnly)
        std::printf("%-34s %10.2f %10.2f %10.0f\n", "sqlite3 shell .import", sh.secs, sh.cpu,
                    sh.peak);
    std::printf("%-34s %10.2f %10.2f %10.0f\n", "brokerdesk importFiles (strict)", ours.secs,
                ours.cpu, ours.peak);
    printStages(*r);
    if (!oursOnly)
        std::printf("ratio shell/ours: %.2fx (target >= %s)\n", sh.secs / ours.secs,
                    order == "time" ? "3x" : "2x");
    return 0;
}
} // namespace

int main(int argc, char** argv) {
    // The importer logs its stage timings (parse, sort, write, indexes) at debug level.
    if (std::getenv("BD_BENCH_VERBOSE")) spdlog::set_level(spdlog::level::debug);
    const std::string mode = argc > 1 ? argv[1] : "";
    if ((mode == "nightly" || mode == "demo") && argc > 2)
        return mode == "nightly" ? runNightly(argv[2], argc > 3 ? argv[3] : "")
                                 : runDemoFirstLoad(argv[2], argc > 3 ? argv[3] : "time");
    const long rows = argc > 1 ? std::atol(argv[1]) : 2000000;
    const long clients = argc > 2 ? std::atol(argv[2]) : 20000;
    const std::filesystem::path dir =
        std::filesystem::path(argc > 3 ? argv[3] : "/tmp") / "bd_bench_import";
    std::filesystem::create_directories(dir);
    const char* orderEnv = std::getenv("BD_BENCH_ORDER");
    const std::string order = orderEnv ? orderEnv : "time";
    const std::string clientsCsv = (dir / "clients.csv").string(),
                      timeCsv = (dir / "trades.csv").string(),
                      tradesCsv =
                          order == "client" ? (dir / "trades-client.csv").string() : timeCsv;
    const std::string book = (dir / "book.bdbook").string();

    // BD_BENCH_OURS_ONLY: skip the shell and the re-import, and reuse files already generated
    // (for profiling BrokerDesk's import alone).
    const bool oursOnly = std::getenv("BD_BENCH_OURS_ONLY") != nullptr;
    auto t0 = Clock::now();
    if (!oursOnly || !std::filesystem::exists(tradesCsv)) {
        generate(clientsCsv, timeCsv, rows, clients);
        if (tradesCsv != timeCsv && !sortCsv(timeCsv, tradesCsv, 2)) return 1;
    }
    std::printf("generated %ld trades (%.0f MB, %s order) and %ld clients in %.2f s\n", rows,
                static_cast<double>(std::filesystem::file_size(tradesCsv)) / 1e6, order.c_str(),
                clients, secondsSince(t0));

    // (a) the sqlite3 shell: same CSV, table keyed by trade_id.
    const double loadBefore = loadAverage();
    Timed sh;
    if (!oursOnly && !shellImport(dir, tradesCsv, sh)) {
        std::fprintf(stderr, "sqlite3 shell failed; is sqlite3 installed?\n");
        return 1;
    }
    const double shellSecs = sh.secs, shellCpu = sh.cpu;

    // (b) BrokerDesk: a fresh book that already holds the clients; time the trades file only.
    for (const auto& p : {book, book + "-wal", book + "-shm"}) std::filesystem::remove(p);
    auto db = bd::storage::openBook(book);
    if (!db) {
        std::fprintf(stderr, "%s\n", db.error().toString().c_str());
        return 1;
    }
    bd::storage::ImportFiles clientFiles;
    clientFiles.clients = clientsCsv;
    auto pre = bd::storage::importFiles(*db, clientFiles, {});
    if (!pre || !pre->committed) {
        std::fprintf(stderr, "clients import failed\n");
        return 1;
    }
    bd::storage::ImportFiles tradeFiles;
    tradeFiles.trades = tradesCsv;
    t0 = Clock::now();
    const double oursCpu0 = cpuSeconds(RUSAGE_SELF);
    auto r = bd::storage::importFiles(*db, tradeFiles, {});
    const double oursSecs = secondsSince(t0);
    const double oursCpu = cpuSeconds(RUSAGE_SELF) - oursCpu0;
    if (!r || !r->committed || r->files.at(0).rows_new != rows) {
        std::fprintf(stderr, "trades import failed: %s\n",
                     !r ? r.error().toString().c_str()
                        : (r->errors.empty() ? "row count" : r->errors[0].toString().c_str()));
        return 1;
    }

    const double shellRate = static_cast<double>(rows) / shellSecs;
    const double oursRate = static_cast<double>(rows) / oursSecs;
    std::printf("\n%-34s %10s %10s %14s\n", "trades import", "seconds", "cpu s", "rows/s");
    std::printf("%-34s %10.2f %10.2f %14.0f\n", "sqlite3 shell .import", shellSecs, shellCpu,
                shellRate);
    std::printf("%-34s %10.2f %10.2f %14.0f\n", "brokerdesk importFiles (strict)", oursSecs,
                oursCpu, oursRate);
    std::printf("peak MB: shell %.0f, this process %.0f\n", sh.peak, peakMb(RUSAGE_SELF));
    printStages(*r);
    std::printf("load average (1 min) before %.2f, after %.2f\n", loadBefore, loadAverage());
    std::printf("ratio ours/shell: %.2fx (target >= 2x); ours %s 800,000 rows/s\n",
                oursRate / shellRate, oursRate >= 800000 ? "meets" : "misses");

    if (oursOnly) return 0;
    // Not part of the target: the same file again must come back all unchanged (idempotent
    // re-import, each trade found through trades_by_id).
    t0 = Clock::now();
    auto again = bd::storage::importFiles(*db, tradeFiles, {});
    const double againSecs = secondsSince(t0);
    if (!again || !again->committed || again->files.at(0).rows_unchanged != rows) {
        std::fprintf(stderr, "re-import did not find every trade unchanged\n");
        return 1;
    }
    std::printf("re-import of the same file: %.2f s, %ld rows unchanged\n", againSecs, rows);
    return 0;
}
