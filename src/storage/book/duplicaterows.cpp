#include "storage/book/duplicaterows.h"

#include <algorithm>
#include <charconv>

#include "storage/db/query.h"

namespace bd::storage {

Result<std::vector<DuplicateGroup>> duplicateGroups(Database& db) {
    // ?1..?3: the kinds' codes. An ID number's check character may be typed 'x' or 'X'.
    return queryRows(
        db,
        "SELECT ?1, upper(id_number), 0, group_concat(id) FROM clients WHERE merged_into IS "
        "NULL AND id_number IS NOT NULL AND id_number <> '' GROUP BY upper(id_number) "
        "HAVING count(*) > 1 "
        "UNION ALL SELECT ?2, phone, 0, group_concat(id) FROM clients WHERE merged_into IS NULL "
        "AND phone IS NOT NULL AND phone <> '' GROUP BY phone HAVING count(*) > 1 "
        "UNION ALL SELECT ?3, name, birth_date, group_concat(id) FROM clients WHERE merged_into "
        "IS NULL AND birth_date IS NOT NULL AND name <> '' GROUP BY name, birth_date "
        "HAVING count(*) > 1 "
        "ORDER BY 1, 2, 3",
        [](const Statement& r) {
            DuplicateGroup g;
            g.kind = static_cast<DuplicateKind>(r.int32(0));
            g.value = r.text(1);
            g.birth_date = r.int32(2);
            const std::string ids = r.text(3);
            for (std::size_t at = 0; at < ids.size();) {
                std::size_t end = ids.find(',', at);
                if (end == std::string::npos) end = ids.size();
                std::int64_t ref = 0;
                std::from_chars(ids.data() + at, ids.data() + end, ref);
                g.refs.push_back(ref);
                at = end + 1;
            }
            std::sort(g.refs.begin(), g.refs.end());
            return g;
        },
        static_cast<int>(DuplicateKind::SameIdNumber), static_cast<int>(DuplicateKind::SamePhone),
        static_cast<int>(DuplicateKind::SameNameAndBirthDate));
}

} // namespace bd::storage
