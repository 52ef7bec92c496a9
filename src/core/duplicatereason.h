#pragma once
// Why two clients may be one person (issue 18 item 6): a kind and the shared value, cut to
// what identifies it on screen without showing it whole (the phrasebook words it).
#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"

namespace bd {

enum class DuplicateKind : std::uint8_t {
    Unknown = 0,
    SameIdNumber,         // tail: the ID number's last four characters
    SamePhone,            // tail: the phone's last four digits
    SameNameAndBirthDate, // name, birth_date
};

struct DuplicateReason {
    DuplicateKind kind = DuplicateKind::Unknown;
    std::string tail; // SameIdNumber, SamePhone
    std::string name; // SameNameAndBirthDate
    std::optional<Date> birth_date;
    friend bool operator==(const DuplicateReason&, const DuplicateReason&) = default;
};

} // namespace bd
