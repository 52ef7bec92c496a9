// The portfolio review PDF from a computed report: font, Chinese text, pages, chart data.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "analytics/portfolio.h"
#include "pdfprobe.h"
#include "pdftext.h"
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
    auto o = options(true);
    o.copy = reports::ReviewCopy::Broker; // the copy that holds the data notes
    ASSERT_TRUE(reports::writePortfolioReviewPdf(path, r, o).ok());
    const bdtest::PdfProbe pdf(path);
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("笔卖出超过账内买入数量")));
    std::string latin;
    for (std::uint32_t c : pdf.mappedCharacters())
        if (c >= 'a' && c <= 'z' &&
            std::string("brokeresk").find(static_cast<char>(c)) == std::string::npos)
            latin += static_cast<char>(c);
    EXPECT_EQ(latin, "") << "English letters drawn in a Chinese review";
}

// ---- read back with pdftotext (issue 22) ------------------------------------------------------

namespace {

/// pdftotext's text with every run of white space made one space (wrapped lines joined).
std::string flatText(const std::string& path) {
    return std::regex_replace(bdtest::pdfText(path), std::regex(R"(\s+)"), " ");
}

/// C001 欧阳明月, a C3 client, as of 2026-03-31, with nothing yet.
analytics::PortfolioInput c3Client() {
    analytics::PortfolioInput in;
    in.client_id = "C001";
    in.client_name = "欧阳明月";
    in.client_risk_level = 3;
    in.as_of = Date::fromYmd(2026, 3, 31);
    return in;
}

/// A C3 client who sold more than the book shows bought (an Oversold data remark).
analytics::PortfolioReport oversoldReport() {
    analytics::PortfolioInput in = c3Client();
    in.securities = {{"600519.SH", "贵州茅台", Board::Main, 3, ""}};
    Trade sell = buy("600519.SH", 2025, 3, 3, 300, 1600);
    sell.side = Side::Sell;
    sell.trade_id = "S1";
    in.trades = {buy("600519.SH", 2025, 1, 6, 100, 1500), sell,
                 buy("600519.SH", 2025, 4, 6, 1000, 1500)};
    in.snapshots = snapshotsOf();
    return analytics::computePortfolio(in);
}

} // namespace

TEST(ReviewText, ClientCopyHoldsNoDataRemarksAndBrokerCopyHoldsThemInItsLanguage) {
    const auto r = oversoldReport();
    ASSERT_FALSE(r.notes.empty());
    for (const bool zh : {true, false}) {
        auto o = options(zh);
        o.account_values = snapshotsOf();
        const auto client = tempPdf(zh ? "client_copy_zh" : "client_copy_en");
        ASSERT_TRUE(reports::writePortfolioReviewPdf(client, r, o).ok());
        o.copy = reports::ReviewCopy::Broker;
        const auto broker = tempPdf(zh ? "broker_copy_zh" : "broker_copy_en");
        ASSERT_TRUE(reports::writePortfolioReviewPdf(broker, r, o).ok());
        const std::string remark = zh ? "笔卖出超过账内买入数量" : "exceeded the quantity bought";
        const std::string clientText = flatText(client), brokerText = flatText(broker);
        EXPECT_EQ(clientText.find(remark), std::string::npos) << clientText;
        EXPECT_EQ(clientText.find(zh ? "数据说明" : "Data notes"), std::string::npos);
        EXPECT_NE(brokerText.find(remark), std::string::npos) << brokerText;
        EXPECT_NE(brokerText.find(zh ? "客户经理留存版" : "broker's copy"), std::string::npos);
        if (zh) {
            // No English word in a Chinese review: Latin letters only in codes (600519.SH), risk
            // levels (R3, C3), the product's name and the acronyms Chinese uses (HHI, ETF).
            const std::regex word(R"(\b[A-Za-z]{3,}\b)"); // EBR01, 600519.SH are ids
            for (const auto* text : {&clientText, &brokerText})
                for (auto it = std::sregex_iterator(text->begin(), text->end(), word);
                     it != std::sregex_iterator(); ++it)
                    EXPECT_TRUE(it->str() == "BrokerDesk" || it->str() == "HHI" ||
                                it->str() == "ETF")
                        << "English in a Chinese review: " << it->str();
        }
    }
}

TEST(ReviewText, AClientWithNoDataReadsNotAvailableAndTheRemarkIsWholeOnTheBrokersCopy) {
    analytics::PortfolioInput in;
    in.client_id = "C404";
    in.client_name = "李𬱖喆";
    in.as_of = Date::fromYmd(2026, 3, 31);
    const auto r = analytics::computePortfolio(in);
    ASSERT_EQ(r.return_1m.note.kind, ReviewNoteKind::NoSnapshot);
    auto o = options(false);
    const auto client = tempPdf("nodata_client");
    ASSERT_TRUE(reports::writePortfolioReviewPdf(client, r, o).ok());
    o.copy = reports::ReviewCopy::Broker;
    const auto broker = tempPdf("nodata_broker");
    ASSERT_TRUE(reports::writePortfolioReviewPdf(broker, r, o).ok());
    const std::string clientText = flatText(client), brokerText = flatText(broker);
    EXPECT_EQ(clientText.find("no snapshot"), std::string::npos) << clientText;
    EXPECT_EQ(bdtest::occurrences(clientText, "not available"), 3) << clientText;
    // Wrapped in its tile, never clipped: the whole remark, once per return tile.
    EXPECT_EQ(bdtest::occurrences(brokerText, "no snapshot on or before the as-of date"), 3)
        << brokerText;
    EXPECT_NE(clientText.find("李𬱖喆"), std::string::npos) << clientText; // outside the BMP
}

