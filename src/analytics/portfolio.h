#pragma once
// A client's portfolio as of a date: holdings, realised/unrealised P&L (weighted-average or
// FIFO cost), Modified Dietz returns, concentration/board/volatility/drawdown risk and
// suitability (R vs C). Plain data in and out; see docs/portfolio.md for every convention.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/domain.h"
#include "core/enums.h"
#include "core/facts.h"
#include "core/money.h"

namespace bd::analytics {

/// How sells are matched against cost.
enum class CostMethod { Average = 0, Fifo };

/// "average" / "fifo".
std::string_view toString(CostMethod m);
/// Parses "average" (also "avg", "weighted") or "fifo"; nullopt otherwise.
std::optional<CostMethod> parseCostMethod(std::string_view s);

/// Where a holding's quantity came from.
enum class HoldingSource { Positions = 0, Reconstructed };
/// Where a holding's close price came from.
enum class PriceSource { None = 0, Positions, LastTrade };
/// Where a holding's cost basis came from.
enum class CostSource { Unknown = 0, Trades, PositionCostPrice };

std::string_view toString(HoldingSource s);
std::string_view toString(PriceSource s);
std::string_view toString(CostSource s);

/// Thresholds for the risk badges (shares are fractions: 0.40 = 40 %).
struct RiskThresholds {
    double top1_share = 0.40;        // largest holding above this -> "concentrated"
    double top3_share = 0.70;        // three largest above this -> "top3_concentrated"
    double hhi = 0.25;               // Herfindahl index above this -> "high_hhi"
    double max_drawdown = 0.20;      // drawdown above this -> "deep_drawdown"
    double volatility = 0.35;        // annualised volatility above this -> "high_volatility"
    double growth_board_share = 0.0; // ChiNext+STAR+BSE share above this for a C1/C2 client
                                     // -> "growth_boards_low_tolerance"
    int low_tolerance_max_level = 2; // clients at or below this C level count as low tolerance
};

/// Suitability rules beyond "R <= C" (the regulatory baseline, always applied).
struct SuitabilityRules {
    /// House rule: ChiNext, STAR and BSE shares need a client of at least this C level
    /// (0 disables the rule).
    int growth_board_min_level = 4;
};

/// Everything the engine can be tuned with.
struct PortfolioOptions {
    CostMethod cost_method = CostMethod::Average;
    RiskThresholds thresholds;
    SuitabilityRules suitability;
    int risk_window_months = 12;          // window of snapshots for volatility and drawdown
    int max_snapshot_staleness_days = 31; // period ends further than this from a snapshot -> null
};

/// One client's inputs (plain data; the storage layer fills it).
struct PortfolioInput {
    std::string client_id;
    std::string client_name;
    int client_risk_level = 0; // C1..C5 -> 1..5, 0 unknown
    /// The client's risk assessment is no longer valid on as_of: every holding is a mismatch
    /// (AssessmentExpired, since the day in `assessment_expired_on`).
    std::optional<Date> assessment_expired_on;
    Date as_of;
    std::vector<Trade> trades;            // this client's trades, ordered by time (sorted if not)
    std::vector<Position> positions;      // snapshot rows; only the latest date <= as_of is used
    std::vector<Security> securities;     // metadata for (at least) the codes involved
    std::vector<AssetSnapshot> snapshots; // account snapshots (any order, any granularity)
};

/// One security the client holds or has traded.
struct HoldingLine {
    std::string security_code;
    std::string name;             // from securities; empty when the code is unknown there
    Board board = Board::Unknown; // from securities, else inferred from the code
    bool board_inferred = false;
    int risk_level = 0;               // R1..R5 -> 1..5, 0 unrated
    bool cash_like = false;           // isCashLike: never counts as a concentration
    std::int64_t quantity = 0;        // held at as_of
    std::int64_t ledger_quantity = 0; // what the trades alone give
    HoldingSource source = HoldingSource::Positions;
    bool quantity_mismatch = false; // positions quantity != trade ledger quantity
    Money close_price;
    PriceSource price_source = PriceSource::None;
    std::optional<Date> price_date;
    Money market_value;            // close × quantity
    Money cost;                    // remaining cost basis of `quantity`
    std::optional<Money> avg_cost; // cost / quantity rounded to 0.0001; null when unknown
    CostSource cost_source = CostSource::Unknown;
    std::optional<Money> unrealized_pnl; // market value − cost; null when the cost is unknown
    Money realized_pnl;                  // over all trades <= as_of
    Money fees_paid;                     // commission + fees over all trades <= as_of
    std::int64_t unmatched_sell_quantity = 0; // sold beyond what the book shows as held
    Money unmatched_proceeds;                 // their net proceeds, left out of realised P&L
    double weight = 0.0;                      // share of the holdings' market value
    int trade_count = 0;
};

/// A Modified Dietz return over a named window.
struct PeriodReturn {
    int months = 0;
    std::optional<double> value; // fraction (0.05 = +5 %); null when not computable
    std::optional<Date> start;   // snapshot dates actually used
    std::optional<Date> end;
    Money start_value;
    Money end_value;
    Money net_flow;
    ReviewNote note; // why null, when it is (kind Unknown otherwise)
};

/// Share of market value per board (Unknown = no metadata and no inferable code).
struct BoardExposure {
    Board board = Board::Unknown;
    Money market_value;
    double share = 0.0;
};

/// A risk flag: a stable code ("concentrated", "top3_concentrated", "high_hhi",
/// "deep_drawdown", "high_volatility", "growth_boards_low_tolerance"), the value that crossed
/// its limit, and the limit (phrase::riskBadge words it).
struct RiskBadge {
    std::string code;
    double value = 0.0;
    double threshold = 0.0;
};

/// One failed suitability rule for one holding (feeds the scheduler as a trigger).
struct SuitabilityMismatch {
    std::string security_code;
    std::string name;
    int risk_level = 0;        // R level of the security, 0 unrated
    int client_risk_level = 0; // C level of the client, 0 unknown
    ReviewNote rule;           // RiskAboveTolerance (R4 > C3), UnknownClientLevel, ...
};

/// Risk figures over the holdings and the snapshot series.
struct PortfolioRisk {
    // Concentration is judged on what carries risk: each risk-bearing holding (not cash-like)
    // as a share of the account (holdings + cash; the holdings alone when the cash is unknown).
    // Cash and cash-like holdings are part of the account but never a concentration, so an
    // account that is 97 % cash and a money-market ETF is not "concentrated".
    double top1_share = 0.0;
    double top3_share = 0.0;
    double hhi = 0.0;
    int risk_bearing_count = 0;         // holdings behind the three figures above
    double cash_like_share = 0.0;       // cash + cash-like holdings, share of the account
    std::vector<BoardExposure> boards;  // boards with a non-zero share, largest first
    std::optional<double> volatility;   // annualised, from snapshot-to-snapshot returns
    std::optional<double> max_drawdown; // fraction (0.25 = a 25 % fall), flow-adjusted
    std::optional<Date> drawdown_peak;
    std::optional<Date> drawdown_trough;
    int return_count = 0; // sub-period returns behind volatility/drawdown
    std::vector<RiskBadge> badges;
};

/// The whole report.
struct PortfolioReport {
    std::string client_id;
    std::string client_name;
    int client_risk_level = 0;
    std::optional<Date> as_of;
    CostMethod cost_method = CostMethod::Average;
    bool reconstructed = false;         // no positions snapshot: holdings from trades
    std::optional<Date> positions_date; // the positions snapshot used
    std::vector<HoldingLine> holdings;  // quantity > 0, largest market value first
    std::vector<HoldingLine> closed;    // traded, quantity 0 at as_of, by code
    Money market_value;                 // sum over holdings
    Money cost;                         // sum of known cost bases
    Money realized_pnl;                 // over holdings and closed lines
    Money unrealized_pnl;               // over holdings with a known cost
    Money fees_paid;
    std::optional<Money> cash; // from the latest snapshot <= as_of
    std::optional<Date> snapshot_date;
    PeriodReturn return_1m;
    PeriodReturn return_3m;
    PeriodReturn return_12m;
    PortfolioRisk risk;
    std::vector<SuitabilityMismatch> suitability_mismatches;
    std::vector<ReviewNote> notes; // data quality remarks (oversold, unknown side...)
    int trade_count = 0;           // trades <= as_of used
};

/// Computes the report for one client. Never fails on odd data: it is noted instead.
PortfolioReport computePortfolio(const PortfolioInput& input, const PortfolioOptions& options = {});

// Building blocks (public for tests and for other engines).

/// Running position of one security under a cost method.
class CostLedger {
  public:
    explicit CostLedger(CostMethod method = CostMethod::Average) : m_method(method) {}
    /// Adds a buy: its cost is amount + commission + fees.
    void buy(std::int64_t quantity, Money amount, Money commission, Money fees);
    /// Applies a sell; returns the realised P&L of the matched part (see docs for oversells).
    Money sell(std::int64_t quantity, Money amount, Money commission, Money fees);
    std::int64_t quantity() const { return m_quantity; }
    /// Remaining cost basis (exact units).
    Money cost() const { return m_cost; }
    /// cost / quantity, rounded half away from zero to 0.0001; nullopt when flat.
    std::optional<Money> averageCost() const;
    Money realized() const { return m_realized; }
    std::int64_t unmatchedQuantity() const { return m_unmatched_quantity; }
    Money unmatchedProceeds() const { return m_unmatched_proceeds; }

