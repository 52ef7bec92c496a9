// The segmentation stage inside refresh: every client gets a segment, segment ids and renamed
// segments survive a refresh after a small change, the migration matrix accounts for every
// client, and service policies start from Kotler's defaults.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "analytics/clustermetrics.h"
#include "analytics/relationship.h"
#include "demo/demogenerator.h"
#include "services/refresh.h"
#include "services/segmentation.h"
#include "services/segmentstage.h"
#include "services/servicepolicies.h"
#include "storage/book/analyticsstore.h"
#include "storage/book/segmentstore.h"
#include "storage/schema/schema.h"
#include "support/tempdir.h"

using namespace bd;

namespace {

constexpr int kClients = 1500;

std::string tempBook(const std::string& name) {
    const auto p = bdtest::scratchDir() / ("bd_segint_" + name + ".bdbook");
    for (const char* s : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(p.string() + s);
    return p.string();
}

std::int64_t count(storage::Database& db, const std::string& sql) {
    auto v = storage::queryInt(db, sql);
    EXPECT_TRUE(v.ok()) << sql;
    return v.ok() ? *v : -1;
}

/// One demo book refreshed twice (shared by the tests: generating and refreshing is the cost).
class SegmentStageTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        s_path = new std::string(tempBook("two_runs"));
        demo::DemoOptions o;
        o.clients = kClients;
        o.seed = 7;
        auto gen = demo::createDemoBook(*s_path, o, false);
        ASSERT_TRUE(gen.ok()) << gen.error().toString();
        s_asOf = o.as_of;
    }
    static void TearDownTestSuite() {
        delete s_path;
        s_path = nullptr;
    }
    static std::string* s_path;
    static Date s_asOf;
};
std::string* SegmentStageTest::s_path = nullptr;
Date SegmentStageTest::s_asOf;

