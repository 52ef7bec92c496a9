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

} // namespace bd::services::cmd
