#include "services/serverreplica.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <stdlib.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>
#include <variant>

#include "core/clock.h"
#include "storage/pg/pglisten.h"
#include "storage/pg/pgreplica.h"
#include "storage/pg/pgschema.h"
#include "storage/pg/pgsettings.h"
#include "storage/schema/schema.h"

namespace bd::services {
namespace {

/// The branch's settings read again into the replica: every page that shows one is told (which
/// of them changed the news does not say).
Result<std::vector<BookChange>> settingsReadAgain(storage::PgConnection& c,
                                                  storage::Database& replica) {
    if (auto s = storage::copyServerSettings(c, replica); !s) return s.error();
    using Kind = SettingsChange::Kind;
    std::vector<BookChange> changes;
    for (Kind k : {Kind::ServicePolicies, Kind::PortfolioOptions, Kind::ValueModel, Kind::Calendar,
                   Kind::SegmentCount, Kind::Planning, Kind::Segmentation, Kind::General})
        changes.push_back(SettingsChange{k});
    return changes;
}

/// RFC 3986's unreserved characters stay, everything else is percent-encoded (a socket
/// directory's slashes, an '@' or ':' in a password).
std::string percentEncoded(std::string_view s) {
    std::string out;
    for (unsigned char ch : s) {
        if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~')
            out += static_cast<char>(ch);
        else
            out += fmt::format("%{:02X}", ch);
    }
    return out;
}

std::vector<std::int64_t> refsOf(const std::set<std::int64_t>& a) {
    return {a.begin(), a.end()};
}

/// The replica's contacts of `refs` (to tell the views how many came); 0 when unreadable.
std::int64_t contactsOf(storage::Database& replica, const std::vector<std::int64_t>& refs) {
    auto n = storage::replicaContactsOf(replica, refs);
    return n ? *n : 0;
}

} // namespace

bool isServerLocation(std::string_view location) {
    return storage::isServerLocation(location);
}

std::string redactedServerLocation(std::string_view location) {
    return storage::redactedLocation(location);
}

std::string serverUri(const ServerLoginForm& form) {
    std::string uri = "postgresql://";
    if (!form.login.empty()) {
        uri += percentEncoded(form.login);
        if (!form.password.empty()) uri += ":" + percentEncoded(form.password);
        uri += "@";
    }
    uri += percentEncoded(form.host);
    if (form.port > 0) uri += ":" + std::to_string(form.port);
    return uri + "/" + percentEncoded(form.database);
}

ServerReplica::~ServerReplica() {
    m_book.reset();
    m_news.reset();
    m_records.reset();
    if (m_dir.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
    if (ec) spdlog::warn("replica: could not remove {}: {}", m_dir.string(), ec.message());
}

Status ServerReplica::makeDirectory(const std::filesystem::path& where) {
    std::error_code ec;
    const auto base = where.empty() ? std::filesystem::temp_directory_path(ec) : where;
    if (ec) return makeError(ErrorCode::Io, "no temporary directory: " + ec.message());
    // mkdtemp makes it 0700 in one step: no moment when another user could look in.
    std::string tmpl = (base / "brokerdesk-replica-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr)
        return makeError(ErrorCode::Io, "cannot make the replica's directory in " + base.string() +
                                            ": " + std::strerror(errno));
    m_dir = tmpl;
    return {};
}

Result<storage::Database> ServerReplica::copyInto(storage::PgConnection& c,
                                                  const std::filesystem::path& file) {
    // A copy: nothing of it needs to survive a crash (the server has it all).
    auto db = storage::openBook(file.string(), {.create = true, .durable = false});
    if (!db) return db.error();
    // Read and write by this user only (WAL and shared memory files take the same mode).
    std::error_code ec;
    std::filesystem::permissions(
        file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
        std::filesystem::perm_options::replace, ec);
    if (ec) return makeError(ErrorCode::Io, "cannot make the replica private: " + ec.message());
    auto snap = storage::copyReplica(c, *db);
    if (!snap) return snap.error();
    return std::move(*db);
}

Result<std::unique_ptr<ServerReplica>> ServerReplica::open(const std::string& location,
                                                           const std::filesystem::path& where) {
    const auto t0 = std::chrono::steady_clock::now();
    std::unique_ptr<ServerReplica> r(new ServerReplica);
    auto records = RecordBook::open(location);
    if (!records) return records.error();
    if (!records->isServer())
        return makeError(ErrorCode::Usage, "not a branch server: " + records->location());
    r->m_records.emplace(std::move(*records));
    storage::PgConnection& c = *r->m_records->server();
    auto login = storage::bookLogin(c);
    if (!login) return login.error();
    r->m_identity = {c.user(),     login->role, login->branch,
                     c.database(), c.host(),    r->m_records->location()};
    // Listening before the copy: a change committed while it runs is announced, and read again.
    auto news = storage::PgListener::listen(location);
    if (!news) return news.error();
    r->m_news = std::make_unique<storage::PgListener>(std::move(*news));
    if (auto s = r->makeDirectory(where); !s) return s.error();
    r->m_bookPath = r->m_dir / "replica.bdbook";
    r->m_location = location;
    auto book = copyInto(c, r->m_bookPath);
    if (!book) return book.error();
    r->m_book.emplace(std::move(*book));
    r->m_copyMs = msSince(t0);
    spdlog::info("replica of {} for {} ({}) copied in {:.0f} ms", r->m_identity.location,
                 r->m_identity.login, r->m_identity.role, r->m_copyMs);
    return r;
}

storage::Database ServerReplica::takeBook() {
    storage::Database db = std::move(*m_book);
    m_book.reset();
    return db;
}

Result<cmd::Applied> ServerReplica::execute(storage::Database& replica,
                                            const cmd::Command& command) {
    // A survey launch works its audience out from the replica: what this login sees.
    auto r = m_records->execute(command, &replica);
    if (!r) return r;
    ServerNews touched;
    auto& refs = touched.clients["clients"];
    for (const BookChange& change : r->changes)
        std::visit(
            [&](const auto& c) {
                if constexpr (requires { c.clients; })
                    refs.insert(c.clients.refs.begin(), c.clients.refs.end());
            },
            change);
    if (r->client_ref != 0) refs.insert(r->client_ref);
    refs.insert(r->clients.begin(), r->clients.end());
    if (r->contact) refs.insert(r->contact->client_ref);
    // The server committed: a failed read leaves the replica behind until the next news, and
    // is no failure of the write.
    auto pulled = storage::pullClients(*m_records->server(), replica, refsOf(refs));
    if (!pulled) spdlog::warn("replica: reading back a write: {}", pulled.error().toString());
    // A settings command (a manager's) changed the branch's settings: the replica reads them
    // again, so that the pages and the Settings dialog show what the server now holds.
    // A survey template or campaign (a manager's): the replica's surveys are the server's.
    bool settings = false, surveys = false;
    for (const BookChange& c : r->changes)
        if (const auto* s = std::get_if<SettingsChange>(&c))
            (s->kind == SettingsChange::Kind::Surveys ? surveys : settings) = true;
    if (settings)
        if (auto s = storage::copyServerSettings(*m_records->server(), replica); !s)
            spdlog::warn("replica: reading back the settings: {}", s.error().toString());
    if (surveys)
        if (auto s = storage::copyServerSurveys(*m_records->server(), replica); !s)
            spdlog::warn("replica: reading back the surveys: {}", s.error().toString());
    // A rename of a segment (a manager's): the replica's segment names are the server's.
    const bool renamed = std::any_of(r->changes.begin(), r->changes.end(), [](const auto& c) {
        const auto* a = std::get_if<AnalyticsChange>(&c);
        return a && a->kind == AnalyticsChange::Kind::SegmentNames;
    });
    if (renamed)
        if (auto s = storage::pullSegmentNames(*m_records->server(), replica); !s)
            spdlog::warn("replica: reading back the segment names: {}", s.error().toString());
    return r;
}

Result<std::vector<BookChange>> ServerReplica::pull(storage::Database& replica,
                                                    const ServerNews& news) {
    std::set<std::int64_t> all, clients, contacts, plans;
    for (const auto& [table, refs] : news.clients) {
        all.insert(refs.begin(), refs.end());
        // A contact may complete or book a plan item; a broker moves and skips them.
        if (table == "contacts" || table == "follow_up_tasks")
            plans.insert(refs.begin(), refs.end());
        if (table != "follow_up_tasks")
            (table == "contacts" ? contacts : clients).insert(refs.begin(), refs.end());
    }
    // The write connection reads: made again first when it dropped meanwhile.
    if (auto s = m_records->ensureConnected(); !s) return s.error();
    std::vector<BookChange> changes;
    if (news.settings) {
        auto read = settingsReadAgain(*m_records->server(), replica);
        if (!read) return read.error();
        changes = std::move(*read);
    }
    if (news.surveys) {
        // Every call of a new campaign this login sees, and the campaign itself: read whole.
        if (auto s = storage::copyServerSurveys(*m_records->server(), replica); !s)
            return s.error();
        changes.push_back(SettingsChange{SettingsChange::Kind::Surveys});
        changes.push_back(PlanChange{ClientSet::all(), {}});
    }
    if (news.segments) {
        auto renamed = storage::pullSegmentNames(*m_records->server(), replica);
        if (!renamed) return renamed.error();
        if (!renamed->empty())
            changes.push_back(AnalyticsChange{AnalyticsChange::Kind::SegmentNames, *renamed});
    }
    const std::int64_t before = contacts.empty() ? 0 : contactsOf(replica, refsOf(contacts));
    auto pulled = storage::pullClients(*m_records->server(), replica, refsOf(all));
    if (!pulled) return pulled.error();
    clients.insert(pulled->gone.begin(), pulled->gone.end());
    // A merge or its undo moved a client's whole history: both clients' views read again.
    clients.insert(pulled->merged.begin(), pulled->merged.end());
    plans.insert(pulled->merged.begin(), pulled->merged.end());
    if (!pulled->merged.empty())
        changes.push_back(ContactsChange{ClientSet::of(pulled->merged), 0});
    if (!contacts.empty())
        changes.push_back(ContactsChange{ClientSet::of(refsOf(contacts)),
                                         contactsOf(replica, refsOf(contacts)) - before});
    if (!clients.empty()) changes.push_back(ClientsChange{ClientSet::of(refsOf(clients))});
    if (!plans.empty()) changes.push_back(PlanChange{ClientSet::of(refsOf(plans)), {}});
    return changes;
}

ServerReplica::Recopy ServerReplica::nextCopy() {
    return {m_location, m_dir / fmt::format("replica-{}.bdbook", ++m_generation)};
}

Status ServerReplica::copyApart(const Recopy& job) {
    const auto t0 = std::chrono::steady_clock::now();
    auto c = storage::PgConnection::connect(job.location);
    if (!c) return c.error();
    auto book = copyInto(*c, job.file);
    if (!book) return book.error();
    spdlog::info("replica copied again in {:.0f} ms", msSince(t0));
    return {};
}

void ServerReplica::dropBook(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
}

int ServerReplica::newsSocket() const {
    return m_news && m_news->isOpen() ? m_news->socket() : -1;
}

void ServerNews::merge(const ServerNews& more) {
    for (const auto& [table, refs] : more.clients) clients[table].insert(refs.begin(), refs.end());
    batch = batch || more.batch;
    settings = settings || more.settings;
    segments = segments || more.segments;
    surveys = surveys || more.surveys;
}

Result<ServerNews> ServerReplica::takeNews() {
    ServerNews news;
    if (!m_news) return news;
    auto got = m_news->take();
    if (!got) return got.error();
    // This desk's own writes were read back when they were made (execute): their news is
    // passed over, not read and announced a second time.
    const int own = m_records->server() ? m_records->server()->serverProcess() : 0;
    for (const auto& n : *got) {
        if (own != 0 && n.sender == own) continue;
        const auto colon = n.payload.find(':');
        if (colon == std::string::npos) continue;
        const std::string table = n.payload.substr(0, colon);
        // The batch's results and imports are announced once for the whole book.
        if (table == "analytics_runs" || table == "plan_runs" || table == "import") {
            news.batch = true;
            continue;
        }
        if (table == "settings") { // "settings:<table>", a manager's change (server schema v7)
            // "settings:survey_templates" / "settings:survey_campaigns": a manager's new survey
            // or campaign (v12): the surveys are read again, not the settings.
            (n.payload.compare(colon + 1, 7, "survey_") == 0 ? news.surveys : news.settings) = true;
            continue;
        }
        if (table == "segments") { // "segments:names", a manager's rename (server schema v11)
            news.segments = true;
            continue;
        }
        char* end = nullptr;
        const std::string ref = n.payload.substr(colon + 1);
        const long long v = std::strtoll(ref.c_str(), &end, 10);
        if (end == ref.c_str() || *end != '\0') continue;
        // A client row's own change is announced under "clients"; the rest under their table.
        news.clients[table].insert(v);
    }
    return news;
}

Status ServerReplica::reconnectNews() {
    if (!m_news) return makeError(ErrorCode::Internal, "no news connection");
    return m_news->reconnect();
}

} // namespace bd::services
