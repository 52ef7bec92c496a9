// Many desks on one branch server at once (issue 19's concurrency target): N desks (one
// connection each, logged in as their broker) log contacts and edit their clients' profiles
// through the command layer for S seconds. Then the book is checked: every contact a desk was
// told was stored is there exactly once, every profile version equals 1 + the edits desks were
// told succeeded (no lost update), no deadlock; and the write latency's percentiles are printed.
//
//   bench/server_desks.sh [DESKS] [SECONDS] [CLIENTS]   (starts and removes its own server)
//   bench_server_desks --db ADMIN_URI [--desks 20] [--seconds 60] [--clients 5000]
//                      [--interval-ms N]   (each desk starts a write every N ms; 0: flat out)
// ADMIN_URI: an empty database, as a superuser (the bench sets it up as `server init` does).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "demo/demogenerator.h"
#include "services/recordbook.h"
#include "storage/pg/pgload.h"
#include "storage/pg/pgschema.h"
#include "storage/schema/schema.h"

using namespace bd;
namespace cmd = bd::services::cmd;

namespace {

struct DeskTally {
    std::vector<double> latency_ms;
    std::int64_t contacts = 0, edits = 0, stale = 0, busy = 0, failed = 0;
    std::map<std::string, std::int64_t> edits_of; // client id -> successful edits
    std::string first_error;
};

std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == "--" + name) return argv[i + 1];
    return fallback;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

/// The administrator's URI with the desk's login instead: postgresql:///db?host=...&user=L&...
std::string withLogin(std::string uri, const std::string& login) {
    if (const auto u = uri.find("user="); u != std::string::npos)
        uri.erase(u, uri.find('&', u) == std::string::npos ? std::string::npos
                                                           : uri.find('&', u) + 1 - u);
    while (!uri.empty() && (uri.back() == '&' || uri.back() == '?')) uri.pop_back();
    return uri + (uri.find('?') == std::string::npos ? "?" : "&") + "user=" + login +
           "&password=bench-" + login;
}

} // namespace

