#pragma once
// A thin RAII layer over the SQLite C API: Database owns the connection, Statement a
// prepared statement (bound parameters only), Transaction rolls back unless committed.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace bd::storage {

/// How long a connection waits for another one's lock before giving up (SQLITE_BUSY).
inline constexpr int kBusyTimeoutMs = 5000;

/// How long a book opened from now on waits for another connection's write before giving up
/// with ErrorCode::Busy (default kBusyTimeoutMs; a batch program may wait longer). Process-wide.
void setBusyTimeoutMs(int ms);
int busyTimeoutMs();

class Statement;

/// One open SQLite connection (not shared between threads).
class Database {
  public:
    /// Opens or creates `path` (":memory:" for a private in-memory book).
    static Result<Database> open(const std::string& path, bool create = true);

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    /// Runs one or more statements with no parameters and no results (DDL, pragmas).
    Status exec(std::string_view sql);
    /// Prepares a statement; errors carry SQLite's message.
    Result<Statement> prepare(std::string_view sql);
    /// A prepared statement cached by its SQL text (for hot paths).
    std::int64_t lastInsertRowId() const;
    int changes() const;
    const std::string& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }
    Error lastError(std::string_view context) const;

  private:
    Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db = nullptr;
    std::string m_path;
};

/// A prepared statement. bind* indexes are 1-based; step() returns true while rows come.
class Statement {
  public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::int64_t v);
    Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
    Statement& bind(int index, double v);
    Statement& bind(int index, std::string_view v);       // copied (SQLITE_TRANSIENT)
    Statement& bindStatic(int index, std::string_view v); // must outlive the step
    Statement& bindBlob(int index, std::string_view v);   // must outlive the step
    Statement& bindNull(int index);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& v) {
        return v ? bind(index, *v) : bindNull(index);
    }

    /// Advances; true = a row is ready, false = done. Errors are returned as Result.
    Result<bool> step();
    /// Steps to completion (for INSERT/UPDATE/DELETE), then resets.
    Status run();
    void reset(); // keeps bindings
    void clearBindings();

    int columnCount() const;
    bool isNull(int col) const;
    std::int64_t int64(int col) const;
    int int32(int col) const { return static_cast<int>(int64(col)); }
    double real(int col) const;
    std::string text(int col) const;
    std::string_view textView(int col) const; // valid until the next step
    std::string_view blob(int col) const;     // valid until the next step
    std::optional<std::int64_t> optInt64(int col) const;
    std::optional<std::string> optText(int col) const;

  private:
    friend class Database;
    Statement(sqlite3_stmt* stmt, sqlite3* db) : m_stmt(stmt), m_db(db) {}
    sqlite3_stmt* m_stmt = nullptr;
    sqlite3* m_db = nullptr;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless commit() succeeded.
class Transaction {
  public:
    /// Immediate: takes the write lock now, readers go on (WAL). Exclusive: also keeps every
    /// other connection out until the end (a rollback-journal bulk load, see importer.cpp).
    enum class Lock { Immediate, Exclusive };
    explicit Transaction(Database& db, Lock lock = Lock::Immediate);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    const Status& began() const { return m_began; }
    Status commit();

  private:
    Database& m_db;
    Status m_began;
    bool m_done = false;
};

/// Runs a single-value query such as "SELECT count(*) FROM t".
Result<std::int64_t> queryInt(Database& db, std::string_view sql);

} // namespace bd::storage
