#pragma once
// A thin RAII layer over the SQLite C API: Database owns the connection, Statement a
// prepared statement (bound parameters only), Transaction rolls back unless committed.
// Values of the book's own types are bound and read in their stored form: Date as days since
// 1970-01-01, DateTime as seconds, Money as 0.0001 CNY units, a domain enum as its code (read
// back checked against bd::kEnumCodes).
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/date.h"
#include "core/enums.h"
#include "core/money.h"
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

/// An enum the book stores as its integer code (bd::kEnumCodes says how many codes it has).
template <typename E>
concept StoredEnum = std::is_enum_v<E> &&(kEnumCodes<E> > 0);

/// A prepared statement. bind* indexes are 1-based, column indexes 0-based; step() returns true
/// while rows come. A bind that SQLite refuses, or a read of an enum code out of range, is kept
/// and returned by the next step(), run(), forEach() or first(), located with the SQL.
/// Text bound without a copy (Statement::bindStatic): it must outlive the step.
struct StaticText {
    std::string_view text;
};

class Statement {
  public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    /// How many parameters the SQL has (?1 .. ?N).
    int parameterCount() const;
    Statement& bind(int index, std::int64_t v);
    Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
    Statement& bind(int index, bool v) { return bind(index, static_cast<std::int64_t>(v)); }
    Statement& bind(int index, double v);
    Statement& bind(int index, std::string_view v); // copied (SQLITE_TRANSIENT)
    Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
    Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
    Statement& bind(int index, Date v) { return bind(index, static_cast<std::int64_t>(v.days)); }
    Statement& bind(int index, DateTime v) { return bind(index, v.secs); }
    Statement& bind(int index, Money v) { return bind(index, v.units); }
    Statement& bind(int index, std::nullopt_t) { return bindNull(index); }
    template <StoredEnum E>
    Statement& bind(int index, E v) {
        return bind(index, static_cast<std::int64_t>(v));
    }
    template <typename T>
    Statement& bind(int index, const std::optional<T>& v) {
        return v ? bind(index, *v) : bindNull(index);
    }
    Statement& bindStatic(int index, std::string_view v); // must outlive the step
    Statement& bindBlob(int index, std::string_view v);   // must outlive the step
    Statement& bindNull(int index);

    Statement& bind(int index, StaticText v) { return bindStatic(index, v.text); }

    /// Binds `values` to parameters 1, 2, ... in order (any type bind() takes).
    template <typename... Ts>
    Statement& bindAll(const Ts&... values) {
        bindFrom(1, values...);
        return *this;
    }
    /// Binds `values` to parameters `first`, `first` + 1, ... in order (any type bind() takes);
    /// the parameter after the last.
    template <typename... Ts>
    int bindFrom(int first, const Ts&... values) {
        int index = first;
        (bind(index++, values), ...);
        return index;
    }

    /// Advances; true = a row is ready, false = done. Errors are returned as Result.
    Result<bool> step();
    /// Steps to completion (for INSERT/UPDATE/DELETE), then resets.
    Status run();
    /// Steps through every row, calling `fn` (taking `const Statement&` or nothing) on each; a
    /// `fn` that returns a Status stops the loop with its error, one that returns a bool stops
    /// it (successfully) with false. Resets the statement after.
    template <typename Fn>
    Status forEach(Fn&& fn);
    /// Steps to the first row and calls `fn` on it; false when there is no row. Resets after.
    template <typename Fn>
    Result<bool> first(Fn&& fn);
    void reset(); // keeps bindings
    void clearBindings();
    /// The statement's SQL as prepared.
    std::string sql() const;

    int columnCount() const;
    bool isNull(int col) const;
    std::int64_t int64(int col) const;
    int int32(int col) const { return static_cast<int>(int64(col)); }
    bool boolean(int col) const { return int64(col) != 0; }
    double real(int col) const;
    std::string text(int col) const;
    std::string_view textView(int col) const; // valid until the next step
    std::string_view blob(int col) const;     // valid until the next step
    Date date(int col) const { return Date{static_cast<std::int32_t>(int64(col))}; }
    DateTime dateTime(int col) const { return DateTime{int64(col)}; }
    Money money(int col) const { return Money::fromUnits(int64(col)); }
    std::optional<std::int64_t> optInt64(int col) const;
    std::optional<double> optReal(int col) const;
    std::optional<std::string> optText(int col) const;
    std::optional<Date> optDate(int col) const;
    std::optional<Money> optMoney(int col) const;
    /// The enum of a stored code; a code out of range reads as E{} and fails the statement's
    /// next step (the error names the column, the code and the SQL).
    template <StoredEnum E>
    E enumAt(int col) const {
        const std::int64_t code = int64(col);
        if (auto e = enumFromCode<E>(code)) return *e;
        failRead(col, code);
        return E{};
    }

  private:
    friend class Database;
    Statement(sqlite3_stmt* stmt, sqlite3* db) : m_stmt(stmt), m_db(db) {}
    void checkBind(int rc, int index);
    void failRead(int col, std::int64_t code) const;
    Error located(std::string message) const;
    /// The kept bind or read error (cleared), or success.
    Status takeError();
    sqlite3_stmt* m_stmt = nullptr;
    sqlite3* m_db = nullptr;
    mutable std::optional<Error> m_error;
};

template <typename Fn>
Status Statement::forEach(Fn&& fn) {
    const auto call = [&]() -> decltype(auto) {
        if constexpr (std::is_invocable_v<Fn&, const Statement&>)
            return fn(std::as_const(*this));
        else
            return fn();
    };
    using R = decltype(call());
    static_assert(std::is_void_v<R> || std::is_same_v<R, bool> || std::is_same_v<R, Status>,
                  "a row callback returns nothing, a bool (false: stop) or a Status");
    for (;;) {
        auto r = step();
        if (!r) return r.error();
        if (!*r) return {};
        if constexpr (std::is_same_v<R, Status>) {
            if (Status s = call(); !s) {
                reset();
                return s;
            }
        } else if constexpr (std::is_same_v<R, bool>) {
            if (!call()) {
                reset();
                return takeError();
            }
        } else {
            call();
        }
        if (m_error) [[unlikely]] {
            reset();
            return takeError();
        }
    }
}

template <typename Fn>
Result<bool> Statement::first(Fn&& fn) {
    auto r = step();
    if (!r) return r.error();
    if (!*r) return false;
    if constexpr (std::is_invocable_v<Fn&, const Statement&>)
        fn(std::as_const(*this));
    else
        fn();
    reset();
    if (auto s = takeError(); !s) return s.error();
    return true;
}

/// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless commit() succeeded.
/// Inside another transaction it is a savepoint of it (so a command can run services that
/// open their own): its rollback undoes only its part, the outer commit makes it durable.
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
    bool m_nested = false;
    Status m_began;
    bool m_done = false;
};

/// Runs a single-value query such as "SELECT count(*) FROM t".
Result<std::int64_t> queryInt(Database& db, std::string_view sql);

/// Prepares `sql`, binds `params` to ?1, ?2, ... and runs it to completion.
template <typename... Ts>
Status execute(Database& db, std::string_view sql, const Ts&... params) {
    auto st = db.prepare(sql);
    if (!st) return st.error();
    st->bindAll(params...);
    return st->run();
}

} // namespace bd::storage
