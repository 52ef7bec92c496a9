#include "services/portfolioservice.h"

#include "services/riskassessment.h"

#include <string>

#include "storage/book/portfolioqueries.h"

namespace bd::services {
namespace {
/// loadPortfolio(), optionally handing back the snapshots it loaded and the client's row id.
Result<analytics::PortfolioReport>
loadPortfolioInternal(storage::Database& db, std::string_view client_id, std::optional<Date> as_of,
                      const analytics::PortfolioOptions& options,
                      std::vector<AssetSnapshot>* snapshots_out, std::int64_t* ref_out = nullptr);
} // namespace

Result<analytics::PortfolioReport> loadPortfolio(storage::Database& db, std::string_view client_id,
                                                 std::optional<Date> as_of,
                                                 analytics::CostMethod method) {
    analytics::PortfolioOptions options;
    options.cost_method = method;
    return loadPortfolio(db, client_id, as_of, options);
}

Result<analytics::PortfolioReport> loadPortfolio(storage::Database& db, std::string_view client_id,
                                                 std::optional<Date> as_of,
                                                 const analytics::PortfolioOptions& options) {
    return loadPortfolioInternal(db, client_id, as_of, options, nullptr);
}

Result<PortfolioReview> loadPortfolioReview(storage::Database& db, std::string_view client_id,
                                            std::optional<Date> as_of,
                                            const analytics::PortfolioOptions& options) {
    PortfolioReview review;
    std::int64_t ref = 0;
    auto report = loadPortfolioInternal(db, client_id, as_of, options, &review.snapshots, &ref);
    if (!report) return report.error();
    review.report = std::move(*report);
    auto advisor = storage::loadClientAdvisor(db, ref);
    if (!advisor) return advisor.error();
    review.broker_id = std::move(advisor->broker_id);
    review.broker_name = std::move(advisor->broker_name);
    review.branch_id = std::move(advisor->branch_id);
    review.branch_name = std::move(advisor->branch_name);
    return review;
}

namespace {

Result<analytics::PortfolioReport>
loadPortfolioInternal(storage::Database& db, std::string_view client_id, std::optional<Date> as_of,
                      const analytics::PortfolioOptions& options,
                      std::vector<AssetSnapshot>* snapshots_out, std::int64_t* ref_out) {
    auto client = storage::findPortfolioClient(db, client_id);
    if (!client) return client.error();
    if (!*client) {
        Error e = makeError(ErrorCode::NotFound, "unknown client '" + std::string(client_id) + "'");
        e.column_name = "client_id";
        e.value = std::string(client_id);
        return e;
    }
    const storage::PortfolioClient& c = **client;
    if (ref_out) *ref_out = c.ref;

    analytics::PortfolioInput in;
    in.client_id = c.client_id;
    in.client_name = c.name;
    in.client_risk_level = c.risk_level;

    std::optional<Date> date = as_of;
    if (!date) {
        auto latest = storage::latestClientDataDate(db, c.ref);
        if (!latest) return latest.error();
        date = *latest;
    }
    if (!date) {
        // No trades, snapshots or positions: an empty report (every figure null or zero).
        analytics::PortfolioReport empty = analytics::computePortfolio(in, options);
        empty.as_of.reset();
        return empty;
    }
    in.as_of = *date;
    if (c.risk_assessed_on) {
        auto validity = loadRiskAssessmentValidity(db);
        if (!validity) return validity.error();
        const Date expires = riskAssessmentExpiry(*c.risk_assessed_on, *validity);
        if (expires <= *date) in.assessment_expired_on = expires;
    }
    auto rows = storage::loadPortfolioRows(db, c, *date);
    if (!rows) return rows.error();
    in.trades = std::move(rows->trades);
    in.positions = std::move(rows->positions);
    in.securities = std::move(rows->securities);
    in.snapshots = std::move(rows->snapshots);
    analytics::PortfolioReport report = analytics::computePortfolio(in, options);
    if (snapshots_out) *snapshots_out = std::move(in.snapshots);
    return report;
}

} // namespace

} // namespace bd::services
