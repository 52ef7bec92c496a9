// A desk on a branch server (issue 19's "a client's detail page <= 50 ms; the paged client list
// <= 50 ms per page"): for each login given, the workstation's path is followed without its
// window: the replica opened (services::ServerReplica, what the login may see copied), then
//  - one client's detail as the client pane reads it (loadClientDetail), for up to 200 clients;
//  - the client list as the Clients page reads it (one page of 200 plus the row that tells
//    whether another exists, and the count on a reload): the first page for every sort key, and
//    the pages after it by name as the user scrolls;
//  - a change on another desk reaching this desk: a second connection (the first broker given,
//    as `--writer`) logs a contact for one of its clients through the command layer; this desk
//    waits for the server's news on its socket, takes it and pulls the client into its replica.
//    Timed from the writer's commit to the pull done, and the pull alone.
// Prints min / median / p95 / max per measure. The server and its book are bench/server_pages.sh's.
//
//   bench_server_pages --db URI_WITHOUT_USER --writer LOGIN --login L1 [--login L2 ...]
//                      [--changes 20]   (PGPASSWORD for the logins' password)
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "services/clientbook.h"
#include "services/contactlog.h"
#include "services/recordbook.h"
#include "services/serverreplica.h"

using namespace bd;
namespace cmd = bd::services::cmd;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void print(const char* what, std::vector<double> v) {
    if (v.empty()) return (void)std::printf("  %-58s no samples\n", what);
    std::sort(v.begin(), v.end());
    const auto at = [&](double p) {
        return v[std::min(v.size() - 1,
                          static_cast<std::size_t>(p * static_cast<double>(v.size())))];
    };
    std::printf("  %-58s n=%-4zu min %7.2f  median %7.2f  p95 %7.2f  max %7.2f ms\n", what,
                v.size(), v.front(), at(0.5), at(0.95), v.back());
}

std::string uriOf(const std::string& base, const std::string& login) {
    return base + (base.find('?') == std::string::npos ? "?" : "&") + "user=" + login;
}

std::vector<std::string> args(int argc, char** argv, const std::string& name) {
    std::vector<std::string> out;
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == "--" + name) out.emplace_back(argv[i + 1]);
    return out;
}

/// One page as ClientTableModel::loadPage reads it (a row beyond the page: is there more?).
Result<std::vector<services::ClientRow>> page(storage::Database& db, const services::ClientQuery& q,
                                              const std::optional<services::ClientCursor>& after) {
    services::ClientQuery one = q;
    one.page_size = q.page_size + 1;
    return services::fetchClientPage(db, one, after);
}

