// The engine layers must not depend on Qt (see docs/architecture.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

namespace fs = std::filesystem;

TEST(Layering, EngineHasNoQtIncludes) {
    const std::regex qtInclude(R"(#\s*include\s*[<"](Q[A-Z]\w*|Qt\w*/))");
    int checked = 0;
    for (const char* layer :
         {"src/core", "src/storage", "src/analytics", "src/services", "src/cli"}) {
        for (const auto& entry :
             fs::recursive_directory_iterator(fs::path(BD_SOURCE_DIR) / layer)) {
            if (!entry.is_regular_file()) continue;
            const auto ext = entry.path().extension();
            if (ext != ".h" && ext != ".cpp") continue;
            std::ifstream in(entry.path());
            std::string line;
            int n = 0;
            while (std::getline(in, line)) {
                ++n;
                EXPECT_FALSE(std::regex_search(line, qtInclude))
                    << entry.path() << ":" << n << ": Qt include in the engine: " << line;
            }
            ++checked;
        }
    }
    EXPECT_GT(checked, 10);
}

TEST(Layering, AnalyticsNeverTouchesSqlite) {
    for (const auto& entry :
         fs::recursive_directory_iterator(fs::path(BD_SOURCE_DIR) / "src/analytics")) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path());
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        EXPECT_EQ(text.find("sqlite3"), std::string::npos) << entry.path();
        EXPECT_EQ(text.find("storage/"), std::string::npos) << entry.path();
    }
}
