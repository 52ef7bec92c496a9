#pragma once
// The nightly batch keeps its working copy (issue 19, docs/architecture.md "The nightly batch on
// a server"): one copy per server and login on the batch machine, in $XDG_CACHE_HOME/brokerdesk
// (~/.cache/brokerdesk; BD_BATCH_CACHE_DIR or --cache-dir instead), a directory of the user's
// alone (0700), locked while a batch uses it (two batches never share one). The copy is named by
// the server's system identifier, the database and the login; it records both schema versions
// (server and desk), the build, the server snapshot it holds and the token of the results it
// holds (written into the server's bd_meta with them). Each night it is brought up to date with
// the night's changes only (storage/pg/pgkeptcopy.h), or, when anything does not match (another
// server, schema or build; a token written by another batch; changes that cannot be told: a
// first load, a restored server), made again whole as a fresh copy is, the reason logged.
// A copy whose night failed anywhere is removed: the next night makes it whole.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "storage/db/database.h"
#include "storage/pg/pgbatch.h"
#include "storage/pg/pgconnection.h"

namespace bd::services {

/// This build's mark on its copies: a copy of another build is made again whole. Moves on when
/// what a copy holds or how it is made changes.
inline constexpr std::string_view kBatchCopyBuild = "brokerdesk-0.1.0/keptcopy-1";

/// Where and as which build the batch keeps its copy.
struct KeptCopyOptions {
    /// Empty: BD_BATCH_CACHE_DIR when set, else $XDG_CACHE_HOME/brokerdesk, else
    /// ~/.cache/brokerdesk.
    std::filesystem::path dir;
    std::string build = std::string(kBatchCopyBuild);
};

/// The directory the copies are kept in (not made).
std::filesystem::path keptCopyDir(const KeptCopyOptions& options);

/// What a night did with the copy.
struct KeptCopyNight {
    bool rebuilt = false;
    std::string reason; // why it was made whole ("" when brought up to date)
    double read_ms = 0, apply_ms = 0;
    std::int64_t rows_written = 0, rows_gone = 0, trade_days = 0;
};

class KeptCopy {
  public:
    /// This server's and login's copy, locked (Busy when another batch holds it), opened as it
    /// is (made again whole by update() when it does not match the server).
    static Result<std::unique_ptr<KeptCopy>> open(storage::PgConnection& c,
                                                  const KeptCopyOptions& options = {});
    ~KeptCopy();
    KeptCopy(const KeptCopy&) = delete;
    KeptCopy& operator=(const KeptCopy&) = delete;

    storage::Database& db() { return *m_db; }
    const std::filesystem::path& path() const { return m_path; }

    /// Brought up to the server's snapshot now: the night's changes applied, or made whole;
    /// then the settings and surveys copied as a fresh copy copies them. What the write-back
    /// needs, with a new token for the results.
    Result<storage::ServerSnapshot> update(storage::PgConnection& c, KeptCopyNight* night);
    /// After the results carrying `token` were committed on the server: pruned to what a copy
    /// made now would hold, the token recorded.
    Status keep(const std::string& token);
    /// Removes the copy (its night failed somewhere): the next one makes it whole.
    void discard();

  private:
    KeptCopy() = default;
    Status remake(storage::PgConnection& c, std::string reason, KeptCopyNight* night,
                  storage::ServerSnapshot& snap);
    Status openBookFile();
    /// The copy's id, kept in its lock file (made the first time): the same for every copy
    /// made whole in this place.
    Result<std::string> copyId();
    std::filesystem::path m_path;
    int m_lock = -1;
    std::optional<storage::Database> m_db;
    std::string m_mismatch; // why the copy on disk cannot be used ("" when it can)
    std::map<std::string, std::string> m_identity;
};

} // namespace bd::services
