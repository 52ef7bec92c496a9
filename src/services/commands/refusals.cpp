#include "services/commands/refusals.h"

#include <memory>
#include <utility>

#include "core/enums.h"
#include "phrasebook/phrasebook.h"
#include "storage/book/recordstore.h"

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

Error brokerOutOfView(storage::RecordStore& store, const std::string& brokerId) {
    auto known = store.brokerExists(brokerId);
    if (!known) return known.error();
    if (*known)
        return notPermitted(RefusalFact(RefusalKind::NotYours)
                                .text(Arg::Entity, "broker")
                                .text(Arg::EntityId, brokerId));
    return refused(RefusalFact(RefusalKind::UnknownBroker)
                       .text(Arg::Field, "broker_id")
                       .text(Arg::Value, brokerId)
                       .text(Arg::Broker, std::string(kServiceDeskQueue)));
}

} // namespace bd::services::cmd
