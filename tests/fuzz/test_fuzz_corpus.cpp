// The fuzz harnesses (fuzz/harness.h) over their seed corpus and every input that ever tripped
// them (tests/data/fuzz/regressions/<harness>/): the same set-up and invariant checks as the
// libFuzzer targets, in the normal suite and its sanitizer build.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "harness.h"
#include "support/tempdir.h"

namespace {

namespace fs = std::filesystem;
using bd::fuzz::Harness;

std::vector<fs::path> inputs(const std::string& folder) {
    std::vector<fs::path> out;
    const fs::path dir = bdtest::testData(folder);
    if (!fs::is_directory(dir)) return out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file()) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::string bytesOf(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class FuzzCorpus : public ::testing::TestWithParam<Harness> {};

TEST_P(FuzzCorpus, EveryInputKeepsTheInvariants) {
    const std::string name(bd::fuzz::harnessName(GetParam()));
    const auto seeds = inputs("fuzz/" + name), regressions = inputs("fuzz/regressions/" + name);
    EXPECT_FALSE(seeds.empty()) << "no seed corpus in tests/data/fuzz/" << name;
    bdtest::TempDir dir(name);
    auto runner = bd::fuzz::Runner::create(dir.path());
    ASSERT_TRUE(runner.ok()) << runner.error().toString();
    int accepted = 0;
    for (const auto* set : {&seeds, &regressions}) {
        for (const fs::path& p : *set) {
            const auto o = runner->run(GetParam(), bytesOf(p));
            std::string broken;
            for (const std::string& b : o.broken) broken += "\n  " + b;
            EXPECT_TRUE(o.broken.empty()) << p.string() << ":" << broken;
            accepted += o.strict && o.strict->committed ? 1 : 0;
        }
    }
    // Mutations of an accepted file reach the writing and the second import.
    if (GetParam() != Harness::Csv) {
        EXPECT_GT(accepted, 0) << "no seed of " << name << " is accepted";
    }
}

INSTANTIATE_TEST_SUITE_P(Harnesses, FuzzCorpus, ::testing::ValuesIn(bd::fuzz::kHarnesses),
                         [](const ::testing::TestParamInfo<Harness>& i) {
                             return std::string(bd::fuzz::harnessName(i.param));
                         });

TEST(FuzzRegressions, TwoThousandDigitQuantityIsRejectedWhereItIs) {
    bdtest::TempDir dir;
    auto runner = bd::fuzz::Runner::create(dir.path());
    ASSERT_TRUE(runner.ok()) << runner.error().toString();
    const auto o =
        runner->run(Harness::Trades,
                    bytesOf(bdtest::testData("fuzz/regressions/trades/quantity_2000_digits.csv")));
    EXPECT_TRUE(o.broken.empty());
    ASSERT_TRUE(o.strict.has_value());
    EXPECT_FALSE(o.strict->committed);
    ASSERT_EQ(o.strict->errors.size(), 1u);
    const bd::Error& e = o.strict->errors[0];
    EXPECT_EQ(e.line, 2);
    EXPECT_EQ(e.column, 6);
    EXPECT_EQ(e.column_name, "quantity");
    EXPECT_EQ(e.message, "whole number too large (at most 9223372036854775807)");
}

} // namespace