TEST(ReviewText, CashAndAMoneyMarketEtfAreNoConcentration) {
    analytics::PortfolioInput in = c3Client();
    in.securities = {{"511880.SH", "银华日利", Board::Fund, 1, "货币基金"}};
    in.trades = {buy("511880.SH", 2026, 1, 6, 300, 100)}; // 30,000 of a money-market ETF
    in.positions = {
        {"C001", Date::fromYmd(2026, 3, 31), "511880.SH", 300, std::nullopt, Money::fromYuan(100)}};
    AssetSnapshot s;
    s.date = Date::fromYmd(2026, 3, 31);
    s.market_value = Money::fromYuan(30000);
    s.cash = Money::fromYuan(970000);
    in.snapshots = {s};
    const auto r = analytics::computePortfolio(in);
    EXPECT_EQ(r.risk.risk_bearing_count, 0);
    EXPECT_NEAR(r.risk.cash_like_share, 1.0, 1e-12);
    for (const auto& b : r.risk.badges) EXPECT_NE(b.code, "concentrated");
    const auto path = tempPdf("cashlike");
    ASSERT_TRUE(reports::writePortfolioReviewPdf(path, r, options(false)).ok());
    const std::string text = flatText(path);
    EXPECT_EQ(text.find("Concentrated"), std::string::npos) << text;
    EXPECT_EQ(text.find("100.0% (limit"), std::string::npos) << text;
    EXPECT_NE(text.find("No risk flags"), std::string::npos) << text;
    EXPECT_NE(text.find("never count as a concentration"), std::string::npos); // the rule
}

TEST(ReviewText, MaximumDrawdownHasOneSignInTheChartAndTheTable) {
    const auto r = report();
    ASSERT_TRUE(r.risk.max_drawdown);
    ASSERT_GT(*r.risk.max_drawdown, 0.0);
    auto o = options(false);
    o.account_values = snapshotsOf();
    const auto path = tempPdf("drawdown");
    ASSERT_TRUE(reports::writePortfolioReviewPdf(path, r, o).ok());
    const std::string text = flatText(path);
    const std::string dd = QString::number(*r.risk.max_drawdown * 100.0, 'f', 1).toStdString();
    EXPECT_NE(text.find("max drawdown " + dd + "%"), std::string::npos) << text; // the chart
    EXPECT_NE(text.find(dd + "% ("), std::string::npos) << text;                 // the table
    EXPECT_EQ(text.find("-" + dd + "%"), std::string::npos) << text;
    EXPECT_EQ(text.find("\u2212" + dd + "%"), std::string::npos) << text;
}

TEST(ReviewText, UnknownTotalsShowAsUnknownNeverAsZero) {
    // Holdings whose cost is unknown (sold before the book starts: no buy in it) and no
    // snapshot, so neither the cash nor the total assets are known.
    analytics::PortfolioReport r;
    r.client_id = "C001";
    r.client_name = "欧阳明月";
    r.as_of = Date::fromYmd(2026, 3, 31);
    analytics::HoldingLine h;
    h.security_code = "600519.SH";
    h.name = "贵州茅台";
    h.board = Board::Main;
    h.risk_level = 3;
    h.quantity = 10;
    h.close_price = Money::fromDouble(1234.567);
    h.price_source = analytics::PriceSource::Positions;
    h.market_value = Money::fromDouble(12345.67);
    h.weight = 1.0;
    r.holdings = {h};
    r.market_value = h.market_value;
    r.realized_pnl = Money::fromYuan(100);
    r.fees_paid = Money::fromYuan(5);
    r.risk.risk_bearing_count = 1;
    r.risk.top1_share = r.risk.top3_share = r.risk.hhi = 1.0;
    const auto path = tempPdf("unknown_totals");
    ASSERT_TRUE(reports::writePortfolioReviewPdf(path, r, options(false)).ok());
    const std::string text = flatText(path);
    EXPECT_FALSE(std::regex_search(text, std::regex(R"((^|[^0-9,.])[+-]?0\.00([^0-9]|$))")))
        << "an unknown amount printed as 0.00:\n"
        << text;
    // The market value three times (tile, row, total), never as the total assets.
    EXPECT_EQ(bdtest::occurrences(text, "12,345.67"), 3) << text;
    EXPECT_NE(text.find("cash not known"), std::string::npos);
    EXPECT_NE(text.find("holdings with unknown cost: 1"), std::string::npos) << text;
}
