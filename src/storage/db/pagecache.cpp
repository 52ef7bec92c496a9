#include "storage/db/pagecache.h"

#include <string>

namespace bd::storage {

LargerPageCache::LargerPageCache(Database& db, std::int64_t kib) : m_db(db) {
    auto before = queryInt(db, "PRAGMA cache_size");
    if (!before) return;
    // A positive size counts pages, a negative one KiB: compare in KiB.
    auto pageSize = queryInt(db, "PRAGMA page_size");
    const std::int64_t pageKib = (pageSize ? *pageSize : 4096) / 1024;
    const std::int64_t had = *before < 0 ? -*before : *before * pageKib;
    if (had >= kib) return;
    if (db.exec("PRAGMA cache_size = " + std::to_string(-kib))) m_before = *before;
}

LargerPageCache::~LargerPageCache() {
    if (m_before) (void)m_db.exec("PRAGMA cache_size = " + std::to_string(*m_before));
}

MappedPages::MappedPages(Database& db, std::int64_t bytes) : m_db(db) {
    auto before = queryInt(db, "PRAGMA mmap_size");
    if (before && db.exec("PRAGMA mmap_size = " + std::to_string(bytes))) m_before = *before;
}

MappedPages::~MappedPages() {
    if (m_before) (void)m_db.exec("PRAGMA mmap_size = " + std::to_string(*m_before));
}

} // namespace bd::storage
