#pragma once
// The branch book's schema version 16: the nightly batch's kept copy names the results it
// holds with a token the batch writes into bd_meta with the results
// (pgschema_v16_batch_copy_token.cpp; the reader: services/batchcopy.h).
#include <string_view>

#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// The server schema version from which the batch writes its kept copy's token.
inline constexpr int kServerBatchCopyTokenVersion = 16;

/// bd_meta's key of the token.
inline constexpr std::string_view kBatchCopyTokenKey = "batch_copy_token";

/// Applies the version inside initServer's transaction, as bd_owner (SET LOCAL ROLE), which it
/// leaves set.
Status migrateBatchCopyTokenV16(PgConnection& admin);

} // namespace bd::storage
