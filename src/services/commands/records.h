#pragma once
// Reading what the command layer writes: a client's stored record with its version, tags,
// notes, local corrections and their conflicts, and the audit trail. The workstation and the
// CLI read these through this header (the workstation names no storage header itself).
#include <memory>

#include "storage/book/recordstore.h"

namespace bd::services {

using storage::AuditFilter;
using storage::AuditRow;
using storage::ClientRecord;
using storage::ContactRecord;
using storage::CorrectionConflictRow;
using storage::CorrectionRow;
using storage::NoteRow;
using storage::RecordStore;
using storage::TagRow;
/// The record store over an open book (SQLite).
using storage::sqliteRecordStore;

} // namespace bd::services
