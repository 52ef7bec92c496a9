#pragma once
// A thin RAII layer over libpq, the PostgreSQL counterpart of db/database.h: PgConnection owns
// a connection, PgRows a result, PgTransaction rolls back unless committed. Every statement
// with values takes them as parameters ($1, $2, ...; sent apart from the SQL, never spliced).
// The book's own types travel in their stored form, as on SQLite: Date as days since
// 1970-01-01, DateTime as seconds, Money as 0.0001 CNY units, a domain enum as its code.
// Errors keep PostgreSQL's SQLSTATE: a write a row-level security policy or a missing grant
// refuses is ErrorCode::NotPermitted, an unreachable server or a dropped connection
// ErrorCode::Unavailable, a serialization failure or deadlock ErrorCode::Busy.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/enums.h"
#include "core/money.h"
#include "core/result.h"

struct pg_conn;
struct pg_result;

namespace bd::storage {

/// Is `location` a PostgreSQL connection URI (postgresql:// or postgres://) rather than a path?
bool isServerLocation(std::string_view location);

/// `location` with any password removed, for titles, logs and messages.
std::string redactedLocation(std::string_view location);

/// The values of one statement, in $1, $2, ... order. NULL is std::nullopt.
class PgParams {
  public:
    PgParams() = default;
    template <typename... Ts>
    explicit PgParams(const Ts&... values) {
        (add(values), ...);
    }

    PgParams& add(std::int64_t v) { return text(std::to_string(v)); }
    PgParams& add(int v) { return text(std::to_string(v)); }
    PgParams& add(bool v) { return text(v ? "t" : "f"); }
    PgParams& add(double v);
    PgParams& add(std::string_view v) { return text(std::string(v)); }
    PgParams& add(const std::string& v) { return text(v); }
    PgParams& add(const char* v) { return text(v); }
    PgParams& add(Date v) { return add(static_cast<std::int64_t>(v.days)); }
    PgParams& add(DateTime v) { return add(v.secs); }
    PgParams& add(Money v) { return add(v.units); }
    PgParams& add(std::nullopt_t);
    template <typename E>
    requires std::is_enum_v<E> PgParams& add(E v) { return add(static_cast<std::int64_t>(v)); }
    template <typename T>
    PgParams& add(const std::optional<T>& v) {
        return v ? add(*v) : add(std::nullopt);
    }

    int size() const { return static_cast<int>(m_values.size()); }
    /// Pointers for PQexecParams (nullptr = NULL), valid while this object lives unchanged.
    std::vector<const char*> pointers() const;

  private:
    PgParams& text(std::string v);
    std::vector<std::optional<std::string>> m_values;
};

/// The rows of one statement (owns the PGresult). Columns are 0-based.
class PgRows {
  public:
    PgRows() = default;
    explicit PgRows(pg_result* r) : m_r(r) {}

    int size() const;
    bool empty() const { return size() == 0; }
    /// Rows an INSERT, UPDATE or DELETE changed.
    std::int64_t changed() const;
    /// The command tag ("COMMIT", "ROLLBACK", "INSERT 0 1", ...).
    std::string command() const;
    bool isNull(int row, int col) const;
    std::string_view textView(int row, int col) const;
    std::string text(int row, int col) const { return std::string(textView(row, col)); }
    std::int64_t int64(int row, int col) const;
    int int32(int row, int col) const { return static_cast<int>(int64(row, col)); }
    bool boolean(int row, int col) const { return textView(row, col) == "t"; }
    double real(int row, int col) const;
    Date date(int row, int col) const { return Date{static_cast<std::int32_t>(int64(row, col))}; }
    DateTime dateTime(int row, int col) const { return DateTime{int64(row, col)}; }
    Money money(int row, int col) const { return Money::fromUnits(int64(row, col)); }
    std::optional<std::int64_t> optInt64(int row, int col) const;
    std::optional<std::string> optText(int row, int col) const;
    std::optional<Date> optDate(int row, int col) const;
    /// The enum of a stored code; out of range reads as E{} (the server's CHECKs keep codes in
    /// range, so this is a guard, not a path).
    template <typename E>
    requires std::is_enum_v<E> E enumAt(int row, int col)
    const { return enumFromCode<E>(int64(row, col)).value_or(E{}); }

  private:
    friend class PgConnection;
    /// Frees the result a PgRows owns (PQclear).
    struct Clear {
        void operator()(pg_result* r) const;
    };
    std::unique_ptr<pg_result, Clear> m_r;
};

/// One row of a PgRows, read by column as a Statement reads its current row (so that one reader
/// serves both stores: book/recordcolumns.h).
class PgRow {
  public:
    PgRow(const PgRows& rows, int row) : m_rows(rows), m_row(row) {}
    bool isNull(int col) const { return m_rows.isNull(m_row, col); }
    std::string_view textView(int col) const { return m_rows.textView(m_row, col); }
    std::string text(int col) const { return m_rows.text(m_row, col); }
    bool boolean(int col) const { return m_rows.boolean(m_row, col); }
    double real(int col) const { return m_rows.real(m_row, col); }
    Money money(int col) const { return m_rows.money(m_row, col); }
    std::int64_t int64(int col) const { return m_rows.int64(m_row, col); }
    int int32(int col) const { return m_rows.int32(m_row, col); }
    Date date(int col) const { return m_rows.date(m_row, col); }
    DateTime dateTime(int col) const { return m_rows.dateTime(m_row, col); }
    std::optional<std::int64_t> optInt64(int col) const { return m_rows.optInt64(m_row, col); }
    std::optional<std::string> optText(int col) const { return m_rows.optText(m_row, col); }
    std::optional<Date> optDate(int col) const { return m_rows.optDate(m_row, col); }
    template <typename E>
    requires std::is_enum_v<E> E enumAt(int col)
    const { return m_rows.enumAt<E>(m_row, col); }

