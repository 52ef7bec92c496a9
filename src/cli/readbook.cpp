#include "cli/readbook.h"

#include "storage/pg/pgconnection.h"

namespace bd::cli {

ReadBook::ReadBook(ReadBook&&) noexcept = default;
ReadBook& ReadBook::operator=(ReadBook&&) noexcept = default;
ReadBook::~ReadBook() = default;

Result<ReadBook> ReadBook::open(const std::string& location) {
    ReadBook b;
    auto record = services::RecordBook::open(location);
    if (!record) return record.error();
    b.m_record = std::make_unique<services::RecordBook>(std::move(*record));
    if (b.m_record->isServer()) {
        auto copy = services::copyForReading(*b.m_record->server());
        if (!copy) return copy.error();
        b.m_copy = std::move(*copy);
    }
    return b;
}

SettingsBook::SettingsBook(SettingsBook&&) noexcept = default;
SettingsBook& SettingsBook::operator=(SettingsBook&&) noexcept = default;
SettingsBook::~SettingsBook() = default;

Result<SettingsBook> SettingsBook::open(const std::string& location) {
    SettingsBook b;
    auto record = services::RecordBook::open(location);
    if (!record) return record.error();
    b.m_record = std::make_unique<services::RecordBook>(std::move(*record));
    if (auto s = b.takeCopy(); !s) return s.error();
    return b;
}

Status SettingsBook::takeCopy() {
    auto copy = m_record->store().settingsCopy(); // none on a desk: its own book
    if (!copy) return copy.error();
    m_copy = std::move(*copy);
    return {};
}

Result<services::cmd::Applied> SettingsBook::execute(const services::cmd::Command& command) {
    auto r = m_record->execute(command);
    if (r && m_copy)
        if (auto s = takeCopy(); !s) return s.error();
    return r;
}

} // namespace bd::cli
