#include "storage/db/database.h"

#include <sqlite3.h>

#include <atomic>
#include <utility>

namespace bd::storage {
namespace {

std::atomic<int> g_busyTimeoutMs{kBusyTimeoutMs};

/// Busy (another connection's lock outlasted the wait) or any other database failure.
ErrorCode codeFor(int rc) {
    const int primary = rc & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? ErrorCode::Busy
                                                              : ErrorCode::Database;
}

} // namespace

void setBusyTimeoutMs(int ms) {
    g_busyTimeoutMs.store(ms < 0 ? 0 : ms, std::memory_order_relaxed);
}

int busyTimeoutMs() {
    return g_busyTimeoutMs.load(std::memory_order_relaxed);
}

Result<Database> Database::open(const std::string& path, bool create) {
    // Memory statistics off, before SQLite initialises: with them on, every allocation of every
    // connection takes one process-wide mutex, so a worker's bulk read (the book check after an
    // import counts every trade) held up the window's reads of the book. Nothing here reads
    // sqlite3_memory_used. (A call after SQLite initialised is refused and changes nothing.)
    static const int memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)memstatus;
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
                      SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error e = makeError(ErrorCode::Io, std::string("cannot open book: ") +
                                               (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
        e.file = path;
        sqlite3_close(db);
        return e;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, busyTimeoutMs());
    return Database(db, path);
}

Database::Database(Database&& o) noexcept
    : m_db(std::exchange(o.m_db, nullptr)), m_path(std::move(o.m_path)) {}

Database& Database::operator=(Database&& o) noexcept {
    if (this != &o) {
        if (m_db) sqlite3_close_v2(m_db);
        m_db = std::exchange(o.m_db, nullptr);
        m_path = std::move(o.m_path);
    }
    return *this;
}

Database::~Database() {
    if (m_db) sqlite3_close_v2(m_db);
}

Error Database::lastError(std::string_view context) const {
    Error e = makeError(codeFor(sqlite3_extended_errcode(m_db)),
                        std::string(context) + ": " + sqlite3_errmsg(m_db));
    e.file = m_path;
    return e;
}

Status Database::exec(std::string_view sql) {
    char* msg = nullptr;
    const std::string s(sql);
    if (const int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &msg); rc != SQLITE_OK) {
        Error e = makeError(codeFor(rc), msg ? msg : "sqlite error");
        e.value = s.substr(0, 120);
        if (e.code == ErrorCode::Busy) e.file = m_path;
        sqlite3_free(msg);
        return e;
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
        Error e = lastError("prepare");
        e.value = std::string(sql.substr(0, 120));
        return e;
    }
    return Statement(stmt, m_db);
}

std::int64_t Database::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(m_db);
}
int Database::changes() const {
    return sqlite3_changes(m_db);
}

Statement::Statement(Statement&& o) noexcept
    : m_stmt(std::exchange(o.m_stmt, nullptr)), m_db(o.m_db), m_error(std::move(o.m_error)) {}

Statement& Statement::operator=(Statement&& o) noexcept {
    if (this != &o) {
        if (m_stmt) sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(o.m_stmt, nullptr);
        m_db = o.m_db;
        m_error = std::move(o.m_error);
    }
    return *this;
}

Statement::~Statement() {
    if (m_stmt) sqlite3_finalize(m_stmt);
}

std::string Statement::sql() const {
    const char* sql = m_stmt ? sqlite3_sql(m_stmt) : nullptr;
    return sql ? std::string(sql) : std::string();
}

Error Statement::located(std::string message) const {
    Error e = makeError(ErrorCode::Database, std::move(message));
    e.value = sql().substr(0, 120);
    return e;
}

void Statement::checkBind(int rc, int index) {
    if (rc == SQLITE_OK || m_error) [[likely]]
        return;
    m_error = located("cannot bind parameter " + std::to_string(index) + ": " + sqlite3_errstr(rc));
}

void Statement::failRead(int col, std::int64_t code) const {
    if (m_error) return;
    const char* name = sqlite3_column_name(m_stmt, col);
    Error e = located("stored code " + std::to_string(code) + " is out of range in column " +
                      (name ? name : std::to_string(col)));
    e.column = col + 1;
    if (name) e.column_name = name;
    m_error = std::move(e);
}

Status Statement::takeError() {
    if (!m_error) return {};
    Error e = std::move(*m_error);
    m_error.reset();
    return e;
}

int Statement::parameterCount() const {
    return m_stmt ? sqlite3_bind_parameter_count(m_stmt) : 0;
}

