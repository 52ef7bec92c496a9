#include "services/recordbook.h"

#include <chrono>
#include <memory>
#include <utility>
#include <variant>

#include "services/serverbatch.h"
#include "services/serverreading.h"
#include "storage/pg/pgrecordstore.h"
#include "storage/pg/pgschema.h"
#include "storage/schema/schema.h"

namespace bd::services {

RecordBook::RecordBook(RecordBook&&) noexcept = default;
RecordBook& RecordBook::operator=(RecordBook&&) noexcept = default;
RecordBook::~RecordBook() {
    // The store refers to the connection: it goes first.
    m_store.reset();
}

Result<RecordBook> RecordBook::open(const std::string& location) {
    RecordBook b;
    b.m_location = storage::redactedLocation(location);
    if (storage::isServerLocation(location)) {
        auto c = storage::PgConnection::connect(location);
        if (!c) return c.error();
        if (auto s = storage::requireServerBook(*c); !s) return s.error();
        if (auto s = storage::requireBookUser(*c); !s) return s.error();
        b.m_server = std::make_unique<storage::PgConnection>(std::move(*c));
        b.m_store = storage::pgRecordStore(*b.m_server);
        return b;
    }
    auto db = storage::openBook(location, {.create = false});
    if (!db) return db.error();
    b.m_desk = std::make_unique<storage::Database>(std::move(*db));
    b.m_store = storage::sqliteRecordStore(*b.m_desk);
    return b;
}

Result<cmd::Applied> RecordBook::execute(const cmd::Command& command, storage::Database* reads) {
    if (m_desk) return cmd::execute(*m_desk, command);
    if (auto s = ensureConnected(); !s) return s.error();
    std::unique_ptr<ScratchBook> copy; // removed when the command is done
    if (const auto* launch = std::get_if<cmd::LaunchCampaign>(&command.args); launch && !reads) {
        // High-risk buyers are found in the trades themselves, which a plain copy holds only
        // as per-day sums.
        auto made = launch->audience.kind == AudienceKind::HighRiskBuyers
                        ? copyForReadingWithTrades(*m_server, everyTrade())
                        : copyForReading(*m_server);
        if (!made) return made.error();
        copy = std::move(*made);
        reads = &copy->db();
    }
    return cmd::execute(*m_store, command, reads);
}

Result<cmd::Applied> RecordBook::rehearse(const cmd::Command& command) {
    if (m_desk) return cmd::rehearse(*m_desk, command);
    if (auto s = ensureConnected(); !s) return s.error();
    return cmd::rehearse(*m_store, command);
}

Status RecordBook::ensureConnected() {
    if (!m_server) return {};
    // A connection that dropped since the last command (the server restarted, the session was
    // ended) is made again before this one runs; a write is never retried after it was sent,
    // since whether its commit reached the server cannot be known.
    // A connection in use a moment ago is taken as alive (a probe costs a round trip per
    // command); one idle for longer is probed first.
    const auto now = std::chrono::steady_clock::now();
    const bool recent = now - m_lastUsed < std::chrono::seconds(2);
    m_lastUsed = now;
    if (m_server->isOpen()) {
        if (recent) return {};
        auto alive = m_server->probe();
        if (alive) return {};
        if (alive.error().code != ErrorCode::Unavailable) return alive.error();
    }
    return m_server->reconnect();
}

} // namespace bd::services
