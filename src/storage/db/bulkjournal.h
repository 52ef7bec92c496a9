#pragma once
// A bulk load into new pages of a WAL book written once instead of twice.
#include "storage/db/database.h"

namespace bd::storage {

/// While it lives, a WAL book this connection has to itself runs with a rollback journal: the
/// pages a bulk load adds past the book's old end are not journalled, so they are written once
/// instead of to the WAL and again by its checkpoint. The load stays one atomic transaction.
/// Leaving WAL needs the book to ourselves: when another connection has it open the switch
/// fails at once and the load runs in WAL as usual. Put back to WAL when it goes.
class BulkJournal {
  public:
    explicit BulkJournal(Database& db);
    ~BulkJournal();
    BulkJournal(const BulkJournal&) = delete;
    BulkJournal& operator=(const BulkJournal&) = delete;
    /// Whether the book left WAL (then the load's transaction should be EXCLUSIVE, so that a
    /// connection opened meanwhile waits and no reader holds up its commit).
    bool switched() const { return m_switched; }
    Transaction::Lock lock() const {
        return m_switched ? Transaction::Lock::Exclusive : Transaction::Lock::Immediate;
    }

  private:
    Database& m_db;
    bool m_switched = false;
};

} // namespace bd::storage
