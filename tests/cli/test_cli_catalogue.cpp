// The CLI's help words come from cli/commands.json: every command and export kind the code has
// is described there, and every entry there belongs to a command or kind (no stale words).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "support/run.h"

TEST(CliCatalogue, DescribesExactlyTheCommandsAndExportKinds) {
    std::vector<std::string> coded;
    for (const auto& c : bd::cli::commands()) {
        EXPECT_FALSE(c.synopsis.empty()) << c.name;
        EXPECT_FALSE(c.summary.empty()) << c.name;
        EXPECT_FALSE(c.options.empty()) << c.name;
        coded.push_back(c.name);
    }
    // The export kinds are listed in export's own summary, one "  kind: summary" line each.
    const auto exportCommand = std::find_if(bd::cli::commands().begin(), bd::cli::commands().end(),
                                            [](const auto& c) { return c.name == "export"; });
    ASSERT_NE(exportCommand, bd::cli::commands().end());
    const std::string& summary = exportCommand->summary;
    for (std::size_t at = summary.find("\n  "); at != std::string::npos;
         at = summary.find("\n  ", at + 1))
        coded.push_back("export " + summary.substr(at + 3, summary.find(':', at) - at - 3));
    auto described = bd::cli::catalogueNames();
    std::sort(coded.begin(), coded.end());
    std::sort(described.begin(), described.end());
    EXPECT_EQ(coded, described);
}

TEST(CliCatalogue, ExportSynopsisNamesEveryKind) {
    const auto r = bdtest::runCli("export --help");
    ASSERT_EQ(r.exit_code, 0);
    EXPECT_NE(
        r.output.find("usage: brokerdesk-cli export <clients|trades|assets|contacts|positions|"
                      "securities|scores|vip|segments|calllist|clientlist|coverage|review|"
                      "report> --db F|URI --out F [options]"),
        std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("  vip: the VIP ranking of a scope (--scope, --top-percent)"),
              std::string::npos);
}
