// The portfolio review PDF from a computed report: font, Chinese text, pages, chart data.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "analytics/portfolio.h"
#include "pdfprobe.h"
#include "reports/reviewpdf.h"
#include "support/tempdir.h"

using namespace bd;

namespace {

std::string tempPdf(const std::string& name) {
    return (bdtest::scratchDir() / ("bd_reports_" + name + ".pdf")).string();
}

std::vector<AssetSnapshot> snapshotsOf() {
    // The same series the report was computed from (the service hands both over).
    std::vector<AssetSnapshot> out;
    double value = 240000.0;
    for (int k = 0; k < 15; ++k) {
        AssetSnapshot s;
        int y = 2025, m = 1 + k;
        if (m > 12) {
            m -= 12;
            ++y;
        }
        s.date = Date::fromYmd(y, m, 28);
        value *= (k % 4 == 3) ? 0.93 : 1.025;
        s.market_value = Money::fromDouble(value * 0.9);
        s.cash = Money::fromDouble(value * 0.1);
        if (k == 6) s.net_inflow = Money::fromYuan(20000);
        out.push_back(s);
    }
    return out;
}

Trade buy(const std::string& code, int y, int m, int d, std::int64_t qty, std::int64_t price) {
    Trade t;
    t.trade_id = code + std::to_string(y * 10000 + m * 100 + d);
    t.client_id = "C001";
    t.trade_time = DateTime::fromParts(Date::fromYmd(y, m, d), 10, 0, 0);
    t.security_code = code;
    t.side = Side::Buy;
    t.quantity = qty;
    t.price = Money::fromYuan(price);
    t.amount = Money::fromYuan(price * qty);
    t.commission = Money::fromYuan(5);
    return t;
}

/// A C3 client with a main-board stock, a ChiNext R4 stock (a mismatch) and `extra` more
/// holdings; 15 monthly snapshots with one deposit.
analytics::PortfolioReport report(int extra = 0) {
    analytics::PortfolioInput in;
    in.client_id = "C001";
    in.client_name = "欧阳明月";
    in.client_risk_level = 3;
    in.as_of = Date::fromYmd(2026, 3, 31);
    in.securities = {{"600519.SH", "贵州茅台", Board::Main, 3, ""},
                     {"300750.SZ", "宁德时代", Board::ChiNext, 4, ""}};
    in.trades = {buy("600519.SH", 2025, 1, 6, 100, 1500), buy("300750.SZ", 2025, 2, 3, 400, 200)};
    in.positions = {
        {"C001", Date::fromYmd(2026, 3, 31), "600519.SH", 100, std::nullopt, Money::fromYuan(1650)},
        {"C001", Date::fromYmd(2026, 3, 31), "300750.SZ", 400, std::nullopt, Money::fromYuan(180)}};
    for (int i = 0; i < extra; ++i) {
        const std::string code = std::to_string(600100 + i) + ".SH";
        in.securities.push_back({code, "测试股份" + std::to_string(i), Board::Main, 2, ""});
        in.trades.push_back(buy(code, 2025, 3, 3, 1000, 10 + i));
        in.positions.push_back({"C001", Date::fromYmd(2026, 3, 31), code, 1000, std::nullopt,
                                Money::fromYuan(11 + i)});
    }
    in.snapshots = snapshotsOf();
    return analytics::computePortfolio(in);
}

reports::ReviewOptions options(bool chinese) {
    reports::ReviewOptions o;
    o.language = chinese ? reports::ReviewLanguage::Chinese : reports::ReviewLanguage::English;
    o.broker_id = "EBR01";
    o.broker_name = "王芳";
    o.branch = "BR01 上海浦东营业部";
    o.printed_at = "2026-04-01 09:00";
    return o;
}

} // namespace

TEST(ReviewPdf, ChineseReviewEmbedsCjkFontAndNamesEverySection) {
    const auto r = report();
    ASSERT_EQ(r.holdings.size(), 2u);
    ASSERT_FALSE(r.suitability_mismatches.empty()); // R4 ChiNext for a C3 client
    auto o = options(true);
    o.account_values = snapshotsOf();
    const auto path = tempPdf("review_zh");
    const Status s = reports::writePortfolioReviewPdf(path, r, o);
    ASSERT_TRUE(s.ok()) << s.error().toString();
    const bdtest::PdfProbe pdf(path);
    EXPECT_TRUE(pdf.isPdf());
    EXPECT_GE(pdf.pages(), 1);
    EXPECT_LE(pdf.pages(), 2);
    EXPECT_TRUE(pdf.embedsFontFile());
    EXPECT_TRUE(pdf.hasBaseFontContaining("CJK"));
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("客户投资组合回顾欧阳明月")));
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("贵州茅台宁德时代创业板")));
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("账户资产走势持仓明细风险提示适当性匹配")));
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("最大回撤▲转入")));   // band + legend
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("不适当")));          // the mismatched holding
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("0123456789.,%+-"))); // amounts, shares
    EXPECT_FALSE(pdf.mapsRadicals());
}