TEST_F(SegmentStageTest, SecondRefreshKeepsIdsNamesAndAccountsForEveryClient) {
    auto db = storage::openBook(*s_path, {.create = false});
    ASSERT_TRUE(db.ok()) << db.error().toString();
    services::RefreshOptions ro;
    ro.as_of = s_asOf;

    auto first = services::refreshBook(*db, ro);
    ASSERT_TRUE(first.ok()) << first.error().toString();
    const std::int64_t run1 = first->run_id;
    auto segs1 = storage::loadSegments(*db, run1);
    ASSERT_TRUE(segs1.ok()) << segs1.error().toString();
    ASSERT_GE(segs1->size(), 2u);
    EXPECT_EQ(
        count(*db, "SELECT count(*) FROM segment_labels WHERE run_id = " + std::to_string(run1)),
        kClients);
    // Sizes add up, shares too, and every label names a segment of the run.
    std::int64_t total = 0;
    double share = 0, profitShare = 0;
    // The book's mean profit and AUM per client, from the segments' (for the zero-value rule).
    double popProfit = 0, popAum = 0, clients = 0;
    for (const auto& s : *segs1) {
        popProfit += static_cast<double>(s.size) * s.mean_profit_12m.value_or(0.0);
        popAum += static_cast<double>(s.size) * s.mean_aum.value_or(0.0);
        clients += static_cast<double>(s.size);
    }
    for (const auto& s : *segs1) {
        total += s.size;
        share += s.client_share;
        ASSERT_TRUE(s.profit_share.has_value());
        profitShare += *s.profit_share;
        EXPECT_TRUE(decodeSegmentName(s.name_fact)) << s.name_fact; // generated: a fact
        EXPECT_TRUE(s.name_en.empty());
        EXPECT_FALSE(s.inherited);
        EXPECT_EQ(s.feature_means.size(), services::segmentFeatureSpecs().size());
        EXPECT_EQ(s.centroid.size(), services::segmentFeatureSpecs().size());
        const bool noValue =
            analytics::zeroValue(s.mean_profit_12m.value_or(0.0), popProfit / clients,
                                 s.mean_aum.value_or(0.0), popAum / clients);
        EXPECT_EQ(s.relationship_type,
                  static_cast<int>(analytics::relationshipFor(
                      static_cast<analytics::Level>(s.client_level),
                      static_cast<analytics::Level>(s.margin_level), noValue)));
    }
    EXPECT_EQ(total, kClients);
    EXPECT_NEAR(share, 1.0, 1e-9);
    EXPECT_NEAR(profitShare, 1.0, 1e-9);
    EXPECT_EQ(count(*db, "SELECT count(*) FROM segment_labels l LEFT JOIN segments s ON "
                         "s.run_id = l.run_id AND s.segment_id = l.segment_id WHERE "
                         "s.segment_id IS NULL"),
              0);
    // The first run's migration matrix: everyone arrives from "no segment".
    auto mig1 = storage::loadSegmentMigration(*db, run1);
    ASSERT_TRUE(mig1.ok());
    std::int64_t migTotal = 0;
    for (const auto& m : *mig1) {
        EXPECT_EQ(m.from_segment_id, -1);
        migTotal += m.clients;
    }
    EXPECT_EQ(migTotal, kClients);
    auto run1Rec = storage::readAnalyticsRun(*db, run1);
    ASSERT_TRUE(run1Rec.ok());
    EXPECT_NE(run1Rec->stage_timings.find("\"segmentation\""), std::string::npos)
        << run1Rec->stage_timings;
    auto factors = storage::loadSegmentFactors(*db, run1);
    ASSERT_TRUE(factors.ok());
    ASSERT_GE(factors->size(), 2u);
    EXPECT_EQ(factors->front().loadings.size(), services::segmentSelectionFeatures().size());
    EXPECT_EQ(factors->front().loadings.front().first, "aum");

    // The user renames the largest segment.
    const auto largest = *std::max_element(
        segs1->begin(), segs1->end(), [](const auto& a, const auto& b) { return a.size < b.size; });
    ASSERT_TRUE(storage::renameSegment(*db, largest.segment_id, "我的核心客户", "My core clients"));
    EXPECT_EQ(storage::renameSegment(*db, 9999, "x", "y").error().code, ErrorCode::NotFound);

    // A small change: a new client, and 30 clients stop trading for the last four months.
    ASSERT_TRUE(db->exec(
        "INSERT INTO clients(client_id, name, broker_id, branch_id, open_date) SELECT "
        "'SEGINT-NEW', 'New client', broker_id, branch_id, open_date FROM clients WHERE id = 1"));
    ASSERT_TRUE(
        db->exec("DELETE FROM trades WHERE client_ref IN (SELECT client_ref FROM trades "
                 "GROUP BY client_ref ORDER BY client_ref LIMIT 30) AND trade_time > " +
                 std::to_string(static_cast<std::int64_t>(s_asOf.addDays(-120).days) * 86400)));

    auto second = services::refreshBook(*db, ro);
    ASSERT_TRUE(second.ok()) << second.error().toString();
    const std::int64_t run2 = second->run_id;
    auto segs2 = storage::loadSegments(*db, run2);
    ASSERT_TRUE(segs2.ok());
    auto run2Seg = storage::loadSegmentRun(*db, run2);
    ASSERT_TRUE(run2Seg.ok());
    EXPECT_EQ(run2Seg->previous_run_id, run1);

    std::map<int, storage::SegmentRow> byId2;
    for (const auto& s : *segs2) byId2[s.segment_id] = s;
    // Same k on a barely changed book: every segment keeps its id (and its name).
    if (segs2->size() == segs1->size()) {
        for (const auto& s : *segs1) {
            ASSERT_TRUE(byId2.count(s.segment_id)) << "segment " << s.segment_id << " lost";
            EXPECT_TRUE(byId2[s.segment_id].inherited);
            if (s.segment_id != largest.segment_id) {
                EXPECT_EQ(byId2[s.segment_id].name_fact, s.name_fact);
            }
        }
    }
    ASSERT_TRUE(byId2.count(largest.segment_id));
    EXPECT_EQ(byId2[largest.segment_id].name_en, "My core clients");
    EXPECT_EQ(byId2[largest.segment_id].name_zh, "我的核心客户");
    EXPECT_TRUE(byId2[largest.segment_id].name_edited);

    // Every client (the new one too) has a segment; the matrix sums to the client count and
    // has exactly the new client in its "no previous segment" row.
    EXPECT_EQ(
        count(*db, "SELECT count(*) FROM segment_labels WHERE run_id = " + std::to_string(run2)),
        kClients + 1);
    auto mig2 = storage::loadSegmentMigration(*db, run2);
    ASSERT_TRUE(mig2.ok());
    std::int64_t sum2 = 0, fromNone = 0, stayed = 0;
    for (const auto& m : *mig2) {
        sum2 += m.clients;
        if (m.from_segment_id == -1) fromNone += m.clients;
        if (m.from_segment_id == m.to_segment_id) stayed += m.clients;
    }
    EXPECT_EQ(sum2, kClients + 1);
    EXPECT_EQ(fromNone, 1);
    EXPECT_GT(stayed, kClients * 9 / 10); // a small change moves few clients

    // export scores data: every scored client resolves to a segment of the same run.
    auto clientSegs = services::loadClientSegments(*db, run2);
    ASSERT_TRUE(clientSegs.ok());
    EXPECT_EQ(clientSegs->size(), static_cast<std::size_t>(kClients + 1));
}

