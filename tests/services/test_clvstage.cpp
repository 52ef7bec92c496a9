#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>

#include "services/clvstage.h"
#include "services/refresh.h"
#include "storage/book/analyticsstore.h"
#include "support/valuebook.h"

using namespace bd;

namespace {

const Date kAsOf = Date::fromYmd(2024, 6, 30);

/// A number after "\"key\": " in a model's parameter JSON (NaN when absent).
double param(const std::string& json, const std::string& key) {
    const auto at = json.find("\"" + key + "\": ");
    if (at == std::string::npos) return std::nan("");
    return std::strtod(json.c_str() + at + key.size() + 4, nullptr);
}

const storage::ClvModelRow* model(const services::ClvStageOutput& out, const std::string& name) {
    for (const auto& m : out.models)
        if (m.model == name) return &m;
    return nullptr;
}

/// Trade days simulated from BG/NBD (rates per week) with Gamma-Gamma values per trade day
/// (p, q, gamma), first days spread over two years before kAsOf. Fixed seed. With `fixedValue`
/// every day is worth that instead.
storage::TradeDays simulate(int clients, double p, double q, double gamma, std::uint64_t seed,
                            std::optional<double> fixedValue = std::nullopt) {
    std::mt19937_64 rng(seed);
    std::gamma_distribution<double> lambda(1.0, 1.0 / 2.0); // r = 1, alpha = 2 (weeks)
    std::gamma_distribution<double> ga(0.5, 1.0), gb(6.0, 1.0);
    std::gamma_distribution<double> nu(q, 1.0 / gamma);
    std::uniform_int_distribution<int> start(0, 700);
    std::uniform_real_distribution<double> unif(0.0, 1.0);
    storage::TradeDays td;
    td.resize(static_cast<std::size_t>(clients));
    for (int c = 0; c < clients; ++c) {
        const auto client = static_cast<std::size_t>(c);
        const double rate = lambda(rng), u = ga(rng), v = gb(rng), drop = u / (u + v);
        std::gamma_distribution<double> value(p, 1.0 / nu(rng));
        auto units = [&] { // 0.0001 CNY, as the book stores money
            const double cny = value(rng);
            return std::llround((fixedValue ? *fixedValue : cny) * 10000.0);
        };
        const int first = kAsOf.days - 728 + start(rng);
        double t = first;
        td.add(client, first, units());
        std::exponential_distribution<double> gap(rate / 7.0);
        for (;;) {
            t += std::max(1.0, gap(rng));
            if (t > kAsOf.days) break;
            td.add(client, static_cast<std::int32_t>(t), units());
            if (unif(rng) < drop) break;
        }
    }
    return td;
}

} // namespace

TEST(ClvStage, GammaGammaGivesTheValuePerTradeDay) {
    const double p = 6.0, q = 4.0, gamma = 15.0; // population mean p*gamma/(q-1) = 30
    const storage::TradeDays td = simulate(3000, p, q, gamma, 7);
    const auto out = services::runClvStage(td, kAsOf, 52);
    ASSERT_EQ(out.method, "bgnbd+gammagamma") << out.note;
    EXPECT_TRUE(out.note.empty()) << out.note;
    ASSERT_NE(model(out, "bgnbd"), nullptr);
    const auto* gg = model(out, "gammagamma");
    ASSERT_NE(gg, nullptr);
    ASSERT_TRUE(gg->log_likelihood.has_value());
    const double fp = param(gg->parameters, "p"), fq = param(gg->parameters, "q"),
                 fg = param(gg->parameters, "gamma");
    // Parameter recovery: the population mean value per trade day and q (p, gamma share a ridge).
    EXPECT_NEAR(fp * fg / (fq - 1), p * gamma / (q - 1), 0.1 * p * gamma / (q - 1));
    EXPECT_NEAR(fq, q, 0.35 * q);
    // Every client's value is the conditional expectation E(Z | x, m_x) with those parameters.
    const auto s = services::clvSummaryStats(td, kAsOf);
    for (std::size_t i = 0; i < s.x.size(); ++i) {
        const double x = s.x[i], m = s.m_x[i];
        const double expected = x > 0 ? fp * (fg + x * m) / (fp * x + fq - 1) : fp * fg / (fq - 1);
        ASSERT_NEAR(out.clients[i].expected_value_per_trade, expected, 1e-9 * expected) << i;
        ASSERT_GT(out.clients[i].p_alive, 0.0);
        ASSERT_LE(out.clients[i].p_alive, 1.0);
        ASSERT_GE(out.clients[i].expected_trades, 0.0);
    }
    // Shrinkage: a repeat trader's value lies between its own mean and the population mean.
    for (std::size_t i = 0; i < s.x.size(); ++i) {
        if (s.x[i] == 0) continue;
        const double lo = std::min(s.m_x[i], fp * fg / (fq - 1));
        const double hi = std::max(s.m_x[i], fp * fg / (fq - 1));
        ASSERT_GE(out.clients[i].expected_value_per_trade, lo - 1e-9);
        ASSERT_LE(out.clients[i].expected_value_per_trade, hi + 1e-9);
    }
    ASSERT_EQ(out.timings.size(), 3u);
}

