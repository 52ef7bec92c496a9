// The engine layers must not depend on Qt, and each layer uses only those below it (see
// docs/architecture.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <regex>
#include <string>

namespace fs = std::filesystem;

namespace {

/// Calls `check(file, line number, line)` for every line of every .h and .cpp below the given
/// folders of the source tree; returns how many files it read.
int forEachSourceLine(std::initializer_list<const char*> folders,
                      const std::function<void(const fs::path&, int, const std::string&)>& check) {
    int files = 0;
    for (const char* folder : folders) {
        for (const auto& entry :
             fs::recursive_directory_iterator(fs::path(BD_SOURCE_DIR) / folder)) {
            if (!entry.is_regular_file()) continue;
            const auto ext = entry.path().extension();
            if (ext != ".h" && ext != ".cpp") continue;
            std::ifstream in(entry.path());
            std::string line;
            int n = 0;
            while (std::getline(in, line)) check(entry.path(), ++n, line);
            ++files;
        }
    }
    return files;
}

} // namespace

TEST(Layering, EngineHasNoQtIncludes) {
    const std::regex qtInclude(R"(#\s*include\s*[<"](Q[A-Z]\w*|Qt\w*/))");
    const int checked = forEachSourceLine(
        {"src/core", "src/storage", "src/analytics", "src/services", "src/demo", "src/cli"},
        [&](const fs::path& file, int n, const std::string& line) {
            EXPECT_FALSE(std::regex_search(line, qtInclude))
                << file << ":" << n << ": Qt include in the engine: " << line;
        });
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

// The demo generator sits above storage and beside services: only the CLI, tests and benchmarks
// use it, so nothing the product runs on a real book can depend on it.
TEST(Layering, OnlyTheCliUsesTheDemoGenerator) {
    const std::regex demoInclude(R"(#\s*include\s*"demo/)");
    const int checked =
        forEachSourceLine({"src/core", "src/storage", "src/analytics", "src/services", "ui"},
                          [&](const fs::path& file, int n, const std::string& line) {
                              EXPECT_FALSE(std::regex_search(line, demoInclude))
                                  << file << ":" << n << ": the demo generator used here: " << line;
                          });
    EXPECT_GT(checked, 10);
}
