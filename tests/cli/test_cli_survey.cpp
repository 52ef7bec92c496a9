// brokerdesk-cli survey: a demo book's finished campaign shows results; create, launch, answer
// through log-contact and read the results back; an audience of nobody and bad scores refused;
// `export report` writes the monthly branch report.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "storage/schema/schema.h"
#include "support/run.h"
#include "support/tempdir.h"

namespace {

std::string firstLine(const std::string& s) {
    return s.substr(0, s.find('\n'));
}

} // namespace

TEST(CliSurvey, CreateLaunchAnswerAndResultsRoundTrip) {
    bdtest::TempDir dir;
    const std::string book = dir.file("s.bdbook");
    auto made = bdtest::runCli("demo --db " + book + " --clients 300");
    ASSERT_EQ(made.exit_code, 0) << made.output;
    EXPECT_NE(made.output.find("a finished survey campaign"), std::string::npos) << made.output;

    // The demo's finished campaign has results at once.
    auto demo = bdtest::runCli("survey results --db " + book + " --json");
    ASSERT_EQ(demo.exit_code, 0) << demo.output;
    EXPECT_NE(demo.output.find("\"nps\": "), std::string::npos) << demo.output;
    EXPECT_EQ(demo.output.find("\"nps\": null"), std::string::npos) << demo.output;
    EXPECT_NE(demo.output.find("\"by_month\""), std::string::npos);

    auto created = bdtest::runCli("survey create --db " + book +
                                  " --name Visit --json \"Was the visit useful?\" \"Clear?\"");
    ASSERT_EQ(created.exit_code, 0) << created.output;
    EXPECT_NE(created.output.find("\"survey\": 3"), std::string::npos) << created.output;
    auto six = bdtest::runCli("survey create --db " + book + " --name Six a b c d e f");
    EXPECT_EQ(six.exit_code, 2) << six.output;
    EXPECT_NE(six.output.find("number of questions '6': expected 1 to 5"), std::string::npos)
        << six.output;

    // Nobody opened an account in the last day before the demo's as-of: refused, nothing made.
    auto nobody = bdtest::runCli("survey launch --db " + book +
                                 " --survey 3 --audience new:1 --launch 2030-01-02");
    EXPECT_EQ(nobody.exit_code, 2) << nobody.output;
    EXPECT_NE(nobody.output.find("nobody to survey"), std::string::npos) << nobody.output;

    auto launched = bdtest::runCli("survey launch --db " + book +
                                   " --survey 3 --audience new:3650 --launch 2026-11-20 "
                                   "--deadline 5 --name Autumn --json");
    ASSERT_EQ(launched.exit_code, 0) << launched.output;
    EXPECT_NE(launched.output.find("\"campaign\": 2"), std::string::npos) << launched.output;

    std::string client;
    {
        auto db = bd::storage::openBook(book, {.create = false});
        ASSERT_TRUE(db);
        auto st = db->prepare("SELECT c.client_id FROM survey_calls k JOIN clients c ON "
                              "c.id = k.client_ref WHERE k.campaign_id = 2 ORDER BY c.id LIMIT 1");
        ASSERT_TRUE(st);
        auto row = st->first([&](const bd::storage::Statement& r) { client = r.text(0); });
        ASSERT_TRUE(row && *row);
    }
    auto bad = bdtest::runCli("log-contact --db " + book + " --client " + client +
                              " --channel phone --outcome reached --survey 2 --answers 4,9 "
                              "--recommend 3 --at \"2026-11-20 10:00\"");
    EXPECT_EQ(bad.exit_code, 2) << bad.output;
    EXPECT_NE(bad.output.find("question 2 '9': expected 1 to 5"), std::string::npos) << bad.output;
    auto answered = bdtest::runCli("log-contact --db " + book + " --client " + client +
                                   " --channel phone --outcome reached --survey 2 --answers 4,2 "
                                   "--recommend 3 --at \"2026-11-20 10:00\"");
    ASSERT_EQ(answered.exit_code, 0) << answered.output;
    EXPECT_NE(answered.output.find("survey call of campaign 2 answered"), std::string::npos)
        << answered.output;

    auto results = bdtest::runCli("survey results --db " + book + " --campaign 2 --json");
    ASSERT_EQ(results.exit_code, 0) << results.output;
    EXPECT_NE(firstLine(results.output)
                  .find("\"respondents\": 1, \"promoters\": 0, "
                        "\"passives\": 0, \"detractors\": 1, \"nps\": -100"),
              std::string::npos)
        << results.output;
    auto list = bdtest::runCli("survey list --db " + book + " --json");
    ASSERT_EQ(list.exit_code, 0) << list.output;
    EXPECT_NE(list.output.find("\"name\": \"Autumn\""), std::string::npos) << list.output;
    EXPECT_NE(list.output.find("\"answered\": 1"), std::string::npos) << list.output;
    EXPECT_NE(list.output.find("Was the visit useful?"), std::string::npos) << list.output;

    // The monthly branch report, from the export command.
    const std::string pdf = dir.file("report.pdf");
    auto report = bdtest::runCli("export report --db " + book + " --month 2026-10 --out " + pdf);
    ASSERT_EQ(report.exit_code, 0) << report.output;
    EXPECT_GT(std::filesystem::file_size(pdf), 1000u);
    const std::string xlsx = dir.file("report.xlsx");
    auto sheet = bdtest::runCli("export report --db " + book + " --month 2026-10 --out " + xlsx);
    ASSERT_EQ(sheet.exit_code, 0) << sheet.output;
    EXPECT_GT(std::filesystem::file_size(xlsx), 1000u);
}
