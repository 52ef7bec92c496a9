// The demo book: reproducible per seed, internally consistent (identities, trade arithmetic,
// cash flows, positions), and shaped like a real branch (archetypes, over-served wealth).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>

#include <map>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

#include "core/idnumber.h"
#include "demo/demogenerator.h"
#include "demo/demonames.h"
#include "demo/randomdist.h"
#include "storage/schema/schema.h"
#include "support/tempdir.h"

using namespace bd;
using demo::DemoArchetype;

namespace {

constexpr int kClients = 1500;

void removeBook(const std::string& path) {
    for (const char* s : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + s);
}

std::string tempBook(const std::string& name) {
    // Per process: CTest runs each test of a suite in its own process, side by side.
    const auto p =
        bdtest::scratchDir() / ("bd_demo_" + name + "_" + std::to_string(::getpid()) + ".bdbook");
    removeBook(p.string());
    return p.string();
}

struct Generated {
    std::string path;
    demo::DemoSummary summary;
};

Generated generate(const std::string& name, std::uint64_t seed, int clients = kClients) {
    Generated g;
    g.path = tempBook(name);
    demo::DemoOptions o;
    o.clients = clients;
    o.seed = seed;
    auto s = demo::createDemoBook(g.path, o, false);
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().toString());
    if (s.ok()) g.summary = std::move(*s);
    return g;
}

/// FNV-1a over every column of every row, in primary-key order.
std::uint64_t tableChecksum(storage::Database& db, const std::string& sql) {
    auto st = db.prepare(sql);
    EXPECT_TRUE(st.ok());
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&](std::string_view v) {
        for (unsigned char c : v) h = (h ^ c) * 1099511628211ULL;
        h = (h ^ 0xFF) * 1099511628211ULL;
    };
    for (;;) {
        auto r = st->step();
        EXPECT_TRUE(r.ok());
        if (!r.ok() || !*r) break;
        for (int c = 0; c < st->columnCount(); ++c)
            mix(st->isNull(c) ? "\x01NULL" : st->textView(c));
    }
    return h;
}

const std::map<std::string, std::string>& checksumQueries() {
    static const std::map<std::string, std::string> q{
        {"branches", "SELECT * FROM branches ORDER BY branch_id"},
        {"brokers", "SELECT * FROM brokers ORDER BY broker_id"},
        {"securities", "SELECT * FROM securities ORDER BY security_code"},
        {"clients", "SELECT * FROM clients ORDER BY id"},
        {"trades", "SELECT * FROM trades ORDER BY trade_time, trade_id"},
        {"assets", "SELECT * FROM assets ORDER BY client_ref, date"},
        {"positions", "SELECT * FROM positions ORDER BY client_ref, date, security_code"},
        {"contacts", "SELECT * FROM contacts ORDER BY id"},
    };
    return q;
}

std::map<std::string, std::uint64_t> checksums(const std::string& path) {
    auto db = storage::openBook(path, {.create = false});
    EXPECT_TRUE(db.ok());
    std::map<std::string, std::uint64_t> out;
    for (const auto& [table, sql] : checksumQueries()) out[table] = tableChecksum(*db, sql);
    return out;
}

class DemoBook : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { s_book = std::make_unique<Generated>(generate("a", 7)); }
    static void TearDownTestSuite() {
        removeBook(s_book->path);
        s_book.reset();
    }
    static storage::Database open() {
        auto db = storage::openBook(s_book->path, {.create = false});
        EXPECT_TRUE(db.ok());
        return std::move(*db);
    }
    static DemoArchetype archetype(std::int64_t ref) {
        return s_book->summary.archetypes[static_cast<std::size_t>(ref - 1)];
    }
    static std::unique_ptr<Generated> s_book;
};
std::unique_ptr<Generated> DemoBook::s_book;

// Per-client aggregates used by several tests.
struct ClientFacts {
    std::int64_t trades = 0, contacts = 0, personalContacts = 0;
    double aum = 0; // latest snapshot, CNY
};

