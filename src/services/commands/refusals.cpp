#include "services/commands/refusals.h"

#include <memory>
#include <utility>

#include "phrasebook/phrasebook.h"

namespace bd::services::cmd {

Error refused(RefusalFact fact, std::vector<RefusalFact> details) {
    auto r = std::make_shared<Refusal>(Refusal{std::move(fact), std::move(details)});
    Error e = makeError(ErrorCode::InvalidInput, phrase::refusal(*r, phrase::Lang::En));
    e.column_name = r->fact.textOf(Arg::Field);
    e.value = r->fact.textOf(Arg::Value);
    e.refusal = std::move(r);
    return e;
}

Error notPermitted(RefusalFact fact) {
    Error out = refused(std::move(fact));
    out.code = ErrorCode::NotPermitted;
    return out;
}

Error policyRefusal(Error e, std::string entity, std::string id) {
    if (e.code != ErrorCode::NotPermitted || e.refusal) return e;
    return notPermitted(RefusalFact(RefusalKind::NotYours)
                            .text(Arg::Entity, std::move(entity))
                            .text(Arg::EntityId, std::move(id)));
}

} // namespace bd::services::cmd
