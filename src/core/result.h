#pragma once
// Typed errors for the engine: a result or a located error, never an exception across layers.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace bd {

struct Refusal; // core/refusal.h

enum class ErrorCode {
    None = 0,
    Usage,        // bad arguments
    InvalidInput, // a file or value was rejected; nothing changed
    NotFound,
    Io,
    Database,
    Version,      // book written by a newer BrokerDesk
    Busy,         // another connection held the book for writing longer than this one waited
    NotPermitted, // the server refused: another broker's client, a role without the right
    Unavailable,  // the branch server cannot be reached, or the connection dropped
    Internal,
};

/// A located error: where (file, line, column), what value, and why.
struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message; // the reason, in English
    std::string file;
    std::int64_t line = 0; // 1-based; 0 = not applicable
    int column = 0;        // 1-based; 0 = not applicable
    std::string column_name;
    std::string value;
    /// Why a command refused, as a fact the phrasebook words in the user's language (none:
    /// `message` is all there is). Shared: an Error is copied freely, a refusal never changes.
    std::shared_ptr<const Refusal> refusal;

    /// `file:line:column: reason (value)`, omitting what is unknown.
    std::string toString() const;
};

/// Minimal expected<T, Error> (C++20 has no std::expected).
template <typename T>
class [[nodiscard]] Result {
  public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<1>(m_v); }

  private:
    std::variant<T, Error> m_v;
};

/// Result of an operation with no value.
class [[nodiscard]] Status {
  public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {}
    static Status success() { return {}; }
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

  private:
    std::optional<Error> m_error;
};

inline Error makeError(ErrorCode code, std::string message) {
    Error e;
    e.code = code;
    e.message = std::move(message);
    return e;
}

} // namespace bd
