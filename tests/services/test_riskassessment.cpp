// Risk-assessment expiry (issue 18 item 8): the validity setting, the editable field kept as a
// local correction, and the plan's triggers and suitability from the book.
#include <gtest/gtest.h>

#include <algorithm>

#include "phrasebook/phrasebook.h"
#include "services/commands/command.h"
#include "services/commands/records.h"
#include "services/planitems.h"
#include "services/planrebuild.h"
#include "services/riskassessment.h"
#include "storage/book/settings.h"
#include "support/planbook.h"

using namespace bd;
using namespace bd::services;
namespace cmd = bd::services::cmd;

namespace {

bool hasKind(const PlanItem& it, const std::string& kind) {
    return std::find(it.trigger_kinds.begin(), it.trigger_kinds.end(), kind) !=
           it.trigger_kinds.end();
}

} // namespace

TEST(RiskAssessment, ValidityIs24MonthsByDefaultAndChecked) {
    bdtest::PlanBook book;
    EXPECT_EQ(*loadRiskAssessmentValidity(book.db()), 24);
    ASSERT_TRUE(saveRiskAssessmentValidity(book.db(), 36));
    EXPECT_EQ(*loadRiskAssessmentValidity(book.db()), 36);
    for (int bad : {0, 121, -5}) {
        auto s = saveRiskAssessmentValidity(book.db(), bad);
        ASSERT_FALSE(s);
        EXPECT_EQ(s.error().code, ErrorCode::InvalidInput);
        EXPECT_NE(s.error().message.find("a whole number from 1 to 120"), std::string::npos)
            << s.error().message;
    }
    EXPECT_EQ(*loadRiskAssessmentValidity(book.db()), 36); // nothing stored
    ASSERT_TRUE(storage::setSetting(book.db(), kRiskAssessmentValiditySetting, "12.5"));
    auto read = loadRiskAssessmentValidity(book.db());
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().column_name, "risk_assessment.validity_months");
    EXPECT_EQ(read.error().value, "12.5");
}

TEST(RiskAssessment, ExpiryIsTheSameDayValidityMonthsLater) {
    EXPECT_EQ(riskAssessmentExpiry(Date::fromYmd(2024, 11, 20), 24), Date::fromYmd(2026, 11, 20));
    EXPECT_EQ(riskAssessmentExpiry(Date::fromYmd(2024, 1, 31), 1), Date::fromYmd(2024, 2, 29));
    EXPECT_EQ(riskAssessmentExpiry(Date::fromYmd(2023, 12, 15), 14), Date::fromYmd(2025, 2, 15));
    const Date day = Date::fromYmd(2026, 11, 20);
    EXPECT_TRUE(riskAssessmentExpired(Date::fromYmd(2024, 11, 20), 24, day));
    EXPECT_FALSE(riskAssessmentExpired(Date::fromYmd(2024, 11, 21), 24, day));
    EXPECT_FALSE(riskAssessmentExpired(std::nullopt, 24, day));
}

