#include "storage/pg/pglisten.h"

namespace bd::storage {

Result<PgListener> PgListener::listen(const std::string& conninfo, const std::string& channel) {
    auto c = PgConnection::connect(conninfo);
    if (!c) return c.error();
    PgListener l(std::move(*c), channel);
    if (auto s = l.start(); !s) return s.error();
    return l;
}

Status listenOn(PgConnection& c, const std::string& channel) {
    // LISTEN takes no parameters: the channel is quoted as an identifier.
    return c.run("LISTEN " + quoteIdentifier(c, channel));
}

Status PgListener::start() {
    return listenOn(m_c, m_channel);
}

Status PgListener::reconnect() {
    if (auto s = m_c.reconnect(); !s) return s;
    return start();
}

} // namespace bd::storage