std::vector<ClientFacts> clientFacts(storage::Database& db, int clients) {
    std::vector<ClientFacts> f(static_cast<std::size_t>(clients) + 1);
    auto t = db.prepare("SELECT client_ref, count(*) FROM trades GROUP BY client_ref");
    while (*t->step()) f[static_cast<std::size_t>(t->int64(0))].trades = t->int64(1);
    auto c = db.prepare("SELECT client_ref, count(*), sum(channel IN (1, 5)) FROM contacts "
                        "GROUP BY client_ref");
    while (*c->step()) {
        f[static_cast<std::size_t>(c->int64(0))].contacts = c->int64(1);
        f[static_cast<std::size_t>(c->int64(0))].personalContacts = c->int64(2);
    }
    auto a = db.prepare("SELECT client_ref, cash + market_value FROM assets a WHERE date = "
                        "(SELECT max(date) FROM assets b WHERE b.client_ref = a.client_ref)");
    while (*a->step())
        f[static_cast<std::size_t>(a->int64(0))].aum = static_cast<double>(a->int64(1)) / 1e4;
    return f;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

TEST(RandomDist, MomentsOfTheHandWrittenDistributions) {
    auto g = demo::rnd::engineFor(42, 0, 0);
    const int n = 200000;
    double sn = 0, sn2 = 0, sg = 0, sb = 0, sp = 0;
    for (int i = 0; i < n; ++i) {
        const double x = demo::rnd::normal(g);
        sn += x;
        sn2 += x * x;
        sg += demo::rnd::gamma(g, 0.5, 2.0); // mean 1 (shape < 1 branch)
        sb += demo::rnd::beta(g, 2.0, 6.0);  // mean 0.25
        sp += static_cast<double>(demo::rnd::poisson(g, 3.5));
    }
    EXPECT_NEAR(sn / n, 0.0, 0.01);
    EXPECT_NEAR(sn2 / n, 1.0, 0.015);
    EXPECT_NEAR(sg / n, 1.0, 0.02);
    EXPECT_NEAR(sb / n, 0.25, 0.005);
    EXPECT_NEAR(sp / n, 3.5, 0.03);
    // Same seed, same stream: identical draws (no hidden state, no library dependence).
    auto a = demo::rnd::engineFor(9, 1, 5);
    auto b = demo::rnd::engineFor(9, 1, 5);
    for (int i = 0; i < 100; ++i)
        EXPECT_EQ(demo::rnd::gamma(a, 2.3, 1.0), demo::rnd::gamma(b, 2.3, 1.0));
}

TEST(DemoNames, IdNumbersPhonesAndNames) {
    auto g = demo::rnd::engineFor(1, 0, 0);
    for (int i = 0; i < 500; ++i) {
        const Gender gender = i % 2 ? Gender::Male : Gender::Female;
        const Date birth = Date::fromYmd(1950 + i % 50, 1 + i % 12, 1 + i % 28);
        const std::string id = demo::idNumber(g, demo::areaCode(g, i % 8), birth, gender);
        ASSERT_TRUE(isValidIdNumber(id)) << id;
        EXPECT_EQ(*idNumberBirthDate(id), birth);
        EXPECT_EQ((id[16] - '0') % 2 == 1, gender == Gender::Male) << id;
        EXPECT_TRUE(demo::isMobilePhone(demo::mobilePhone(g)));
        const std::string name = demo::chineseName(g, gender);
        EXPECT_GE(name.size(), 6u); // two or more CJK characters
        EXPECT_LE(name.size(), 12u);
        EXPECT_NE(demo::emailAddress(g).find('@'), std::string::npos);
    }
    EXPECT_FALSE(demo::isMobilePhone("12012345678"));
    EXPECT_FALSE(demo::isMobilePhone("1381234567"));
}

TEST_F(DemoBook, SameSeedGivesAByteIdenticalBookAndAnotherSeedDoesNot) {
    const Generated again = generate("b", 7);
    const Generated other = generate("c", 8);
    const auto a = checksums(s_book->path);
    const auto b = checksums(again.path);
    const auto c = checksums(other.path);
    for (const auto& [table, sum] : a) {
        EXPECT_EQ(sum, b.at(table)) << table;
        if (table != "branches") { // few branches: another seed may open the same ones
            EXPECT_NE(sum, c.at(table)) << table;
        }
    }
    EXPECT_EQ(s_book->summary.trades, again.summary.trades);
    removeBook(again.path);
    removeBook(other.path);
}

TEST_F(DemoBook, SummaryMatchesTheBookAndVolumesAreRealistic) {
    auto db = open();
    const auto& s = s_book->summary;
    EXPECT_EQ(s.clients, kClients);
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(*) FROM clients"), s.clients);
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(*) FROM trades"), s.trades);
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(*) FROM assets"), s.assets);
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(*) FROM positions"), s.positions);
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(*) FROM contacts"), s.contacts);
    EXPECT_GE(s.branches, 4);
    EXPECT_LE(s.branches, 8);
    EXPECT_NEAR(static_cast<double>(kClients) / static_cast<double>(s.brokers), 350.0, 60.0);
    EXPECT_GE(s.securities, 200);
    // Tens of trades per client on average over three years; some contacts per client.
    EXPECT_GT(s.trades, 30 * kClients);
    EXPECT_LT(s.trades, 130 * kClients);
    EXPECT_GT(s.contacts, 3 * kClients);
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    auto mode = db.prepare("PRAGMA journal_mode");
    ASSERT_TRUE(*mode->step());
    EXPECT_EQ(mode->text(0), "wal");
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(*) FROM brokers WHERE branch_id NOT IN "
                                     "(SELECT branch_id FROM branches)"),
              0);
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(*) FROM branches WHERE name NOT LIKE '%营业部'"),
              0);
}

