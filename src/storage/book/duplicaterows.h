#pragma once
// Candidate duplicates in a book (issue 18 item 6): the clients that share an ID number, a
// phone, or a name and a birth date, found by grouping in SQL (one sort per criterion on
// 100,000 clients, never a comparison of every pair). Merged clients are left out.
#include <cstdint>
#include <string>
#include <vector>

#include "core/duplicatereason.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// Clients sharing one value.
struct DuplicateGroup {
    DuplicateKind kind = DuplicateKind::Unknown;
    std::string value;           // the shared ID number or phone; the name (SameNameAndBirthDate)
    std::int32_t birth_date = 0; // Date::days (SameNameAndBirthDate)
    std::vector<std::int64_t> refs; // ascending
};

/// Every group of two or more clients standing on their own (not merged) that share a value,
/// by kind then value.
Result<std::vector<DuplicateGroup>> duplicateGroups(Database& db);

} // namespace bd::storage
