#pragma once
// A segment's names as a person sets them: what the segment store renames and the record stores
// (desk and server) report back for the audit trail.
#include <string>

namespace bd::storage {

/// A segment's two names (of the newest segmentation).
struct SegmentNameRow {
    std::string name_zh;
    std::string name_en;
};

} // namespace bd::storage