int fail(const std::string& what, const Error& e) {
    std::fprintf(stderr, "%s: %s\n", what.c_str(), e.toString().c_str());
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    const auto base = args(argc, argv, "db");
    const auto writer = args(argc, argv, "writer");
    const auto logins = args(argc, argv, "login");
    const auto changesArg = args(argc, argv, "changes");
    const int changes = changesArg.empty() ? 20 : std::stoi(changesArg.front());
    if (base.empty() || writer.empty() || logins.empty()) {
        std::fprintf(stderr, "usage: bench_server_pages --db URI --writer LOGIN --login L ...\n");
        return 1;
    }
    // The other desk: a broker's connection writing through the command layer.
    auto other = services::RecordBook::open(uriOf(base.front(), writer.front()));
    if (!other) return fail("the writing desk", other.error());

    // The client the other desk writes to: the writer's first client (the writer is the first
    // login, a broker: every client of its replica is its own).
    std::string clientId;
    for (const auto& login : logins) {
        auto t0 = Clock::now();
        auto replica = services::ServerReplica::open(uriOf(base.front(), login));
        if (!replica) return fail(login, replica.error());
        const double openMs = msSince(t0);
        auto book = (*replica)->takeBook();
        auto n = storage::queryInt(book, "SELECT count(*) FROM clients");
        if (!n) return fail(login, n.error());
        std::printf("== %s: %lld clients in the replica; opened in %.0f ms (copy %.0f ms)\n",
                    login.c_str(), static_cast<long long>(*n), openMs, (*replica)->copyMs());

        // (a) One client's detail, up to 200 clients spread over the book.
        std::vector<std::int64_t> refs;
        {
            auto st = book.prepare("SELECT id FROM clients ORDER BY id");
            if (!st) return fail(login, st.error());
            if (auto s =
                    st->forEach([&](const storage::Statement& r) { refs.push_back(r.int64(0)); });
                !s)
                return fail(login, s.error());
        }
        // Side by side: with the replica's planner statistics (as copied), without them (as
        // replicas were copied before), with them again.
        const std::size_t step = std::max<std::size_t>(1, refs.size() / 200);
        for (const char* round : {"with statistics", "without (as before)", "with, again"}) {
            const bool without = round[0] == 'w' && round[4] == 'o';
            if (auto s = book.exec(without ? "DELETE FROM sqlite_stat1; ANALYZE sqlite_schema;"
                                           : "PRAGMA analysis_limit=1000; ANALYZE;");
                !s)
                return fail("statistics", s.error());
            std::vector<double> detail;
            // Without statistics a detail of the whole firm's replica takes seconds: 20 of them.
            for (std::size_t i = 0; i < refs.size() && !(without && detail.size() == 20);
                 i += step) {
                t0 = Clock::now();
                auto d = services::loadClientDetail(book, refs[i]);
                detail.push_back(msSince(t0));
                if (!d) return fail("detail", d.error());
            }
            print(("client detail (the client pane), " + std::string(round)).c_str(), detail);
        }

        // (b) The client list: the first page and its count per sort key (a reload), both
        // directions; then the pages after the first by name (scrolling), up to 50 pages.
        std::vector<double> first, next;
        for (int key = 0; key <= static_cast<int>(services::ClientSortKey::LastContact); ++key)
            for (bool desc : {false, true}) {
                services::ClientQuery q;
                q.sort = static_cast<services::ClientSortKey>(key);
                q.descending = desc;
                t0 = Clock::now();
                auto p = page(book, q, std::nullopt);
                auto count = services::countClients(book, q);
                first.push_back(msSince(t0));
                if (!p) return fail("first page", p.error());
                if (!count) return fail("count", count.error());
            }
        print("client list: first page + count, 16 orders", first);
        {
            services::ClientQuery q;
            auto p = page(book, q, std::nullopt);
            for (int i = 0; i < 50 && p && static_cast<int>(p->size()) > q.page_size; ++i) {
                const auto after =
                    services::cursorAfter((*p)[static_cast<std::size_t>(q.page_size) - 1], q.sort);
                t0 = Clock::now();
                p = page(book, q, after);
                next.push_back(msSince(t0));
            }
            if (!p) return fail("next page", p.error());
        }
        print("client list: next page by name (scrolling)", next);

        // (c) Another desk's change reaching this replica: a contact logged by the writer on one
        // of its clients this login sees too.
        if (clientId.empty()) {
            if (login != writer.front()) {
                std::fprintf(stderr, "the writer must be the first login\n");
                return 1;
            }
            auto st = book.prepare("SELECT client_id FROM clients ORDER BY id LIMIT 1");
            if (!st) return fail(login, st.error());
            (void)st->first([&](const storage::Statement& r) { clientId = r.text(0); });
        }
        std::vector<double> arrive, pulled;
        const int fd = (*replica)->newsSocket();
        for (int i = 0; i < changes && fd >= 0; ++i) {
            services::ContactLog log;
            log.client_id = clientId;
            log.channel = ContactChannel::Phone;
            log.outcome = Outcome::Reached;
            log.direction = Direction::Outbound;
            log.notes = "bench change " + std::to_string(i);
            log.at = DateTime{1'900'000'000 + static_cast<std::int64_t>(i) +
                              1000 * static_cast<std::int64_t>(&login - logins.data())};
            auto r = other->execute(cmd::Command{writer.front(), cmd::LogContact{log}});
            if (!r) return fail("the other desk's contact", r.error());
            const auto committed = Clock::now();
            services::ServerNews news;
            while (!news.clients.count("contacts")) {
                pollfd p{fd, POLLIN, 0};
                if (poll(&p, 1, 5000) <= 0)
                    return fail("news", makeError(ErrorCode::Unavailable, "no news in 5 s"));
                auto got = (*replica)->takeNews();
                if (!got) return fail("news", got.error());
                for (const auto& [table, rs] : got->clients)
                    news.clients[table].insert(rs.begin(), rs.end());
            }
            const auto t1 = Clock::now();
            auto pull = (*replica)->pull(book, news);
            if (!pull) return fail("pull", pull.error());
            pulled.push_back(msSince(t1));
            arrive.push_back(msSince(committed));
        }
        print("another desk's contact: commit to pulled", arrive);
        print("  of which the pull of the client", pulled);
        // Every contact logged reached the replica.
        auto got = storage::queryInt(book, "SELECT count(*) FROM contacts WHERE notes LIKE "
                                           "'bench change %'");
        if (!got) return fail("contacts", got.error());
        std::printf("  contacts of the other desk in the replica: %lld\n",
                    static_cast<long long>(*got));
    }
    return 0;
}