TEST_F(SegmentStageTest, AnObserverSeesWhatTheRunSegmented) {
    auto db = storage::openBook(*s_path, {.create = false});
    ASSERT_TRUE(db.ok()) << db.error().toString();
    services::RefreshOptions ro;
    ro.as_of = s_asOf;
    int calls = 0;
    analytics::SegmentationInput input;
    analytics::SegmentationOptions options;
    std::vector<std::int64_t> refs;
    ro.on_segmentation_input = [&](const analytics::SegmentationInput& in,
                                   const analytics::SegmentationOptions& o,
                                   const std::vector<std::int64_t>& r) {
        ++calls;
        input = in;
        options = o;
        refs = r;
    };
    auto run = services::refreshBook(*db, ro);
    ASSERT_TRUE(run.ok()) << run.error().toString();
    EXPECT_EQ(calls, 1);
    // Every client of the book (another test of the suite may have added one).
    const auto clients = count(*db, "SELECT COUNT(*) FROM clients");
    ASSERT_EQ(static_cast<std::int64_t>(refs.size()), clients);
    EXPECT_EQ(input.values.rows(), clients);
    EXPECT_EQ(input.features.size(), services::segmentFeatureSpecs().size());
    EXPECT_TRUE(std::is_sorted(refs.begin(), refs.end()));
    // Segmenting what it saw again gives the stored segments (the same partition).
    auto again = analytics::segmentClients(input, options);
    ASSERT_TRUE(again.ok()) << again.error().toString();
    auto stored = services::loadClientSegments(*db, run->run_id);
    ASSERT_TRUE(stored.ok());
    std::vector<int> storedIds;
    for (std::int64_t ref : refs) storedIds.push_back(stored->at(ref).segment_id);
    EXPECT_DOUBLE_EQ(analytics::adjustedRandIndex(storedIds, again->labels), 1.0);
}

TEST_F(SegmentStageTest, PoliciesStartAtKotlerDefaultsAndCanBeEdited) {
    auto db = storage::openBook(*s_path, {.create = false});
    ASSERT_TRUE(db.ok());
    auto policies = services::loadServicePolicies(*db);
    ASSERT_TRUE(policies.ok());
    ASSERT_EQ(policies->size(), 5u);
    for (int t = 0; t < 5; ++t) {
        const auto type = static_cast<analytics::RelationshipType>(t);
        const auto want = analytics::defaultServicePolicy(type);
        const auto& got = (*policies)[static_cast<std::size_t>(t)];
        EXPECT_EQ(got.type, type);
        EXPECT_EQ(got.contact_cadence_days, want.contact_cadence_days) << toString(type);
        EXPECT_EQ(got.proactive_contact, want.proactive_contact) << toString(type);
        EXPECT_EQ(got.channels, want.channels) << toString(type);
        EXPECT_EQ(got.served_by, want.served_by) << toString(type);
    }
    // The stored rows themselves are the defaults (not only the fallback).
    EXPECT_EQ(count(*db, "SELECT count(*) FROM service_policies"), 5);

    auto p = (*policies)[static_cast<std::size_t>(analytics::RelationshipType::Proactive)];
    p.contact_cadence_days = 21;
    p.channels = {ContactChannel::Wechat, ContactChannel::Phone};
    ASSERT_TRUE(services::saveServicePolicy(*db, p));
    auto again = services::loadServicePolicies(*db);
    ASSERT_TRUE(again.ok());
    const auto& q = (*again)[static_cast<std::size_t>(analytics::RelationshipType::Proactive)];
    EXPECT_EQ(q.contact_cadence_days, 21);
    EXPECT_EQ(services::formatChannels(q.channels), "wechat,phone");
    p.contact_cadence_days = 0;
    EXPECT_FALSE(services::saveServicePolicy(*db, p).ok());
    ASSERT_TRUE(services::saveServicePolicy(
        *db, analytics::defaultServicePolicy(analytics::RelationshipType::Proactive)));

    auto k = services::loadKotlerThresholds(*db);
    ASSERT_TRUE(k.ok());
    const analytics::KotlerThresholds d;
    EXPECT_DOUBLE_EQ(k->many_share, d.many_share);
    EXPECT_DOUBLE_EQ(k->few_share, d.few_share);
    EXPECT_DOUBLE_EQ(k->high_margin_ratio, d.high_margin_ratio);
    EXPECT_DOUBLE_EQ(k->low_margin_ratio, d.low_margin_ratio);
}

