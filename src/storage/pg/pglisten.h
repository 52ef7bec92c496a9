#pragma once
// A connection of its own that LISTENs to the branch book's change channel (bd_book), for a
// desk to see other desks' changes: the server's triggers send "table:client_ref" after each
// commit (pgsecurity_sql.cpp, bd_notify_change), the nightly batch "analytics_runs:id" and
// "plan_runs:id" (pgbatch.cpp). Kept apart from the connection that writes, so that a long
// write never delays the news and a caller can watch the socket (poll, a QSocketNotifier).
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// The channel the branch book announces its changes on.
inline constexpr const char* kBookChannel = "bd_book";

/// LISTENs to `channel` on `c` (a connection the caller also uses otherwise: `server watch`).
Status listenOn(PgConnection& c, const std::string& channel = kBookChannel);

class PgListener {
  public:
    /// Connects with `conninfo` (a URI or key=value string) and LISTENs to `channel`.
    static Result<PgListener> listen(const std::string& conninfo,
                                     const std::string& channel = kBookChannel);

    /// The socket that becomes readable when news arrives; -1 when the connection is closed.
    /// It changes after reconnect().
    int socket() const { return m_c.socket(); }
    /// The notifications that have arrived, without waiting. Unavailable when the connection
    /// dropped (then reconnect()).
    Result<std::vector<PgConnection::Notification>> take() { return m_c.waitForNotifications(0); }
    /// Connects again with the same parameters and LISTENs again; what was sent meanwhile is
    /// lost, so the caller reads the book again.
    Status reconnect();
    bool isOpen() const { return m_c.isOpen(); }

  private:
    PgListener(PgConnection c, std::string channel)
        : m_c(std::move(c)), m_channel(std::move(channel)) {}
    Status start();
    PgConnection m_c;
    std::string m_channel;
};

} // namespace bd::storage
