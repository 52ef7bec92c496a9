// `brokerdesk-cli settings`: lists every setting with its default and allowed range, changes some
// through the settings command (audited, undoable), refuses a value out of range naming the range
// (exit 2, nothing stored); `deadlines --set` and `calendar --add` are audited the same way.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/run.h"
#include "support/tempdir.h"

namespace {

std::string freshBook(const std::string& name) {
    const std::string path =
        (bdtest::scratchDir() / ("bd_cli_settings_" + name + ".bdbook")).string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    EXPECT_EQ(bdtest::runCli("init --db " + path).exit_code, 0);
    return path;
}

} // namespace

TEST(CliSettings, ListsChangesAndRefusesOutOfRangeNamingTheRange) {
    const std::string db = freshBook("list");
    auto list = bdtest::runCli("settings --db " + db);
    ASSERT_EQ(list.exit_code, 0) << list.output;
    EXPECT_NE(list.output.find("risk_assessment.validity_months"), std::string::npos);
    EXPECT_NE(list.output.find("a whole number 1 to 120"), std::string::npos) << list.output;

    auto bad = bdtest::runCli("settings --db " + db + " --set value.vip_percent=150");
    EXPECT_EQ(bad.exit_code, 2) << bad.output;
    EXPECT_NE(bad.output.find("VIP share of clients '150': expected greater than 0% and at most "
                              "100%"),
              std::string::npos)
        << bad.output;
    bad = bdtest::runCli("settings --db " + db + " --set value.vip_percent=150 --lang zh");
    EXPECT_EQ(bad.exit_code, 2) << bad.output;
    EXPECT_NE(bad.output.find("VIP比例“150”超出范围：须在0%与100%之间（不含0%）"),
              std::string::npos)
        << bad.output;

    auto set = bdtest::runCli("settings --db " + db +
                              " --set value.vip_percent=8,portfolio.cost_method=fifo");
    ASSERT_EQ(set.exit_code, 0) << set.output;
    EXPECT_NE(set.output.find("operation 1"), std::string::npos) << set.output;
    auto audit = bdtest::runCli("audit --db " + db + " --kind settings.edit");
    EXPECT_NE(audit.output.find("value.vip_percent"), std::string::npos) << audit.output;
    auto undo = bdtest::runCli("undo --db " + db + " --operation 1");
    ASSERT_EQ(undo.exit_code, 0) << undo.output;
    auto after = bdtest::runCli("settings --db " + db + " --reset value.vip_percent");
    EXPECT_EQ(after.exit_code, 0) << after.output;
}

TEST(CliSettings, DeadlinesAreChangedThroughTheAuditedCommand) {
    const std::string db = freshBook("deadlines");
    auto r = bdtest::runCli("deadlines --db " + db + " --set complaint=2");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    auto audit = bdtest::runCli("audit --db " + db + " --kind settings.edit");
    EXPECT_NE(audit.output.find("plan.deadline.complaint"), std::string::npos) << audit.output;
    auto bad = bdtest::runCli("deadlines --db " + db + " --set complaint=99");
    EXPECT_EQ(bad.exit_code, 2) << bad.output;
}
