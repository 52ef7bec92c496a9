// Schema v7: a version 6 book's stored sentences become facts (kinds and arguments), and names
// the user edited stay as typed.
#include <gtest/gtest.h>

#include <string>

#include "core/facts.h"
#include "storage/book/planstore.h"
#include "storage/book/segmentstore.h"
#include "storage/schema/schema.h"
#include "storage/schema/schema_v7.h"
#include "support/oldbooks.h"
#include "support/tempdir.h"

using namespace bd;
using namespace bd::storage;

namespace {

// Sentences exactly as version 6 wrote them (analytics/triggers.cpp, services/planservice.cpp).
const char* const kCadenceAndRetry =
    "cadence\n"
    "contact every 30 days: last contact 2026-10-11 (40 days ago), due 2026-11-10, 10 days "
    "overdue; no answer on 2026-11-20 (attempt 1); no answer on 2026-11-23 (attempt 2); 2 "
    "unanswered in a row, switching to wechat\n"
    "服务策略每30天联系一次：上次联系2026-10-11（40天前），应于2026-11-10联系，已逾期10天；"
    "2026-11-20未接通（第1次）；2026-11-23未接通（第2次）；连续2次未接通，改用微信";
const char* const kCadencePoints = "\nlast call 40 days ago\n上次联系40天前";
const char* const kOutflowSlippingBirthday =
    "asset_outflow,slipping_away,birthday\n"
    "AUM \u221245% since 2025-08-29 (1,000,000.00 -> 550,000.00 CNY; net outflow 400,000.00 CNY "
    "(40% of AUM)); slipping away: p_alive 0.42 below 0.50, no trade for 75 days after 12 trade "
    "days in 12 months; birthday on 2025-10-02 (turns 50)\n"
    "总资产…";
const char* const kOutflowPoints = "\nAUM \u221245% since 2025-08-29 · p_alive 0.42 · no trade 75 "
                                   "days · birthday in 6 days · last call 93 days ago\n…";

} // namespace

TEST(SchemaV7, ReadsTheReasonsAVersion6PlanStoredBackIntoFacts) {
    const std::string facts = v6ReasonsToFacts(kCadenceAndRetry);
    const auto reasons = decodeReasons(facts);
    ASSERT_TRUE(reasons) << facts;
    ASSERT_EQ(reasons->size(), 3u) << facts;
    const Reason& cadence = (*reasons)[0];
    EXPECT_EQ(cadence.kind, ReasonKind::Cadence);
    EXPECT_EQ(cadence.countOf(Arg::Every), 30);
    EXPECT_EQ(cadence.dateOf(Arg::Last), Date::fromYmd(2026, 10, 11));
    EXPECT_EQ(cadence.countOf(Arg::Ago), 40);
    EXPECT_EQ(cadence.dateOf(Arg::Due), Date::fromYmd(2026, 11, 10));
    EXPECT_EQ(cadence.countOf(Arg::Overdue), 10);
    EXPECT_EQ((*reasons)[1].kind, ReasonKind::NoAnswer);
    EXPECT_FALSE((*reasons)[1].has(Arg::Channel));
    EXPECT_EQ((*reasons)[2].countOf(Arg::Attempt), 2);
    EXPECT_EQ((*reasons)[2].channelOf(Arg::Channel), ContactChannel::Wechat);

    const auto many = decodeReasons(v6ReasonsToFacts(kOutflowSlippingBirthday));
    ASSERT_TRUE(many);
    ASSERT_EQ(many->size(), 3u);
    EXPECT_NEAR((*many)[0].valueOf(Arg::Change), -0.45, 1e-12);
    EXPECT_EQ((*many)[0].moneyOf(Arg::From), Money::fromYuan(1000000));
    EXPECT_EQ((*many)[0].moneyOf(Arg::Outflow), Money::fromYuan(400000));
    EXPECT_DOUBLE_EQ((*many)[1].valueOf(Arg::PAlive), 0.42);
    EXPECT_EQ((*many)[1].countOf(Arg::Idle), 75);
    EXPECT_EQ((*many)[2].countOf(Arg::Age), 50);

    // Talking points: the reasons' facts, the birthday's days to go and the last contact.
    const auto points = decodeReasons(v6PointsToFacts(kOutflowPoints, kOutflowSlippingBirthday));
    ASSERT_TRUE(points);
    ASSERT_EQ(points->size(), 4u);
    EXPECT_EQ((*points)[2].countOf(Arg::InDays), 6);
    EXPECT_EQ((*points)[3].kind, ReasonKind::LastContact);
    EXPECT_EQ((*points)[3].countOf(Arg::Ago), 93);

    // A sentence it cannot read keeps its kind; what follows keeps its kind too.
    const auto odd = decodeReasons(v6ReasonsToFacts("complaint,birthday\nsomething else\n别的"));
    ASSERT_TRUE(odd);
    ASSERT_EQ(odd->size(), 2u);
    EXPECT_EQ((*odd)[0].kind, ReasonKind::Complaint);
    EXPECT_TRUE((*odd)[0].args.empty());
    EXPECT_EQ((*odd)[1].kind, ReasonKind::Birthday);
}

