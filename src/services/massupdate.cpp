#include "services/massupdate.h"

#include <string_view>
#include <type_traits>

namespace bd::services {
namespace {

/// The refs as a JSON array, bound as one parameter (json_each reads it back in SQL).
std::string refsJson(const std::vector<std::int64_t>& refs) {
    std::string s = "[";
    for (std::size_t i = 0; i < refs.size(); ++i) s += (i ? "," : "") + std::to_string(refs[i]);
    return s + "]";
}

/// Counts `refs` grouped by `column` (a name of this file, never input), and those already at
/// `target`.
template <typename Key, typename Target>
Result<BulkPreview> preview(storage::Database& db, const std::vector<std::int64_t>& refs,
                            std::string_view column, const Target& target,
                            std::vector<std::pair<Key, std::int64_t>> BulkPreview::*into) {
    auto st = db.prepare("SELECT " + std::string(column) + ", count(*), " + std::string(column) +
                         " = ?2 FROM clients WHERE id IN (SELECT value FROM json_each(?1)) "
                         "GROUP BY 1 ORDER BY 1");
    if (!st) return st.error();
    st->bind(1, refsJson(refs)).bind(2, target);
    BulkPreview p;
    auto read = st->forEach([&](const storage::Statement& r) {
        const std::int64_t n = r.int64(1);
        p.clients += n;
        if (r.int64(2) == 0) p.changing += n;
        if constexpr (std::is_same_v<Key, std::string>)
            (p.*into).emplace_back(r.text(0), n);
        else
            (p.*into).emplace_back(r.int32(0), n);
    });
    if (!read) return read.error();
    return p;
}

} // namespace

Result<BulkPreview> previewReassign(storage::Database& db, const std::vector<std::int64_t>& refs,
                                    const std::string& brokerId) {
    return preview<std::string>(db, refs, "broker_id", brokerId, &BulkPreview::from);
}

Result<BulkPreview> previewStatus(storage::Database& db, const std::vector<std::int64_t>& refs,
                                  int status) {
    return preview<int>(db, refs, "status", status, &BulkPreview::from_status);
}

} // namespace bd::services
