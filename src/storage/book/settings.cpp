#include "storage/book/settings.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "core/text.h"

namespace bd::storage {

Result<std::optional<std::string>> getSetting(Database& db, std::string_view key) {
    auto st = db.prepare("SELECT value FROM settings WHERE key = ?1");
    if (!st) return st.error();
    st->bind(1, key);
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) return std::optional<std::string>{};
    return std::optional<std::string>{st->text(0)};
}

Result<std::optional<double>> getSettingDouble(Database& db, std::string_view key) {
    auto s = getSetting(db, key);
    if (!s) return s.error();
    if (!*s) return std::optional<double>{};
    const std::string_view text = trim(**s);
    double v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v)) {
        Error e = makeError(ErrorCode::InvalidInput, "setting is not a number");
        e.column_name = std::string(key);
        e.value = **s;
        return e;
    }
    return std::optional<double>{v};
}

Status setSetting(Database& db, std::string_view key, std::string_view value) {
    auto st = db.prepare("INSERT OR REPLACE INTO settings(key, value) VALUES (?1, ?2)");
    if (!st) return st.error();
    st->bind(1, key).bind(2, value);
    return st->run();
}

Status setSettingDouble(Database& db, std::string_view key, double value) {
    if (!std::isfinite(value)) {
        Error e = makeError(ErrorCode::InvalidInput, "setting must be a finite number");
        e.column_name = std::string(key);
        return e;
    }
    return setSetting(db, key, fmt::format("{}", value)); // shortest round-trip form
}

Status removeSetting(Database& db, std::string_view key) {
    auto st = db.prepare("DELETE FROM settings WHERE key = ?1");
    if (!st) return st.error();
    st->bind(1, key);
    return st->run();
}

Result<std::vector<std::pair<std::string, std::string>>> listSettings(Database& db,
                                                                      std::string_view prefix) {
    auto st = db.prepare(
        "SELECT key, value FROM settings WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key");
    if (!st) return st.error();
    st->bind(1, prefix);
    std::vector<std::pair<std::string, std::string>> out;
    if (auto done = st->forEach([&] { out.emplace_back(st->text(0), st->text(1)); }); !done)
        return done.error();
    return out;
}

} // namespace bd::storage
