#include "storage/import/import_rowsource.h"

#include "storage/db/vtabrows.h"

namespace bd::storage::imp {
namespace {

void emit(sqlite3_context* ctx, const Value& v) {
    switch (v.kind) {
    case Value::Kind::Null:
        sqlite3_result_null(ctx);
        break;
    case Value::Kind::Int:
        sqlite3_result_int64(ctx, v.i);
        break;
    case Value::Kind::Text:
        sqlite3_result_text64(ctx, v.s.data(), v.s.size(), SQLITE_STATIC, SQLITE_UTF8);
        break;
    case Value::Kind::Blob:
        sqlite3_result_blob64(ctx, v.s.data(), v.s.size(), SQLITE_STATIC);
        break;
    }
}

using Stream = vtab::RowStream<Values, emit>;

} // namespace

Status insertRows(Database& db, std::string_view table,
                  const std::vector<std::string_view>& columns, std::size_t rowCount,
                  const RowFill& fill) {
    return vtab::RowStream<Values, emit>::insert(db, table, columns, rowCount, fill,
                                                 "bd_import_rows");
}

Status replaceRows(Database& db, std::string_view table,
                   const std::vector<std::string_view>& columns, std::size_t rowCount,
                   const RowFill& fill) {
    return vtab::RowStream<Values, emit>::insert(db, table, columns, rowCount, fill,
                                                 "bd_import_rows", Stream::OnConflict::Replace);
}

Status insertRowsInRun(Database& db, std::string_view table,
                       const std::vector<std::string_view>& columns, std::size_t rowCount,
                       const RowFill& fill) {
    return vtab::RowStream<Values, emit>::insert(db, table, columns, rowCount, fill,
                                                 "bd_import_rows", Stream::OnConflict::Fail);
}

Status addRows(Database& db, std::string_view table, const std::vector<std::string_view>& columns,
               std::size_t keyColumns, std::size_t rowCount, const RowFill& fill) {
    if (keyColumns == 0 || keyColumns >= columns.size())
        return makeError(ErrorCode::Internal, "bulk row add: bad key columns");
    std::string upsert = "ON CONFLICT (";
    for (std::size_t c = 0; c < keyColumns; ++c) upsert += (c ? "," : "") + std::string(columns[c]);
    upsert += ") DO UPDATE SET ";
    for (std::size_t c = keyColumns; c < columns.size(); ++c) {
        const std::string name(columns[c]);
        upsert += (c > keyColumns ? "," : "") + name + " = " + name + " + excluded." + name;
    }
    return Stream::insert(db, table, columns, rowCount, fill, "bd_import_rows",
                          Stream::OnConflict::Fail, upsert);
}

} // namespace bd::storage::imp