  private:
    struct Lot {
        std::int64_t quantity;
        Money cost;
    };
    CostMethod m_method;
    std::int64_t m_quantity = 0;
    Money m_cost;
    Money m_realized;
    std::int64_t m_unmatched_quantity = 0;
    Money m_unmatched_proceeds;
    std::vector<Lot> m_lots; // FIFO only; m_lot_head is the oldest open lot
    std::size_t m_lot_head = 0;
};

/// Modified Dietz return of the window of `months` calendar months ending at `as_of`.
PeriodReturn modifiedDietz(const std::vector<AssetSnapshot>& snapshots, Date as_of, int months,
                           int max_staleness_days = 31);

/// Herfindahl index, largest and top-3 share of non-negative weights (normalised here).
struct HoldingConcentration {
    double top1 = 0.0;
    double top3 = 0.0;
    double hhi = 0.0;
};
/// `total` > 0: the shares are of `total` (an account that holds more than `values`) instead.
HoldingConcentration concentration(const std::vector<double>& values, double total = 0.0);

/// Cash-like: a fund or a bond rated R1, the lowest risk level (money-market funds and ETFs such
/// as 511880.SH 银华日利 or 511990.SH 华宝添益, treasury reverse repos). An unrated security is
/// never cash-like: what is not known to be safe counts as risk.
bool isCashLike(Board board, int risk_level);

/// Largest peak-to-trough fall of a value series (fraction); indexes of peak and trough.
struct Drawdown {
    double max_drawdown = 0.0;
    std::size_t peak = 0;
    std::size_t trough = 0;
};
Drawdown maxDrawdown(const std::vector<double>& series);

/// Board implied by an A-share code (688/689 STAR, 300/301 ChiNext, .BJ BSE, 60x/00x main,
/// 5x.SH/15x-16x.SZ fund); Unknown when the code says nothing.
Board inferBoard(std::string_view security_code);

/// Checks one holding against the client's C level; appends each failed rule. An expired risk
/// assessment (`assessmentExpiredOn` set) fails every holding: the level no longer holds.
void checkSuitability(const HoldingLine& line, int client_risk_level, const SuitabilityRules& rules,
                      std::vector<SuitabilityMismatch>& out,
                      std::optional<Date> assessmentExpiredOn = std::nullopt);

/// `d` moved back by whole calendar months, the day clamped to the month's length.
Date minusMonths(Date d, int months);

} // namespace bd::analytics
