// What the nightly batch reads on a branch server: the whole book (storage::copyServerBook into a
// scratch book, today's read) against only what changed since a copy (storage::changesSince,
// server schema v14), side by side in one run. A night's changes are made first, as the
// administrator, in one transaction after the copy's snapshot was taken: the newest TRADES trades
// again a week later (new ids), the newest day's asset snapshots again a week later, the newest
// CONTACTS contacts again a week later, CLIENTS clients edited. Then RUNS pairs (the changes'
// read, then the full copy), timed; the rows each read. The server and its book are
// bench/server_changes.sh's.
//
//   bench_server_changes --db BATCH_URI --admin ADMIN_URI [--runs 3] [--trades 20000]
//                        [--contacts 3100] [--clients 300]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "services/serverbatch.h"
#include "storage/pg/pgbatch.h"
#include "storage/pg/pgchanges.h"

using namespace bd;
using Clock = std::chrono::steady_clock;
using storage::PgConnection;
using storage::PgParams;
using storage::PgTransaction;

namespace {

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

int fail(const std::string& what, const Error& e) {
    std::fprintf(stderr, "%s: %s\n", what.c_str(), e.toString().c_str());
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    std::string db, admin;
    int runs = 3;
    std::int64_t trades = 20000, contacts = 3100, clients = 300;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--db")
            db = v;
        else if (a == "--admin")
            admin = v;
        else if (a == "--runs")
            runs = std::atoi(v.c_str());
        else if (a == "--trades")
            trades = std::atoll(v.c_str());
        else if (a == "--contacts")
            contacts = std::atoll(v.c_str());
        else if (a == "--clients")
            clients = std::atoll(v.c_str());
    }
    if (db.empty() || admin.empty()) {
        std::fprintf(stderr, "usage: bench_server_changes --db BATCH_URI --admin ADMIN_URI "
                             "[--runs 3] [--trades N] [--contacts N] [--clients N]\n");
        return 2;
    }
    auto batch = PgConnection::connect(db);
    if (!batch) return fail("batch login", batch.error());
    auto owner = PgConnection::connect(admin);
    if (!owner) return fail("administrator", owner.error());

    std::string since;
    {
        auto tx = PgTransaction::begin(*batch, PgTransaction::Isolation::RepeatableRead);
        if (!tx) return fail("snapshot", tx.error());
        auto s = storage::currentSnapshot(*batch);
        if (!s) return fail("snapshot", s.error());
        since = *s;
        if (auto c = tx->commit(); !c) return fail("snapshot", c.error());
    }
    // The night's changes, in one transaction (as an import's).
    const auto t0 = Clock::now();
    {
        auto tx = PgTransaction::begin(*owner);
        if (!tx) return fail("changes", tx.error());
        const std::pair<const char*, PgParams> night[] = {
            {"INSERT INTO trades(trade_id, client_ref, trade_time, security_code, side, "
             "quantity, price, amount, commission, fees, channel) SELECT 'N' || trade_id, "
             "client_ref, trade_time + 7 * 86400, security_code, side, quantity, price, amount, "
             "commission, fees, channel FROM (SELECT * FROM trades ORDER BY trade_time DESC "
             "LIMIT $1) t",
             PgParams(trades)},
            {"INSERT INTO assets(client_ref, date, cash, market_value, net_inflow) SELECT "
             "client_ref, date + 7, cash, market_value, net_inflow FROM assets WHERE date = "
             "(SELECT max(date) FROM assets)",
             PgParams()},
            {"INSERT INTO contacts(client_ref, broker_id, contact_time, channel, direction, "
             "outcome, satisfaction, notes) SELECT client_ref, broker_id, contact_time + 7 * "
             "86400, channel, direction, outcome, satisfaction, notes FROM (SELECT * FROM "
             "contacts ORDER BY contact_time DESC LIMIT $1) c",
             PgParams(contacts)},
            {"UPDATE clients SET version = version + 1 WHERE id IN (SELECT id FROM clients "
             "ORDER BY id LIMIT $1)",
             PgParams(clients)},
        };
        for (const auto& [sql, params] : night)
            if (auto s = owner->run(sql, params); !s) return fail(sql, s.error());
        if (auto s = tx->commit(); !s) return fail("changes", s.error());
    }
    std::printf("night's changes written in %.0f ms\n", msSince(t0));

    for (int run = 1; run <= runs; ++run) {
        {
            const auto t = Clock::now();
            auto tx = PgTransaction::begin(*batch, PgTransaction::Isolation::RepeatableRead);
            if (!tx) return fail("changes", tx.error());
            auto c = storage::changesSince(*batch, since);
            if (!c) return fail("changes", c.error());
            if (auto s = tx->commit(); !s) return fail("changes", s.error());
            const double ms = msSince(t);
            std::int64_t rows = 0, gone = 0;
            for (const auto& table : c->tables) {
                rows += table.rows.size();
                gone += table.gone.size();
            }
            std::printf("run %d: changes since the copy: %8.0f ms  (%zu client-days, %lld rows, "
                        "%lld removed)\n",
                        run, ms, c->trade_days.size(), static_cast<long long>(rows),
                        static_cast<long long>(gone));
        }
        {
            const auto t = Clock::now();
            auto scratch = services::ScratchBook::make();
            if (!scratch) return fail("scratch", scratch.error());
            auto snap = storage::copyServerBook(*batch, (*scratch)->db());
            if (!snap) return fail("full copy", snap.error());
            std::int64_t rows = 0;
            for (const auto& [table, n] : snap->rows_read) rows += n;
            std::printf("run %d: full copy:              %8.0f ms  (%lld rows)\n", run, msSince(t),
                        static_cast<long long>(rows));
        }
    }
    return 0;
}
