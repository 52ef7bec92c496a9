// `portfolio`: one client's holdings, P&L, returns, risk and suitability (table or JSON).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "analytics/portfolio.h"
#include "cli/commands.h"
#include "core/json.h"
#include "phrasebook/phrasebook.h"
#include "services/clientlookup.h"
#include "services/portfolioservice.h"
#include "services/recordbook.h"
#include "services/serverreading.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

using analytics::HoldingLine;
using analytics::PeriodReturn;
using analytics::PortfolioReport;

// ---- JSON ----------------------------------------------------------------------------------

std::string jsonMoney(Money m) {
    return formatMoney(m);
}
std::string jsonMoney(const std::optional<Money>& m) {
    return m ? formatMoney(*m) : "null";
}
/// Shares and returns to 6 decimals (enough for basis points of basis points).
std::string jsonShare(double x) {
    return jsonNumber(x, 6);
}
std::string jsonShare(const std::optional<double>& x) {
    return x ? jsonShare(*x) : "null";
}
std::string jsonDate(const std::optional<Date>& d) {
    return d ? jsonString(d->toString()) : "null";
}
std::string jsonLevel(char prefix, int level) {
    return level >= 1 && level <= 5 ? fmt::format("\"{}{}\"", prefix, level) : "null";
}

std::string jsonLine(const HoldingLine& h) {
    return fmt::format(
        "{{\"security_code\": {}, \"name\": {}, \"board\": {}, \"quantity\": {}, "
        "\"avg_cost\": {}, \"close_price\": {}, \"price_source\": \"{}\", \"price_date\": {}, "
        "\"market_value\": {}, \"cost\": {}, \"cost_source\": \"{}\", \"unrealized_pnl\": {}, "
        "\"realized_pnl\": {}, \"fees_paid\": {}, \"weight\": {}, \"risk_level\": {}, "
        "\"source\": \"{}\", \"ledger_quantity\": {}, \"quantity_mismatch\": {}, "
        "\"unmatched_sell_quantity\": {}, \"unmatched_proceeds\": {}, \"trade_count\": {}}}",
        jsonString(h.security_code), jsonString(h.name),
        h.board == Board::Unknown ? "null" : jsonString(toString(h.board)), h.quantity,
        jsonMoney(h.avg_cost), jsonMoney(h.close_price), analytics::toString(h.price_source),
        jsonDate(h.price_date), jsonMoney(h.market_value),
        h.cost_source == analytics::CostSource::Unknown ? "null" : jsonMoney(h.cost),
        analytics::toString(h.cost_source), jsonMoney(h.unrealized_pnl), jsonMoney(h.realized_pnl),
        jsonMoney(h.fees_paid), jsonShare(h.weight), jsonLevel('R', h.risk_level),
        analytics::toString(h.source), h.ledger_quantity, h.quantity_mismatch ? "true" : "false",
        h.unmatched_sell_quantity, jsonMoney(h.unmatched_proceeds), h.trade_count);
}

std::string jsonReturn(const PeriodReturn& r) {
    return fmt::format("{{\"months\": {}, \"value\": {}, \"start\": {}, \"end\": {}, "
                       "\"start_value\": {}, \"end_value\": {}, \"net_flow\": {}, \"note\": {}}}",
                       r.months, jsonShare(r.value), jsonDate(r.start), jsonDate(r.end),
                       r.value ? jsonMoney(r.start_value) : "null",
                       r.value ? jsonMoney(r.end_value) : "null",
                       r.value ? jsonMoney(r.net_flow) : "null",
                       r.note.kind == ReviewNoteKind::Unknown
                           ? "null"
                           : jsonString(phrase::note(r.note, phrase::Lang::En)));
}