TEST_F(DemoBook, ClientsHaveValidIdentities) {
    auto db = open();
    auto st = db.prepare("SELECT id_number, gender, birth_date, phone, open_date, risk_level, "
                         "status, preferred_channel, client_id, broker_id, branch_id, email, "
                         "contact_hours, name FROM clients");
    int rows = 0, emails = 0, hours = 0;
    std::map<std::string, int> surnames;
    while (*st->step()) {
        ++rows;
        const std::string id = st->text(0);
        ASSERT_TRUE(isValidIdNumber(id)) << id;
        const bool male = (id[16] - '0') % 2 == 1;
        EXPECT_EQ(st->int32(1), male ? 1 : 2) << id;
        EXPECT_EQ(idNumberBirthDate(id)->days, st->int64(2)) << id;
        EXPECT_TRUE(demo::isMobilePhone(st->text(3))) << st->text(3);
        const Date birth{static_cast<std::int32_t>(st->int64(2))};
        const Date open{static_cast<std::int32_t>(st->int64(4))};
        EXPECT_GE(open - birth, 18 * 365) << id;
        EXPECT_LE(open, Date::fromYmd(2026, 11, 20));
        EXPECT_FALSE(open.isWeekend());
        EXPECT_GE(st->int32(5), 1);
        EXPECT_LE(st->int32(5), 5);
        EXPECT_GE(st->int32(6), 1);
        EXPECT_LE(st->int32(6), 3);
        EXPECT_GE(st->int32(7), 1);
        EXPECT_LE(st->int32(7), 5);
        EXPECT_EQ(st->text(8).size(), 12u);
        EXPECT_EQ(st->text(8).substr(0, 4), st->text(10));
        EXPECT_EQ(st->text(9).substr(1, 4), st->text(10)); // broker works in the branch
        if (!st->isNull(11)) ++emails;
        if (!st->isNull(12)) {
            ++hours;
            EXPECT_EQ(st->text(12).size(), 11u) << st->text(12);
        }
        surnames[st->text(13).substr(0, 3)]++;
    }
    EXPECT_EQ(rows, kClients);
    EXPECT_GT(emails, kClients / 5);
    EXPECT_LT(emails, kClients * 3 / 5);
    EXPECT_GT(hours, kClients * 3 / 4);
    // The common surnames dominate: 王/李/张 each around 7% of people.
    EXPECT_GT(surnames["王"], kClients * 4 / 100);
    EXPECT_GT(surnames["李"], kClients * 4 / 100);
}

TEST_F(DemoBook, RiskAssessmentsAreMostlyValidAFewExpiredOrExpiring) {
    auto db = open();
    const Date asOf = Date::fromYmd(2026, 11, 20);
    auto st = db.prepare("SELECT risk_assessed_on, open_date FROM clients");
    int none = 0, expired = 0, expiring = 0, valid = 0;
    while (*st->step()) {
        if (st->isNull(0)) {
            ++none;
            continue;
        }
        const Date on{static_cast<std::int32_t>(st->int64(0))};
        EXPECT_GE(on.days, st->int64(1)); // never before the account was opened
        EXPECT_LE(on, asOf);
        const Date expires = addMonths(on, 24);
        if (expires <= asOf)
            ++expired;
        else if (expires - asOf <= 30)
            ++expiring;
        else
            ++valid;
    }
    const double n = kClients;
    EXPECT_NEAR(none / n, 0.02, 0.015);
    EXPECT_NEAR(expired / n, 0.03, 0.02);
    EXPECT_NEAR(expiring / n, 0.04, 0.025);
    EXPECT_GT(valid / n, 0.85);
}