TEST(ReviewPdf, EnglishReviewUsesEnglishHeadings) {
    const auto r = report();
    auto o = options(false);
    o.broker_name = "Wang Fang";
    o.branch = "BR01";
    o.account_values = snapshotsOf();
    const auto path = tempPdf("review_en");
    ASSERT_TRUE(reports::writePortfolioReviewPdf(path, r, o).ok());
    const bdtest::PdfProbe pdf(path);
    EXPECT_TRUE(pdf.isPdf());
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("PortfolioreviewHoldingsSuitabilityRisk")));
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("贵州茅台"))); // names print as they are
    EXPECT_FALSE(pdf.mapsAllCharacters(QStringLiteral("持")));      // but no Chinese headings
}

TEST(ReviewPdf, ManyHoldingsFlowOntoMorePagesWithoutAChartWhenNoSnapshots) {
    const auto r = report(60);
    ASSERT_EQ(r.holdings.size(), 62u);
    const auto path = tempPdf("review_long");
    auto o = options(true); // no account_values: the chart is replaced by a note
    ASSERT_TRUE(reports::writePortfolioReviewPdf(path, r, o).ok());
    const bdtest::PdfProbe pdf(path);
    EXPECT_GE(pdf.pages(), 3);
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("无法绘制")));
    EXPECT_FALSE(pdf.mapsAllCharacters(QStringLiteral("▲"))); // no chart legend
}

TEST(ReviewPdf, EmptyReportStillWritesAPage) {
    analytics::PortfolioReport empty;
    empty.client_id = "C404";
    const auto path = tempPdf("review_empty");
    ASSERT_TRUE(reports::writePortfolioReviewPdf(path, empty, {}).ok());
    const bdtest::PdfProbe pdf(path);
    EXPECT_TRUE(pdf.isPdf());
    EXPECT_EQ(pdf.pages(), 1);
}

TEST(ReviewPdf, ParsesLanguages) {
    EXPECT_EQ(reports::parseReviewLanguage("zh"), reports::ReviewLanguage::Chinese);
    EXPECT_EQ(reports::parseReviewLanguage("en"), reports::ReviewLanguage::English);
    EXPECT_FALSE(reports::parseReviewLanguage("fr"));
}

// The leak a Chinese review had: "3 sell(s) exceeded the quantity bought..." among its notes.
// A Chinese review draws no English words: the only Latin lowercase letters it may use are
// those of the product's name in its footer (BrokerDesk).
TEST(ReviewPdf, ChineseReviewWithDataNotesDrawsNoEnglishWords) {
    analytics::PortfolioInput in;
    in.client_id = "C001";
    in.client_name = "欧阳明月";
    in.client_risk_level = 0; // not assessed: a suitability note per holding
    in.as_of = Date::fromYmd(2026, 3, 31);
    in.securities = {{"600519.SH", "贵州茅台", Board::Main, 0, ""}};
    Trade sell = buy("600519.SH", 2025, 3, 3, 300, 1600);
    sell.side = Side::Sell;
    sell.trade_id = "S1";
    Trade sell2 = sell, sell3 = sell;
    sell2.trade_id = "S2";
    sell3.trade_id = "S3";
    in.trades = {buy("600519.SH", 2025, 1, 6, 100, 1500), sell, sell2, sell3,
                 buy("600519.SH", 2025, 4, 6, 1000, 1500)};
    in.snapshots = snapshotsOf();
    const auto r = analytics::computePortfolio(in);
    ASSERT_FALSE(r.notes.empty());
    EXPECT_EQ(r.notes.front().kind, ReviewNoteKind::Oversold);
    const auto path = tempPdf("review_notes_zh");
    ASSERT_TRUE(reports::writePortfolioReviewPdf(path, r, options(true)).ok());
    const bdtest::PdfProbe pdf(path);
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("笔卖出超过账内买入数量")));
    std::string latin;
    for (std::uint32_t c : pdf.mappedCharacters())
        if (c >= 'a' && c <= 'z' &&
            std::string("brokeresk").find(static_cast<char>(c)) == std::string::npos)
            latin += static_cast<char>(c);
    EXPECT_EQ(latin, "") << "English letters drawn in a Chinese review";
}
