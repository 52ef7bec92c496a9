#pragma once
// The row-level security of a table only the book's owner and the nightly batch reach (the
// import history, the batch's copies): forced, the owner's policy and the batch's, as the
// migrations since version 13 write them (the same text, so the released versions' pins hold).
#include <string>
#include <string_view>

namespace bd::storage {

/// The statements, each ending in a newline, for `table` (a fixed name).
inline std::string ownerAndBatchPolicies(std::string_view table) {
    const std::string t(table);
    return "ALTER TABLE " + t + " ENABLE ROW LEVEL SECURITY;\nALTER TABLE " + t +
           " FORCE ROW LEVEL SECURITY;\nDROP POLICY IF EXISTS owner_all ON " + t +
           ";\nCREATE POLICY owner_all ON " + t +
           " TO bd_owner USING (true) WITH CHECK (true);\nDROP POLICY IF EXISTS batch_all ON " + t +
           ";\nCREATE POLICY batch_all ON " + t +
           " TO batch\n  USING ((SELECT bd_my_role()) = 'batch') WITH CHECK ((SELECT "
           "bd_my_role()) = 'batch');\n";
}

} // namespace bd::storage
