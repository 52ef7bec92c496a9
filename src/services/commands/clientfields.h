#pragma once
// A client's profile fields as text (the words and forms clients.csv takes), validated by the
// importer's rules (core/clientrules.h, core/idnumber.h), and the flat JSON objects the audit
// trail stores as before/after values.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/refusal.h"
#include "core/result.h"
#include "services/commands/command.h"
#include "storage/book/recordstore.h"

namespace bd::services::cmd {

/// The field as text, as setField takes it back.
std::string fieldText(const storage::ClientRecord& r, ClientField f);
/// Sets one field from its text; InvalidInput naming the client, the field and the rule.
/// (Whether a broker or branch exists is the caller's check: it needs the store.)
Status setField(storage::ClientRecord& r, const FieldValue& v);
/// A located InvalidInput error about one field of a client.
Error fieldError(const std::string& clientId, ClientField f, RefusalKind kind,
                 const std::string& value);

/// {"key": "text", ...} in the given order.
std::string flatJson(const std::vector<std::pair<std::string, std::string>>& members);
/// The members of a flat object (numbers as their text); none when it is not one.
std::optional<std::vector<std::pair<std::string, std::string>>> readFlatJson(std::string_view s);

} // namespace bd::services::cmd