std::string toJson(const PortfolioReport& r) {
    const bool any = !r.holdings.empty();
    std::string out = "{";
    out += fmt::format("\"client_id\": {}, \"client_name\": {}, \"client_risk_level\": {}, "
                       "\"as_of\": {}, \"cost_method\": \"{}\", \"reconstructed\": {}, "
                       "\"positions_date\": {}, \"snapshot_date\": {}, \"trade_count\": {}, ",
                       jsonString(r.client_id), jsonString(r.client_name),
                       jsonLevel('C', r.client_risk_level), jsonDate(r.as_of),
                       analytics::toString(r.cost_method), r.reconstructed ? "true" : "false",
                       jsonDate(r.positions_date), jsonDate(r.snapshot_date), r.trade_count);
    out +=
        fmt::format("\"market_value\": {}, \"cost\": {}, \"cash\": {}, \"realized_pnl\": {}, "
                    "\"unrealized_pnl\": {}, \"fees_paid\": {}, ",
                    jsonMoney(r.market_value), jsonMoney(r.cost), jsonMoney(r.cash),
                    jsonMoney(r.realized_pnl), jsonMoney(r.unrealized_pnl), jsonMoney(r.fees_paid));
    out += fmt::format(
        "\"return_1m\": {}, \"return_3m\": {}, \"return_12m\": {}, \"returns\": {}, ",
        jsonShare(r.return_1m.value), jsonShare(r.return_3m.value), jsonShare(r.return_12m.value),
        jsonArray(std::vector<PeriodReturn>{r.return_1m, r.return_3m, r.return_12m}, jsonReturn));
    const auto& k = r.risk;
    out += fmt::format("\"top1_share\": {}, \"top3_share\": {}, \"hhi\": {}, \"max_drawdown\": {}, "
                       "\"drawdown_peak\": {}, \"drawdown_trough\": {}, \"volatility\": {}, ",
                       any ? jsonShare(k.top1_share) : "null",
                       any ? jsonShare(k.top3_share) : "null", any ? jsonShare(k.hhi) : "null",
                       jsonShare(k.max_drawdown), jsonDate(k.drawdown_peak),
                       jsonDate(k.drawdown_trough), jsonShare(k.volatility));
    out +=
        "\"boards\": " + jsonArray(k.boards, [](const analytics::BoardExposure& b) {
            return fmt::format("{{\"board\": {}, \"market_value\": {}, \"share\": {}}}",
                               b.board == Board::Unknown ? "null" : jsonString(toString(b.board)),
                               jsonMoney(b.market_value), jsonShare(b.share));
        });
    out += ", \"badges\": " + jsonArray(k.badges, [](const analytics::RiskBadge& b) {
               return fmt::format(
                   "{{\"code\": {}, \"label\": {}, \"value\": {}, \"threshold\": {}}}",
                   jsonString(b.code),
                   jsonString(phrase::riskBadge(b.code, b.value, b.threshold, phrase::Lang::En)),
                   jsonShare(b.value), jsonShare(b.threshold));
           });
    out += ", \"holdings\": " + jsonArray(r.holdings, jsonLine);
    out += ", \"closed\": " + jsonArray(r.closed, jsonLine);
    out += ", \"suitability_mismatches\": " +
           jsonArray(r.suitability_mismatches, [](const analytics::SuitabilityMismatch& m) {
               return fmt::format("{{\"security_code\": {}, \"name\": {}, \"risk_level\": {}, "
                                  "\"client_risk_level\": {}, \"rule\": {}}}",
                                  jsonString(m.security_code), jsonString(m.name),
                                  jsonLevel('R', m.risk_level), jsonLevel('C', m.client_risk_level),
                                  jsonString(phrase::note(m.rule, phrase::Lang::En)));
           });
    out += ", \"notes\": " + jsonArray(r.notes, [](const ReviewNote& n) {
               return jsonString(phrase::note(n, phrase::Lang::En));
           });
    return out + "}";
}

// ---- table ---------------------------------------------------------------------------------