TEST(ClvStage, DegenerateGammaGammaFallsBackAndSaysWhy) {
    // Every repeat day is worth exactly 10: no spread in m_x, Gamma-Gamma cannot be fitted.
    const storage::TradeDays td = simulate(400, 6.0, 4.0, 15.0, 11, 10.0);
    const auto out = services::runClvStage(td, kAsOf, 52);
    EXPECT_EQ(out.method, "bgnbd+empirical_value");
    EXPECT_TRUE(out.fitted);
    EXPECT_NE(out.note.find("Gamma-Gamma"), std::string::npos) << out.note;
    const auto* fallback = model(out, "empirical_value");
    ASSERT_NE(fallback, nullptr);
    EXPECT_NE(fallback->note.find("Gamma-Gamma"), std::string::npos);
    EXPECT_EQ(model(out, "gammagamma"), nullptr);
    // The documented fallback: own days plus one pseudo-day at the book mean (here all 10).
    for (std::size_t i = 0; i < out.clients.size(); ++i)
        ASSERT_NEAR(out.clients[i].expected_value_per_trade, 10.0, 1e-9);
}

TEST(ClvStage, NoRepeatTraderUsesEmpiricalRates) {
    storage::TradeDays td;
    td.resize(6); // client 5 never traded
    for (int c = 0; c < 5; ++c)
        td.add(static_cast<std::size_t>(c), kAsOf.days - 10 * (c + 1), 4'0000 * (c + 1));
    const auto out = services::runClvStage(td, kAsOf, 52);
    EXPECT_EQ(out.method, "empirical");
    EXPECT_NE(out.note.find("repeat"), std::string::npos);
    ASSERT_EQ(out.clients.size(), 6u);
    EXPECT_EQ(out.clients[5].p_alive, 0.0);
    EXPECT_EQ(out.clients[5].expected_trades, 0.0);
    // Client 0: one day 10 days ago, rate 1 / (10/7 + 1) per week.
    const double rate = 1.0 / (10.0 / 7.0 + 1.0);
    EXPECT_NEAR(out.clients[0].p_alive, std::exp(-rate * 10.0 / 7.0), 1e-12);
    EXPECT_NEAR(out.clients[0].expected_trades, out.clients[0].p_alive * rate * 52, 1e-12);
    EXPECT_NEAR(out.clients[0].expected_value_per_trade, (4.0 + 12.0) / 2.0, 1e-12); // book mean 12
}

TEST(RefreshClv, StoredClvFollowsTheSpecWithGammaGamma) {
    // A book of 300 clients trading at different rates and values: the run uses both models and
    // every stored clv_12m is expected trades x expected value + p_alive x carry, to the cent.
    bdtest::ValueBook book;
    std::mt19937_64 rng(3);
    std::uniform_int_distribution<int> days(1, 40), gapDays(1, 30);
    std::gamma_distribution<double> value(3.0, 5.0);
    for (int c = 0; c < 300; ++c) {
        const auto ref = book.client("V" + std::to_string(c), Date::fromYmd(2022, 1, 1));
        const double scale = 0.5 + (c % 7);
        int d = kAsOf.days - 700 + c;
        const int n = days(rng);
        for (int k = 0; k < n && d <= kAsOf.days; ++k, d += gapDays(rng))
            book.trade(ref, bdtest::at(Date{d}), 10'000,
                       std::round(scale * value(rng) * 100) / 100);
        if (c % 3 == 0) book.snapshot(ref, kAsOf.addDays(-20), 50'000, 10'000);
        if (c % 5 == 0) book.contact(ref, bdtest::at(kAsOf.addDays(-3)), ContactChannel::Phone);
    }
    services::RefreshOptions o;
    o.as_of = kAsOf;
    auto s = services::refreshBook(book.db(), o);
    ASSERT_TRUE(s.ok()) << s.error().toString();
    EXPECT_EQ(s->clv_method, "bgnbd+gammagamma");
    auto models = storage::readClvModels(book.db(), s->run_id);
    ASSERT_TRUE(models.ok());
    ASSERT_EQ(models->size(), 2u);
    EXPECT_EQ((*models)[0].model, "bgnbd");
    EXPECT_EQ((*models)[1].model, "gammagamma");
    auto scores = storage::readScores(book.db(), s->run_id);
    ASSERT_TRUE(scores.ok());
    ASSERT_EQ(scores->size(), 300u);
    for (const auto& c : *scores) {
        const auto& r = c.score;
        const double carry = r.interest_12m.toDouble() - r.service_cost_12m.toDouble() -
                             r.maintenance_12m.toDouble();
        // expected_commission_per_trade_day is stored rounded to the cent; allow for it.
        const double clv = r.expected_trades_12m * r.expected_commission_per_trade_day.toDouble() +
                           r.p_alive * carry;
        ASSERT_NEAR(r.clv_12m.toDouble(), clv, 0.006 * (1 + r.expected_trades_12m)) << c.client_id;
        ASSERT_GT(r.expected_commission_per_trade_day.toDouble(), 0.0) << c.client_id;
    }
    auto run = storage::readAnalyticsRun(book.db(), s->run_id);
    ASSERT_TRUE(run.ok());
    EXPECT_NE(run->summary.find("\"clv_method\": \"bgnbd+gammagamma\""), std::string::npos);
    EXPECT_NE(run->stage_timings.find("\"clv.gammagamma_fit\""), std::string::npos);
    EXPECT_NE(run->stage_timings.find("\"persist\""), std::string::npos);
}

TEST(RefreshClv, FallbackReasonIsRecordedInTheRun) {
    // One repeat trader only: Gamma-Gamma (or BG/NBD) cannot be fitted; the run says why.
    bdtest::ValueBook book;
    const auto a = book.client("A", Date::fromYmd(2023, 1, 1));
    const auto b = book.client("B", Date::fromYmd(2023, 1, 1));
    book.trade(a, bdtest::at(kAsOf.addDays(-100)), 1000, 5);
    book.trade(a, bdtest::at(kAsOf.addDays(-50)), 1000, 7);
    book.trade(b, bdtest::at(kAsOf.addDays(-30)), 1000, 3);
    services::RefreshOptions o;
    o.as_of = kAsOf;
    auto s = services::refreshBook(book.db(), o);
    ASSERT_TRUE(s.ok()) << s.error().toString();
    EXPECT_NE(s->clv_method, "bgnbd+gammagamma");
    ASSERT_FALSE(s->notes.empty());
    auto run = storage::readAnalyticsRun(book.db(), s->run_id);
    ASSERT_TRUE(run.ok());
    const std::string reason = s->clv_method == "empirical" ? "BG/NBD" : "Gamma-Gamma";
    EXPECT_NE(run->summary.find(reason), std::string::npos) << run->summary;
    auto scores = storage::readScores(book.db(), s->run_id);
    ASSERT_TRUE(scores.ok());
    for (const auto& c : *scores) EXPECT_TRUE(std::isfinite(c.score.value_score));
}
