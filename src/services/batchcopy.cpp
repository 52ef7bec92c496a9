#include "services/batchcopy.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>
#include <system_error>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "storage/pg/pgkeptcopy.h"
#include "storage/pg/pgschema.h"
#include "storage/pg/pgschema_v16_batch_copy_token.h"
#include "storage/pg/pgschema_v17_batch_copies.h"
#include "storage/pg/pgsettings.h"
#include "storage/schema/schema.h"

namespace bd::services {
namespace {

/// A name part safe in a file name on any system: letters, digits, '_' kept, any other byte as
/// '-' and its two hex digits (so that two names never meet).
std::string fileNamePart(std::string_view s) {
    std::string out;
    for (const unsigned char ch : s) {
        if (std::isalnum(ch) != 0 || ch == '_')
            out += static_cast<char>(ch);
        else
            out += fmt::format("-{:02x}", ch);
    }
    return out;
}

/// 32 lower-case hexadecimal digits, as newToken makes them (and the server requires).
bool isToken(const std::string& s) {
    return s.size() == 32 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

std::string newToken() {
    std::random_device seed;
    std::string out;
    for (int i = 0; i < 4; ++i) out += fmt::format("{:08x}", seed());
    return out;
}

} // namespace

std::filesystem::path keptCopyDir(const KeptCopyOptions& options) {
    if (!options.dir.empty()) return options.dir;
    if (const char* v = std::getenv("BD_BATCH_CACHE_DIR"); v != nullptr && *v != '\0') return v;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/')
        return std::filesystem::path(xdg) / "brokerdesk";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home != nullptr && *home != '\0' ? home : ".") / ".cache" /
           "brokerdesk";
}

Result<std::unique_ptr<KeptCopy>> KeptCopy::open(storage::PgConnection& c,
                                                 const KeptCopyOptions& options) {
    auto id = storage::serverIdentity(c);
    if (!id) return id.error();
    const auto dir = keptCopyDir(options);
    std::error_code ec;
    const bool made = std::filesystem::create_directories(dir, ec);
    if (ec)
        return makeError(ErrorCode::Io, "cannot make the batch's copy directory " + dir.string() +
                                            ": " + ec.message());
    // The copies hold the whole book: the directory is the user's alone. One it made is made so;
    // one that was there (--cache-dir) is not changed behind its owner's back, but refused when
    // others may enter it.
    namespace fs = std::filesystem;
    if (made) {
        fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
        if (ec)
            return makeError(ErrorCode::Io,
                             "cannot make " + dir.string() + " private (0700): " + ec.message());
    } else {
        const auto perms = fs::status(dir, ec).permissions();
        if (ec)
            return makeError(ErrorCode::Io, "cannot read " + dir.string() + ": " + ec.message());
        if ((perms & (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none)
            return makeError(ErrorCode::Usage,
                             "the batch's copy directory " + dir.string() +
                                 " is open to other users: make it the batch user's alone "
                                 "(chmod 700) or name another");
    }
    std::unique_ptr<KeptCopy> k(new KeptCopy());
    const std::string name = fileNamePart(id->system_id) + "." + fileNamePart(id->database) + "." +
                             fileNamePart(id->login);
    k->m_path = dir / (name + ".bdbook");
    const auto lockPath = dir / (name + ".lock");
    k->m_lock = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (k->m_lock < 0)
        return makeError(ErrorCode::Io,
                         "cannot open " + lockPath.string() + ": " + std::strerror(errno));
    if (::flock(k->m_lock, LOCK_EX | LOCK_NB) != 0)
        return makeError(ErrorCode::Busy, "another batch is using the copy " + k->m_path.string() +
                                              " (" + lockPath.string() + " is locked)");
    k->m_identity = {{"system_id", id->system_id},
                     {"database", id->database},
                     {"login", id->login},
                     {"server_schema", std::to_string(id->server_schema)},
                     {"desk_schema", std::to_string(storage::currentSchemaVersion())},
                     {"build", options.build}};
    if (!std::filesystem::exists(k->m_path)) {
        k->m_mismatch = "no copy yet";
        return k;
    }
    if (auto s = k->openBookFile(); !s) {
        k->m_mismatch = "the copy cannot be opened (" + s.error().toString() + ")";
        return k;
    }
    auto state = storage::readKeptCopyState(*k->m_db);
    if (!state) {
        k->m_mismatch = "the copy's record cannot be read (" + state.error().toString() + ")";
        return k;
    }
    for (const auto& [key, value] : k->m_identity) {
        const auto at = state->find(key);
        const std::string held = at == state->end() ? "none" : at->second;
        if (held != value) {
            k->m_mismatch = "the copy's " + key + " is " + held + ", now " + value;
            break;
        }
    }
    return k;
}

KeptCopy::~KeptCopy() {
    m_db.reset();
    if (m_lock >= 0) ::close(m_lock); // and the lock with it
}

Status KeptCopy::openBookFile() {
    m_db.reset();
    auto db = storage::openBook(m_path.string(), {.create = true, .backupBeforeMigrate = false});
    if (!db) return db.error();
    m_db.emplace(std::move(*db));
    return {};
}

void KeptCopy::discard() {
    m_db.reset();
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(m_path.string() + suffix, ec);
    if (ec) spdlog::warn("batch: could not remove the copy {}: {}", m_path.string(), ec.message());
    m_mismatch = "discarded";
}

Status KeptCopy::remake(storage::PgConnection& c, std::string reason, KeptCopyNight* night,
                        storage::ServerSnapshot& snap) {
    spdlog::info("batch: making the copy {} whole: {}", m_path.string(), reason);
    discard();
    if (auto s = openBookFile(); !s) return s;
    auto copied = storage::copyServerBook(c, *m_db);
    if (!copied) return copied.error();
    snap = std::move(*copied);
    auto record = m_identity;
    record["snapshot"] = snap.snapshot;
    if (auto s = storage::writeKeptCopyState(*m_db, record); !s) return s;
    m_mismatch.clear();
    if (night) {
        night->rebuilt = true;
        night->reason = std::move(reason);
        night->read_ms = snap.read_ms;
    }
    return {};
}

Result<storage::ServerSnapshot> KeptCopy::update(storage::PgConnection& c, KeptCopyNight* night) {
    storage::ServerSnapshot snap;
    KeptCopyNight local;
    KeptCopyNight& n = night ? *night : local;
    n = {};
    if (!m_mismatch.empty()) {
        if (auto s = remake(c, m_mismatch, &n, snap); !s) return s.error();
    } else {
        auto applied = storage::applyServerChanges(c, *m_db);
        if (!applied) return applied.error();
        if (!applied->rebuild_reason.empty()) {
            if (auto s = remake(c, applied->rebuild_reason, &n, snap); !s) return s.error();
        } else {
            snap = std::move(applied->snapshot);
            n.read_ms = applied->read_ms;
            n.apply_ms = applied->apply_ms;
            n.rows_written = applied->rows_written;
            n.rows_gone = applied->rows_gone;
            n.trade_days = applied->trade_days;
            spdlog::info("batch: copy brought up to date: {} rows written, {} removed, {} "
                         "client-days, {} rows of small tables (read {:.0f} ms, applied {:.0f} "
                         "ms)",
                         n.rows_written, n.rows_gone, n.trade_days, applied->small_rows, n.read_ms,
                         n.apply_ms);
        }
    }
    // The branch's settings and surveys, as a fresh copy takes them.
    const auto t0 = std::chrono::steady_clock::now();
    if (auto s = storage::copyServerSettings(c, *m_db); !s) return s.error();
    if (auto s = storage::copyServerSurveys(c, *m_db); !s) return s.error();
    n.apply_ms += msSince(t0);
    auto version = storage::serverSchemaVersion(c);
    if (!version) return version.error();
    if (*version >= storage::kServerBatchCopyTokenVersion) snap.copy_token = newToken();
    if (*version >= storage::kServerBatchCopiesVersion) {
        auto id = copyId();
        if (!id) return id.error();
        snap.copy_id = std::move(*id);
    }
    return snap;
}

Result<std::string> KeptCopy::copyId() {
    // The server knows a copy by its id (bd_batch_copies). The id lives in the lock file, which
    // outlives the copy made whole or discarded: a new id for each remade copy would leave the
    // old id's horizon holding the change log's prune back for the whole retention.
    char buf[64] = {};
    const ssize_t n = ::pread(m_lock, buf, sizeof buf - 1, 0);
    if (n < 0)
        return makeError(ErrorCode::Io, "cannot read the copy's id from its lock file: " +
                                            std::string(std::strerror(errno)));
    std::string id(buf, static_cast<std::size_t>(n));
    while (!id.empty() && std::isspace(static_cast<unsigned char>(id.back()))) id.pop_back();
    if (isToken(id)) return id;
    id = newToken(); // none yet, or not one the server would take: a new one
    const std::string line = id + "\n";
    if (::ftruncate(m_lock, 0) != 0 ||
        ::pwrite(m_lock, line.data(), line.size(), 0) != static_cast<ssize_t>(line.size()) ||
        ::fsync(m_lock) != 0)
        return makeError(ErrorCode::Io, "cannot write the copy's id to its lock file: " +
                                            std::string(std::strerror(errno)));
    return id;
}

Status KeptCopy::keep(const std::string& token) {
    return storage::keepResults(*m_db, token);
}

} // namespace bd::services
