// End to end: `brokerdesk-cli export review` on a demo book (headless, offscreen Qt).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>

#include "pdfprobe.h"
#include "pdftext.h"
#include "services/portfolioservice.h"
#include "storage/schema/schema.h"
#include "support/run.h"
#include "support/tempdir.h"

using namespace bd;

namespace {

const std::string& demoBook() {
    static const std::string path = [] {
        const auto p = (bdtest::scratchDir() / "bd_reports_review_demo.bdbook").string();
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p + suffix);
        const auto r = bdtest::runCli("demo --db " + p + " --clients 40 --seed 11");
        EXPECT_EQ(r.exit_code, 0) << r.output;
        return p;
    }();
    return path;
}

/// A demo client that holds positions (so the review has a holdings table and a chart).
std::string clientWithHoldings() {
    auto db = storage::openBook(demoBook(), {.create = false});
    EXPECT_TRUE(db) << db.error().toString();
    if (!db) return {};
    auto st = db->prepare("SELECT c.client_id FROM clients c WHERE EXISTS (SELECT 1 FROM positions"
                          " p WHERE p.client_ref = c.id) AND (SELECT count(*) FROM assets a WHERE"
                          " a.client_ref = c.id) > 2 ORDER BY c.id LIMIT 1");
    EXPECT_TRUE(st);
    if (!st) return {};
    auto row = st->step();
    EXPECT_TRUE(row && *row) << "the demo book has no client with positions and snapshots";
    return row && *row ? st->text(0) : std::string();
}

/// Unsets a variable for the scope (children inherit the environment) and restores it.
class ScopedUnset {
  public:
    explicit ScopedUnset(const char* name) : m_name(name) {
        if (const char* v = std::getenv(name)) m_value = v;
        ::unsetenv(name);
    }
    ~ScopedUnset() {
        if (m_value) ::setenv(m_name, m_value->c_str(), 1);
    }
    ScopedUnset(const ScopedUnset&) = delete;
    ScopedUnset& operator=(const ScopedUnset&) = delete;

  private:
    const char* m_name;
    std::optional<std::string> m_value;
};

std::string out(const std::string& name) {
    const auto p = (bdtest::scratchDir() / ("bd_reports_cli_" + name)).string();
    std::filesystem::remove(p);
    return p;
}

} // namespace

TEST(CliExportReview, WritesAReviewPdfForADemoClient) {
    const std::string client = clientWithHoldings();
    ASSERT_FALSE(client.empty());
    for (const std::string lang : {"zh", "en"}) {
        const auto pdfPath = out("review_" + lang + ".pdf");
        // No display and no platform chosen: the command must pick offscreen by itself.
        const ScopedUnset platform("QT_QPA_PLATFORM"), display("DISPLAY"),
            wayland("WAYLAND_DISPLAY");
        const auto r = bdtest::runCli("export review --db " + demoBook() + " --client " + client +
                                      " --lang " + lang + " --out " + pdfPath);
        ASSERT_EQ(r.exit_code, 0) << r.output;
        EXPECT_NE(r.output.find("wrote the portfolio review of " + client), std::string::npos)
            << r.output;
        const bdtest::PdfProbe pdf(pdfPath);
        EXPECT_TRUE(pdf.isPdf());
        EXPECT_GE(pdf.pages(), 1);
        EXPECT_TRUE(pdf.embedsFontFile());
        EXPECT_TRUE(pdf.hasBaseFontContaining("CJK")); // demo names are Chinese
        EXPECT_TRUE(pdf.mapsAllCharacters(QString::fromStdString(client)));
        const QString heading = lang == "zh" ? QStringLiteral("客户投资组合回顾持仓明细")
                                             : QStringLiteral("PortfolioreviewHoldings");
        EXPECT_TRUE(pdf.mapsAllCharacters(heading));
    }
}

