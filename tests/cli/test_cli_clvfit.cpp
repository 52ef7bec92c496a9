#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>

#include "support/run.h"
#include "support/tempdir.h"

namespace {

std::string cdnow() {
    return std::string(BD_TEST_DATA_DIR) + "/cdnow/cdnow_transactions.csv";
}

/// Numeric fields of a flat JSON object.
std::map<std::string, double> numbers(const std::string& json) {
    std::map<std::string, double> out;
    static const std::regex field("\"([a-z_]+)\": (-?[0-9.eE+-]+)");
    for (auto it = std::sregex_iterator(json.begin(), json.end(), field);
         it != std::sregex_iterator(); ++it)
        out[(*it)[1]] = std::strtod((*it)[2].str().c_str(), nullptr);
    return out;
}

std::string writeTemp(const std::string& name, const std::string& text) {
    const auto path = (bdtest::scratchDir() / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

void expectRel(double actual, double expected, double rel, const char* what) {
    EXPECT_NEAR(actual, expected, rel * std::abs(expected)) << what;
}

} // namespace

TEST(CliClvFit, FitsCdnowToThePublishedEstimates) {
    auto r = bdtest::runCli("clv-fit --transactions " + cdnow() + " --calibration-end 1997-09-30");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    ASSERT_EQ(r.output.find('\n'), r.output.size() - 1) << "one JSON line: " << r.output;
    const auto v = numbers(r.output);
    for (const char* k : {"r", "alpha", "a", "b", "loglik", "customers", "gg_p", "gg_q", "gg_gamma",
                          "gg_loglik", "repeat_customers", "iterations"})
        ASSERT_TRUE(v.count(k)) << k << " in " << r.output;
    expectRel(v.at("r"), 0.243, 0.005, "r");
    expectRel(v.at("alpha"), 4.414, 0.005, "alpha");
    expectRel(v.at("a"), 0.793, 0.005, "a");
    expectRel(v.at("b"), 2.426, 0.005, "b");
    EXPECT_NEAR(v.at("loglik"), -9582.43, 0.1);
    EXPECT_EQ(v.at("customers"), 2357);
    EXPECT_EQ(v.at("repeat_customers"), 946);
    expectRel(v.at("gg_p"), 6.25, 0.005, "p");
    expectRel(v.at("gg_q"), 3.74, 0.005, "q");
    expectRel(v.at("gg_gamma"), 15.44, 0.005, "gamma");
    EXPECT_NE(r.output.find("\"time_unit\": \"week\""), std::string::npos);

    // Day units: the same model with α scaled by 7.
    auto d = bdtest::runCli("clv-fit --transactions " + cdnow() +
                            " --calibration-end 19970930 --time-unit day");
    ASSERT_EQ(d.exit_code, 0) << d.output;
    expectRel(numbers(d.output).at("alpha"), 7 * v.at("alpha"), 1e-4, "alpha in days");
}

TEST(CliClvFit, QuotedFieldsAnyColumnOrderAndRowsAfterTheEnd) {
    const std::string csv = "\xEF\xBB\xBF"
                            "amount,\"customer_id\",date,note\r\n"
                            "\"1,000.50\",A,2024-01-02,\"first, with comma\"\r\n"
                            "20,A,2024/02/01,\"say \"\"hi\"\"\"\r\n"
                            "30,\"B\",20240105,\"multi\nline\"\r\n"
                            "5,B,2024-03-01,x\r\n"
                            "7,C,2024-01-20,x\r\n"
                            "999,C,2025-01-01,after the end\r\n";
    const auto path = writeTemp("bd_clvfit_quoted.csv", csv);
    auto r = bdtest::runCli("clv-fit --transactions " + path + " --calibration-end 2024-03-31");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto v = numbers(r.output);
    EXPECT_EQ(v.at("customers"), 3);
    EXPECT_EQ(v.at("repeat_customers"), 2);
    EXPECT_EQ(v.at("rows_read"), 6);
}

TEST(CliClvFit, MalformedFileIsRejectedWithItsLocation) {
    const auto path = writeTemp("bd_clvfit_bad.csv",
                                "customer_id,date,amount\n1,2024-01-02,10\n1,2024-02-30,12\n");
    auto r = bdtest::runCli("clv-fit --transactions " + path + " --calibration-end 2024-03-31");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(path + ":3:2:"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("(2024-02-30)"), std::string::npos) << r.output;

    const auto amount = writeTemp("bd_clvfit_amount.csv",
                                  "customer_id,date,amount\n1,2024-01-02,10\n2,2024-01-03,1\n"
                                  "\"3\",2024-01-04,12.34567\n");
    r = bdtest::runCli("clv-fit --transactions " + amount + " --calibration-end 2024-03-31");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(amount + ":4:3:"), std::string::npos) << r.output;

    const auto header = writeTemp("bd_clvfit_header.csv", "id,date,amount\n1,2024-01-02,10\n");
    r = bdtest::runCli("clv-fit --transactions " + header + " --calibration-end 2024-03-31");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("customer_id"), std::string::npos) << r.output;

    const auto fields = writeTemp("bd_clvfit_fields.csv",
                                  "customer_id,date,amount\n1,2024-01-02,10\n\n2,2024-01-03\n");
    r = bdtest::runCli("clv-fit --transactions " + fields + " --calibration-end 2024-03-31");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(fields + ":4:"), std::string::npos) << r.output;

    // Well-formed but unusable: nobody bought twice.
    const auto single = writeTemp("bd_clvfit_single.csv",
                                  "customer_id,date,amount\n1,2024-01-02,10\n2,2024-01-03,5\n");
    r = bdtest::runCli("clv-fit --transactions " + single + " --calibration-end 2024-03-31");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("repeat"), std::string::npos) << r.output;
}

TEST(CliClvFit, UsageErrors) {
    EXPECT_EQ(bdtest::runCli("clv-fit").exit_code, 1);
    EXPECT_EQ(bdtest::runCli("clv-fit --transactions " + cdnow()).exit_code, 1);
    EXPECT_EQ(bdtest::runCli("clv-fit --transactions " + cdnow() + " --calibration-end 1997-13-01")
                  .exit_code,
              1);
    EXPECT_EQ(bdtest::runCli("clv-fit --transactions " + cdnow() +
                             " --calibration-end 1997-09-30 --time-unit month")
                  .exit_code,
              1);
    EXPECT_EQ(
        bdtest::runCli("clv-fit --transactions /nonexistent/t.csv --calibration-end 1997-09-30")
            .exit_code,
        3);
    EXPECT_EQ(bdtest::runCli("clv-fit --help").exit_code, 0);
}
