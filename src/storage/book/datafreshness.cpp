#include "storage/book/datafreshness.h"

#include <algorithm>

namespace bd::storage {
namespace {

/// The importer writes "YYYY-MM-DDTHH:MM:SS", the refresh "YYYY-MM-DD HH:MM:SS": one form.
std::optional<std::string> sameForm(std::optional<std::string> t) {
    if (t) std::replace(t->begin(), t->end(), 'T', ' ');
    return t;
}

Result<std::optional<std::string>> newest(Database& db, std::string_view sql) {
    auto st = db.prepare(sql);
    if (!st) return st.error();
    std::optional<std::string> out;
    if (auto r = st->first([&](const Statement& s) { out = s.optText(0); }); !r) return r.error();
    return sameForm(out);
}

} // namespace

Result<DataFreshness> readDataFreshness(Database& db) {
    DataFreshness f;
    // A rolled-back import writes no log row; every row is of a committed one.
    auto imported = newest(db, "SELECT max(replace(started_at, 'T', ' ')) FROM import_log");
    if (!imported) return imported.error();
    auto analysed = newest(db, "SELECT max(started_at) FROM analytics_runs");
    if (!analysed) return analysed.error();
    f.last_import = *imported;
    f.last_analytics = *analysed;
    return f;
}

} // namespace bd::storage