TEST(SegmentStore, RoundTripsProfilesWithMissingValues) {
    auto db = storage::openBook(":memory:");
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("INSERT INTO analytics_runs(id, kind, started_at, parameters) VALUES "
                         "(5, 'value', '2024-01-01 00:00:00', '{}')"));
    storage::SegmentRunData d;
    d.run.run_id = 5;
    d.run.k = 1;
    d.run.clients = 0;
    storage::SegmentRow s;
    s.segment_id = 3;
    s.name_en = "Quote \"x\" \\ y";
    s.name_zh = "大众客户";
    s.relationship_type = 4;
    s.feature_means = {{"aum", 1.5e9}, {"satisfaction", std::nan("")}};
    s.feature_z = {{"aum", -0.25}, {"satisfaction", 0}};
    s.centroid = {0.1, -2.0 / 3.0};
    d.segments.push_back(s);
    d.migration = {{-1, 3, 0}, {2, 3, 4}};
    ASSERT_TRUE(storage::saveSegmentRun(*db, d));
    auto back = storage::loadSegments(*db, 5);
    ASSERT_TRUE(back.ok()) << back.error().toString();
    ASSERT_EQ(back->size(), 1u);
    const auto& b = back->front();
    EXPECT_EQ(b.name_en, s.name_en);
    EXPECT_EQ(b.name_zh, s.name_zh);
    EXPECT_EQ(b.relationship_type, 4);
    ASSERT_EQ(b.feature_means.size(), 2u);
    EXPECT_EQ(b.feature_means[0].second, 1.5e9);
    EXPECT_TRUE(std::isnan(b.feature_means[1].second));
    EXPECT_EQ(b.centroid, s.centroid); // round-trip precision
    auto mig = storage::loadSegmentMigration(*db, 5);
    ASSERT_TRUE(mig.ok());
    ASSERT_EQ(mig->size(), 1u); // zero cells are not stored
    EXPECT_EQ((*mig)[0].clients, 4);
    // Saving the same run again replaces it.
    ASSERT_TRUE(storage::saveSegmentRun(*db, d));
    EXPECT_EQ(count(*db, "SELECT count(*) FROM segments"), 1);
}

// Issue 23: a k the manager fixed is used; every candidate k is still scored and kept, and the
// summary says the criterion would have chosen another.
TEST_F(SegmentStageTest, AFixedKIsUsedAndTheCriterionIsStillKeptForComparison) {
    auto db = storage::openBook(*s_path);
    ASSERT_TRUE(db.ok());
    services::RefreshOptions ro;
    ro.as_of = s_asOf;
    ro.kpi_history = false;
    auto automatic = services::refreshBook(*db, ro);
    ASSERT_TRUE(automatic.ok()) << automatic.error().toString();
    auto autoRun = storage::loadSegmentRun(*db, automatic->run_id);
    ASSERT_TRUE(autoRun.ok());
    auto autoChoices = storage::loadSegmentKChoices(*db, automatic->run_id);
    ASSERT_TRUE(autoChoices.ok());
    ASSERT_GE(autoChoices->size(), 2u);
    // The chosen k is the criterion's: the fewest segments within one standard error of the
    // highest mean silhouette, over the samples (each candidate keeps its error and agreement).
    const auto* best = services::criterionChoice(*autoChoices);
    ASSERT_NE(best, nullptr);
    EXPECT_EQ(best->k, autoRun->k);
    const auto top =
        std::max_element(autoChoices->begin(), autoChoices->end(),
                         [](const auto& a, const auto& b) { return a.silhouette < b.silhouette; });
    ASSERT_TRUE(top->silhouette_se.has_value());
    EXPECT_GE(best->silhouette,
              top->silhouette - services::kSelectionWithinSe * *top->silhouette_se);
    for (const auto& c : *autoChoices) {
        ASSERT_TRUE(c.agreement.has_value());
        EXPECT_GE(*c.agreement, -1.0);
        EXPECT_LE(*c.agreement, 1.0);
        if (c.k < best->k) {
            EXPECT_LT(c.silhouette,
                      top->silhouette - services::kSelectionWithinSe * *top->silhouette_se);
        }
    }

    const int fixed = autoRun->k == 3 ? 4 : 3;
    ASSERT_TRUE(services::setFixedSegmentCount(*db, fixed));
    EXPECT_FALSE(services::setFixedSegmentCount(*db, 11));
    auto byHand = services::refreshBook(*db, ro);
    ASSERT_TRUE(byHand.ok()) << byHand.error().toString();
    auto run = storage::loadSegmentRun(*db, byHand->run_id);
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->k, fixed);
    auto choices = storage::loadSegmentKChoices(*db, byHand->run_id);
    ASSERT_TRUE(choices.ok());
    EXPECT_EQ(choices->size(), autoChoices->size());
    auto text = services::formatRunSegments(*db, byHand->run_id);
    ASSERT_TRUE(text.ok());
    EXPECT_NE(text->find("k fixed at " + std::to_string(fixed)), std::string::npos) << *text;
    ASSERT_TRUE(services::setFixedSegmentCount(*db, std::nullopt));
}

