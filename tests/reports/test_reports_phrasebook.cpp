// The reports' labels come from the phrasebook: every label they ask for has its Chinese words,
// so a Chinese report never falls back to English.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "phrasebook/phrasebook.h"

namespace fs = std::filesystem;

TEST(ReportsPhrasebook, EveryLabelTheReportsUseHasChineseWords) {
    // Tr (reviewpdf.cpp) is called m_t / t, the call sheet's word helper w.
    const std::regex call(R"re(\b(?:m_t|t|w)\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\))re");
    const std::regex piece(R"re("((?:[^"\\]|\\.)*)")re");
    int labels = 0;
    for (const char* file : {"reports/reviewpdf.cpp", "reports/callsheetpdf.cpp"}) {
        std::ifstream in(fs::path(BD_SOURCE_DIR) / file);
        const std::string text((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
        for (auto it = std::sregex_iterator(text.begin(), text.end(), call);
             it != std::sregex_iterator(); ++it) {
            std::string label; // adjacent literals joined, as the compiler does
            const std::string lits = (*it)[1];
            for (auto p = std::sregex_iterator(lits.begin(), lits.end(), piece);
                 p != std::sregex_iterator(); ++p)
                label += (*p)[1];
            EXPECT_TRUE(bd::phrase::hasLabel(label)) << file << ": \"" << label << "\"";
            ++labels;
        }
    }
    EXPECT_GT(labels, 80);
}