int main(int argc, char** argv) {
    const std::string admin = arg(argc, argv, "db", "");
    const int desks = std::stoi(arg(argc, argv, "desks", "20"));
    const int seconds = std::stoi(arg(argc, argv, "seconds", "60"));
    const int clients = std::stoi(arg(argc, argv, "clients", "5000"));
    // Each desk starts a write every this many ms (0: flat out, the next as soon as one ends).
    const int interval = std::stoi(arg(argc, argv, "interval-ms", "0"));
    if (admin.empty()) {
        std::fprintf(stderr, "usage: bench_server_desks --db ADMIN_URI [--desks N] [--seconds S] "
                             "[--clients N]\n");
        return 1;
    }
    // The branch book: a demo desk book loaded into the server, one login per broker.
    const auto deskPath = std::filesystem::temp_directory_path() /
                          ("bd_bench_desks_" + std::to_string(clients) + ".bdbook");
    std::filesystem::remove(deskPath);
    demo::DemoOptions opt;
    opt.clients = clients;
    opt.seed = 19;
    auto summary = demo::createDemoBook(deskPath.string(), opt, true);
    if (!summary) return std::fprintf(stderr, "%s\n", summary.error().toString().c_str()), 1;
    auto c = storage::PgConnection::connect(admin);
    if (!c) return std::fprintf(stderr, "%s\n", c.error().toString().c_str()), 1;
    if (auto s = storage::initServer(*c); !s)
        return std::fprintf(stderr, "%s\n", s.error().toString().c_str()), 1;
    {
        auto desk = storage::openBook(deskPath.string(), {.create = false});
        if (!desk) return 1;
        if (auto r = storage::loadDeskBook(*desk, *c); !r)
            return std::fprintf(stderr, "%s\n", r.error().toString().c_str()), 1;
    }
    std::filesystem::remove(deskPath);
    auto brokers = c->query("SELECT b.broker_id, array_to_string(array_agg(c.client_id ORDER BY "
                            "c.client_id), ',') FROM brokers b JOIN clients c ON c.broker_id = "
                            "b.broker_id GROUP BY b.broker_id ORDER BY 1");
    if (!brokers) return 1;
    std::vector<std::pair<std::string, std::vector<std::string>>> books;
    for (int i = 0; i < brokers->size(); ++i) {
        std::vector<std::string> ids;
        std::string all = brokers->text(i, 1);
        for (std::size_t from = 0; from < all.size();) {
            const auto comma = all.find(',', from);
            ids.push_back(
                all.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
            from = comma == std::string::npos ? all.size() : comma + 1;
        }
        const std::string login = "desk_" + brokers->text(i, 0);
        std::string lower = login;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        if (auto s = storage::addServerUser(*c, {lower, "broker", brokers->text(i, 0), "", false},
                                            "bench-" + lower);
            !s)
            return std::fprintf(stderr, "%s\n", s.error().toString().c_str()), 1;
        books.emplace_back(lower, std::move(ids));
    }
    auto before =
        c->query("SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM audit_log)");
    if (!before) return 1;
    const std::int64_t contacts0 = before->int64(0, 0);

    std::printf("branch book: %d clients, %zu brokers; %d desks for %d s, %s\n", clients,
                books.size(), desks, seconds,
                interval > 0 ? ("a write every " + std::to_string(interval) + " ms each").c_str()
                             : "flat out");
    std::vector<DeskTally> tallies(static_cast<std::size_t>(desks));
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    const auto until = [&] {
        return std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    };
    std::chrono::steady_clock::time_point end;
    for (int d = 0; d < desks; ++d) {
        threads.emplace_back([&, d] {
            auto& t = tallies[static_cast<std::size_t>(d)];
            const auto& [login, ids] = books[static_cast<std::size_t>(d) % books.size()];
            auto book = services::RecordBook::open(withLogin(admin, login));
            if (!book) {
                t.first_error = book.error().toString();
                t.failed++;
                return;
            }
            std::mt19937_64 rng(static_cast<std::uint64_t>(d) * 7919 + 1);
            while (!go.load()) std::this_thread::yield();
            std::int64_t n = 0;
            auto next = std::chrono::steady_clock::now();
            while (std::chrono::steady_clock::now() < end) {
                if (interval > 0) {
                    std::this_thread::sleep_until(next);
                    next += std::chrono::milliseconds(interval);
                }
                const std::string& id = ids[rng() % ids.size()];
                const bool edit = rng() % 10 < 3;
                const auto t0 = std::chrono::steady_clock::now();
                Result<cmd::Applied> r = makeError(ErrorCode::Internal, "");
                if (edit) {
                    auto seen = book->store().loadClient(id);
                    if (!seen) {
                        t.failed++;
                        continue;
                    }
                    r = book->execute(cmd::Command{
                        login, cmd::EditClient{id,
                                               seen->version,
                                               {{cmd::ClientField::Email,
                                                 login + "." + std::to_string(d) + "." +
                                                     std::to_string(n++) + "@example.com"}}}});
                } else {
                    services::ContactLog log;
                    log.client_id = id;
                    log.channel = ContactChannel::Phone;
                    log.outcome = Outcome::Reached;
                    log.direction = Direction::Outbound;
                    log.notes = "desk " + std::to_string(d) + " call " + std::to_string(n);
                    // A time of each desk's own: two calls to one client in the same second
                    // by the same channel are one contact (the book's key refuses the second).
                    log.at =
                        DateTime{1'800'000'000 + static_cast<std::int64_t>(d) * 10'000'000 + n++};
                    r = book->execute(cmd::Command{login, cmd::LogContact{log}});
                }
                t.latency_ms.push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                        .count());
                if (r && r->operation == 0) {
                    t.failed++; // every write here changes something
                    if (t.first_error.empty()) t.first_error = "a write changed nothing";
                } else if (r) {
                    if (edit) {
                        t.edits++;
                        t.edits_of[id]++;
                    } else {
                        t.contacts++;
                    }
                } else if (r.error().code == ErrorCode::InvalidInput &&
                           (r.error().message.find("changed by someone else") !=
                                std::string::npos ||
                            r.error().message.find("changed since version") != std::string::npos)) {
                    t.stale++; // a concurrent edit of the same client: refused, both values shown
                } else if (r.error().code == ErrorCode::Busy) {
                    t.busy++;
                    if (t.first_error.empty()) t.first_error = r.error().toString();
                } else {
                    t.failed++;
                    if (t.first_error.empty()) t.first_error = r.error().toString();
                }
            }
        });
    }
    end = until();
    go = true;
    for (auto& th : threads) th.join();

    DeskTally all;
    for (auto& t : tallies) {
        all.latency_ms.insert(all.latency_ms.end(), t.latency_ms.begin(), t.latency_ms.end());
        all.contacts += t.contacts;
        all.edits += t.edits;
        all.stale += t.stale;
        all.busy += t.busy;
        all.failed += t.failed;
        for (const auto& [id, n] : t.edits_of) all.edits_of[id] += n;
        if (all.first_error.empty()) all.first_error = t.first_error;
    }
    // The book against what desks were told.
    auto after = c->query("SELECT count(*) FROM contacts");
    auto dup =
        c->query("SELECT count(*) FROM (SELECT notes FROM contacts WHERE notes LIKE 'desk %' "
                 "GROUP BY notes HAVING count(*) > 1) d");
    auto versions = c->query("SELECT client_id, version FROM clients WHERE version > 1");
    if (!after || !dup || !versions) return 1;
    std::int64_t lostUpdates = 0;
    std::map<std::string, std::int64_t> stored;
    for (int i = 0; i < versions->size(); ++i)
        stored[versions->text(i, 0)] = versions->int64(i, 1) - 1;
    for (const auto& [id, n] : all.edits_of)
        if (stored[id] != n) lostUpdates++;
    for (const auto& [id, n] : stored)
        if (!all.edits_of.count(id)) lostUpdates++;
    const std::int64_t missing = contacts0 + all.contacts - after->int64(0, 0);
    const double ops = static_cast<double>(all.latency_ms.size());
    std::printf("writes: %.0f (%.0f/s): %lld contacts, %lld edits, %lld stale edits refused, "
                "%lld busy/deadlock, %lld failed\n",
                ops, ops / seconds, static_cast<long long>(all.contacts),
                static_cast<long long>(all.edits), static_cast<long long>(all.stale),
                static_cast<long long>(all.busy), static_cast<long long>(all.failed));
    std::printf("latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f\n",
                percentile(all.latency_ms, 0.50), percentile(all.latency_ms, 0.95),
                percentile(all.latency_ms, 0.99), percentile(all.latency_ms, 1.0));
    std::printf("checked: contacts missing %lld, duplicated %lld; clients whose version disagrees "
                "with the edits desks were told succeeded: %lld\n",
                static_cast<long long>(missing), static_cast<long long>(dup->int64(0, 0)),
                static_cast<long long>(lostUpdates));
    if (!all.first_error.empty()) std::printf("first error: %s\n", all.first_error.c_str());
    const bool ok = missing == 0 && dup->int64(0, 0) == 0 && lostUpdates == 0 && all.busy == 0 &&
                    all.failed == 0;
    std::printf("%s\n", ok ? "OK" : "FAILED");
    return ok ? 0 : 2;
}
