#pragma once
// The book a read command or an export reads (--db F|URI): a desk's file as it is, or on a
// branch server a working copy of what this login may see (services::copyForReading: one
// snapshot, the server's policies decide: a broker their own clients, a manager the branch).
// The commands then run on it unchanged; a command that reads trades themselves names the ones it
// needs (services/serverreading.h: all, or one client's, in the same snapshot). An export is
// recorded in the book's own audit trail:
// the server's (under the login) for a server book, never only in the copy.
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "services/recordbook.h"
#include "services/serverbatch.h"
#include "services/serverreading.h"
#include "storage/db/database.h"

namespace bd::cli {

class ReadBook {
  public:
    /// On a server, `trades` (when given) picks the trades copied besides their daily sums.
    static Result<ReadBook> open(const std::string& location,
                                 const services::ChooseTradeRows& trades = {});

    /// The book to read (the desk's file, or the server's working copy).
    storage::Database& db() { return m_copy ? m_copy->db() : *m_record->desk(); }
    bool isServer() const { return m_copy != nullptr; }
    /// Where exports and any other writes go: the desk's file or the server.
    services::RecordBook& records() { return *m_record; }

  private:
    ReadBook() = default;
    std::unique_ptr<services::RecordBook> m_record;
    std::unique_ptr<services::ScratchBook> m_copy;
};

/// The book whose settings a command lists or changes (settings, deadlines, policy, calendar):
/// a desk's file, or a branch server, where every login reads them and a manager changes them
/// through the command layer (a working copy of the server's settings to read, taken again
/// after each change).
class SettingsBook {
  public:
    static Result<SettingsBook> open(const std::string& location);

    /// The settings to read: the desk's book, or the copy of the server's.
    storage::Database& db() { return m_copy ? *m_copy : *m_record->desk(); }
    /// Runs a settings command on the book.
    Result<services::cmd::Applied> execute(const services::cmd::Command& command);

  private:
    SettingsBook() = default;
    Status takeCopy();
    std::unique_ptr<services::RecordBook> m_record;
    std::unique_ptr<storage::Database> m_copy;
};

} // namespace bd::cli
