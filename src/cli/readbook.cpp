#include "cli/readbook.h"

#include "core/moveinto.h"
#include "storage/pg/pgconnection.h"
#include "storage/pg/pgreplica.h"

namespace bd::cli {
namespace {

/// The book where writes go: the desk's file or the server.
Result<std::unique_ptr<services::RecordBook>> openRecord(const std::string& location) {
    auto record = services::RecordBook::open(location);
    if (!record) return record.error();
    return std::make_unique<services::RecordBook>(std::move(*record));
}

} // namespace

Result<ReadBook> ReadBook::open(const std::string& location,
                                const services::ChooseTradeRows& trades) {
    ReadBook b;
    if (auto s = moveInto(b.m_record, openRecord(location)); !s) return s.error();
    if (!b.m_record->isServer()) return b;
    storage::PgConnection& c = *b.m_record->server();
    if (auto s = moveInto(b.m_copy, trades ? services::copyForReadingWithTrades(c, trades)
                                           : services::copyForReading(c));
        !s)
        return s.error();
    // The brokers and branches listed are the login's own (a broker's coverage, a branch's
    // export), as on the workstation's replica.
    if (auto s = storage::keepLoginsPeople(c, b.m_copy->db()); !s) return s.error();
    return b;
}

Result<SettingsBook> SettingsBook::open(const std::string& location) {
    SettingsBook b;
    if (auto s = moveInto(b.m_record, openRecord(location)); !s) return s.error();
    if (auto s = b.takeCopy(); !s) return s.error();
    return b;
}

Status SettingsBook::takeCopy() {
    return moveInto(m_copy, m_record->store().settingsCopy()); // none on a desk: its own book
}

Result<services::cmd::Applied> SettingsBook::execute(const services::cmd::Command& command) {
    auto r = m_record->execute(command);
    if (r && m_copy)
        if (auto s = takeCopy(); !s) return s.error();
    return r;
}

} // namespace bd::cli
