// The branch book, version 16 (issue 19, the batch keeps its copy): the token of the nightly
// batch's kept working copy in bd_meta ('batch_copy_token'). The batch writes a new one with
// each night's results, in their transaction; its copy records the token once they are
// committed. A copy whose token is not the server's (another batch machine wrote results, the
// server was restored to before the night, the token's write was lost) is made again whole.
// Only the batch may set it, and only through this function (it has no write on bd_meta); the
// write is audited as every write of bd_meta (row_audit). Kept apart from the other versions'
// files so that it can be renumbered.
#include "storage/pg/pgschema_v16_batch_copy_token.h"

namespace bd::storage {
namespace {

const char* const kBatchCopyTokenV16 = R"SQL(
CREATE OR REPLACE FUNCTION bd_set_batch_copy_token(token text) RETURNS void LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF bd_my_role() IS DISTINCT FROM 'batch' THEN
    RAISE EXCEPTION 'only the batch login writes its copy''s token' USING ERRCODE = '42501';
  END IF;
  IF token IS NULL OR token !~ '^[0-9a-f]{32}$' THEN
    RAISE EXCEPTION 'a batch copy token is 32 hexadecimal digits' USING ERRCODE = '22023';
  END IF;
  INSERT INTO bd_meta(key, value) VALUES ('batch_copy_token', token)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
END $$;
REVOKE ALL ON FUNCTION bd_set_batch_copy_token(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bd_set_batch_copy_token(text) TO batch;
)SQL";

} // namespace

Status migrateBatchCopyTokenV16(PgConnection& admin) {
    return admin.script(kBatchCopyTokenV16);
}

} // namespace bd::storage
