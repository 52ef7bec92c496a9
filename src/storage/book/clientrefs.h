#pragma once
// Bulk writes of per-client results (a refresh's 100k scores and segment labels) check their
// client references in one merge against the clients' ids instead of one foreign-key probe
// per inserted row, which was about a quarter of each write.
#include <cstdint>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// Foreign-key enforcement off while it lives, restored afterwards; with `off` false it changes
/// nothing (a write that checks its references itself only on some inputs). The pragma is a
/// no-op inside a transaction, so create it before the write's transaction begins.
class ForeignKeysOff {
  public:
    explicit ForeignKeysOff(Database& db, bool off = true);
    ~ForeignKeysOff();
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

  private:
    Database& m_db;
    bool m_wasOn = false;
};

/// Whether refs are strictly ascending (what the merge check needs).
bool strictlyAscending(const std::vector<std::int64_t>& refs);

/// Every ref (strictly ascending) is a client of the book; else a Database error naming the
/// first missing one. Run it inside the write's transaction.
Status checkClientsExist(Database& db, const std::vector<std::int64_t>& refs);

} // namespace bd::storage
