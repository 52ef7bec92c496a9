#include "storage/book/clientrefs.h"

#include <algorithm>
#include <string>

namespace bd::storage {

ForeignKeysOff::ForeignKeysOff(Database& db, bool off) : m_db(db) {
    if (!off) return;
    auto on = queryInt(db, "PRAGMA foreign_keys");
    m_wasOn = on && *on != 0 && db.exec("PRAGMA foreign_keys=OFF").ok();
}

ForeignKeysOff::~ForeignKeysOff() {
    if (m_wasOn) (void)m_db.exec("PRAGMA foreign_keys=ON");
}

bool strictlyAscending(const std::vector<std::int64_t>& refs) {
    return std::adjacent_find(refs.begin(), refs.end(),
                              [](std::int64_t a, std::int64_t b) { return a >= b; }) == refs.end();
}

Status checkClientsExist(Database& db, const std::vector<std::int64_t>& refs) {
    auto st = db.prepare("SELECT id FROM clients WHERE id >= ?1 ORDER BY id");
    if (!st) return st.error();
    if (refs.empty()) return {};
    st->bind(1, refs.front());
    std::size_t k = 0;
    auto merged = st->forEach([&](const Statement& row) {
        const std::int64_t id = row.int64(0);
        if (id > refs[k]) return false; // refs[k] was skipped: not a client
        if (id == refs[k]) ++k;
        return k < refs.size();
    });
    if (!merged) return merged.error();
    if (k < refs.size())
        return makeError(ErrorCode::Database,
                         "client " + std::to_string(refs[k]) +
                             " of the refresh is no longer in the book; run the refresh again");
    return {};
}

} // namespace bd::storage
