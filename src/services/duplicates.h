#pragma once
// Candidate duplicates (issue 18 item 6): pairs of clients that may be one person, each with
// its reasons as facts (core/duplicatereason.h, worded by the phrasebook). Found by grouping in
// storage (storage/book/duplicaterows.h); a value shared by more than `max_group` clients (a
// branch's placeholder phone, say) says nothing about any two of them and is counted apart.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/duplicatereason.h"
#include "core/enums.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::services {

/// One side of a pair, as the duplicates list shows it.
struct DuplicateSide {
    std::int64_t ref = 0;
    std::string client_id;
    std::string name;
    std::string broker_id;
    std::string branch_id;
    std::string phone;
    std::string id_number_tail; // last four characters
    std::optional<Date> birth_date;
    Date open_date;
    ClientStatus status = ClientStatus::Unknown;
};

/// Two clients and why they may be one person. `keep` is the suggested client to keep: the
/// older account (then the lower row id); `absorb` the one to merge into it.
struct DuplicatePair {
    DuplicateSide keep;
    DuplicateSide absorb;
    std::vector<DuplicateReason> reasons; // by kind
};

struct DuplicateList {
    std::vector<DuplicatePair> pairs; // most reasons first, then by the kept client's id
    std::int64_t large_groups = 0;    // values shared by more than max_group clients (skipped)
};

struct DuplicateOptions {
    int max_group = 10;
};

Result<DuplicateList> findDuplicates(storage::Database& db, const DuplicateOptions& options = {});

} // namespace bd::services