TEST(SegmentStage, ABookWithoutClientsIsSkipped) {
    auto db = storage::openBook(":memory:");
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("INSERT INTO analytics_runs(id, kind, started_at, parameters, "
                         "stage_timings) VALUES (1, 'value', '2024-01-01 00:00:00', '{}', "
                         "'{\"params\": 1.0}')"));
    storage::BookFeatures f;
    auto r = services::runSegmentStage(*db, 1, f, {});
    ASSERT_TRUE(r.ok()) << r.error().toString();
    EXPECT_FALSE(r->segmented);
    auto run = storage::readAnalyticsRun(*db, 1);
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->stage_timings.rfind("{\"params\": 1.0, \"segmentation\": ", 0), 0u)
        << run->stage_timings;
}

TEST(SegmentStage, ASmallBookIsOneSegmentAndSaysWhy) {
    const std::string path = tempBook("small");
    demo::DemoOptions o;
    o.clients = 12;
    o.seed = 3;
    ASSERT_TRUE(demo::createDemoBook(path, o, false).ok());
    auto db = storage::openBook(path);
    ASSERT_TRUE(db.ok());
    services::RefreshOptions ro;
    ro.as_of = o.as_of;
    auto sum = services::refreshBook(*db, ro);
    ASSERT_TRUE(sum.ok()) << sum.error().toString();
    auto run = storage::loadSegmentRun(*db, sum->run_id);
    ASSERT_TRUE(run.ok()) << run.error().toString();
    EXPECT_EQ(run->k, 1);
    EXPECT_EQ(run->unsegmented, "too_few_clients");
    auto segs = storage::loadSegments(*db, sum->run_id);
    ASSERT_TRUE(segs.ok());
    ASSERT_EQ(segs->size(), 1u);
    EXPECT_EQ((*segs)[0].size, 12);
    EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM segment_labels WHERE run_id = " +
                             std::to_string(sum->run_id)),
              12);
    auto text = services::formatRunSegments(*db, sum->run_id);
    ASSERT_TRUE(text.ok());
    EXPECT_NE(text->find("The book has 12 clients; segments need at least 20"), std::string::npos)
        << *text;
    EXPECT_NE(text->find("All clients"), std::string::npos) << *text;
}

TEST(ServicePolicyNames, ParseEnglishChineseAndVariants) {
    EXPECT_EQ(services::parseRelationshipType("Partnership"),
              analytics::RelationshipType::Partnership);
    EXPECT_EQ(services::parseRelationshipType("能动型"), analytics::RelationshipType::Proactive);
    EXPECT_FALSE(services::parseRelationshipType("vip").has_value());
    EXPECT_EQ(services::parseServedBy("senior_broker"), analytics::ServedBy::SeniorBroker);
    EXPECT_EQ(services::parseServedBy("service-desk"), analytics::ServedBy::ServiceDesk);
    auto ch = services::parseChannels(" phone, 微信 ,phone");
    ASSERT_TRUE(ch.ok());
    EXPECT_EQ(services::formatChannels(*ch), "phone,wechat");
    EXPECT_FALSE(services::parseChannels("fax").ok());
    EXPECT_FALSE(services::parseChannels(" , ").ok());
}

TEST(ServicePolicyNames, APolicyByTypeNumberFallsBackToAccountable) {
    auto policies = std::vector<analytics::ServicePolicy>{
        analytics::defaultServicePolicy(analytics::RelationshipType::Basic),
        analytics::defaultServicePolicy(analytics::RelationshipType::Reactive)};
    policies[1].contact_cadence_days = 7;
    EXPECT_EQ(services::policyFor(policies, 1).contact_cadence_days, 7);
    const auto accountable =
        analytics::defaultServicePolicy(analytics::RelationshipType::Accountable);
    for (int outside : {-1, 2, 99})
        EXPECT_EQ(services::policyFor(policies, outside).contact_cadence_days,
                  accountable.contact_cadence_days)
            << outside;
}

} // namespace
