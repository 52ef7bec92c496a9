#pragma once
// A client's value explanation as a code: the analytics store a short language-free code per
// client ("c+12,300;5-1,800|p0.42") and the phrasebook words it ("+ commission ¥12,300 · −
// visits ¥1,800 · activity probability 0.42", phrase::explanation), so a refresh of a
// 100k-client book writes (and later prunes) a few MB less than it would for two sentences.
//
// Code grammar: terms '|' "p" p_alive [ '|' "f" flag-bits ]   (the "f" part when flagged)
//   terms = "" (nothing to show) | term { ';' term }
//   term  = kind sign amount      kind: see ExplanationTerm; sign '+' or '-';
//                                 amount: the yuan figure as shown, without "¥" ("12,300")
#include <string>
#include <string_view>

namespace bd {

/// Bit flags explaining an "AUM-rich, low value" client.
enum FlagReason : unsigned {
    kReasonLowTrading = 1u,      // commission per CNY of AUM below the book's median
    kReasonHighServiceCost = 2u, // service cost above half of revenue (commission + interest)
    kReasonCashIdle = 4u,        // mean cash at least half of AUM
};

/// What one explanation term is about (its character in the code).
enum class ExplanationTerm : char {
    Commission = 'c',
    Interest = 'i',
    Handling = 'h',
    Upkeep = 'm',
    ExpectedCommission = 'e',
    ExpectedCarry = 'x',
    // Service cost of one contact channel: '0' + ContactChannel value (0..7).
    ServiceChannel0 = '0',
};

/// Appends one term to a code under construction (terms only; see finishExplanationCode).
void appendExplanationTerm(std::string& code, char kind, bool positive, std::string_view amount);
/// Closes a code: p_alive as shown ("0.42") and, for an "AUM-rich, low value" client, its
/// reasons (FlagReason bits, possibly none).
void finishExplanationCode(std::string& code, std::string_view pAlive, bool flagged,
                           unsigned flagReasons);

/// The reasons as stored and exported: codes joined with ';' ("low_trading;cash_idle"), or
/// "low_profit" with no bit set.
std::string flagReasonCodes(unsigned reasons);
/// The bits of a stored code list (unknown codes are ignored).
unsigned flagReasonsFromCodes(std::string_view codes);

} // namespace bd