TEST(CliExportReview, AsOfDateIsHonoured) {
    const std::string client = clientWithHoldings();
    ASSERT_FALSE(client.empty());
    const auto pdfPath = out("review_asof.pdf");
    const auto r = bdtest::runCli("export review --db " + demoBook() + " --client " + client +
                                  " --as-of 2020-01-01 --out " + pdfPath);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("as of 2020-01-01"), std::string::npos) << r.output;
    EXPECT_TRUE(bdtest::PdfProbe(pdfPath).isPdf());
}

TEST(CliExportReview, UnknownClientIsRejectedClearly) {
    const auto pdfPath = out("review_unknown.pdf");
    const auto r = bdtest::runCli("export review --db " + demoBook() +
                                  " --client NOSUCHCLIENT --out " + pdfPath);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("unknown client 'NOSUCHCLIENT'"), std::string::npos) << r.output;
    EXPECT_FALSE(std::filesystem::exists(pdfPath));
}

TEST(CliExportReview, UsageErrors) {
    const std::string db = " --db " + demoBook();
    auto r = bdtest::runCli("export review" + db + " --out " + out("x.pdf"));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("--client"), std::string::npos) << r.output;
    r = bdtest::runCli("export review" + db + " --client C1 --out " + out("x.csv"));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find(".pdf"), std::string::npos) << r.output;
    r = bdtest::runCli("export review" + db + " --client C1 --lang fr --out " + out("x.pdf"));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    r = bdtest::runCli("export review" + db + " --client C1 --as-of 2026-13-01 --out " +
                       out("x.pdf"));
    EXPECT_EQ(r.exit_code, 1) << r.output;
}

// Issue 22: 30 of 40 top-VIP reviews in Chinese held "2 sell(s) exceeded the quantity bought in
// the book ...". The client's copy (the default) holds no data-quality remark and no English;
// `--copy broker` adds the remarks, in the chosen language.
TEST(CliExportReview, ClientCopyIsChineseOnlyAndTheBrokersCopyAddsTheRemarks) {
    std::string client;
    {
        auto db = storage::openBook(demoBook(), {.create = false});
        ASSERT_TRUE(db) << db.error().toString();
        auto st = db->prepare("SELECT client_id FROM clients ORDER BY id");
        ASSERT_TRUE(st);
        while (client.empty()) {
            auto row = st->step();
            ASSERT_TRUE(row && *row) << "no demo client has a data remark";
            const std::string id = st->text(0);
            auto review = services::loadPortfolioReview(*db, id);
            ASSERT_TRUE(review) << review.error().toString();
            if (!review->report.notes.empty()) client = id;
        }
    }
    const auto clientPdf = out("review_client_copy.pdf");
    const auto brokerPdf = out("review_broker_copy.pdf");
    auto r = bdtest::runCli("export review --db " + demoBook() + " --client " + client +
                            " --lang zh --out " + clientPdf);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    r = bdtest::runCli("export review --db " + demoBook() + " --client " + client +
                       " --lang zh --copy broker --out " + brokerPdf);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const std::string clientText = bdtest::pdfText(clientPdf);
    const std::string brokerText = bdtest::pdfText(brokerPdf);
    EXPECT_EQ(clientText.find("数据说明"), std::string::npos) << clientText;
    EXPECT_NE(brokerText.find("数据说明"), std::string::npos) << brokerText;
    const std::regex word(R"(\b[A-Za-z]{3,}\b)"); // EBR01, 600519.SH are ids
    for (const auto* text : {&clientText, &brokerText})
        for (auto it = std::sregex_iterator(text->begin(), text->end(), word);
             it != std::sregex_iterator(); ++it)
            EXPECT_TRUE(it->str() == "BrokerDesk" || it->str() == "HHI" || it->str() == "ETF")
                << "English in a Chinese review of " << client << ": " << it->str();
    r = bdtest::runCli("export review --db " + demoBook() + " --client " + client +
                       " --copy everyone --out " + out("x.pdf"));
    EXPECT_EQ(r.exit_code, 1) << r.output;
}
