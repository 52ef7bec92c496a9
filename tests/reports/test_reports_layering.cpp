// bd_reports must stay linkable by brokerdesk-cli: no Qt Widgets, and Qt-free public headers.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

namespace fs = std::filesystem;

TEST(ReportsLayering, NoWidgetsAndQtFreePublicHeaders) {
    const std::regex widgets(
        R"(#\s*include\s*[<"](QtWidgets/|QApplication|QWidget|QPrinter|QPrintDialog))");
    const std::regex anyQt(R"(#\s*include\s*[<"](Q[A-Z]\w*|Qt\w*/))");
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(BD_SOURCE_DIR) / "reports")) {
        const auto ext = entry.path().extension();
        if (ext != ".h" && ext != ".cpp") continue;
        // The two headers the CLI includes must not pull in Qt (bd_cli has no Qt include path).
        const auto name = entry.path().filename().string();
        const bool publicHeader = name == "callsheetpdf.h" || name == "reviewpdf.h";
        std::ifstream in(entry.path());
        std::string line;
        int n = 0;
        while (std::getline(in, line)) {
            ++n;
            EXPECT_FALSE(std::regex_search(line, widgets)) << name << ":" << n << ": " << line;
            if (publicHeader) {
                EXPECT_FALSE(std::regex_search(line, anyQt)) << name << ":" << n << ": " << line;
            }
        }
        ++checked;
    }
    EXPECT_GE(checked, 6);
}

// The reports sit above services and below their two users: nothing in the engine, and nothing
// the reports include, may come from the workstation.
TEST(ReportsLayering, OnlyTheCliAndTheWorkstationUseTheReports) {
    const std::regex reportsInclude(R"(#\s*include\s*"reports/)");
    const std::regex workstationInclude(
        R"(#\s*include\s*"(ui/|views/|models/|dialogs/|widgets/|charts/|mainwindow\.h|app\.h))");
    int checked = 0;
    auto scan = [&](const char* folder, const std::regex& forbidden) {
        for (const auto& entry :
             fs::recursive_directory_iterator(fs::path(BD_SOURCE_DIR) / folder)) {
            const auto ext = entry.path().extension();
            if (ext != ".h" && ext != ".cpp") continue;
            std::ifstream in(entry.path());
            std::string line;
            int n = 0;
            while (std::getline(in, line)) {
                ++n;
                EXPECT_FALSE(std::regex_search(line, forbidden))
                    << entry.path() << ":" << n << ": " << line;
            }
            ++checked;
        }
    };
    for (const char* layer :
         {"src/core", "src/storage", "src/analytics", "src/services", "src/demo"})
        scan(layer, reportsInclude);
    scan("reports", workstationInclude);
    EXPECT_GT(checked, 10);
}
