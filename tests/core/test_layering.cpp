// The layers' dependency rules (see docs/architecture.md): the engine must not depend on Qt,
// analytics not on SQLite, each layer uses only those below it, and the workstation reaches the
// engine only through services.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <map>
#include <regex>
#include <set>
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

// A line of the workstation that reaches storage itself: its headers or its namespace.
bool reachesStorage(const std::string& line) {
    static const std::regex storage(R"((#\s*include\s*[<"]storage/)|(\bstorage::))");
    return std::regex_search(line, storage);
}

// A string literal that begins an SQL statement: a query written outside storage.
bool startsSqlStatement(const std::string& line) {
    static const std::regex sql(
        R"re("\s*(SELECT|INSERT|UPDATE|DELETE|WITH|PRAGMA|CREATE|ALTER|DROP|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET|RESET|LISTEN|NOTIFY|COPY|TRUNCATE|VACUUM|ANALYZE|REINDEX|ATTACH|DETACH|LOCK|GRANT|REVOKE)\b)re");
    return std::regex_search(line.substr(0, line.find("//")), sql);
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

TEST(Layering, WorkstationReachesTheEngineOnlyThroughServices) {
    // What the rule catches, and what it lets through.
    EXPECT_TRUE(reachesStorage("#include \"storage/database.h\""));
    EXPECT_TRUE(reachesStorage("#  include <storage/db/database.h>"));
    EXPECT_TRUE(reachesStorage("    auto rows = storage::listBrokers(db);"));
    EXPECT_FALSE(reachesStorage("#include \"services/clientbook.h\""));
    EXPECT_FALSE(reachesStorage("    auto rows = services::listBrokers(db);"));

    const int checked =
        forEachSourceLine({"ui"}, [](const fs::path& path, int n, const std::string& line) {
            EXPECT_FALSE(reachesStorage(line))
                << path << ":" << n << ": the workstation reaches storage past services: " << line;
        });
    EXPECT_GT(checked, 30);
}

// Words people read are made in one place, the phrasebook (src/phrasebook/): the engine hands
// out facts (core/facts.h) and codes. So no Chinese string literal and no pair of X_en / X_zh
// fields anywhere else in src/, reports/ or ui/ (the workstation's own labels are English in
// tr() and Chinese in the .ts file). Exceptions, each for a reason:
// - input vocabulary: the Chinese words interchange files and people may type, which the
//   importers, enum and calendar parsers and contact-hours parser read (never write);
// - the demo's generated person and product names (data, not wording);
// - the v7 migration, which reads the sentences older books stored;
// - segment names a user typed, kept in both languages as typed (name_zh / name_en,
//   segment_zh / segment_en) and the released schema versions' column names.
TEST(Layering, WordsAreMadeOnlyInThePhrasebook) {
    const std::set<std::string> kInputVocabulary{
        "src/core/enums.cpp", "src/core/calendar.cpp", "src/analytics/scheduler.cpp",
        "src/demo/demonames.cpp", "src/storage/schema/schema_v7.cpp"};
    const std::set<std::string> kTypedNamePairs{"name", "segment"};
    const std::regex chineseInLiteral("\"[^\"]*[\\xE3-\\xE9][\\x80-\\xBF][\\x80-\\xBF][^\"]*\"");
    const std::regex languagePair(R"(\b(\w+)_(en|zh)\b)");
    std::map<std::string, std::map<std::string, std::set<std::string>>> pairs; // file, base, lang
    const int checked = forEachSourceLine({"src", "reports", "ui"}, [&](const fs::path& file, int n,
                                                                        const std::string& line) {
        const std::string rel = fs::relative(file, BD_SOURCE_DIR).generic_string();
        if (rel.rfind("src/phrasebook/", 0) == 0) return;
        const std::string code = line.substr(0, line.find("//")); // comments may quote
        const bool input = kInputVocabulary.count(rel) || rel.rfind("src/storage/import/", 0) == 0;
        EXPECT_TRUE(input || !std::regex_search(code, chineseInLiteral))
            << rel << ":" << n << ": Chinese words outside the phrasebook: " << line;
        if (rel.rfind("src/storage/schema/schema_v", 0) == 0) return; // released columns
        for (auto it = std::sregex_iterator(code.begin(), code.end(), languagePair);
             it != std::sregex_iterator(); ++it)
            pairs[rel][(*it)[1]].insert((*it)[2]);
    });
    EXPECT_GT(checked, 100);
    for (const auto& [file, bases] : pairs)
        for (const auto& [base, langs] : bases)
            EXPECT_TRUE(langs.size() < 2 || kTypedNamePairs.count(base))
                << file << ": " << base << "_en / " << base << "_zh: words made outside the "
                << "phrasebook (give a fact, let src/phrasebook word it)";
}

// QtTest's QVERIFY / QCOMPARE / QTRY_* record a failure only inside a QTest function: in a
// gtest test they return quietly, and the test passes whatever happened (a wait that timed out
// went unseen). The tests wait with bdtest::waitFor and assert with gtest's own macros.
TEST(Layering, TestsAssertWithGtestNotQtTestMacros) {
    const std::regex qtAssert(R"(\b(QTRY_\w+|QVERIFY\w*|QCOMPARE\w*|QFAIL)\s*\()");
    const int checked =
        forEachSourceLine({"tests"}, [&](const fs::path& file, int n, const std::string& line) {
            if (const auto first = line.find_first_not_of(' ');
                first != std::string::npos && line.compare(first, 2, "//") == 0)
                return; // a comment line
            EXPECT_FALSE(std::regex_search(line, qtAssert))
                << file << ":" << n << ": a QtTest assertion in a gtest test: " << line;
        });
    EXPECT_GT(checked, 100);
}

// Storage owns all SQL (src/storage: SQLite and PostgreSQL alike): every layer above it asks
// storage's functions, so a statement is written, bound and reviewed in one place. (The
// phrasebook is not read: its advice to the administrator quotes statements and runs none.)
TEST(Layering, OnlyStorageWritesSql) {
    EXPECT_TRUE(startsSqlStatement("    auto st = db.prepare(\"SELECT count(*) FROM contacts\");"));
    EXPECT_TRUE(startsSqlStatement("    c.query(\"SELECT COALESCE(bd_my_role(), '')\");"));
    EXPECT_TRUE(startsSqlStatement("    db->exec(\"PRAGMA synchronous=OFF\");"));
    EXPECT_TRUE(startsSqlStatement("    c->run(\"LISTEN bd_book\");"));
    EXPECT_FALSE(startsSqlStatement("    tr(\"Select a client\");"));
    EXPECT_FALSE(startsSqlStatement("    // SELECT 1 (a comment may name one)"));
    EXPECT_FALSE(startsSqlStatement("    auto rows = storage::listBrokers(db);"));

    const int checked = forEachSourceLine(
        {"src/core", "src/analytics", "src/services", "src/demo", "src/cli", "reports", "ui"},
        [](const fs::path& path, int n, const std::string& line) {
            EXPECT_FALSE(startsSqlStatement(line))
                << path << ":" << n << ": SQL outside storage (storage owns it): " << line;
        });
    EXPECT_GT(checked, 100);
}