  private:
    const PgRows& m_rows;
    int m_row;
};

/// One connection to a PostgreSQL server (not shared between threads).
class PgConnection {
  public:
    /// Connects to a libpq URI or key=value string; libpq's environment variables (PGHOST,
    /// PGUSER, PGPASSWORD...) and ~/.pgpass fill what it leaves out. Unavailable when the
    /// server cannot be reached, NotPermitted when the login is refused.
    static Result<PgConnection> connect(const std::string& conninfo);

    PgConnection(PgConnection&& o) noexcept;
    PgConnection& operator=(PgConnection&& o) noexcept;
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;
    ~PgConnection();

    /// Runs one statement with parameters; its rows (empty for a command).
    Result<PgRows> query(std::string_view sql, const PgParams& params = PgParams());
    /// Runs one statement with parameters, ignoring rows.
    Status run(std::string_view sql, const PgParams& params = PgParams());
    /// Runs a script of statements with no parameters (DDL), as one implicit transaction.
    Status script(std::string_view sql);

    /// COPY ... FROM STDIN: starts the copy, then put() text-format lines, then end().
    Status copyBegin(std::string_view sql);
    Status copyPut(std::string_view data);
    /// Finishes the copy; the rows copied.
    Result<std::int64_t> copyEnd();
    /// COPY ... TO STDOUT (text format): `onRow` gets each row's line (no line end) as it
    /// arrives; an error it returns ends the copy. The rows copied. (pgcopyout.cpp)
    Result<std::int64_t> copyOut(std::string_view sql,
                                 const std::function<Status(std::string_view line)>& onRow);
    /// Abandons a copy in progress (its statement fails with `why`), so that the connection
    /// takes the next statement (the ROLLBACK of a stopped import).
    void copyAbort(std::string_view why);

    /// One NOTIFY received.
    struct Notification {
        std::string channel;
        std::string payload;
        int sender = 0; // the server process of the connection whose commit sent it
    };
    /// Waits up to `timeoutMs` for NOTIFY messages on channels this connection LISTENs to;
    /// those received (empty after a timeout). 0 only collects what has arrived.
    Result<std::vector<Notification>> waitForNotifications(int timeoutMs);
    /// The socket to watch for notifications (a QSocketNotifier, poll()); -1 when closed.
    int socket() const;
    /// This connection's server process (what a notification it sent names as its sender).
    int serverProcess() const;

    /// The login (session user), database and host as the server reports them.
    const std::string& user() const { return m_user; }
    const std::string& database() const { return m_database; }
    std::string host() const;
    /// The server's version number (e.g. 150018).
    int serverVersion() const;
    bool isOpen() const;
    /// Connects again with the same parameters after the connection dropped (the server
    /// restarted, a network cut, the session was ended); whatever was uncommitted is gone.
    Status reconnect();
    /// One round trip to the server: Unavailable when the connection dropped meanwhile.
    Status probe();
    pg_conn* handle() const { return m_conn; }

  private:
    explicit PgConnection(pg_conn* c);
    Error failure(std::string_view sql, pg_result* r) const;
    Result<const char*> preparedName(std::string_view sql, int parameters);

    /// A statement text this session has run, and its server-side name once prepared.
    struct Seen {
        std::string name; // empty: not prepared (yet)
    };
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    pg_conn* m_conn = nullptr;
    std::string m_user;
    std::string m_database;
    std::unordered_map<std::string, Seen, TextHash, std::equal_to<>> m_seen;
    int m_prepared = 0;
};

/// BEGIN ... COMMIT; rolls back when destroyed uncommitted.
class PgTransaction {
  public:
    /// ReadOnlySnapshot: REPEATABLE READ, READ ONLY (one snapshot for every read; no write).
    enum class Isolation { ReadCommitted, RepeatableRead, Serializable, ReadOnlySnapshot };
    static Result<PgTransaction> begin(PgConnection& c,
                                       Isolation isolation = Isolation::ReadCommitted);
    PgTransaction(PgTransaction&& o) noexcept : m_c(o.m_c) { o.m_c = nullptr; }
    PgTransaction& operator=(PgTransaction&&) = delete;
    PgTransaction(const PgTransaction&) = delete;
    PgTransaction& operator=(const PgTransaction&) = delete;
    ~PgTransaction();
    Status commit();

  private:
    explicit PgTransaction(PgConnection& c) : m_c(&c) {}
    PgConnection* m_c = nullptr;
};

/// An identifier (a role or table name) quoted by libpq's rules, for the DDL that takes no
/// parameters (CREATE ROLE, GRANT).
std::string quoteIdentifier(PgConnection& c, std::string_view name);
/// A string literal quoted by libpq's rules, for the same DDL.
std::string quoteLiteral(PgConnection& c, std::string_view value);
/// The SCRAM-SHA-256 verifier of a password, made here so that the clear text never reaches
/// the server or its logs.
Result<std::string> passwordVerifier(PgConnection& c, const std::string& login,
                                     const std::string& password);

} // namespace bd::storage