TEST_F(DemoBook, TradesFollowTheArithmeticAndTheRules) {
    auto db = open();
    auto st = db.prepare(
        "SELECT t.trade_time, t.side, t.quantity, t.price, t.amount, t.commission, t.fees, "
        "t.channel, s.board, t.trade_id FROM trades t JOIN securities s USING (security_code) "
        "ORDER BY t.trade_id");
    std::int64_t rows = 0, mobile = 0;
    std::string prevId;
    auto cent = [](std::int64_t num, std::int64_t den) {
        return (num + den * 50) / (den * 100) * 100;
    };
    while (*st->step()) {
        ++rows;
        const DateTime t{st->int64(0)};
        const int sec = static_cast<int>(t.secs - static_cast<std::int64_t>(t.date().days) * 86400);
        EXPECT_FALSE(t.date().isWeekend());
        EXPECT_TRUE((sec >= 9 * 3600 + 1800 && sec < 11 * 3600 + 1800) ||
                    (sec >= 13 * 3600 && sec < 15 * 3600))
            << t.toString();
        const int side = st->int32(1);
        const std::int64_t qty = st->int64(2), price = st->int64(3), amount = st->int64(4);
        const auto board = static_cast<Board>(st->int32(8));
        ASSERT_TRUE(side == 1 || side == 2);
        EXPECT_EQ(qty % (board == Board::Bond ? 10 : 100), 0);
        EXPECT_GT(qty, 0);
        EXPECT_EQ(price % 100, 0); // two decimals
        EXPECT_EQ(amount, qty * price);
        EXPECT_GE(st->int64(5), 50000); // at least 5 CNY
        EXPECT_LE(st->int64(5), std::max<std::int64_t>(50000, cent(amount * 300, 1000000)));
        std::int64_t fees = 0;
        if (board != Board::Fund && board != Board::Bond) {
            fees = cent(amount, 100000);                    // transfer fee 0.001%
            if (side == 2) fees += cent(amount * 5, 10000); // stamp duty 0.05% on sells
        }
        EXPECT_EQ(st->int64(6), fees);
        if (st->int32(7) == static_cast<int>(OrderChannel::Mobile)) ++mobile;
        const std::string id = st->text(9);
        EXPECT_LT(prevId, id);
        prevId = id;
    }
    EXPECT_EQ(rows, s_book->summary.trades);
    EXPECT_GT(mobile * 2, rows); // mobile dominates
}

