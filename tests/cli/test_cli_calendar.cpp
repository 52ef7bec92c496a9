// `brokerdesk-cli calendar`: adding a year from a file (stored in the book, used by the plan's
// calendar), showing a year, and a bad file rejected with a located error and nothing stored.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/run.h"
#include "support/tempdir.h"

namespace {

std::string tempPath(const std::string& name) {
    return (bdtest::scratchDir() / ("bd_cli_calendar_" + name)).string();
}

std::string freshBook(const std::string& name) {
    const std::string path = tempPath(name + ".bdbook");
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    EXPECT_EQ(bdtest::runCli("init --db " + path).exit_code, 0);
    return path;
}

std::string writeFile(const std::string& name, const std::string& text) {
    const std::string path = tempPath(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

} // namespace

TEST(CliCalendar, AddsAYearFromAFileAndShowsIt) {
    const std::string db = freshBook("add");
    // 2030-01-01 is a Tuesday, 2030-01-05 a Saturday.
    const std::string file = writeFile("2030.csv", "date,kind,name\n"
                                                   "2030-01-01,holiday,元旦 New Year\n"
                                                   "2030-01-05,adjusted_workday,元旦 New Year\n");
    auto before = bdtest::runCli("calendar --db " + db + " --year 2030");
    EXPECT_EQ(before.exit_code, 0) << before.output;
    EXPECT_NE(before.output.find("year not listed"), std::string::npos) << before.output;

    auto r = bdtest::runCli("calendar --db " + db + " --add " + file);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("added 2 calendar days"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("2030-01-01  holiday"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("2030-01-05  adjusted_workday"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("year not listed"), std::string::npos) << r.output;
    // 261 weekdays in 2030, minus the holiday, plus the adjusted Saturday (office only).
    EXPECT_NE(r.output.find("2030: 260 trading days, 261 working days"), std::string::npos)
        << r.output;
}

TEST(CliCalendar, BadFileIsRejectedWithItsLineAndChangesNothing) {
    const std::string db = freshBook("bad");
    const std::string file = writeFile("bad.csv", "date,kind,name\n"
                                                  "2031-01-01,holiday,New Year\n"
                                                  "2031-01-02,day_off,Oops\n");
    auto r = bdtest::runCli("calendar --db " + db + " --add " + file);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(":3"), std::string::npos) << r.output;
    auto after = bdtest::runCli("calendar --db " + db + " --year 2031");
    EXPECT_EQ(after.exit_code, 0);
    EXPECT_NE(after.output.find("year not listed"), std::string::npos) << after.output;
}
