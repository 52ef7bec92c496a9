#include "services/valueparams.h"

#include "services/booksettings.h"
#include "services/commands/refusals.h"
#include "storage/book/settings.h"

namespace bd::services {

namespace {
constexpr std::string_view kPrefix = "value.";
}

Result<analytics::ValueModelParams> loadValueModelParams(storage::Database& db) {
    analytics::ValueModelParams p;
    for (const auto& [key, unused] : analytics::toKeyValues(p)) {
        (void)unused;
        // Each value in its range, as the settings command checks it (a book may hold one
        // written before a range was tightened).
        auto v = loadCheckedNumber(db, std::string(kPrefix) + key);
        if (!v) return v.error();
        if (*v)
            if (auto s = analytics::setParam(p, key, **v); !s) return s.error();
    }
    if (p.weight_profit + p.weight_clv <= 0)
        return cmd::refused(RefusalFact(RefusalKind::SettingsBothZero)
                                .text(Arg::Field, std::string(kPrefix) + "weight_profit")
                                .text(Arg::OtherField, std::string(kPrefix) + "weight_clv"));
    if (auto s = analytics::validate(p); !s) return s.error();
    return p;
}

Status saveValueModelParams(storage::Database& db, const analytics::ValueModelParams& p) {
    if (auto s = analytics::validate(p); !s) return s;
    storage::Transaction tx(db);
    if (!tx.began()) return tx.began();
    for (const auto& [key, value] : analytics::toKeyValues(p))
        if (auto s = storage::setSettingDouble(db, std::string(kPrefix) + key, value); !s) return s;
    return tx.commit();
}

Result<bool> valueModelChangedSince(storage::Database& db, const std::string& runParameters) {
    auto p = loadValueModelParams(db);
    if (!p) return p.error();
    return analytics::toJson(*p) != runParameters;
}

} // namespace bd::services
