// COPY ... TO STDOUT for the server's batch (pgbatch.cpp): bulk reads of a consistent snapshot
// row by row as libpq receives them, never the whole table in one result.
#include <libpq-fe.h>

#include <optional>
#include <string>

#include "storage/pg/pgconnection.h"

namespace bd::storage {

Result<std::int64_t>
PgConnection::copyOut(std::string_view sql,
                      const std::function<Status(std::string_view line)>& onRow) {
    const std::string text(sql);
    {
        PgRows started(PQexec(m_conn, text.c_str()));
        if (!started.m_r || PQresultStatus(started.m_r.get()) != PGRES_COPY_OUT)
            return failure(sql, started.m_r.get());
    }
    std::int64_t rows = 0;
    std::optional<Error> stopped;
    for (;;) {
        char* buffer = nullptr;
        const int n = PQgetCopyData(m_conn, &buffer, 0);
        if (n < 0) break; // -1: done; -2: failed (the result below says why)
        std::string_view line(buffer, static_cast<std::size_t>(n));
        if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
        if (!stopped) {
            if (auto s = onRow(line); !s)
                stopped = s.error(); // the rest is drained: the connection stays usable
            else
                ++rows;
        }
        PQfreemem(buffer);
    }
    std::optional<Error> error;
    while (pg_result* r = PQgetResult(m_conn)) {
        PgRows done(r);
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !error) error = failure(sql, r);
    }
    if (error) return *error;
    if (stopped) return *stopped;
    return rows;
}

} // namespace bd::storage
