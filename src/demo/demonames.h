#pragma once
// Reference data and makers for the demo book: Chinese names, resident ID numbers, mobile
// numbers, e-mail addresses, branch names and a catalogue of securities. All draws come from
// the caller's engine, so a seed reproduces the same people.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/enums.h"
#include "demo/randomdist.h"

namespace bd::demo {

/// A branch the demo book can open, with the city its local clients come from.
struct BranchInfo {
    std::string_view name; // e.g. 上海浦东新区世纪大道营业部
    int city = 0;          // index for areaCode()
};

/// Branches in the order the generator opens them (the first is always used).
std::span<const BranchInfo> branchCatalogue();

/// A realistic Chinese full name: surname by population weight, one or two given characters
/// typical for the gender.
std::string chineseName(rnd::Engine& g, Gender gender);

/// A six-digit administrative area code: mostly from `city`, sometimes from elsewhere in China
/// (clients who moved there).
std::string_view areaCode(rnd::Engine& g, int city);

/// An 18-character resident ID number (GB 11643): area, birth date, a sequence whose last
/// digit is odd for men and even for women, and the check character.
std::string idNumber(rnd::Engine& g, std::string_view area, Date birth, Gender gender);

/// An 11-digit mainland mobile number with a real operator prefix (13x/15x/18x/19x).
std::string mobilePhone(rnd::Engine& g);

/// True when `phone` looks like a mainland mobile number as mobilePhone() makes them.
bool isMobilePhone(std::string_view phone);

/// A plausible personal e-mail address (QQ numbers, 163.com handles, ...).
std::string emailAddress(rnd::Engine& g);

/// One security of the demo catalogue before prices are simulated.
struct SecuritySeed {
    std::string code; // "600519.SH"
    std::string name;
    Board board = Board::Unknown;
    int risk = 3; // R1..R5
    std::string industry;
    double price = 10;  // starting close, CNY
    double vol = 0.02;  // daily volatility
    double beta = 1.0;  // exposure to the market factor
    int lot = 100;      // shares per lot (convertible bonds trade in lots of 10)
    double limit = 0.1; // daily price limit
};

/// About `count` securities: well-known names first, then generated ones whose code prefix
/// matches their board and exchange. Deterministic for the engine's state.
std::vector<SecuritySeed> securityCatalogue(rnd::Engine& g, int count);

/// Note text for a contact (Chinese), chosen from templates by channel and outcome;
/// `security` and `industry` fill the templates that mention them.
std::string contactNote(rnd::Engine& g, ContactChannel channel, Outcome outcome,
                        std::string_view security, std::string_view industry, int month);

} // namespace bd::demo
