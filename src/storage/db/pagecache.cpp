#include "storage/db/pagecache.h"

#include <string>

namespace bd::storage {

PragmaWhileAlive::~PragmaWhileAlive() {
    if (m_before)
        (void)m_db.exec("PRAGMA " + std::string(m_pragma) + " = " + std::to_string(*m_before));
}

std::optional<std::int64_t> PragmaWhileAlive::current() const {
    auto v = queryInt(m_db, "PRAGMA " + std::string(m_pragma));
    if (!v) return std::nullopt;
    return *v;
}

void PragmaWhileAlive::change(std::int64_t before, std::int64_t value) {
    // PRAGMA takes no bound parameters; the value is a number this code formats.
    if (m_db.exec("PRAGMA " + std::string(m_pragma) + " = " + std::to_string(value)))
        m_before = before;
}

LargerPageCache::LargerPageCache(Database& db, std::int64_t kib)
    : PragmaWhileAlive(db, "cache_size") {
    auto before = current();
    if (!before) return;
    // A positive size counts pages, a negative one KiB: compare in KiB.
    auto pageSize = queryInt(db, "PRAGMA page_size");
    const std::int64_t pageKib = (pageSize ? *pageSize : 4096) / 1024;
    const std::int64_t had = *before < 0 ? -*before : *before * pageKib;
    if (had < kib) change(*before, -kib);
}

MappedPages::MappedPages(Database& db, std::int64_t bytes) : PragmaWhileAlive(db, "mmap_size") {
    if (auto before = current()) change(*before, bytes);
}

} // namespace bd::storage
