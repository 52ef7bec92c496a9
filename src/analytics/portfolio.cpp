#include "analytics/portfolio.h"

#include "core/enumkeys.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <unordered_map>

namespace bd::analytics {
namespace {

__extension__ typedef __int128 Int128; // GCC/Clang builtin; exact products of money × quantity

/// num / den rounded half away from zero (den > 0). 128-bit so cost × quantity cannot overflow.
std::int64_t divRound(Int128 num, Int128 den) {
    const Int128 half = den / 2;
    const Int128 q = num >= 0 ? (num + half) / den : -((-num + half) / den);
    return static_cast<std::int64_t>(q);
}

/// units × numerator / denominator, rounded half away from zero.
Money scale(Money m, std::int64_t numerator, std::int64_t denominator) {
    return Money::fromUnits(divRound(static_cast<Int128>(m.units) * numerator, denominator));
}

Money times(Money price, std::int64_t quantity) {
    return Money::fromUnits(static_cast<std::int64_t>(static_cast<Int128>(price.units) * quantity));
}

double value(const AssetSnapshot& s) {
    return (s.cash + s.market_value).toDouble();
}

std::vector<const AssetSnapshot*> sortedUpTo(const std::vector<AssetSnapshot>& snapshots,
                                             Date as_of) {
    std::vector<const AssetSnapshot*> v;
    v.reserve(snapshots.size());
    for (const auto& s : snapshots)
        if (s.date <= as_of) v.push_back(&s);
    std::stable_sort(v.begin(), v.end(), [](const AssetSnapshot* a, const AssetSnapshot* b) {
        return a->date < b->date;
    });
    return v;
}

/// Index of the latest snapshot with date <= d, or -1.
std::ptrdiff_t latestAtOrBefore(const std::vector<const AssetSnapshot*>& v, Date d) {
    auto it = std::upper_bound(v.begin(), v.end(), d,
                               [](Date x, const AssetSnapshot* s) { return x < s->date; });
    return (it - v.begin()) - 1;
}

} // namespace

std::string_view toString(CostMethod m) {
    return m == CostMethod::Fifo ? "fifo" : "average";
}

std::optional<CostMethod> parseCostMethod(std::string_view s) {
    if (s == "average" || s == "avg" || s == "weighted") return CostMethod::Average;
    if (s == "fifo") return CostMethod::Fifo;
    return std::nullopt;
}

std::string_view toString(HoldingSource s) {
    return s == HoldingSource::Reconstructed ? "reconstructed" : "positions";
}

constexpr auto kPriceSourceKeys = enumKeys<PriceSource>("none", "positions", "last_trade");

std::string_view toString(PriceSource s) {
    return kPriceSourceKeys(s);
}

constexpr auto kCostSourceKeys = enumKeys<CostSource>("unknown", "trades", "position_cost_price");

std::string_view toString(CostSource s) {
    return kCostSourceKeys(s);
}

// ---- cost ledger ---------------------------------------------------------------------------

void CostLedger::buy(std::int64_t quantity, Money amount, Money commission, Money fees) {
    if (quantity <= 0) return;
    const Money cost = amount + commission + fees;
    m_quantity += quantity;
    m_cost += cost;
    if (m_method == CostMethod::Fifo) m_lots.push_back({quantity, cost});
}

Money CostLedger::sell(std::int64_t quantity, Money amount, Money commission, Money fees) {
    if (quantity <= 0) return Money{};
    const Money net = amount - commission - fees;
    const std::int64_t matched = std::min(quantity, m_quantity);
    Money proceeds = net;
    if (matched < quantity) {
        // Sold more than the book shows as held (the position predates the book): only the
        // matched share of the proceeds is realised; the rest is set aside, cost unknown.
        proceeds = scale(net, matched, quantity);
        m_unmatched_quantity += quantity - matched;
        m_unmatched_proceeds += net - proceeds;
    }
    if (matched == 0) return Money{};

    Money costOut;
    if (m_method == CostMethod::Average) {
        costOut = matched == m_quantity ? m_cost : scale(m_cost, matched, m_quantity);
    } else {
        std::int64_t left = matched;
        while (left > 0 && m_lot_head < m_lots.size()) {
            Lot& lot = m_lots[m_lot_head];
            const std::int64_t take = std::min(left, lot.quantity);
            const Money part =
                take == lot.quantity ? lot.cost : scale(lot.cost, take, lot.quantity);
            lot.quantity -= take;
            lot.cost -= part;
            costOut += part;
            left -= take;
            if (lot.quantity == 0) ++m_lot_head;
        }
    }
    m_quantity -= matched;
    m_cost -= costOut;
    if (m_quantity == 0) {
        m_cost = Money{}; // a flat position starts again from zero cost
        m_lots.clear();
        m_lot_head = 0;
    }
    const Money pnl = proceeds - costOut;
    m_realized += pnl;
    return pnl;
}

std::optional<Money> CostLedger::averageCost() const {
    if (m_quantity <= 0) return std::nullopt;
    return Money::fromUnits(divRound(m_cost.units, m_quantity));
}

// ---- building blocks -----------------------------------------------------------------------

Date minusMonths(Date d, int months) {
    int y = 0, m = 0, day = 0;
    d.toYmd(y, m, day);
    int total = y * 12 + (m - 1) - months;
    y = total / 12;
    m = total % 12 + 1;
    return Date::fromYmd(y, m, std::min(day, daysInMonth(y, m)));
}

PeriodReturn modifiedDietz(const std::vector<AssetSnapshot>& snapshots, Date as_of, int months,
                           int max_staleness_days) {
    PeriodReturn r;
    r.months = months;
    const auto v = sortedUpTo(snapshots, as_of);
    const std::ptrdiff_t e = latestAtOrBefore(v, as_of);
    if (e < 0) {
        r.note = ReviewNote(ReviewNoteKind::NoSnapshot);
        return r;
    }
    const AssetSnapshot& s1 = *v[static_cast<std::size_t>(e)];
    if (as_of - s1.date > max_staleness_days) {
        r.note = ReviewNote(ReviewNoteKind::SnapshotTooOld).date(Arg::On, s1.date);
        return r;
    }
    const Date start = minusMonths(as_of, months);
    const std::ptrdiff_t b = latestAtOrBefore(v, start);
    if (b < 0) {
        r.note = ReviewNote(ReviewNoteKind::NoStartSnapshot).date(Arg::On, start);
        return r;
    }
    const AssetSnapshot& s0 = *v[static_cast<std::size_t>(b)];
    if (start - s0.date > max_staleness_days || !(s0.date < s1.date)) {
        r.note = ReviewNote(ReviewNoteKind::StartSnapshotTooFar).date(Arg::On, start);
        return r;
    }
    const double T = static_cast<double>(s1.date - s0.date);
    double weighted = 0.0;
    Money flow;
    for (std::ptrdiff_t i = b + 1; i <= e; ++i) {
        const AssetSnapshot& s = *v[static_cast<std::size_t>(i)];
        if (!s.net_inflow) continue; // unknown flow counts as none
        flow += *s.net_inflow;
        // The flow is placed at its snapshot date: w = (T − t_i) / T with t_i from the start.
        weighted += static_cast<double>(s1.date - s.date) / T * s.net_inflow->toDouble();
    }
    r.start = s0.date;
    r.end = s1.date;
    r.start_value = s0.cash + s0.market_value;
    r.end_value = s1.cash + s1.market_value;
    r.net_flow = flow;
    const double denom = value(s0) + weighted;
    if (!(denom > 0.0)) {
        r.note = ReviewNote(ReviewNoteKind::CapitalNotPositive);
        return r;
    }
    // The gain is exact in Money; only the division is floating point.
    r.value = (r.end_value - r.start_value - flow).toDouble() / denom;
    return r;
}

bool isCashLike(Board board, int risk_level) {
    return (board == Board::Fund || board == Board::Bond) && risk_level == 1;
}

HoldingConcentration concentration(const std::vector<double>& values, double account) {
    HoldingConcentration c;
    double total = 0.0;
    for (double x : values)
        if (x > 0.0) total += x;
    if (!(total > 0.0)) return c;
    if (account > total) total = account;
    std::vector<double> w;
    w.reserve(values.size());
    for (double x : values)
        if (x > 0.0) w.push_back(x / total);
    std::sort(w.begin(), w.end(), std::greater<>());
    c.top1 = w[0];
    for (std::size_t i = 0; i < w.size() && i < 3; ++i) c.top3 += w[i];
    for (double x : w) c.hhi += x * x;
    return c;
}

Drawdown maxDrawdown(const std::vector<double>& series) {
    Drawdown d;
    std::size_t peak = 0;
    for (std::size_t i = 0; i < series.size(); ++i) {
        if (series[i] > series[peak]) peak = i;
        if (series[peak] > 0.0) {
            const double dd = (series[peak] - series[i]) / series[peak];
            if (dd > d.max_drawdown) {
                d.max_drawdown = dd;
                d.peak = peak;
                d.trough = i;
            }
        }
    }
    return d;
}

Board inferBoard(std::string_view code) {
    if (code.size() < 9 || code[6] != '.') return Board::Unknown;
    const std::string_view market = code.substr(7);
    const std::string_view p3 = code.substr(0, 3);
    const std::string_view p2 = code.substr(0, 2);
    if (market == "BJ") return Board::Bse;
    if (market == "SH") {
        if (p3 == "688" || p3 == "689") return Board::Star;
        if (p2 == "60") return Board::Main;
        if (p2 == "50" || p2 == "51" || p2 == "52" || p2 == "56" || p2 == "58") return Board::Fund;
        return Board::Unknown;
    }
    if (market == "SZ") {
        if (p3 == "300" || p3 == "301") return Board::ChiNext;
        if (p3 == "000" || p3 == "001" || p3 == "002" || p3 == "003") return Board::Main;
        if (p2 == "15" || p2 == "16" || p2 == "18") return Board::Fund;
        return Board::Unknown;
    }
    return Board::Unknown;
}

void checkSuitability(const HoldingLine& line, int client_risk_level, const SuitabilityRules& rules,
                      std::vector<SuitabilityMismatch>& out,
                      std::optional<Date> assessmentExpiredOn) {
    auto add = [&](ReviewNote rule) {
        out.push_back(
            {line.security_code, line.name, line.risk_level, client_risk_level, std::move(rule)});
    };
    const bool clientKnown = client_risk_level >= 1 && client_risk_level <= 5;
    const bool securityRated = line.risk_level >= 1 && line.risk_level <= 5;
    if (!clientKnown) add(ReviewNote(ReviewNoteKind::UnknownClientLevel));
    if (assessmentExpiredOn)
        add(ReviewNote(ReviewNoteKind::AssessmentExpired).date(Arg::On, *assessmentExpiredOn));
    if (!securityRated) add(ReviewNote(ReviewNoteKind::UnratedSecurity));
    if (clientKnown && securityRated && line.risk_level > client_risk_level)
        add(ReviewNote(ReviewNoteKind::RiskAboveTolerance)
                .count(Arg::Level, line.risk_level)
                .count(Arg::ClientLevel, client_risk_level));
    const bool growth =
        line.board == Board::ChiNext || line.board == Board::Star || line.board == Board::Bse;
    if (growth && rules.growth_board_min_level > 0 && clientKnown &&
        client_risk_level < rules.growth_board_min_level) {
        add(ReviewNote(ReviewNoteKind::GrowthBoardLevel)
                .count(Arg::Board, static_cast<int>(line.board))
                .count(Arg::ClientLevel, rules.growth_board_min_level));
    }
}

// ---- the report ----------------------------------------------------------------------------

namespace {

struct Work {
    HoldingLine line;
    CostLedger ledger;
    bool inPositions = false;
    std::int64_t positionQuantity = 0;
    std::optional<Money> positionCostPrice;
    Money positionClose;
    Money lastTradePrice;
    std::optional<Date> lastTradeDate;
    std::int64_t afterSnapshotDelta = 0; // signed quantity traded after the positions date
};

void fillRisk(PortfolioReport& rep, const std::vector<const AssetSnapshot*>& snaps,
              const PortfolioOptions& opt, Date as_of) {
    PortfolioRisk& risk = rep.risk;
    // Concentration over the risk-bearing holdings, as shares of the account (PortfolioRisk).
    const double account = rep.market_value.toDouble() +
                           (rep.cash && rep.cash->units > 0 ? rep.cash->toDouble() : 0.0);
    std::vector<double> mv;
    double cashLike = rep.cash && rep.cash->units > 0 ? rep.cash->toDouble() : 0.0;
    for (const auto& h : rep.holdings) {
        if (h.cash_like)
            cashLike += h.market_value.toDouble();
        else if (h.market_value.units > 0)
            mv.push_back(h.market_value.toDouble());
    }
    risk.risk_bearing_count = static_cast<int>(mv.size());
    if (account > 0.0) risk.cash_like_share = cashLike / account;
    const HoldingConcentration c = concentration(mv, account);
    risk.top1_share = c.top1;
    risk.top3_share = c.top3;
    risk.hhi = c.hhi;

    Money byBoard[7];
    for (const auto& h : rep.holdings) byBoard[static_cast<int>(h.board)] += h.market_value;
    for (int b = 0; b < 7; ++b) {
        if (byBoard[b].units <= 0 || rep.market_value.units <= 0) continue;
        risk.boards.push_back(
            {static_cast<Board>(b), byBoard[b],
             static_cast<double>(byBoard[b].units) / static_cast<double>(rep.market_value.units)});
    }
    std::stable_sort(
        risk.boards.begin(), risk.boards.end(),
        [](const BoardExposure& a, const BoardExposure& b) { return a.share > b.share; });

    // Snapshot-to-snapshot returns over the risk window, flows placed at the later snapshot.
    const Date windowStart = minusMonths(as_of, opt.risk_window_months);
    std::ptrdiff_t first = latestAtOrBefore(snaps, windowStart);
    if (first < 0) first = 0;
    std::vector<double> returns, index, intervals;
    std::vector<Date> indexDates;
    if (static_cast<std::size_t>(first) < snaps.size()) {
        index.push_back(1.0);
        indexDates.push_back(snaps[static_cast<std::size_t>(first)]->date);
    }
    for (std::size_t i = static_cast<std::size_t>(first) + 1; i < snaps.size(); ++i) {
        const double v0 = value(*snaps[i - 1]);
        const Money flow = snaps[i]->net_inflow.value_or(Money{});
        if (!(v0 > 0.0)) continue; // an empty account has no return; the chain carries on
        const Money gain = snaps[i]->cash + snaps[i]->market_value - snaps[i - 1]->cash -
                           snaps[i - 1]->market_value - flow;
        const double r = gain.toDouble() / v0;
        returns.push_back(r);
        intervals.push_back(static_cast<double>(snaps[i]->date - snaps[i - 1]->date));
        index.push_back(index.back() * (1.0 + r));
        indexDates.push_back(snaps[i]->date);
    }
    risk.return_count = static_cast<int>(returns.size());
    if (returns.size() >= 3) {
        const double n = static_cast<double>(returns.size());
        const double mean = std::accumulate(returns.begin(), returns.end(), 0.0) / n;
        double ss = 0.0;
        for (double r : returns) ss += (r - mean) * (r - mean);
        const double meanDays = std::accumulate(intervals.begin(), intervals.end(), 0.0) / n;
        if (meanDays > 0.0)
            risk.volatility = std::sqrt(ss / (n - 1.0)) * std::sqrt(365.25 / meanDays);
    }
    if (index.size() >= 2) {
        const Drawdown d = maxDrawdown(index);
        risk.max_drawdown = d.max_drawdown;
        if (d.max_drawdown > 0.0) {
            risk.drawdown_peak = indexDates[d.peak];
            risk.drawdown_trough = indexDates[d.trough];
        }
    }

    const RiskThresholds& t = opt.thresholds;
    auto badge = [&](const char* code, double v, double th) {
        if (v > th) risk.badges.push_back({code, v, th});
    };
    if (risk.risk_bearing_count > 0) {
        badge("concentrated", c.top1, t.top1_share);
        badge("top3_concentrated", c.top3, t.top3_share);
        badge("high_hhi", c.hhi, t.hhi);
    }
    if (risk.max_drawdown) badge("deep_drawdown", *risk.max_drawdown, t.max_drawdown);
    if (risk.volatility) badge("high_volatility", *risk.volatility, t.volatility);
    if (rep.client_risk_level >= 1 && rep.client_risk_level <= t.low_tolerance_max_level) {
        double growth = 0.0;
        for (const auto& b : risk.boards)
            if (b.board == Board::ChiNext || b.board == Board::Star || b.board == Board::Bse)
                growth += b.share;
        badge("growth_boards_low_tolerance", growth, t.growth_board_share);
    }
}

} // namespace

PortfolioReport computePortfolio(const PortfolioInput& in, const PortfolioOptions& opt) {
    PortfolioReport rep;
    rep.client_id = in.client_id;
    rep.client_name = in.client_name;
    rep.client_risk_level = in.client_risk_level;
    rep.as_of = in.as_of;
    rep.cost_method = opt.cost_method;
    const Date asOf = in.as_of;

    std::vector<Work> work;
    std::unordered_map<std::string, std::size_t> byCode;
    byCode.reserve(64);
    auto slot = [&](const std::string& code) -> Work& {
        auto [it, added] = byCode.try_emplace(code, work.size());
        if (added) {
            work.push_back(Work{
                HoldingLine{}, CostLedger(opt.cost_method), false, 0, {}, Money{}, Money{}, {}, 0});
            work.back().line.security_code = code;
        }
        return work[it->second];
    };

    // The latest positions snapshot on or before as-of.
    std::optional<Date> posDate;
    for (const auto& p : in.positions)
        if (p.date <= asOf && (!posDate || *posDate < p.date)) posDate = p.date;
    rep.positions_date = posDate;
    rep.reconstructed = !posDate;
    if (posDate) {
        for (const auto& p : in.positions) {
            if (p.date != *posDate) continue;
            Work& w = slot(p.security_code);
            w.inPositions = true;
            w.positionQuantity += p.quantity;
            w.positionClose = p.close_price;
            if (p.cost_price) w.positionCostPrice = p.cost_price;
        }
    }

    // Trades in time order (stable: same-second trades keep their given order).
    std::vector<const Trade*> trades;
    trades.reserve(in.trades.size());
    for (const auto& t : in.trades)
        if (t.trade_time.date() <= asOf) trades.push_back(&t);
    if (!std::is_sorted(trades.begin(), trades.end(), [](const Trade* a, const Trade* b) {
            return a->trade_time < b->trade_time;
        }))
        std::stable_sort(trades.begin(), trades.end(), [](const Trade* a, const Trade* b) {
            return a->trade_time < b->trade_time;
        });
    int oversells = 0, ignored = 0;
    for (const Trade* t : trades) {
        if (t->quantity <= 0 || (t->side != Side::Buy && t->side != Side::Sell)) {
            ++ignored;
            continue;
        }
        Work& w = slot(t->security_code);
        const Money fees = t->fees.value_or(Money{});
        if (t->side == Side::Buy) {
            w.ledger.buy(t->quantity, t->amount, t->commission, fees);
        } else {
            const std::int64_t before = w.ledger.unmatchedQuantity();
            w.ledger.sell(t->quantity, t->amount, t->commission, fees);
            if (w.ledger.unmatchedQuantity() != before) ++oversells;
        }
        w.line.fees_paid += t->commission + fees;
        ++w.line.trade_count;
        w.lastTradePrice = t->price;
        w.lastTradeDate = t->trade_time.date();
        if (posDate && t->trade_time.date() > *posDate)
            w.afterSnapshotDelta += t->side == Side::Buy ? t->quantity : -t->quantity;
        ++rep.trade_count;
    }
    if (ignored > 0)
        rep.notes.push_back(ReviewNote(ReviewNoteKind::IgnoredTrades).count(Arg::Count, ignored));
    if (oversells > 0)
        rep.notes.push_back(ReviewNote(ReviewNoteKind::Oversold).count(Arg::Count, oversells));

    std::unordered_map<std::string_view, const Security*> meta;
    meta.reserve(in.securities.size());
    for (const auto& s : in.securities) meta.emplace(s.security_code, &s);

    int mismatches = 0;
    for (Work& w : work) {
        HoldingLine& h = w.line;
        if (auto it = meta.find(h.security_code); it != meta.end()) {
            h.name = it->second->name;
            h.board = it->second->board;
            h.risk_level = it->second->risk_level;
        }
        if (h.board == Board::Unknown) {
            h.board = inferBoard(h.security_code);
            h.board_inferred = h.board != Board::Unknown;
        }
        h.cash_like = isCashLike(h.board, h.risk_level);
        h.ledger_quantity = w.ledger.quantity();
        h.realized_pnl = w.ledger.realized();
        h.unmatched_sell_quantity = w.ledger.unmatchedQuantity();
        h.unmatched_proceeds = w.ledger.unmatchedProceeds();

        if (posDate) {
            h.source = HoldingSource::Positions;
            // Trades after the snapshot date roll the snapshot forward to as-of.
            h.quantity = std::max<std::int64_t>(0, w.positionQuantity + w.afterSnapshotDelta);
            h.quantity_mismatch = h.quantity != h.ledger_quantity;
        } else {
            h.source = HoldingSource::Reconstructed;
            h.quantity = h.ledger_quantity;
        }
        if (h.quantity_mismatch && h.quantity > 0) ++mismatches;

        if (w.inPositions) {
            h.close_price = w.positionClose;
            h.price_source = PriceSource::Positions;
            h.price_date = posDate;
        } else if (w.lastTradeDate) {
            h.close_price = w.lastTradePrice;
            h.price_source = PriceSource::LastTrade;
            h.price_date = w.lastTradeDate;
        }
        h.market_value = times(h.close_price, h.quantity);

        if (h.quantity > 0) {
            if (h.ledger_quantity == h.quantity) {
                h.cost = w.ledger.cost();
                h.cost_source = CostSource::Trades;
            } else if (w.positionCostPrice) {
                h.cost = times(*w.positionCostPrice, h.quantity);
                h.cost_source = CostSource::PositionCostPrice;
            } else if (h.ledger_quantity > 0) {
                h.cost = scale(w.ledger.cost(), h.quantity, h.ledger_quantity);
                h.cost_source = CostSource::Trades;
            }
            if (h.cost_source != CostSource::Unknown) {
                h.avg_cost = Money::fromUnits(divRound(h.cost.units, h.quantity));
                h.unrealized_pnl = h.market_value - h.cost;
            }
        }

        rep.realized_pnl += h.realized_pnl;
        rep.fees_paid += h.fees_paid;
        if (h.quantity > 0) {
            rep.market_value += h.market_value;
            if (h.unrealized_pnl) {
                rep.cost += h.cost;
                rep.unrealized_pnl += *h.unrealized_pnl;
            }
            rep.holdings.push_back(std::move(h));
        } else if (h.trade_count > 0) {
            rep.closed.push_back(std::move(h));
        }
    }
    if (mismatches > 0)
        rep.notes.push_back(
            ReviewNote(ReviewNoteKind::QuantityMismatch).count(Arg::Count, mismatches));

    std::sort(rep.holdings.begin(), rep.holdings.end(),
              [](const HoldingLine& a, const HoldingLine& b) {
                  if (a.market_value != b.market_value) return a.market_value > b.market_value;
                  return a.security_code < b.security_code;
              });
    std::sort(rep.closed.begin(), rep.closed.end(), [](const HoldingLine& a, const HoldingLine& b) {
        return a.security_code < b.security_code;
    });
    if (rep.market_value.units > 0)
        for (auto& h : rep.holdings)
            h.weight = static_cast<double>(h.market_value.units) /
                       static_cast<double>(rep.market_value.units);

    const auto snaps = sortedUpTo(in.snapshots, asOf);
    if (!snaps.empty()) {
        rep.cash = snaps.back()->cash;
        rep.snapshot_date = snaps.back()->date;
    }
    rep.return_1m = modifiedDietz(in.snapshots, asOf, 1, opt.max_snapshot_staleness_days);
    rep.return_3m = modifiedDietz(in.snapshots, asOf, 3, opt.max_snapshot_staleness_days);
    rep.return_12m = modifiedDietz(in.snapshots, asOf, 12, opt.max_snapshot_staleness_days);

    fillRisk(rep, snaps, opt, asOf);

    for (const auto& h : rep.holdings)
        checkSuitability(h, rep.client_risk_level, opt.suitability, rep.suitability_mismatches,
                         in.assessment_expired_on);
    return rep;
}

} // namespace bd::analytics
