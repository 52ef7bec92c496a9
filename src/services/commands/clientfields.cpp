#include "services/commands/clientfields.h"

#include <array>

#include "core/clientrules.h"
#include "core/clock.h"
#include "core/idnumber.h"
#include "core/json.h"
#include "core/jsonreader.h"
#include "services/commands/refusals.h"

namespace bd::services::cmd {
namespace {

constexpr std::size_t kFieldCount = static_cast<std::size_t>(ClientField::Count);

// In enum order: the trading system's fields as core/clientrules.h lists them (in this order,
// so that what a command corrects is always a field a correction may name), with contact_hours,
// which only the book keeps, in its place.
constexpr std::array<std::string_view, kFieldCount> kKeys = [] {
    std::array<std::string_view, kFieldCount> keys{};
    const auto hours = static_cast<std::size_t>(ClientField::ContactHours);
    for (std::size_t i = 0, t = 0; i < kFieldCount; ++i)
        keys[i] = i == hours ? "contact_hours" : kTradingSystemFields[t++];
    return keys;
}();
static_assert(kKeys[static_cast<std::size_t>(ClientField::PreferredChannel)] ==
                  "preferred_channel" &&
              kKeys[static_cast<std::size_t>(ClientField::RiskAssessedOn)] == "risk_assessed_on");

} // namespace

std::string_view fieldKey(ClientField f) {
    return kKeys[static_cast<std::size_t>(f)];
}

std::optional<ClientField> parseClientField(std::string_view key) {
    if (key == "broker") return ClientField::Broker;
    if (key == "branch") return ClientField::Branch;
    for (int i = 0; i < static_cast<int>(ClientField::Count); ++i)
        if (fieldKey(static_cast<ClientField>(i)) == key) return static_cast<ClientField>(i);
    return std::nullopt;
}

bool fromTradingSystem(ClientField f) {
    return f != ClientField::ContactHours;
}

std::string fieldText(const storage::ClientRecord& r, ClientField f) {
    const Client& c = r.client;
    switch (f) {
    case ClientField::Name:
        return c.name;
    case ClientField::Gender:
        return std::string(toString(c.gender));
    case ClientField::BirthDate:
        return c.birth_date ? c.birth_date->toString() : std::string();
    case ClientField::IdNumber:
        return c.id_number;
    case ClientField::Phone:
        return c.phone;
    case ClientField::Email:
        return c.email;
    case ClientField::Broker:
        return c.broker_id;
    case ClientField::Branch:
        return c.branch_id;
    case ClientField::RiskLevel:
        return c.risk_level > 0 ? "C" + std::to_string(c.risk_level) : std::string();
    case ClientField::Status:
        return std::string(toString(c.status));
    case ClientField::PreferredChannel:
        return std::string(toString(c.preferred_channel));
    case ClientField::RiskAssessedOn:
        return c.risk_assessed_on ? c.risk_assessed_on->toString() : std::string();
    case ClientField::ContactHours:
    case ClientField::Count:
        break;
    }
    return r.contact_hours;
}

Error fieldError(const std::string& clientId, ClientField f, RefusalKind kind,
                 const std::string& value) {
    Error e = refused(RefusalFact(kind)
                          .text(Arg::Field, std::string(fieldKey(f)))
                          .text(Arg::Value, value)
                          .text(Arg::Client, clientId));
    e.file = "client " + clientId;
    return e;
}

Status setField(storage::ClientRecord& r, const FieldValue& v) {
    Client& c = r.client;
    const std::string& s = v.value;
    const auto bad = [&](RefusalKind kind) -> Status {
        return fieldError(c.client_id, v.field, kind, s);
    };
    // A text field takes the value as it is; refused as `kind` when not `ok`.
    const auto text = [&](std::string& field, bool ok = true,
                          RefusalKind kind = RefusalKind::Required) -> Status {
        if (!ok) return bad(kind);
        field = s;
        return {};
    };
    // The field as `parse` reads the value, `none` when the value is empty; refused as `kind`
    // when `parse` cannot read it.
    const auto parsed = [&](auto& field, auto none, auto parse, RefusalKind kind) -> Status {
        if (s.empty()) return field = none, Status{};
        auto p = parse(s);
        if (!p) return bad(kind);
        field = *p;
        return {};
    };
    switch (v.field) {
    case ClientField::Name:
        return text(c.name, !s.empty(), RefusalKind::Required);
    case ClientField::Gender:
        return parsed(c.gender, Gender::Unknown, parseGender, RefusalKind::NotOneOf);
    case ClientField::BirthDate:
        return parsed(c.birth_date, std::nullopt, parseDate, RefusalKind::DateFormat);
    case ClientField::IdNumber:
        if (!s.empty() && !isValidIdNumber(s)) return bad(RefusalKind::IdNumberChecksum);
        c.id_number = s;
        if (c.id_number.size() == 18 && c.id_number[17] == 'x') c.id_number[17] = 'X';
        return {};
    case ClientField::Phone:
        return text(c.phone, s.empty() || isValidPhone(s), RefusalKind::PhoneFormat);
    case ClientField::Email:
        return text(c.email);
    case ClientField::Broker:
        return text(c.broker_id, !s.empty(), RefusalKind::Required);
    case ClientField::Branch:
        return text(c.branch_id);
    case ClientField::RiskLevel:
        return parsed(
            c.risk_level, 0, [](std::string_view t) { return parseRiskLevel(t, 'C'); },
            RefusalKind::RiskLevelRange);
    case ClientField::Status:
        return parsed(c.status, ClientStatus::Unknown, parseClientStatus, RefusalKind::NotOneOf);
    case ClientField::PreferredChannel:
        return parsed(c.preferred_channel, ContactChannel::Unknown, parsePreferredChannel,
                      RefusalKind::NotOneOf);
    case ClientField::RiskAssessedOn: {
        if (s.empty()) return c.risk_assessed_on.reset(), Status{};
        auto d = parseDate(s);
        if (!d) return bad(RefusalKind::DateFormat);
        if (d->days > localToday().days) return bad(RefusalKind::FutureDate);
        c.risk_assessed_on = *d;
        return {};
    }
    case ClientField::ContactHours:
    case ClientField::Count:
        break;
    }
    return text(r.contact_hours);
}

std::string flatJson(const std::vector<std::pair<std::string, std::string>>& members) {
    std::string out = "{";
    for (std::size_t i = 0; i < members.size(); ++i)
        out +=
            (i ? ", " : "") + jsonString(members[i].first) + ": " + jsonString(members[i].second);
    return out + "}";
}

std::optional<std::vector<std::pair<std::string, std::string>>> readFlatJson(std::string_view s) {
    std::vector<std::pair<std::string, std::string>> out;
    JsonReader r(s);
    const bool ok =
        r.object([&](const std::string& key, const std::string& text, double num, bool isText) {
            out.emplace_back(key, isText ? text : jsonNumber(num));
        });
    if (!ok || !r.atEnd()) return std::nullopt;
    return out;
}

} // namespace bd::services::cmd
