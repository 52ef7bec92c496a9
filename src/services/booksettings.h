#pragma once
// Every setting of a book the engine reads, as one catalogue: its key, the group it is shown in,
// its type and allowed range, its default. The settings command (services/commands, SaveSettings)
// validates against it, the workstation's Settings dialog and `brokerdesk-cli settings` list it.
// Most keys live in the settings table; "plan.channel_limit.<channel>" keys are rows of the
// channel_limits table (absent: no limit but the broker's capacity).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.h"
#include "core/facts.h"
#include "core/refusal.h"
#include "core/result.h"
#include "services/bookchange.h"
#include "storage/db/database.h"

namespace bd::services {

/// The tab a setting is shown in.
enum class SettingGroup { ValueModel, VipSegments, Planning, Deadlines, Portfolio, General };

/// How a value is written: a number, a whole number, or one of a few words.
enum class SettingType { Number, Integer, Choice };

/// One setting: key, where it shows, what it may hold.
struct SettingSpec {
    std::string key;
    SettingGroup group = SettingGroup::General;
    SettingType type = SettingType::Number;
    double min = 0, max = 0;
    bool min_open = false, max_open = false;        // the bound itself is not allowed
    RangeUnit unit = RangeUnit::Decimal;            // how its bounds read in a refusal
    std::string default_value;                      // "" when absent means "automatic" / "no limit"
    std::vector<std::string> choices;               // SettingType::Choice
    ReasonKind deadline_kind = ReasonKind::Unknown; // plan.deadline.*
    ContactChannel channel = ContactChannel::Unknown; // channel costs and limits
};

/// The risk assessment's validity in months (triggers "expires soon" / "expired").
inline constexpr std::string_view kAssessmentValidityKey = "risk_assessment.validity_months";
inline constexpr int kDefaultAssessmentValidityMonths = 24;

/// Every setting, in the order the dialog shows them.
const std::vector<SettingSpec>& settingSpecs();
/// The setting of `key`, nullptr when there is none (broker capacities: see findSetting).
const SettingSpec* settingSpec(std::string_view key);

/// A broker's calls per day, "plan.broker_capacity.<broker id>" (brokers.daily_capacity): a
/// whole number 0..500, absent (0) meaning the plan's default capacity.
inline constexpr std::string_view kBrokerCapacityPrefix = "plan.broker_capacity.";
/// The setting of any key, broker capacities included (their spec carries the key asked for).
std::optional<SettingSpec> findSetting(std::string_view key);

/// "0 to 1", "greater than 0, at most 100", "average or fifo": the allowed values, for errors.
std::string allowedText(const SettingSpec& spec);

/// The value as it is stored when `text` is allowed (numbers in their shortest form);
/// otherwise a refusal naming the setting and the allowed range (SettingRange, or NotOneOf for
/// a choice; column_name = the key).
Result<std::string> checkSetting(const SettingSpec& spec, std::string_view text);

/// A setting's value: the stored text, none when the default applies.
struct SettingValue {
    std::string key;
    std::optional<std::string> value;
    friend bool operator==(const SettingValue&, const SettingValue&) = default;
};

/// The stored value of a catalogue setting checked against its range (none: its default
/// applies); the setting's refusal when the book holds a value outside it.
Result<std::optional<std::string>> loadCheckedSetting(storage::Database& db, std::string_view key);
/// The same as a number.
Result<std::optional<double>> loadCheckedNumber(storage::Database& db, std::string_view key);

/// The stored value of one setting (none: its default applies).
Result<std::optional<std::string>> readBookSetting(storage::Database& db, const SettingSpec& spec);
/// Every setting of the catalogue, in its order.
Result<std::vector<SettingValue>> loadBookSettings(storage::Database& db);
/// Every broker's capacity setting, by broker id (none: the plan's default).
Result<std::vector<SettingValue>> loadBrokerCapacities(storage::Database& db);
/// Stores a value already checked, or removes it (none: back to the default). InvalidInput
/// for the capacity of a broker the book does not have.
Status writeBookSetting(storage::Database& db, std::string_view key,
                        const std::optional<std::string>& value);

/// The rules across settings, as the engine reads them (the value model's weights, the Kotler
/// shares, the portfolio options, the deadlines): a refusal naming the settings otherwise.
Status checkBookSettings(storage::Database& db);

/// What a view reloads after the setting changed.
SettingsChange::Kind settingChangeKind(std::string_view key);

/// The book's risk-assessment validity in months (the default when not set).
Result<int> loadAssessmentValidityMonths(storage::Database& db);

} // namespace bd::services
