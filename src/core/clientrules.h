#pragma once
// The rules a client's profile fields follow, shared by the importer (clients.csv) and the
// command layer (a person's edit): one copy of each check and of the rule's wording.
#include <array>
#include <string_view>

namespace bd {

/// Digits with an optional leading '+'.
bool isValidPhone(std::string_view phone);

/// The rules as the located errors name them (English, developer-facing as every Result error).
inline constexpr std::string_view kIdNumberRule =
    "invalid resident ID number (18 characters, GB 11643 checksum)";
inline constexpr std::string_view kPhoneRule = "invalid phone number (digits, optional leading +)";

/// The clients.csv columns a person may correct locally (kept over a later import). Also the
/// only names ever spliced into a correction's SQL. In the order of the command layer's
/// ClientField, whose keys are built from this list (services/commands/clientfields.cpp), with
/// open_date, which no command edits, last.
inline constexpr std::array<std::string_view, 13> kTradingSystemFields = {
    "name",       "gender", "birth_date",        "id_number",
    "phone",      "email",  "broker_id",         "branch_id",
    "risk_level", "status", "preferred_channel", "risk_assessed_on",
    "open_date"};

inline bool isTradingSystemField(std::string_view field) {
    for (std::string_view f : kTradingSystemFields)
        if (f == field) return true;
    return false;
}

} // namespace bd