TEST_F(DemoBook, CashFlowsHoldingsAndPositionsAreConsistent) {
    auto db = open();
    // Cash moves only through deposits/withdrawals (net_inflow) and trades.
    auto flows = db.prepare(
        "SELECT a.client_ref, a.date, a.cash, a.net_inflow, "
        "  (SELECT a2.cash FROM assets a2 WHERE a2.client_ref = a.client_ref AND a2.date < a.date "
        "   ORDER BY a2.date DESC LIMIT 1) AS prev_cash, "
        "  (SELECT max(a2.date) FROM assets a2 WHERE a2.client_ref = a.client_ref AND "
        "   a2.date < a.date) AS prev_date FROM assets a");
    auto trades = db.prepare(
        "SELECT coalesce(sum(CASE side WHEN 2 THEN amount - commission - fees "
        "ELSE -(amount + commission + fees) END), 0) FROM trades WHERE client_ref = ? AND "
        "trade_time >= ? * 86400 AND trade_time < (? + 1) * 86400");
    std::int64_t checked = 0;
    while (*flows->step()) {
        const std::int64_t ref = flows->int64(0), date = flows->int64(1);
        if (flows->isNull(4)) {
            // First snapshot: only an account opened within the history knows its inflow.
            continue;
        }
        ASSERT_FALSE(flows->isNull(3));
        trades->bind(1, ref).bind(2, flows->int64(5) + 1).bind(3, date);
        ASSERT_TRUE(*trades->step());
        const std::int64_t tradeCash = trades->int64(0);
        trades->reset();
        EXPECT_EQ(flows->int64(2), flows->int64(4) + flows->int64(3) + tradeCash)
            << "client " << ref << " on " << Date{static_cast<std::int32_t>(date)}.toString();
        EXPECT_GE(flows->int64(2), 0);
        ++checked;
    }
    EXPECT_GT(checked, kClients * 10);

    // Positions are dated at the last snapshot and value to its market value exactly.
    EXPECT_EQ(*storage::queryInt(
                  db, "SELECT count(*) FROM (SELECT p.client_ref, p.date, sum(p.quantity * "
                      "p.close_price) AS mv FROM positions p GROUP BY p.client_ref, p.date) x "
                      "JOIN assets a ON a.client_ref = x.client_ref AND a.date = x.date "
                      "WHERE a.market_value = x.mv"),
              *storage::queryInt(db, "SELECT count(DISTINCT client_ref) FROM positions"));
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(DISTINCT date) FROM positions"), 1);
    EXPECT_EQ(*storage::queryInt(db, "SELECT max(date) FROM assets"),
              Date::fromYmd(2026, 11, 20).days);
    // Clients holding nothing at the end show no market value.
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(*) FROM assets WHERE date = (SELECT "
                                     "max(date) FROM assets) AND market_value > 0 AND client_ref "
                                     "NOT IN (SELECT client_ref FROM positions)"),
              0);
    // Holdings equal buys minus sells for clients who opened within the history.
    auto mismatched = db.prepare(
        "SELECT count(*), sum(p.quantity != (SELECT sum(CASE side WHEN 1 THEN quantity ELSE "
        "-quantity END) FROM trades t WHERE t.client_ref = p.client_ref AND t.security_code = "
        "p.security_code)) FROM positions p JOIN clients c ON c.id = p.client_ref "
        "WHERE c.open_date >= ?");
    mismatched->bind(1, static_cast<std::int64_t>(Date::fromYmd(2023, 11, 21).days));
    ASSERT_TRUE(*mismatched->step());
    EXPECT_GT(mismatched->int64(0), 50);
    EXPECT_EQ(mismatched->int64(1), 0);
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(*) FROM positions WHERE quantity <= 0 OR "
                                     "close_price <= 0 OR cost_price <= 0"),
              0);
}

TEST_F(DemoBook, ArchetypeSharesAreWithinTolerance) {
    const auto& shares = demo::demoArchetypeShares();
    const auto& counts = s_book->summary.archetype_counts;
    std::int64_t total = 0;
    for (int a = 0; a < demo::kDemoArchetypeCount; ++a) {
        const double share = static_cast<double>(counts[static_cast<std::size_t>(a)]) / kClients;
        EXPECT_NEAR(share, shares[static_cast<std::size_t>(a)], 0.04)
            << demo::toString(static_cast<DemoArchetype>(a));
        total += counts[static_cast<std::size_t>(a)];
    }
    EXPECT_EQ(total, kClients);
}

TEST_F(DemoBook, WealthyPassiveClientsHoldMoreTradeLessAndAreServedMore) {
    auto db = open();
    const auto facts = clientFacts(db, kClients);
    std::map<DemoArchetype, std::vector<double>> aum, trades, contacts, personal;
    for (std::int64_t ref = 1; ref <= kClients; ++ref) {
        const auto& f = facts[static_cast<std::size_t>(ref)];
        const DemoArchetype a = archetype(ref);
        aum[a].push_back(f.aum);
        trades[a].push_back(static_cast<double>(f.trades));
        contacts[a].push_back(static_cast<double>(f.contacts));
        personal[a].push_back(static_cast<double>(f.personalContacts));
    }
    auto mean = [](const std::vector<double>& v) {
        double s = 0;
        for (double x : v) s += x;
        return v.empty() ? 0.0 : s / static_cast<double>(v.size());
    };
    const auto P = DemoArchetype::PassiveWealthy, A = DemoArchetype::ActiveTrader,
               F = DemoArchetype::AffluentTrader, D = DemoArchetype::Dormant;
    EXPECT_GT(median(aum[P]), 10 * median(aum[A]));
    EXPECT_GT(median(aum[F]), 3 * median(aum[A]));
    EXPECT_LT(mean(trades[P]) * 4, mean(trades[A]));
    EXPECT_GT(mean(trades[F]), mean(trades[A]));
    EXPECT_LT(mean(trades[D]) * 5, mean(trades[A]));
    EXPECT_GT(mean(contacts[P]), 2 * mean(contacts[A]));
    EXPECT_GT(mean(personal[P]), 3 * mean(personal[A])); // phone calls and visits
    // Heavy tail: the top 5% of clients hold most of the assets.
    std::vector<double> all;
    double sum = 0;
    for (std::size_t i = 1; i < facts.size(); ++i) {
        all.push_back(facts[i].aum);
        sum += facts[i].aum;
    }
    std::sort(all.rbegin(), all.rend());
    double top = 0;
    for (std::size_t i = 0; i < all.size() / 20; ++i) top += all[i];
    EXPECT_GT(top / sum, 0.5);
    // Across the whole book, the top AUM quartile gets more contacts than the bottom one.
    std::vector<std::pair<double, std::int64_t>> byAum;
    for (std::size_t i = 1; i < facts.size(); ++i)
        byAum.emplace_back(facts[i].aum, facts[i].contacts);
    std::sort(byAum.begin(), byAum.end());
    double low = 0, high = 0;
    const std::size_t q = byAum.size() / 4;
    for (std::size_t i = 0; i < q; ++i) {
        low += static_cast<double>(byAum[i].second);
        high += static_cast<double>(byAum[byAum.size() - 1 - i].second);
    }
    EXPECT_GT(high, 2 * low);
}