Statement& Statement::bind(int i, std::int64_t v) {
    checkBind(sqlite3_bind_int64(m_stmt, i, v), i);
    return *this;
}
Statement& Statement::bind(int i, double v) {
    checkBind(sqlite3_bind_double(m_stmt, i, v), i);
    return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
    checkBind(sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT),
              i);
    return *this;
}
Statement& Statement::bindStatic(int i, std::string_view v) {
    checkBind(sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC), i);
    return *this;
}
Statement& Statement::bindBlob(int i, std::string_view v) {
    checkBind(sqlite3_bind_blob64(m_stmt, i, v.data(), v.size(), SQLITE_STATIC), i);
    return *this;
}
Statement& Statement::bindNull(int i) {
    checkBind(sqlite3_bind_null(m_stmt, i), i);
    return *this;
}

Result<bool> Statement::step() {
    if (m_error) [[unlikely]] {
        sqlite3_reset(m_stmt);
        return takeError().error();
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Error e = located(sqlite3_errmsg(m_db));
    e.code = codeFor(rc);
    if (e.code == ErrorCode::Busy)
        if (const char* file = sqlite3_db_filename(m_db, "main")) e.file = file;
    sqlite3_reset(m_stmt);
    return e;
}

Status Statement::run() {
    for (;;) {
        auto r = step();
        if (!r) return r.error();
        if (!*r) break;
    }
    sqlite3_reset(m_stmt);
    return {};
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
}
void Statement::clearBindings() {
    sqlite3_clear_bindings(m_stmt);
}
int Statement::columnCount() const {
    return sqlite3_column_count(m_stmt);
}
bool Statement::isNull(int c) const {
    return sqlite3_column_type(m_stmt, c) == SQLITE_NULL;
}
std::int64_t Statement::int64(int c) const {
    return sqlite3_column_int64(m_stmt, c);
}
double Statement::real(int c) const {
    return sqlite3_column_double(m_stmt, c);
}
std::string_view Statement::textView(int c) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, c));
    if (!p) return {};
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, c))};
}
std::string_view Statement::blob(int c) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, c));
    if (!p) return {};
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, c))};
}
namespace {
/// What `read` makes of column `c`, or nothing when it is NULL.
template <typename T>
std::optional<T> unlessNull(const Statement& st, int c, T (Statement::*read)(int) const) {
    if (st.isNull(c)) return std::nullopt;
    return (st.*read)(c);
}
} // namespace

std::string Statement::text(int c) const {
    return std::string(textView(c));
}
std::optional<std::int64_t> Statement::optInt64(int c) const {
    return unlessNull(*this, c, &Statement::int64);
}
std::optional<double> Statement::optReal(int c) const {
    return unlessNull(*this, c, &Statement::real);
}
std::optional<std::string> Statement::optText(int c) const {
    return unlessNull(*this, c, &Statement::text);
}
std::optional<Date> Statement::optDate(int c) const {
    return unlessNull(*this, c, &Statement::date);
}
std::optional<Money> Statement::optMoney(int c) const {
    return unlessNull(*this, c, &Statement::money);
}

namespace {
// Inside an open transaction (a command that runs a service which opens its own), a
// Transaction is a savepoint of the outer one: its rollback undoes only its part, and only
// the outer commit makes anything durable.
bool inTransaction(const Database& db) {
    return sqlite3_get_autocommit(db.handle()) == 0;
}
} // namespace

Transaction::Transaction(Database& db, Lock lock)
    : m_db(db), m_nested(inTransaction(db)),
      m_began(db.exec(m_nested                  ? "SAVEPOINT bd_nested"
                      : lock == Lock::Exclusive ? "BEGIN EXCLUSIVE"
                                                : "BEGIN IMMEDIATE")) {}

Transaction::~Transaction() {
    if (m_done || !m_began.ok()) return;
    (void)m_db.exec(m_nested ? "ROLLBACK TO bd_nested; RELEASE bd_nested" : "ROLLBACK");
}

Status Transaction::commit() {
    if (!m_began.ok()) return m_began;
    Status s = m_db.exec(m_nested ? "RELEASE bd_nested" : "COMMIT");
    if (s.ok()) m_done = true;
    return s;
}

Result<std::int64_t> queryInt(Database& db, std::string_view sql) {
    auto st = db.prepare(sql);
    if (!st) return st.error();
    std::int64_t v = 0;
    auto found = st->first([&](const Statement& row) { v = row.int64(0); });
    if (!found) return found.error();
    if (!*found) return makeError(ErrorCode::NotFound, "query returned no row");
    return v;
}

} // namespace bd::storage
