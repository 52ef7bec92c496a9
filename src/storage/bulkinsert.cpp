#include "storage/bulkinsert.h"

#include <sqlite3.h>

#include <memory>
#include <string>

namespace bd::storage {
namespace {

/// What one insertRows() call streams; the module's client data while it runs.
struct Source {
    std::size_t columns = 0;
    std::size_t rows = 0;
    const BulkFill* fill = nullptr;
};

struct Table {
    sqlite3_vtab base{};
    Source* source = nullptr;
};

struct Cursor {
    sqlite3_vtab_cursor base{};
    Source* source = nullptr;
    std::size_t row = 0;
    std::size_t filled = static_cast<std::size_t>(-1); // row held in `values`
    BulkRow values{};
};

int xConnect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char**) {
    auto* source = static_cast<Source*>(aux);
    std::string sql = "CREATE TABLE x(";
    for (std::size_t c = 0; c < source->columns; ++c) sql += (c ? ",c" : "c") + std::to_string(c);
    sql += ')';
    if (const int rc = sqlite3_declare_vtab(db, sql.c_str()); rc != SQLITE_OK) return rc;
    auto table = std::make_unique<Table>();
    table->source = source;
    *out = &table.release()->base;
    return SQLITE_OK;
}

int xBestIndex(sqlite3_vtab*, sqlite3_index_info* info) {
    info->estimatedCost = 1e9; // one full pass, no constraints used
    return SQLITE_OK;
}

int xDisconnect(sqlite3_vtab* vtab) {
    std::unique_ptr<Table> owned(reinterpret_cast<Table*>(vtab));
    return SQLITE_OK;
}

int xOpen(sqlite3_vtab* vtab, sqlite3_vtab_cursor** out) {
    auto cursor = std::make_unique<Cursor>();
    cursor->source = reinterpret_cast<Table*>(vtab)->source;
    *out = &cursor.release()->base;
    return SQLITE_OK;
}

int xClose(sqlite3_vtab_cursor* cur) {
    std::unique_ptr<Cursor> owned(reinterpret_cast<Cursor*>(cur));
    return SQLITE_OK;
}

int xFilter(sqlite3_vtab_cursor* cur, int, const char*, int, sqlite3_value**) {
    reinterpret_cast<Cursor*>(cur)->row = 0;
    return SQLITE_OK;
}

int xNext(sqlite3_vtab_cursor* cur) {
    ++reinterpret_cast<Cursor*>(cur)->row;
    return SQLITE_OK;
}

int xEof(sqlite3_vtab_cursor* cur) {
    const auto* c = reinterpret_cast<Cursor*>(cur);
    return c->row >= c->source->rows ? 1 : 0;
}

int xColumn(sqlite3_vtab_cursor* cur, sqlite3_context* ctx, int col) {
    auto* c = reinterpret_cast<Cursor*>(cur);
    if (c->filled != c->row) {
        (*c->source->fill)(c->row, c->values);
        c->filled = c->row;
    }
    const BulkValue& v = c->values[static_cast<std::size_t>(col)];
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
    return SQLITE_OK;
}

int xRowid(sqlite3_vtab_cursor* cur, sqlite3_int64* rowid) {
    *rowid = static_cast<sqlite3_int64>(reinterpret_cast<Cursor*>(cur)->row);
    return SQLITE_OK;
}

sqlite3_module makeModule() {
    sqlite3_module m{};
    m.iVersion = 0;
    m.xCreate = nullptr; // eponymous only: used as "FROM bd_bulk_rows", never created
    m.xConnect = xConnect;
    m.xBestIndex = xBestIndex;
    m.xDisconnect = xDisconnect;
    m.xDestroy = xDisconnect;
    m.xOpen = xOpen;
    m.xClose = xClose;
    m.xFilter = xFilter;
    m.xNext = xNext;
    m.xEof = xEof;
    m.xColumn = xColumn;
    m.xRowid = xRowid;
    return m;
}

const sqlite3_module kModule = makeModule();
constexpr const char* kModuleName = "bd_bulk_rows";

/// Registers the module for one insert and removes it again (also on early return), so no
/// statement can see a source that is gone.
class Registration {
  public:
    Registration(sqlite3* db, Source* source)
        : m_db(db), m_rc(sqlite3_create_module_v2(db, kModuleName, &kModule, source, nullptr)) {}
    ~Registration() { sqlite3_create_module_v2(m_db, kModuleName, nullptr, nullptr, nullptr); }
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;
    int rc() const { return m_rc; }

  private:
    sqlite3* m_db;
    int m_rc;
};

} // namespace

Status bulkInsert(Database& db, std::string_view table,
                  const std::vector<std::string_view>& columns, std::size_t rowCount,
                  const BulkFill& fill) {
    if (rowCount == 0) return {};
    if (columns.empty() || columns.size() > kMaxBulkColumns)
        return makeError(ErrorCode::Internal, "bulkInsert: bad column list");
    Source source{columns.size(), rowCount, &fill};
    Registration reg(db.handle(), &source);
    if (reg.rc() != SQLITE_OK) return db.lastError("register row source");
    std::string sql = "INSERT INTO " + std::string(table) + "(";
    std::string select;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        sql += (c ? "," : "") + std::string(columns[c]);
        select += (c ? ",c" : "c") + std::to_string(c);
    }
    sql += ") SELECT " + select + " FROM " + kModuleName;
    auto st = db.prepare(sql);
    if (!st) return st.error();
    return st->run();
}

} // namespace bd::storage
