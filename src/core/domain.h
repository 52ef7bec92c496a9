#pragma once
// Domain records as the engine passes them around (value types, exact money).
#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/enums.h"
#include "core/money.h"

namespace bd {

struct Branch {
    std::string branch_id;
    std::string name;
};

struct Broker {
    std::string broker_id;
    std::string name;
    std::string branch_id;
    int daily_capacity = 0; // 0 = the book's default
};

struct Client {
    std::string client_id;
    std::string name;
    Gender gender = Gender::Unknown;
    std::optional<Date> birth_date;
    std::string id_number;
    std::string phone;
    std::string email;
    std::string broker_id;
    std::string branch_id;
    Date open_date;
    int risk_level = 0; // C1..C5 -> 1..5, 0 unknown
    ClientStatus status = ClientStatus::Unknown;
    ContactChannel preferred_channel = ContactChannel::Unknown;
    /// When the client's risk tolerance (risk_level) was last assessed (风险测评); none:
    /// not known. Valid for risk_assessment.validity_months (services/riskassessment.h).
    std::optional<Date> risk_assessed_on;
};

struct Trade {
    std::string trade_id;
    std::string client_id;
    DateTime trade_time;
    std::string security_code;
    Side side = Side::Unknown;
    std::int64_t quantity = 0;
    Money price;
    Money amount;
    Money commission;
    std::optional<Money> fees;
    OrderChannel channel = OrderChannel::Unknown;
};

struct AssetSnapshot {
    std::string client_id;
    Date date;
    Money cash;
    Money market_value;
    std::optional<Money> net_inflow;
};

struct Contact {
    std::string client_id;
    std::string broker_id;
    DateTime contact_time;
    ContactChannel channel = ContactChannel::Unknown;
    Direction direction = Direction::Unknown;
    Outcome outcome = Outcome::Unknown;
    int satisfaction = 0; // 1..5, 0 unknown
    std::string notes;
    std::optional<Date> next_follow_up;
};

struct Position {
    std::string client_id;
    Date date;
    std::string security_code;
    std::int64_t quantity = 0;
    std::optional<Money> cost_price;
    Money close_price;
};

struct Security {
    std::string security_code;
    std::string name;
    Board board = Board::Unknown;
    int risk_level = 0; // R1..R5 -> 1..5
    std::string industry;
};

/// Normalises a security code: "600519.SH" stays; a bare 6-digit code gets its market
/// (6/9 -> SH, 0/2/3 -> SZ, 4/8 -> BJ). Returns nullopt for anything else.
std::optional<std::string> normalizeSecurityCode(std::string_view code);

} // namespace bd
