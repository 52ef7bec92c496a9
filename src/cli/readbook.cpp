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

} // namespace bd::cli
