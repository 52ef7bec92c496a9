#include "storage/db/bulkinsert.h"

#include "storage/db/vtabrows.h"

namespace bd::storage {
namespace {

void emit(sqlite3_context* ctx, const BulkValue& v) {
    switch (v.kind) {
    case BulkValue::Kind::Null:
        sqlite3_result_null(ctx);
        break;
    case BulkValue::Kind::Int:
        sqlite3_result_int64(ctx, v.i);
        break;
    case BulkValue::Kind::Real:
        sqlite3_result_double(ctx, v.d);
        break;
    case BulkValue::Kind::Text:
        sqlite3_result_text64(ctx, v.s.data() ? v.s.data() : "", v.s.size(), SQLITE_STATIC,
                              SQLITE_UTF8);
        break;
    }
}

} // namespace

Status bulkInsert(Database& db, std::string_view table,
                  const std::vector<std::string_view>& columns, std::size_t rowCount,
                  const BulkFill& fill) {
    return vtab::RowStream<BulkRow, emit>::insert(db, table, columns, rowCount, fill,
                                                  "bd_bulk_rows");
}

} // namespace bd::storage