/// Terminal columns of a UTF-8 string: CJK and full-width characters take two.
std::size_t displayWidth(std::string_view s) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::uint32_t cp = c;
        std::size_t len = 1;
        if (c >= 0xF0 && i + 3 < s.size()) {
            len = 4;
            cp = ((c & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
                 ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) |
                 (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
        } else if (c >= 0xE0 && i + 2 < s.size()) {
            len = 3;
            cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                 (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
        } else if (c >= 0xC0 && i + 1 < s.size()) {
            len = 2;
            cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
        }
        const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                          (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                          (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                          (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        w += wide ? 2 : 1;
        i += len;
    }
    return w;
}

std::string padRight(const std::string& s, std::size_t width) {
    const std::size_t w = displayWidth(s);
    return w >= width ? s : s + std::string(width - w, ' ');
}
std::string padLeft(const std::string& s, std::size_t width) {
    const std::size_t w = displayWidth(s);
    return w >= width ? s : std::string(width - w, ' ') + s;
}

std::string money(Money m) {
    return formatMoneyGrouped(m);
}
std::string money(const std::optional<Money>& m) {
    return m ? formatMoneyGrouped(*m) : "-";
}
std::string price(const std::optional<Money>& m) {
    return m ? formatMoney(*m) : "-";
}
std::string pct(double x) {
    return fmt::format("{:.2f}%", x * 100.0);
}
std::string pct(const std::optional<double>& x) {
    return x ? pct(*x) : "n/a";
}
std::string level(char p, int l) {
    return l >= 1 && l <= 5 ? fmt::format("{}{}", p, l) : "?";
}

/// Prints rows with columns aligned; `right[i]` right-aligns column i.
void printTable(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                const std::vector<bool>& right) {
    std::vector<std::size_t> width(right.size(), 0);
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.size() && i < width.size(); ++i)
            width[i] = std::max(width[i], displayWidth(r[i]));
    for (const auto& r : rows) {
        std::string line = " ";
        for (std::size_t i = 0; i < r.size() && i < width.size(); ++i)
            line += " " + (right[i] ? padLeft(r[i], width[i]) : padRight(r[i], width[i]));
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << "\n";
    }
}

void printReport(std::ostream& out, const PortfolioReport& r) {
    out << "Client " << r.client_id;
    if (!r.client_name.empty()) out << " " << r.client_name;
    out << " (" << level('C', r.client_risk_level) << ")";
    out << "  as of " << (r.as_of ? r.as_of->toString() : "-") << "  cost method "
        << analytics::toString(r.cost_method) << "\n";
    if (!r.as_of) {
        out << "No trades, positions or asset snapshots for this client.\n";
        return;
    }
    out << (r.reconstructed ? "Holdings reconstructed from trades (no positions snapshot)"
                            : "Holdings from positions of " + r.positions_date->toString())
        << "; " << r.trade_count << " trades\n\n";

    out << "Holdings\n";
    if (r.holdings.empty()) {
        out << "  (none)\n";
    } else {
        std::vector<std::vector<std::string>> rows{{"code", "name", "qty", "avg cost", "close",
                                                    "market value", "weight", "unrealised",
                                                    "realised", "risk"}};
        for (const auto& h : r.holdings) {
            std::string close = formatMoney(h.close_price);
            if (h.price_source == analytics::PriceSource::LastTrade) close += "*";
            std::string qty = std::to_string(h.quantity);
            if (h.quantity_mismatch) qty += "!";
            rows.push_back({h.security_code, h.name, qty, price(h.avg_cost), close,
                            money(h.market_value), pct(h.weight), money(h.unrealized_pnl),
                            money(h.realized_pnl), level('R', h.risk_level)});
        }
        printTable(out, rows, {false, false, true, true, true, true, true, true, true, false});
        out << "  * close = last trade price   ! quantity differs from the trades in the book\n";
    }
    if (!r.closed.empty()) {
        // The largest realised gains and losses; --json lists every closed position.
        constexpr std::size_t kShown = 10;
        std::vector<const HoldingLine*> closed;
        for (const auto& h : r.closed) closed.push_back(&h);
        std::stable_sort(
            closed.begin(), closed.end(), [](const HoldingLine* a, const HoldingLine* b) {
                return std::llabs(a->realized_pnl.units) > std::llabs(b->realized_pnl.units);
            });
        out << "\nClosed positions (" << closed.size() << ")\n";
        std::vector<std::vector<std::string>> rows{{"code", "name", "trades", "realised", "fees"}};
        for (std::size_t i = 0; i < closed.size() && i < kShown; ++i)
            rows.push_back({closed[i]->security_code, closed[i]->name,
                            std::to_string(closed[i]->trade_count), money(closed[i]->realized_pnl),
                            money(closed[i]->fees_paid)});
        printTable(out, rows, {false, false, true, true, true});
        if (closed.size() > kShown)
            out << "  ... " << closed.size() - kShown
                << " more, by smaller realised P&L (--json lists all)\n";
    }
    out << "\nTotals\n";
    printTable(out,
               {{"market value", money(r.market_value)},
                {"cash", money(r.cash)},
                {"cost", money(r.cost)},
                {"unrealised P&L", money(r.unrealized_pnl)},
                {"realised P&L", money(r.realized_pnl)},
                {"commission + fees", money(r.fees_paid)}},
               {false, true});

    out << "\nReturns (Modified Dietz)\n";
    std::vector<std::vector<std::string>> rets;
    for (const auto* p : {&r.return_1m, &r.return_3m, &r.return_12m}) {
        std::string span = p->value ? p->start->toString() + " .. " + p->end->toString()
                                    : "(" + phrase::note(p->note, phrase::Lang::En) + ")";
        rets.push_back({fmt::format("{}M", p->months), pct(p->value), span});
    }
    printTable(out, rets, {false, true, false});

    const auto& k = r.risk;
    out << "\nRisk\n";
    std::vector<std::vector<std::string>> risk{
        {"largest risk-bearing holding", r.holdings.empty() ? "n/a" : pct(k.top1_share)},
        {"top 3 risk-bearing", r.holdings.empty() ? "n/a" : pct(k.top3_share)},
        {"Herfindahl index", r.holdings.empty() ? "n/a" : fmt::format("{:.4f}", k.hhi)},
        {"volatility (annualised)", pct(k.volatility)},
        {"maximum drawdown", pct(k.max_drawdown)}};
    for (const auto& b : k.boards)
        risk.push_back(
            {"board " + std::string(b.board == Board::Unknown ? "unknown" : toString(b.board)),
             pct(b.share)});
    printTable(out, risk, {false, true});
    for (const auto& b : k.badges)
        out << "  " << phrase::riskBadge(b.code, b.value, b.threshold, phrase::Lang::En) << "\n";

    out << "\nSuitability (client " << level('C', r.client_risk_level) << ")\n";
    if (r.suitability_mismatches.empty()) {
        out << "  all holdings suit the client\n";
    } else {
        std::vector<std::vector<std::string>> rows;
        for (const auto& m : r.suitability_mismatches)
            rows.push_back({m.security_code, m.name, level('R', m.risk_level),
                            phrase::note(m.rule, phrase::Lang::En)});
        printTable(out, rows, {false, false, false, false});
    }
    if (!r.notes.empty()) {
        out << "\nNotes\n";
        for (const auto& n : r.notes) out << "  - " << phrase::note(n, phrase::Lang::En) << "\n";
    }
}

} // namespace

Command makePortfolioCommand() {
    return catalogued("portfolio", [](const Args& a) {
        std::optional<Date> asOf;
        if (auto s = a.get("as-of")) {
            asOf = parseDate(*s);
            if (!asOf) {
                std::cerr << "brokerdesk-cli portfolio: --as-of '" << *s
                          << "' is not a date (YYYY-MM-DD)\n";
                return static_cast<int>(kUsage);
            }
        }
        auto method = analytics::parseCostMethod(a.get("cost-method", "average"));
        if (!method) {
            std::cerr << "brokerdesk-cli portfolio: --cost-method must be average or fifo\n";
            return static_cast<int>(kUsage);
        }
        // On a server: what the client's portfolio reads of it only (its row, snapshots,
        // positions and trades, each an index seek; the settings and securities), from one
        // snapshot; an id the login cannot see is refused there (unknown, or not permitted).
        const std::string named = *a.get("client");
        auto book = services::RecordBook::open(*a.get("db"));
        if (!book) return reportError(book.error());
        std::optional<services::OneClientCopy> one;
        if (book->isServer()) {
            auto copy = services::copyOneClient(*book->server(), named);
            if (!copy) return reportError(copy.error());
            one.emplace(std::move(*copy));
        }
        storage::Database& db = one ? *one->db : *book->desk();
        auto found = one ? Result<services::ClientLookup>(tellMerged(one->client))
                         : lookupClientNamed(*storage::sqliteRecordStore(db), named);
        if (!found) return reportError(found.error());
        auto report = services::loadPortfolio(db, found->record.client.client_id, asOf, *method);
        if (!report) {
            if (report.error().code == ErrorCode::NotFound) {
                std::cerr << "brokerdesk-cli portfolio: " << report.error().message << " in "
                          << *a.get("db") << "\n";
                return static_cast<int>(kRejected);
            }
            return reportError(report.error());
        }
        if (a.has("json"))
            std::cout << toJson(*report) << "\n";
        else
            printReport(std::cout, *report);
        return static_cast<int>(kOk);
    });
}

} // namespace bd::cli