TEST_F(DemoBook, TradingLooksLikeARepeatPurchaseProcess) {
    auto db = open();
    // Some active traders stop (BG/NBD drop-out) while most keep trading; dormant status means
    // no trade in the last year.
    const std::int64_t cutoff = static_cast<std::int64_t>(Date::fromYmd(2026, 5, 20).days) * 86400;
    auto last = db.prepare("SELECT client_ref, max(trade_time), count(DISTINCT trade_time / "
                           "86400) FROM trades GROUP BY client_ref");
    int active = 0, stopped = 0, multiDay = 0;
    while (*last->step()) {
        if (archetype(last->int64(0)) != DemoArchetype::ActiveTrader) continue;
        ++active;
        if (last->int64(1) < cutoff) ++stopped;
        if (last->int64(2) > 1) ++multiDay;
    }
    ASSERT_GT(active, 100);
    EXPECT_GT(stopped, active / 20);
    EXPECT_LT(stopped, active * 3 / 4);
    EXPECT_GT(multiDay, active * 3 / 4);
    // Dormant = no trade in the value model's 12-month window (A - 365, A].
    const std::int64_t yearAgo =
        static_cast<std::int64_t>(Date::fromYmd(2025, 11, 20).days + 1) * 86400;
    auto dormantTrading = db.prepare(
        "SELECT count(*) FROM clients c WHERE status = 2 AND EXISTS (SELECT 1 FROM trades t "
        "WHERE t.client_ref = c.id AND t.trade_time >= ?)");
    dormantTrading->bind(1, yearAgo);
    ASSERT_TRUE(*dormantTrading->step());
    EXPECT_EQ(dormantTrading->int64(0), 0);
    EXPECT_GT(*storage::queryInt(db, "SELECT count(*) FROM clients WHERE status = 2"),
              kClients / 10);
    EXPECT_GT(*storage::queryInt(db, "SELECT count(*) FROM clients WHERE status = 3"), 0);
    // Several trades on one day happen.
    EXPECT_GT(*storage::queryInt(db, "SELECT count(*) FROM (SELECT client_ref, trade_time / 86400 "
                                     "FROM trades GROUP BY 1, 2 HAVING count(*) > 1)"),
              1000);
}