TEST(SchemaV7, UpgradesAVersion6BookKeepingEditedSegmentNames) {
    bdtest::TempDir dir;
    const std::string path = dir.file("v6.bdbook");
    bdtest::writeOldBook(path, 6);
    {
        auto db = Database::open(path, false);
        ASSERT_TRUE(db);
        auto ins = db->prepare(
            "INSERT INTO follow_up_tasks(id, client_ref, broker_id, planned_date, reasons, "
            "talking_points, status, created_at) VALUES (?1, 1, 'B1', 20000, ?2, ?3, 3, 0)");
        ASSERT_TRUE(ins);
        ins->bind(1, 1).bind(2, std::string_view(kCadenceAndRetry)).bind(3, kCadencePoints);
        ASSERT_TRUE(ins->run());
        ASSERT_TRUE(db->exec(
            "INSERT INTO plan_runs(id, created_at, as_of, first_day, last_day, "
            "horizon_working_days, default_daily_capacity) VALUES (1, 0, 20000, 20000, 20013, 10, "
            "30);"
            "INSERT INTO plan_dropped(run_id, client_ref, broker_id, priority, reason, reason_en, "
            "reason_zh) VALUES (1, 2, 'B1', 0.5, 2, 'already booked on 2024-11-04 (cadence 30 "
            "days)', '已安排于2024-11-04（联系周期30天）');"
            "INSERT INTO analytics_runs(id, kind, started_at, parameters) VALUES (1, 'value', "
            "'2026-11-20 08:00:00', '{}');"
            "INSERT INTO segments(run_id, segment_id, name_zh, name_en, name_edited, "
            "relationship_type, client_level, margin_level, size, client_share) VALUES "
            "(1, 1, '高资产（net_inflow_12m较高）', 'Asset-rich (higher net_inflow_12m)', 0, 2, 1, "
            "1, 10, 0.1),"
            "(1, 2, '大众客户 2', 'Mainstream clients 2', 0, 2, 1, 1, 10, 0.1),"
            "(1, 3, '我的核心客户', 'My core clients', 1, 4, 0, 2, 5, 0.05),"
            "(1, 4, '休眠账户（交易活跃度较低）', 'Dormant accounts (lower trading activity)', 0, "
            "0, 2, 0, 50, 0.5);"
            "INSERT INTO segment_factors(run_id, factor, theme, name_en, name_zh, variance) VALUES "
            "(1, 0, 'activity', 'trading activity & asset size', '交易活跃度与资产规模', 2.0);"));
    }
    auto db = openBook(path);
    ASSERT_TRUE(db) << db.error().toString();

    auto task = loadTask(*db, 1);
    ASSERT_TRUE(task) << task.error().toString();
    const auto reasons = decodeReasons(task->reasons);
    ASSERT_TRUE(reasons) << task->reasons;
    EXPECT_EQ(reasons->size(), 3u);
    const auto points = decodeReasons(task->talking_points);
    ASSERT_TRUE(points) << task->talking_points;
    ASSERT_EQ(points->size(), 3u); // the cadence reason told the last contact
    EXPECT_EQ(task->reasons.find("English"), std::string::npos);

    auto dropped = loadPlanDropped(*db, 1);
    ASSERT_TRUE(dropped);
    ASSERT_EQ(dropped->size(), 1u);
    const auto drop = decodeDropFacts(dropped->front().facts);
    ASSERT_TRUE(drop);
    EXPECT_EQ(drop->front().kind, DropKind::AlreadyBooked);
    EXPECT_EQ(drop->front().dateOf(Arg::On), Date::fromYmd(2024, 11, 4));
    EXPECT_EQ(drop->front().countOf(Arg::Every), 30);

    auto segs = loadSegments(*db, 1);
    ASSERT_TRUE(segs);
    ASSERT_EQ(segs->size(), 4u);
    EXPECT_EQ(decodeSegmentName((*segs)[0].name_fact),
              (SegmentName{SegmentTheme::AssetRich, "net_inflow_12m", 1, 0}));
    EXPECT_EQ((*segs)[0].name_zh, ""); // no words stored for a generated name
    EXPECT_EQ(decodeSegmentName((*segs)[1].name_fact),
              (SegmentName{SegmentTheme::Mainstream, "", 0, 2}));
    EXPECT_EQ((*segs)[2].name_fact, ""); // edited: exactly as the user wrote it
    EXPECT_EQ((*segs)[2].name_zh, "我的核心客户");
    EXPECT_EQ((*segs)[2].name_en, "My core clients");
    EXPECT_TRUE((*segs)[2].name_edited);
    EXPECT_EQ(decodeSegmentName((*segs)[3].name_fact),
              (SegmentName{SegmentTheme::Dormant, "activity", -1, 0}));

    auto factors = loadSegmentFactors(*db, 1);
    ASSERT_TRUE(factors);
    ASSERT_EQ(factors->size(), 1u);
    EXPECT_EQ(factors->front().theme, "activity&assets");
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM pragma_table_info('plan_dropped') WHERE name "
                             "IN ('reason_en', 'reason_zh')"),
              0);
}
