#include <gtest/gtest.h>

#include <cmath>

#include "services/refresh.h"
#include "services/valueparams.h"
#include "storage/book/analyticsstore.h"
#include "storage/book/features.h"
#include "storage/book/segmentstore.h"
#include "support/valuebook.h"

using namespace bd;
using bdtest::at;
using storage::Feature;

namespace {

const Date kA = Date::fromYmd(2024, 6, 28);

/// The hand-built book of the known-answer tests (see each client's comment).
struct KnownBook {
    bdtest::ValueBook book;
    std::int64_t c1 = 0, c2 = 0, c3 = 0, c4 = 0;

    KnownBook() {
        // C1: open all window; trades, snapshots and contacts exactly on the window's edges.
        c1 = book.client("C1", Date::fromYmd(2020, 1, 1));
        book.trade(c1, at(kA.addDays(-365), 10), 1'000'000, 100);   // outside W
        book.trade(c1, at(kA.addDays(-364), 9, 30), 100'000, 10.5); // first day of W
        book.trade(c1, at(kA, 14, 59, 59), 50'000, 20.25);          // A itself
        book.trade(c1, at(kA, 9, 31), 30'000, 5.0001);              // same trade day
        book.trade(c1, at(kA.addDays(1), 10), 999, 999);            // after A: ignored
        book.snapshot(c1, kA.addDays(-365), 999'999, 1);            // AUM 12m ago only
        book.snapshot(c1, kA.addDays(-200), 10'000, 90'000, 5'000);
        book.snapshot(c1, kA, 30'000, 170'000, -1'000);
        book.snapshot(c1, kA.addDays(1), 5'000'000, 0);                       // after A: ignored
        book.contact(c1, at(kA.addDays(-365), 23, 0), ContactChannel::Visit); // outside W
        book.contact(c1, at(kA.addDays(-364), 0, 0, 0), ContactChannel::Phone, 4);
        book.contact(c1, at(kA, 23, 59, 59), ContactChannel::Visit, 5);
        book.contact(c1, at(kA.addDays(-100), 9), ContactChannel::Sms);
        book.contact(c1, at(kA.addDays(-50), 9), ContactChannel::Sms);
        book.contact(c1, at(kA.addDays(1), 9), ContactChannel::Visit); // after A
        // C2: opened mid-window (73 days covered), no snapshots.
        c2 = book.client("C2", kA.addDays(-73), "B2");
        book.trade(c2, at(kA.addDays(-10)), 20'000, 8);
        book.contact(c2, at(kA.addDays(-5)), ContactChannel::Wechat);
        // C3: opens after A.
        c3 = book.client("C3", kA.addDays(5), "B3");
        // C4: snapshots only, lots of idle cash.
        c4 = book.client("C4", Date::fromYmd(2023, 1, 1), "B3");
        book.snapshot(c4, kA.addDays(-30), 1'000'000, 0);
    }
};

const storage::ScoredClient& find(const std::vector<storage::ScoredClient>& v,
                                  const std::string& id) {
    for (const auto& c : v)
        if (c.client_id == id) return c;
    throw std::runtime_error("no client " + id);
}

double yuan(Money m) {
    return m.toDouble();
}

} // namespace

TEST(Features, KnownAnswersOnTheWindowEdges) {
    KnownBook k;
    auto f = storage::readFeatures(k.book.db(), kA);
    ASSERT_TRUE(f.ok()) << f.error().toString();
    ASSERT_EQ(f->rows(), 4u);
    EXPECT_EQ(f->client_id[0], "C1");
    EXPECT_EQ(f->branch_id[0], "BR1"); // from the broker
    EXPECT_EQ(f->branch_id[2], "BR2");
    EXPECT_DOUBLE_EQ(f->at(0, Feature::Commission12m), 35.7501);
    EXPECT_DOUBLE_EQ(f->at(0, Feature::Amount12m), 180'000);
    EXPECT_EQ(f->at(0, Feature::Trades12m), 3);
    EXPECT_EQ(f->at(0, Feature::TradeDays12m), 2);
    EXPECT_EQ(f->at(0, Feature::RecencyDays), 0);
    EXPECT_DOUBLE_EQ(f->at(0, Feature::Monetary), 35.7501 / 2);
    EXPECT_DOUBLE_EQ(f->at(0, Feature::AvgCash12m), 20'000);
    EXPECT_EQ(f->at(0, Feature::Snapshots12m), 2);
    EXPECT_DOUBLE_EQ(f->at(0, Feature::AumNow), 200'000);
    EXPECT_DOUBLE_EQ(f->at(0, Feature::Aum3m), 100'000);
    EXPECT_DOUBLE_EQ(f->at(0, Feature::Aum6m), 100'000);
    EXPECT_DOUBLE_EQ(f->at(0, Feature::Aum12m), 1'000'000);
    EXPECT_DOUBLE_EQ(f->at(0, Feature::NetInflow12m), 4'000);
    EXPECT_EQ(f->at(0, Feature::CoveredDays), 365);
    EXPECT_EQ(f->at(0, Feature::ContactsPhone), 1);
    EXPECT_EQ(f->at(0, Feature::ContactsVisit), 1);
    EXPECT_EQ(f->at(0, Feature::ContactsSms), 2);
    EXPECT_EQ(f->at(0, Feature::ContactsTotal), 4);
    EXPECT_EQ(f->at(0, Feature::DaysSinceContact), 0);
    EXPECT_DOUBLE_EQ(f->at(0, Feature::MeanSatisfaction), 4.5);
    // Trade days over the whole history up to A, same-date trades merged.
    ASSERT_EQ(f->trade_days.count(0), 3u);
    EXPECT_EQ(f->trade_days.first[0], kA.days - 365);
    EXPECT_EQ(f->trade_days.last[0], kA.days);
    EXPECT_EQ(f->trade_days.first_commission[0], 100'0000);               // 100 CNY on A-365
    EXPECT_EQ(f->trade_days.commission[0], 100'0000 + 10'5000 + 25'2501); // 0.0001 CNY
    EXPECT_EQ(f->trade_days.count(1), 1u);
    EXPECT_EQ(f->trade_days.count(2), 0u);
    // C2: mid-window account; C3: opens after A; C4: never traded.
    EXPECT_EQ(f->at(1, Feature::CoveredDays), 73);
    EXPECT_EQ(f->at(1, Feature::TenureDays), 73);
    EXPECT_EQ(f->at(1, Feature::AumNow), 0);
    EXPECT_EQ(f->at(1, Feature::ContactsWechat), 1);
    EXPECT_EQ(f->at(2, Feature::CoveredDays), 0);
    EXPECT_EQ(f->at(2, Feature::TenureDays), 0);
    EXPECT_EQ(f->trade_days.count(3), 0u);
    EXPECT_EQ(f->at(3, Feature::RecencyDays), f->at(3, Feature::TenureDays));
    for (double v : f->values) EXPECT_TRUE(std::isfinite(v));
    EXPECT_EQ(storage::BookFeatures::columnNames().size(),
              static_cast<std::size_t>(storage::kFeatureCount));
}

TEST(Features, CutOffsBeforeTheReadRangeComeFromOlderRows) {
    // The asset pass reads snapshots from about 13.5 months before A and the contact pass W
    // only; older rows are looked up by key where nothing later answers (closed, sparse or
    // new accounts, clients not contacted for a year).
    bdtest::ValueBook book;
    const auto old = book.client("OLD", Date::fromYmd(2015, 1, 1));
    book.snapshot(old, kA.addDays(-900), 1'000, 9'000);   // superseded by the next
    book.snapshot(old, kA.addDays(-500), 50'000, 50'000); // last one, long before W
    book.contact(old, at(kA.addDays(-700), 9), ContactChannel::Visit);
    book.contact(old, at(kA.addDays(-365), 23, 59, 59), ContactChannel::Phone, 5); // before W
    const auto sparse = book.client("SPARSE", Date::fromYmd(2015, 1, 1));
    book.snapshot(sparse, kA.addDays(-500), 7'000, 0);
    book.snapshot(sparse, kA.addDays(-100), 20'000, 10'000, 2'500);
    const auto edge = book.client("EDGE", Date::fromYmd(2015, 1, 1));
    book.snapshot(edge, kA.addDays(-411), 1, 0); // just before the read range
    book.snapshot(edge, kA.addDays(-409), 2, 0); // just inside it, still before W
    book.client("NONE", Date::fromYmd(2015, 1, 1));
    auto f = storage::readFeatures(book.db(), kA);
    ASSERT_TRUE(f.ok()) << f.error().toString();
    ASSERT_EQ(f->rows(), 4u);
    for (Feature c : {Feature::AumNow, Feature::Aum3m, Feature::Aum6m, Feature::Aum12m})
        EXPECT_DOUBLE_EQ(f->at(0, c), 100'000) << storage::featureName(c);
    EXPECT_EQ(f->at(0, Feature::Snapshots12m), 0);
    EXPECT_EQ(f->at(0, Feature::NetInflow12m), 0);
    EXPECT_EQ(f->at(0, Feature::DaysSinceContact), 365);
    EXPECT_EQ(f->at(0, Feature::ContactsTotal), 0);
    EXPECT_EQ(f->at(0, Feature::MeanSatisfaction), 0);
    EXPECT_DOUBLE_EQ(f->at(1, Feature::AumNow), 30'000);
    EXPECT_DOUBLE_EQ(f->at(1, Feature::Aum3m), 30'000);
    EXPECT_DOUBLE_EQ(f->at(1, Feature::Aum6m), 7'000);
    EXPECT_DOUBLE_EQ(f->at(1, Feature::Aum12m), 7'000);
    EXPECT_EQ(f->at(1, Feature::Snapshots12m), 1);
    EXPECT_DOUBLE_EQ(f->at(1, Feature::AvgCash12m), 20'000);
    EXPECT_DOUBLE_EQ(f->at(1, Feature::NetInflow12m), 2'500);
    for (Feature c : {Feature::AumNow, Feature::Aum3m, Feature::Aum6m, Feature::Aum12m})
        EXPECT_DOUBLE_EQ(f->at(2, c), 2) << storage::featureName(c);
    for (Feature c : {Feature::AumNow, Feature::Aum3m, Feature::Aum6m, Feature::Aum12m})
        EXPECT_EQ(f->at(3, c), 0) << storage::featureName(c);
    EXPECT_EQ(f->at(3, Feature::DaysSinceContact), f->at(3, Feature::TenureDays)); // never
}

TEST(Refresh, ProfitComponentsExactToTheCent) {
    KnownBook k;
    services::RefreshOptions o;
    o.as_of = kA;
    auto s = services::refreshBook(k.book.db(), o);
    ASSERT_TRUE(s.ok()) << s.error().toString();
    EXPECT_EQ(s->clients, 4);
    auto scores = storage::readScores(k.book.db(), s->run_id);
    ASSERT_TRUE(scores.ok());
    ASSERT_EQ(scores->size(), 4u);

    const auto& c1 = find(*scores, "C1").score;
    EXPECT_EQ(c1.commission_12m.units, 357'501); // exact to 0.0001 CNY
    EXPECT_EQ(c1.trades_12m, 3);
    EXPECT_DOUBLE_EQ(yuan(c1.handling_cost_12m), 6.14);  // 0.0000341 x 180,000 = 6.138
    EXPECT_DOUBLE_EQ(yuan(c1.interest_12m), 240.00);     // 0.012 x 20,000 x 365/365
    EXPECT_DOUBLE_EQ(yuan(c1.service_cost_12m), 215.10); // phone + visit + 2 sms
    EXPECT_DOUBLE_EQ(yuan(c1.maintenance_12m), 60.00);
    EXPECT_DOUBLE_EQ(yuan(c1.profit_12m), -5.49); // 35.7501+240-6.138-215.1-60
    EXPECT_DOUBLE_EQ(yuan(c1.aum), 200'000.00);
    EXPECT_EQ(c1.recency_days, 0);
    EXPECT_EQ(c1.frequency, 2);

    const auto& c2 = find(*scores, "C2").score;
    EXPECT_DOUBLE_EQ(yuan(c2.maintenance_12m), 12.00); // 60 x 73/365
    EXPECT_DOUBLE_EQ(yuan(c2.interest_12m), 0.00);
    EXPECT_DOUBLE_EQ(yuan(c2.handling_cost_12m), 0.68);
    EXPECT_DOUBLE_EQ(yuan(c2.service_cost_12m), 2.00);
    EXPECT_DOUBLE_EQ(yuan(c2.profit_12m), -6.68);
    EXPECT_DOUBLE_EQ(yuan(c2.aum), 0.00);

    const auto& c3 = find(*scores, "C3").score;
    EXPECT_EQ(c3.profit_12m.units, 0);
    EXPECT_EQ(c3.maintenance_12m.units, 0);
    EXPECT_EQ(c3.p_alive, 0.0);
    EXPECT_EQ(c3.churn_risk, 1.0);

    const auto& c4 = find(*scores, "C4").score;
    EXPECT_DOUBLE_EQ(yuan(c4.interest_12m), 12'000.00);
    EXPECT_DOUBLE_EQ(yuan(c4.profit_12m), 11'940.00);
    EXPECT_EQ(c4.value_rank, 1);
    EXPECT_TRUE(c4.vip); // ceil(4 x 5%) = 1 VIP
    int vips = 0;
    for (const auto& c : *scores) vips += c.score.vip ? 1 : 0;
    EXPECT_EQ(vips, 1);
    EXPECT_EQ(s->vips, 1);
    EXPECT_FALSE(find(*scores, "C1").score.explanation_code.empty());
    EXPECT_NE(find(*scores, "C1").score.explanation_code.find("|p"), std::string::npos);

    auto run = storage::readAnalyticsRun(k.book.db(), s->run_id);
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->kind, "value");
    ASSERT_TRUE(run->as_of.has_value());
    EXPECT_EQ(*run->as_of, kA);
    EXPECT_NE(run->parameters.find("\"handling_rate\": 3.41e-05"), std::string::npos)
        << run->parameters;
    EXPECT_NE(run->stage_timings.find("\"features\""), std::string::npos);
    EXPECT_NE(run->summary.find("\"clients\": 4"), std::string::npos);
    EXPECT_GT(run->duration_ms, 0.0);
}

TEST(Refresh, DefaultAsOfIsTheLatestTradeDate) {
    KnownBook k;
    auto s = services::refreshBook(k.book.db());
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->as_of, kA.addDays(1));
}

TEST(Refresh, StoredParametersAreUsedAndRecorded) {
    KnownBook k;
    auto p = services::loadValueModelParams(k.book.db());
    ASSERT_TRUE(p.ok());
    p->channel_cost[static_cast<int>(ContactChannel::Visit)] = 300;
    p->vip_percent = 50;
    ASSERT_TRUE(services::saveValueModelParams(k.book.db(), *p).ok());
    services::RefreshOptions o;
    o.as_of = kA;
    auto s = services::refreshBook(k.book.db(), o);
    ASSERT_TRUE(s.ok());
    auto scores = storage::readScores(k.book.db(), s->run_id);
    EXPECT_DOUBLE_EQ(yuan(find(*scores, "C1").score.service_cost_12m), 315.10);
    // 2 slots (ceil(4 x 50%)), filled by the best two clients that create positive value.
    int expected = 0;
    for (const auto& c : *scores) {
        const bool shouldBeVip = c.score.value_rank <= 2 && c.score.value_score > 0;
        EXPECT_EQ(c.score.vip, shouldBeVip) << c.client_id;
        expected += shouldBeVip ? 1 : 0;
    }
    EXPECT_EQ(s->vips, expected);
    EXPECT_GE(expected, 1);
    auto run = storage::readAnalyticsRun(k.book.db(), s->run_id);
    EXPECT_NE(run->parameters.find("\"channel_cost.visit\": 300"), std::string::npos);
    // A bad stored value is rejected, not silently replaced.
    ASSERT_TRUE(
        k.book.db().exec("UPDATE settings SET value='abc' WHERE key='value.spread_rate'").ok());
    EXPECT_EQ(services::refreshBook(k.book.db(), o).error().code, ErrorCode::InvalidInput);
}

TEST(Refresh, EmptyBookGivesAnEmptyRun) {
    bdtest::ValueBook book;
    auto s = services::refreshBook(book.db());
    ASSERT_TRUE(s.ok()) << s.error().toString();
    EXPECT_EQ(s->clients, 0);
    EXPECT_EQ(s->vips, 0);
    EXPECT_FALSE(s->concentration.defined);
    EXPECT_GT(s->run_id, 0);
    auto latest = storage::latestScoredRunId(book.db(), "value");
    ASSERT_TRUE(latest.ok());
    EXPECT_EQ(**latest, s->run_id);
    EXPECT_FALSE(s->notes.empty());
    EXPECT_NE(services::formatRefreshSummary(*s).find("clients: 0"), std::string::npos);
}

TEST(Refresh, BookWithoutTradesHasNoNaN) {
    bdtest::ValueBook book;
    for (int i = 0; i < 5; ++i) {
        auto ref = book.client("N" + std::to_string(i), Date::fromYmd(2022, 1, 1));
        if (i % 2 == 0) book.snapshot(ref, Date::fromYmd(2024, 1, 1), 1000.0 * i, 500);
        if (i == 1) book.contact(ref, at(Date::fromYmd(2024, 2, 1)), ContactChannel::Phone);
    }
    services::RefreshOptions o;
    o.as_of = Date::fromYmd(2024, 6, 30);
    auto s = services::refreshBook(book.db(), o);
    ASSERT_TRUE(s.ok()) << s.error().toString();
    EXPECT_EQ(s->clients, 5);
    EXPECT_EQ(s->clients_with_trades, 0);
    auto scores = storage::readScores(book.db(), s->run_id);
    ASSERT_EQ(scores->size(), 5u);
    for (const auto& c : *scores) {
        EXPECT_TRUE(std::isfinite(c.score.value_score));
        EXPECT_TRUE(std::isfinite(c.score.p_alive));
        EXPECT_TRUE(std::isfinite(c.score.expected_trades_12m));
        EXPECT_TRUE(std::isfinite(c.score.churn_risk));
        EXPECT_EQ(c.score.expected_trades_12m, 0.0);
    }
    // Without trades the default as-of is today and the run still succeeds.
    EXPECT_TRUE(services::refreshBook(book.db()).ok());
}

TEST(Refresh, OldRunsLoseTheirScoresButKeepTheirRecord) {
    KnownBook k;
    services::RefreshOptions o;
    o.as_of = kA;
    o.keep_scored_runs = 2;
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 3; ++i) ids.push_back(services::refreshBook(k.book.db(), o)->run_id);
    EXPECT_TRUE(storage::readScores(k.book.db(), ids[0])->empty());
    EXPECT_EQ(storage::readScores(k.book.db(), ids[1])->size(), 4u);
    EXPECT_TRUE(storage::readAnalyticsRun(k.book.db(), ids[0]).ok());
    EXPECT_EQ(**storage::latestScoredRunId(k.book.db(), "value"), ids[2]);
}

TEST(Refresh, ProgressReportsEveryStage) {
    KnownBook k;
    std::vector<std::string> stages;
    double last = -1;
    bool monotone = true;
    services::RefreshOptions o;
    o.progress = [&](std::string_view stage, double fraction) {
        if (stages.empty() || stages.back() != stage) stages.emplace_back(stage);
        monotone = monotone && fraction >= last;
        last = fraction;
    };
    ASSERT_TRUE(services::refreshBook(k.book.db(), o).ok());
    EXPECT_EQ(stages, (std::vector<std::string>{"params", "features", "profit", "clv", "score",
                                                "persist", "segmentation"}));
    EXPECT_TRUE(monotone);
    EXPECT_DOUBLE_EQ(last, 1.0);
}

namespace {

/// A bare value-run record for the storage tests below.
storage::AnalyticsRunRecord valueRun() {
    storage::AnalyticsRunRecord run;
    run.kind = "value";
    run.started_at = "2026-11-27 08:00:00";
    return run;
}

} // namespace

TEST(Refresh, ScoresOfClientsNotInTheBookAreRefused) {
    // The score write checks its clients in one pass instead of per-row foreign-key probes;
    // either way a score for a client the book does not hold is refused and nothing is saved.
    bdtest::ValueBook book;
    const auto c1 = book.client("C1", Date::fromYmd(2020, 1, 1));
    const storage::AnalyticsRunRecord run = valueRun();
    std::vector<storage::ClientScoreRow> rows(2);
    rows[0].client_ref = c1;
    rows[1].client_ref = c1 + 100; // no such client
    auto ascending = storage::saveAnalyticsRun(book.db(), run, rows, {}, 3);
    ASSERT_FALSE(ascending.ok());
    EXPECT_NE(ascending.error().message.find("no longer in the book"), std::string::npos)
        << ascending.error().message;
    std::swap(rows[0], rows[1]); // not in client order: per-row foreign keys
    EXPECT_FALSE(storage::saveAnalyticsRun(book.db(), run, rows, {}, 3).ok());
    auto count = [&](const char* sql) { return *storage::queryInt(book.db(), sql); };
    EXPECT_EQ(count("SELECT count(*) FROM analytics_runs"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM client_scores"), 0);
    EXPECT_EQ(count("PRAGMA foreign_keys"), 1); // enforcement is back on
    rows.pop_back();
    rows[0].client_ref = c1;
    auto saved = storage::saveAnalyticsRun(book.db(), run, rows, {}, 3);
    ASSERT_TRUE(saved.ok()) << saved.error().toString();
    EXPECT_EQ(count("SELECT count(*) FROM client_scores"), 1);
}

TEST(Refresh, SegmentLabelsOfClientsNotInTheBookAreRefused) {
    bdtest::ValueBook book;
    const auto c1 = book.client("C1", Date::fromYmd(2020, 1, 1));
    auto runId = storage::saveAnalyticsRun(book.db(), valueRun(), {}, {}, 3);
    ASSERT_TRUE(runId.ok()) << runId.error().toString();
    storage::SegmentRunData data;
    data.run.run_id = *runId;
    data.run.clients = 2;
    data.run.k = 1;
    data.labels = {{c1, 1}, {c1 + 100, 1}}; // the second is no client
    auto refused = storage::saveSegmentRun(book.db(), data);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("no longer in the book"), std::string::npos);
    data.labels.pop_back();
    data.run.run_id = *runId + 7; // no such run
    EXPECT_FALSE(storage::saveSegmentRun(book.db(), data).ok());
    auto count = [&](const char* sql) { return *storage::queryInt(book.db(), sql); };
    EXPECT_EQ(count("SELECT count(*) FROM segment_labels"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM segment_runs"), 0);
    EXPECT_EQ(count("PRAGMA foreign_keys"), 1);
    data.run.run_id = *runId;
    ASSERT_TRUE(storage::saveSegmentRun(book.db(), data).ok());
    EXPECT_EQ(count("SELECT count(*) FROM segment_labels"), 1);
}