TEST_F(DemoBook, ContactsAreWellFormed) {
    auto db = open();
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(*) FROM contacts WHERE satisfaction IS NOT "
                                     "NULL AND satisfaction NOT BETWEEN 1 AND 5"),
              0);
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(*) FROM contacts WHERE notes IS NULL OR "
                                     "notes = ''"),
              0);
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(*) FROM contacts WHERE next_follow_up IS NOT "
                                     "NULL AND next_follow_up * 86400 <= contact_time"),
              0);
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(*) FROM contacts k JOIN clients c ON c.id = "
                                     "k.client_ref WHERE k.broker_id != c.broker_id"),
              0);
    EXPECT_EQ(*storage::queryInt(db, "SELECT count(*) FROM contacts WHERE contact_time >= "
                                     "(SELECT (max(date) + 1) * 86400 FROM assets)"),
              0);
    for (int ch = 1; ch <= 6; ++ch) {
        auto n = db.prepare("SELECT count(*) FROM contacts WHERE channel = ?");
        n->bind(1, ch);
        ASSERT_TRUE(*n->step());
        EXPECT_GT(n->int64(0), 0) << "channel " << ch;
    }
    EXPECT_GT(
        *storage::queryInt(db, "SELECT count(*) FROM contacts WHERE next_follow_up IS NOT NULL"),
        100);
    EXPECT_GT(*storage::queryInt(db, "SELECT count(*) FROM contacts WHERE outcome = 2"), 100);
    // Calls placed inside the client's stated hours get through more often.
    auto reach = db.prepare(
        "SELECT (k.contact_time % 86400) BETWEEN "
        "  (CAST(substr(c.contact_hours, 1, 2) AS INTEGER) * 3600 + "
        "   CAST(substr(c.contact_hours, 4, 2) AS INTEGER) * 60) AND "
        "  (CAST(substr(c.contact_hours, 7, 2) AS INTEGER) * 3600 + "
        "   CAST(substr(c.contact_hours, 10, 2) AS INTEGER) * 60 - 1) AS inside, "
        "  avg(k.outcome = 1), count(*) FROM contacts k JOIN clients c ON c.id = k.client_ref "
        "WHERE k.channel = 1 AND k.direction = 1 AND c.contact_hours IS NOT NULL GROUP BY 1 "
        "ORDER BY 1");
    std::map<std::int64_t, double> rate;
    while (*reach->step()) rate[reach->int64(0)] = reach->real(1);
    ASSERT_EQ(rate.size(), 2u);
    EXPECT_GT(rate[1], rate[0] + 0.15);
}

TEST(DemoBookCreate, RefusesABookWithDataUnlessForced) {
    const std::string path = tempBook("force");
    demo::DemoOptions o;
    o.clients = 40;
    o.seed = 3;
    auto first = demo::createDemoBook(path, o, false);
    ASSERT_TRUE(first.ok()) << first.error().toString();
    EXPECT_EQ(first->clients, 40);
    auto again = demo::createDemoBook(path, o, false);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::InvalidInput);
    EXPECT_NE(again.error().message.find("--force"), std::string::npos);
    o.clients = 60;
    auto forced = demo::createDemoBook(path, o, true);
    ASSERT_TRUE(forced.ok()) << forced.error().toString();
    auto db = storage::openBook(path, {.create = false});
    EXPECT_EQ(*storage::queryInt(*db, "SELECT count(*) FROM clients"), 60);

    // A file that is not a book is never overwritten, even with force.
    const std::string notBook = tempBook("notbook");
    {
        FILE* f = std::fopen(notBook.c_str(), "w");
        ASSERT_NE(f, nullptr);
        std::fputs("this is a spreadsheet, not a book\n", f);
        std::fclose(f);
    }
    auto refused = demo::createDemoBook(notBook, o, true);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidInput);
    EXPECT_TRUE(std::filesystem::exists(notBook));
    EXPECT_EQ(std::filesystem::file_size(notBook), 34u);
    removeBook(notBook);
    removeBook(path);
}

// scripts/demo generates as of yesterday, which may be a Sunday: a client whose account opened
// on the as-of day or the Saturday before made the generator flip between the two for ever (seed
// 7 reaches one within 3,000 clients). Opened on a weekday, on or before the as-of day.
TEST(DemoBookCreate, AnAsOfDayOnAWeekendGeneratesAndOpensEveryAccountOnAWeekday) {
    const std::string path = tempBook("sunday");
    demo::DemoOptions o;
    o.clients = 3000;
    o.seed = 7;
    o.as_of = Date::fromYmd(2026, 12, 6); // a Sunday
    auto s = demo::createDemoBook(path, o, false);
    ASSERT_TRUE(s.ok()) << s.error().toString();
    auto db = storage::openBook(path, {.create = false});
    ASSERT_TRUE(db);
    auto st = db->prepare("SELECT open_date FROM clients");
    ASSERT_TRUE(st.ok());
    int weekend = 0, later = 0;
    ASSERT_TRUE(st->forEach([&](const storage::Statement& r) {
                      const Date d{static_cast<std::int32_t>(r.int64(0))};
                      weekend += d.isWeekend() ? 1 : 0;
                      later += d > o.as_of ? 1 : 0;
                  }).ok());
    EXPECT_EQ(weekend, 0);
    EXPECT_EQ(later, 0);
}
