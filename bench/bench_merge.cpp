// Merge and mass updates on the 100,000-client demo book (issue 18 items 6 and 7): merging two
// clients of 5,000 trades each through the command layer (rows moved, recorded for the undo,
// trade_days and the summary kept), and reassigning 10,000 clients in one operation. The book
// is a copy of the record bench's demo book ($TMPDIR/bd_bench_merge_100k.bdbook, made once
// from bd_bench_record_100k.bdbook or generated), or the book named by BD_BENCH_BOOK; each run
// adds its two clients' trades once and undoes every merge it makes.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "demo/demogenerator.h"
#include "services/commands/command.h"
#include "services/commands/records.h"
#include "storage/book/tradedays.h"
#include "storage/schema/schema.h"
#include "storage/schema/tradelayout.h"

using namespace bd;
namespace cmd = bd::services::cmd;
namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const Error& e) {
    std::fprintf(stderr, "%s\n", e.toString().c_str());
    std::exit(1);
}

storage::Database& book() {
    static storage::Database* db = [] {
        const char* named = std::getenv("BD_BENCH_BOOK");
        const fs::path tmp = fs::temp_directory_path();
        const std::string path = named ? named : (tmp / "bd_bench_merge_100k.bdbook").string();
        if (!fs::exists(path)) {
            // A copy: this bench's schema may be newer than the record bench's book.
            if (fs::exists(tmp / "bd_bench_record_100k.bdbook")) {
                fs::copy_file(tmp / "bd_bench_record_100k.bdbook", path);
            } else {
                demo::DemoOptions o;
                o.clients = 100000;
                if (auto s = demo::createDemoBook(path, o, false); !s) fail(s.error());
            }
        }
        auto opened = storage::openBook(path);
        if (!opened) fail(opened.error());
        return new storage::Database(std::move(*opened));
    }();
    return *db;
}

/// Two clients of 5,000 trades each (added once to the book, ids MERGE-A and MERGE-B).
std::pair<std::string, std::string> twoTradingClients() {
    storage::Database& db = book();
    for (const char* id : {"MERGE-A", "MERGE-B"}) {
        auto store = services::sqliteRecordStore(db);
        if (store->loadClient(id)) continue;
        std::string broker;
        auto st = db.prepare("SELECT broker_id FROM brokers ORDER BY broker_id LIMIT 1");
        if (!st || !st->first([&](const storage::Statement& r) { broker = r.text(0); }))
            std::exit(1);
        auto added =
            cmd::execute(db, {"bench", cmd::AddClient{id,
                                                      {{cmd::ClientField::Name, id},
                                                       {cmd::ClientField::Broker, broker},
                                                       {cmd::ClientField::Status, "active"}}}});
        if (!added) fail(added.error());
        const std::int64_t ref = added->client_ref;
        storage::Transaction tx(db);
        auto ins = db.prepare(
            "INSERT INTO trades(trade_month, client_ref, trade_time, trade_id, security_code, "
            "side, quantity, price, amount, commission, fees) VALUES (?1, ?2, ?3, ?4, "
            "(SELECT security_code FROM securities LIMIT 1), 1, 100, 100000, 10000000, 50000, 0)");
        if (!ins) fail(ins.error());
        const std::int64_t start = DateTime::fromParts(Date::fromYmd(2021, 1, 4), 9, 30, 0).secs;
        for (int i = 0; i < 5000; ++i) {
            // Spread over about three years, a few trades a day.
            const std::int64_t t = start + static_cast<std::int64_t>(i / 5) * 86400 + (i % 5) * 60;
            ins->bind(1, storage::tradeMonthOf(t))
                .bind(2, ref)
                .bind(3, t)
                .bind(4, std::string(id) + "-" + std::to_string(i));
            if (auto s = ins->run(); !s) fail(s.error());
        }
        if (auto s = storage::syncTradeDays(db); !s) fail(s.error());
        if (auto s = tx.commit(); !s) fail(s.error());
    }
    return {"MERGE-A", "MERGE-B"};
}

void BM_MergeTwoClientsOf5000Trades(benchmark::State& state) {
    const auto [keep, absorb] = twoTradingClients();
    for (auto _ : state) {
        auto r = cmd::execute(book(), {"bench", cmd::MergeClients{keep, absorb}});
        if (!r) {
            state.SkipWithError(r.error().toString().c_str());
            break;
        }
        state.PauseTiming();
        if (r->merged->trades != 5000) state.SkipWithError("expected 5,000 trades moved");
        auto undo = cmd::execute(book(), *r->inverse);
        if (!undo) state.SkipWithError(undo.error().toString().c_str());
        state.ResumeTiming();
    }
}
BENCHMARK(BM_MergeTwoClientsOf5000Trades)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_Reassign10000Clients(benchmark::State& state) {
    std::vector<std::string> ids;
    auto st = book().prepare("SELECT client_id FROM clients ORDER BY id LIMIT 10000");
    if (!st || !st->forEach([&](const storage::Statement& r) { ids.push_back(r.text(0)); }))
        std::exit(1);
    std::vector<std::string> brokers;
    auto bs = book().prepare("SELECT broker_id FROM brokers ORDER BY broker_id LIMIT 2");
    if (!bs || !bs->forEach([&](const storage::Statement& r) { brokers.push_back(r.text(0)); }))
        std::exit(1);
    std::vector<std::int64_t> operations;
    int n = 0;
    for (auto _ : state) {
        auto r = cmd::execute(book(), {"bench", cmd::ReassignClients{ids, brokers[n++ % 2]}});
        if (!r) {
            state.SkipWithError(r.error().toString().c_str());
            break;
        }
        state.PauseTiming();
        operations.push_back(r->operation);
        state.ResumeTiming();
    }
    // Put the book back: undo, newest first.
    for (auto it = operations.rbegin(); it != operations.rend(); ++it)
        if (*it > 0) (void)cmd::execute(book(), {"bench", cmd::UndoOperation{*it}});
}
BENCHMARK(BM_Reassign10000Clients)->Unit(benchmark::kMillisecond)->Iterations(3);

} // namespace

BENCHMARK_MAIN();
