#pragma once
// The client portfolio review (投资组合回顾) as a PDF for a meeting: client header, key figures,
// account value chart, holdings with P&L, risk notes and suitability. A4 portrait; Chinese text
// uses an embedded CJK font. Plain data in (no Qt in this header).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/portfolio.h"
#include "core/domain.h"
#include "core/result.h"
#include "services/portfolioservice.h"

namespace bd::reports {

/// Language of the review's words (names and codes print as they are).
enum class ReviewLanguage { English, Chinese };

/// Whose copy: the client's holds only client-facing text; the broker's adds the data-quality
/// remarks (trades the book cannot match, missing snapshots, reconstructed holdings) and says on
/// every page that it is the broker's.
enum class ReviewCopy { Client, Broker };

/// "client" -> Client, "broker" -> Broker; nullopt otherwise.
std::optional<ReviewCopy> parseReviewCopy(std::string_view s);

/// What goes around the report: who, language, and the account value series for the chart.
struct ReviewOptions {
    ReviewLanguage language = ReviewLanguage::English;
    ReviewCopy copy = ReviewCopy::Client;
    std::string broker_id;
    std::string broker_name;
    std::string branch; // as it should be printed
    std::string title;  // empty -> "Portfolio review" / "客户投资组合回顾"
    /// Shown as "printed at"; empty -> the local time when the file is written.
    std::string printed_at;
    /// Account snapshots up to the report's as-of date (services::PortfolioReview::snapshots);
    /// the chart shows the last `chart_months` months of cash + market value.
    std::vector<AssetSnapshot> account_values;
    int chart_months = 12;
};

/// "zh"/"cn"/"chinese" -> Chinese, "en"/"english" -> English; nullopt otherwise.
std::optional<ReviewLanguage> parseReviewLanguage(std::string_view s);

/// Writes the review of `report` to `path`. Io error when the file cannot be written.
Status writePortfolioReviewPdf(const std::string& path, const analytics::PortfolioReport& report,
                               const ReviewOptions& options);

/// Writes a client's review as services::loadPortfolioReview read it: the broker, the branch
/// and the account values come with it (the CLI's `export review` and the workstation's
/// Export › Client review).
Status writeClientReviewPdf(const std::string& path, services::PortfolioReview review,
                            ReviewLanguage language, ReviewCopy copy);

} // namespace bd::reports