TEST(RiskAssessment, TheDateIsEditedThroughACommandAndKeptOverAnImport) {
    bdtest::PlanBook book;
    book.client("C1");
    const auto run = [&](cmd::CommandArgs a) {
        return cmd::execute(book.db(), cmd::Command{"tester", std::move(a)});
    };
    auto bad = run(
        cmd::EditClient{"C1", std::nullopt, {{cmd::ClientField::RiskAssessedOn, "2025-13-01"}}});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().column_name, "risk_assessed_on");
    EXPECT_EQ(bad.error().value, "2025-13-01");

    auto r = run(
        cmd::EditClient{"C1", std::nullopt, {{cmd::ClientField::RiskAssessedOn, "2025-03-04"}}});
    ASSERT_TRUE(r) << r.error().toString();
    auto store = sqliteRecordStore(book.db());
    EXPECT_EQ(store->loadClient("C1")->client.risk_assessed_on, Date::fromYmd(2025, 3, 4));
    AuditFilter f;
    f.operation = r->operation;
    f.kind = "client.edit";
    auto rows = store->listAudit(f);
    ASSERT_TRUE(rows);
    bool seen = false;
    for (const auto& row : *rows)
        if (row.entity == "client") {
            seen = true;
            EXPECT_EQ(*row.before, R"({"risk_assessed_on": ""})");
            EXPECT_EQ(*row.after, R"({"risk_assessed_on": "2025-03-04"})");
        }
    EXPECT_TRUE(seen);
    // Owned by the trading system: kept as a local correction over tonight's file.
    book.exec("UPDATE clients SET risk_assessed_on = " +
              std::to_string(Date::fromYmd(2024, 1, 1).days) + " WHERE client_id = 'C1'");
    EXPECT_EQ(store->loadClient("C1")->client.risk_assessed_on, Date::fromYmd(2025, 3, 4));
    auto conflicts = store->correctionConflicts(store->loadClient("C1")->ref);
    ASSERT_TRUE(conflicts);
    ASSERT_EQ(conflicts->size(), 1u);
    EXPECT_EQ((*conflicts)[0].field, "risk_assessed_on");
    // Undone: back to no date, the correction gone.
    auto undo = run(cmd::UndoOperation{r->operation});
    ASSERT_TRUE(undo) << undo.error().toString();
    EXPECT_FALSE(store->loadClient("C1")->client.risk_assessed_on);
    EXPECT_TRUE(store->corrections(store->loadClient("C1")->ref)->empty());
}

TEST(RiskAssessment, ThePlanCallsExpiringAndExpiredAssessmentsAndSuitabilityFails) {
    bdtest::PlanBook book;
    const Date a = bdtest::PlanBook::asOf();
    const auto assessed = [&](const std::string& id, std::optional<Date> on) {
        bdtest::PlanBook::ClientSpec c;
        c.id = id;
        book.client(c);
        book.contact(id, 5); // no cadence due
        if (on)
            book.exec("UPDATE clients SET risk_assessed_on = " + std::to_string(on->days) +
                      " WHERE client_id = '" + id + "'");
    };
    assessed("SOON", addMonths(a.addDays(30), -24)); // expires in exactly 30 days
    assessed("LATER", addMonths(a.addDays(31), -24));
    assessed("GONE", addMonths(a.addDays(-1), -24)); // expired yesterday
    assessed("NONE", std::nullopt);
    // GONE holds a suitable share (R2 for a C3 client): a mismatch once the assessment expired.
    book.position("GONE", a.addDays(-1), "600000.SH");

    PlanOptions o;
    o.as_of = a;
    auto sum = rebuildPlan(book.db(), o);
    ASSERT_TRUE(sum) << sum.error().toString();
    auto items = loadBrokerPlan(book.db(), "B1", a, a.addDays(30));
    ASSERT_TRUE(items) << items.error().toString();
    const auto of = [&](const std::string& id) -> const PlanItem* {
        for (const auto& it : *items)
            if (it.client_id == id) return &it;
        return nullptr;
    };
    ASSERT_NE(of("SOON"), nullptr);
    EXPECT_TRUE(hasKind(*of("SOON"), "risk_assessment_expiring"));
    const std::string soon = phrase::reasons(of("SOON")->reasons, phrase::Lang::En);
    EXPECT_NE(soon.find("risk assessment expires " + a.addDays(30).toString() + " (in 30 days)"),
              std::string::npos)
        << soon;
    EXPECT_NE(phrase::reasons(of("SOON")->reasons, phrase::Lang::Zh).find("风险测评"),
              std::string::npos);
    ASSERT_NE(of("GONE"), nullptr);
    EXPECT_TRUE(hasKind(*of("GONE"), "risk_assessment_expired"));
    EXPECT_TRUE(hasKind(*of("GONE"), "suitability_mismatch"));
    EXPECT_EQ(of("LATER"), nullptr);
    EXPECT_EQ(of("NONE"), nullptr);
}
