#include "storage/pg/pgconnection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include <spdlog/spdlog.h>

namespace bd::storage {
namespace {

/// What a SQLSTATE means to the user: refused, unreachable, try again, bad value, or other.
ErrorCode codeOfState(std::string_view state) {
    if (state == "42501" || state.starts_with("28")) return ErrorCode::NotPermitted;
    if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03")
        return ErrorCode::Unavailable;
    if (state == "40001" || state == "40P01" || state == "55P03") return ErrorCode::Busy;
    if (state.starts_with("22") || state.starts_with("23") || state == "P0001")
        return ErrorCode::InvalidInput;
    return ErrorCode::Database;
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

/// A connection failure as the user should read it (libpq gives no SQLSTATE before login).
ErrorCode codeOfConnectFailure(std::string_view message) {
    for (std::string_view refused :
         {"password authentication failed", "authentication failed", "no pg_hba.conf entry",
          "does not exist", "not permitted to log in", "no password supplied", "permission denied"})
        if (message.find(refused) != std::string_view::npos) return ErrorCode::NotPermitted;
    return ErrorCode::Unavailable;
}

} // namespace

bool isServerLocation(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string redactedLocation(std::string_view location) {
    std::string s(location);
    if (isServerLocation(s)) {
        // postgresql://user:password@host/... -> postgresql://user@host/...
        const std::size_t scheme = s.find("://") + 3;
        const std::size_t at = s.find('@', scheme);
        if (at != std::string::npos) {
            const std::size_t colon = s.find(':', scheme);
            if (colon != std::string::npos && colon < at) s.erase(colon, at - colon);
        }
    }
    // ...?password=secret&... (a URI) or "... password=secret ..." (key=value) -> password=...
    for (std::size_t p = s.find("password="); p != std::string::npos;
         p = s.find("password=", p + 1)) {
        // key=value quotes a value with spaces: password='a b' (backslash escapes inside).
        std::size_t end = std::string::npos;
        if (p + 9 < s.size() && s[p + 9] == '\'') {
            for (std::size_t i = p + 10; i < s.size(); ++i) {
                if (s[i] == '\\') {
                    ++i;
                } else if (s[i] == '\'') {
                    end = i + 1;
                    break;
                }
            }
        } else {
            end = s.find_first_of("& ", p);
        }
        s.replace(p + 9, (end == std::string::npos ? s.size() : end) - (p + 9), "...");
    }
    return s;
}

PgParams& PgParams::add(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return text(std::string(buf, r.ptr));
}

PgParams& PgParams::add(std::nullopt_t) {
    m_values.emplace_back(std::nullopt);
    return *this;
}

PgParams& PgParams::text(std::string v) {
    m_values.emplace_back(std::move(v));
    return *this;
}

std::vector<const char*> PgParams::pointers() const {
    std::vector<const char*> p;
    p.reserve(m_values.size());
    for (const auto& v : m_values) p.push_back(v ? v->c_str() : nullptr);
    return p;
}

// PgRows ----------------------------------------------------------------------------------

void PgRows::Clear::operator()(pg_result* r) const {
    PQclear(r);
}

int PgRows::size() const {
    return m_r ? PQntuples(m_r.get()) : 0;
}

std::int64_t PgRows::changed() const {
    if (!m_r) return 0;
    const char* n = PQcmdTuples(m_r.get());
    return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

std::string PgRows::command() const {
    const char* c = m_r ? PQcmdStatus(m_r.get()) : nullptr;
    return c ? c : "";
}

bool PgRows::isNull(int row, int col) const {
    return PQgetisnull(m_r.get(), row, col) != 0;
}

std::string_view PgRows::textView(int row, int col) const {
    return {PQgetvalue(m_r.get(), row, col),
            static_cast<std::size_t>(PQgetlength(m_r.get(), row, col))};
}

std::int64_t PgRows::int64(int row, int col) const {
    const std::string_view t = textView(row, col);
    std::int64_t v = 0;
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v;
}

double PgRows::real(int row, int col) const {
    return std::strtod(PQgetvalue(m_r.get(), row, col), nullptr);
}

std::optional<std::int64_t> PgRows::optInt64(int row, int col) const {
    if (isNull(row, col)) return std::nullopt;
    return int64(row, col);
}

std::optional<std::string> PgRows::optText(int row, int col) const {
    if (isNull(row, col)) return std::nullopt;
    return text(row, col);
}

std::optional<Date> PgRows::optDate(int row, int col) const {
    if (isNull(row, col)) return std::nullopt;
    return date(row, col);
}

// PgConnection ----------------------------------------------------------------------------

PgConnection::PgConnection(pg_conn* c) : m_conn(c) {
    if (const char* u = PQuser(c)) m_user = u;
    if (const char* d = PQdb(c)) m_database = d;
}

PgConnection::PgConnection(PgConnection&& o) noexcept
    : m_conn(std::exchange(o.m_conn, nullptr)), m_user(std::move(o.m_user)),
      m_database(std::move(o.m_database)), m_seen(std::move(o.m_seen)), m_prepared(o.m_prepared) {}

PgConnection& PgConnection::operator=(PgConnection&& o) noexcept {
    if (this != &o) {
        if (m_conn) PQfinish(m_conn);
        m_conn = std::exchange(o.m_conn, nullptr);
        m_user = std::move(o.m_user);
        m_database = std::move(o.m_database);
        m_seen = std::move(o.m_seen);
        m_prepared = o.m_prepared;
    }
    return *this;
}

PgConnection::~PgConnection() {
    if (m_conn) PQfinish(m_conn);
}

Result<PgConnection> PgConnection::connect(const std::string& conninfo) {
    // Fail fast when the server is down (libpq would otherwise wait for the OS's timeout),
    // unless the caller's connection string or environment sets its own.
    std::string info = conninfo;
    const bool hasTimeout = info.find("connect_timeout") != std::string::npos ||
                            std::getenv("PGCONNECT_TIMEOUT") != nullptr;
    const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
    const char* values[] = {info.c_str(), hasTimeout ? nullptr : "10", "brokerdesk", nullptr};
    pg_conn* c = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
    if (c == nullptr)
        return makeError(ErrorCode::Internal, "libpq could not allocate a connection");
    if (PQstatus(c) != CONNECTION_OK) {
        const std::string why = trimmed(PQerrorMessage(c));
        PQfinish(c);
        Error e = makeError(codeOfConnectFailure(why), "cannot connect to the branch server " +
                                                           redactedLocation(conninfo) + ": " + why);
        if (why.find("CONNECT privilege") != std::string::npos)
            e.message += " (this login is no user of this branch book: the administrator adds "
                         "it with `brokerdesk-cli server user add`)";
        return e;
    }
    // Quiet NOTICEs (e.g. "relation already exists, skipping") stay off the user's terminal.
    PQsetNoticeProcessor(
        c, [](void*, const char*) {}, nullptr);
    return PgConnection(c);
}

Error PgConnection::failure(std::string_view sql, pg_result* r) const {
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string message = primary ? primary : trimmed(PQerrorMessage(m_conn));
    ErrorCode code = state ? codeOfState(state) : ErrorCode::Database;
    if (PQstatus(m_conn) == CONNECTION_BAD) {
        code = ErrorCode::Unavailable;
        message = "the connection to the branch server was lost: " + message;
    }
    Error e = makeError(code, message);
    if (const char* detail = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL) : nullptr)
        e.message += " (" + std::string(detail) + ")";
    // The statement is for the developer, in the log, not in what the user reads; never one
    // that carries a password's verifier.
    if (sql.find("PASSWORD") == std::string_view::npos)
        spdlog::info("server statement failed ({}): {}", state ? state : "no state",
                     sql.substr(0, 160));
    return e;
}

/// The server-side name of `sql` once this session runs it a second time, prepared then: the
/// server parses, rewrites (row-level security's policies included) and plans a desk's
/// recurring statements once per session instead of at every call. A statement run once (DDL,
/// a one-off read) stays unnamed, and so does one without parameters (BEGIN, COMMIT: nothing to
/// save). Null: run it unnamed.
Result<const char*> PgConnection::preparedName(std::string_view sql, int parameters) {
    constexpr std::size_t kRemembered = 512; // distinct texts; a session's desk writes use ~50
    if (parameters == 0) return nullptr;
    const auto it = m_seen.find(sql);
    if (it == m_seen.end()) {
        if (m_seen.size() < kRemembered) m_seen.emplace(std::string(sql), Seen{});
        return nullptr;
    }
    if (!it->second.name.empty()) return it->second.name.c_str();
    std::string name = "bd_" + std::to_string(++m_prepared);
    PgRows made(PQprepare(m_conn, name.c_str(), it->first.c_str(), parameters, nullptr));
    if (!made.m_r || PQresultStatus(made.m_r.get()) != PGRES_COMMAND_OK)
        return failure(sql, made.m_r.get());
    it->second.name = std::move(name);
    return it->second.name.c_str();
}

Result<PgRows> PgConnection::query(std::string_view sql, const PgParams& params) {
    const auto values = params.pointers();
    auto name = preparedName(sql, params.size());
    if (!name) return name.error();
    PgRows rows(
        *name ? PQexecPrepared(m_conn, *name, params.size(), values.data(), nullptr, nullptr, 0)
              : PQexecParams(m_conn, std::string(sql).c_str(), params.size(), nullptr,
                             values.data(), nullptr, nullptr, 0));
    const ExecStatusType st = rows.m_r ? PQresultStatus(rows.m_r.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return failure(sql, rows.m_r.get());
    return rows;
}

Status PgConnection::run(std::string_view sql, const PgParams& params) {
    auto r = query(sql, params);
    if (!r) return r.error();
    return {};
}

Status PgConnection::script(std::string_view sql) {
    const std::string text(sql);
    PgRows rows(PQexec(m_conn, text.c_str()));
    const ExecStatusType st = rows.m_r ? PQresultStatus(rows.m_r.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return failure(sql, rows.m_r.get());
    return {};
}

Status PgConnection::copyBegin(std::string_view sql) {
    const std::string text(sql);
    PgRows rows(PQexec(m_conn, text.c_str()));
    if (!rows.m_r || PQresultStatus(rows.m_r.get()) != PGRES_COPY_IN)
        return failure(sql, rows.m_r.get());
    return {};
}

Status PgConnection::copyPut(std::string_view data) {
    if (PQputCopyData(m_conn, data.data(), static_cast<int>(data.size())) != 1)
        return failure("COPY", nullptr);
    return {};
}

Result<std::int64_t> PgConnection::copyEnd() {
    if (PQputCopyEnd(m_conn, nullptr) != 1) return failure("COPY", nullptr);
    std::optional<Error> error;
    std::int64_t copied = 0;
    while (pg_result* r = PQgetResult(m_conn)) {
        PgRows rows(r);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            if (!error) error = failure("COPY", r);
        } else {
            copied += rows.changed();
        }
    }
    if (error) return *error;
    return copied;
}

void PgConnection::copyAbort(std::string_view why) {
    const std::string text(why);
    if (PQputCopyEnd(m_conn, text.c_str()) != 1) return;
    while (pg_result* r = PQgetResult(m_conn)) PQclear(r);
}

int PgConnection::socket() const {
    return m_conn ? PQsocket(m_conn) : -1;
}

int PgConnection::serverProcess() const {
    return m_conn ? PQbackendPID(m_conn) : 0;
}

Result<std::vector<PgConnection::Notification>> PgConnection::waitForNotifications(int timeoutMs) {
    std::vector<Notification> channels;
    const auto drain = [&] {
        while (PGnotify* n = PQnotifies(m_conn)) {
            channels.push_back({n->relname, n->extra ? n->extra : "", n->be_pid});
            PQfreemem(n);
        }
    };
    if (PQconsumeInput(m_conn) != 1) return failure("LISTEN", nullptr);
    drain();
    if (!channels.empty() || timeoutMs <= 0) return channels;
    pollfd fd{PQsocket(m_conn), POLLIN, 0};
    if (fd.fd < 0) return failure("LISTEN", nullptr);
    if (::poll(&fd, 1, timeoutMs) > 0) {
        if (PQconsumeInput(m_conn) != 1) return failure("LISTEN", nullptr);
        drain();
    }
    return channels;
}

std::string PgConnection::host() const {
    const char* h = m_conn ? PQhost(m_conn) : nullptr;
    return h ? h : "";
}

int PgConnection::serverVersion() const {
    return m_conn ? PQserverVersion(m_conn) : 0;
}

bool PgConnection::isOpen() const {
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

Status PgConnection::reconnect() {
    if (!m_conn) return makeError(ErrorCode::Internal, "reconnect of a closed connection");
    PQreset(m_conn);
    m_seen.clear(); // a new session: the statements prepared on the old one are gone
    if (PQstatus(m_conn) != CONNECTION_OK) {
        const std::string why = trimmed(PQerrorMessage(m_conn));
        return makeError(codeOfConnectFailure(why),
                         "cannot reconnect to the branch server: " + why);
    }
    return {};
}

Status PgConnection::probe() {
    return run("SELECT 1");
}

// PgTransaction ---------------------------------------------------------------------------

Result<PgTransaction> PgTransaction::begin(PgConnection& c, Isolation isolation) {
    const char* sql = "BEGIN";
    switch (isolation) {
    case Isolation::Serializable:
        sql = "BEGIN ISOLATION LEVEL SERIALIZABLE";
        break;
    case Isolation::RepeatableRead:
        sql = "BEGIN ISOLATION LEVEL REPEATABLE READ";
        break;
    case Isolation::ReadOnlySnapshot:
        sql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
        break;
    case Isolation::ReadCommitted:
        break;
    }
    if (auto s = c.run(sql); !s) return s.error();
    return PgTransaction(c);
}

PgTransaction::~PgTransaction() {
    // A failed statement leaves the transaction aborted; ROLLBACK ends it either way. On a
    // dropped connection the server has rolled back already.
    if (m_c && m_c->isOpen()) (void)m_c->run("ROLLBACK");
}

Status PgTransaction::commit() {
    PgConnection* c = std::exchange(m_c, nullptr);
    if (!c) return makeError(ErrorCode::Internal, "commit of a finished transaction");
    auto r = c->query("COMMIT");
    if (!r) return r.error();
    // COMMIT of a transaction a failed statement aborted succeeds as a ROLLBACK.
    if (r->command() != "COMMIT")
        return makeError(ErrorCode::Database, "the transaction was rolled back, not committed");
    return {};
}

namespace {

/// A string that libpq allocated (freed here), or `fallback` when it could not.
std::string takeLibpqString(char* q, std::string_view fallback) {
    if (!q) return std::string(fallback);
    std::string s(q);
    PQfreemem(q);
    return s;
}

} // namespace

std::string quoteIdentifier(PgConnection& c, std::string_view name) {
    return takeLibpqString(PQescapeIdentifier(c.handle(), name.data(), name.size()), "\"\"");
}

std::string quoteLiteral(PgConnection& c, std::string_view value) {
    return takeLibpqString(PQescapeLiteral(c.handle(), value.data(), value.size()), "''");
}

Result<std::string> passwordVerifier(PgConnection& c, const std::string& login,
                                     const std::string& password) {
    char* v = PQencryptPasswordConn(c.handle(), password.c_str(), login.c_str(), "scram-sha-256");
    if (!v) return makeError(ErrorCode::Database, trimmed(PQerrorMessage(c.handle())));
    return takeLibpqString(v, {});
}

} // namespace bd::storage
