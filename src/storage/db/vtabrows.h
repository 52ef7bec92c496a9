#pragma once
// Internal to the storage layer: the machinery behind imp::insertRows (the importer) and
// bulkInsert (analytics results). Rows already in memory are written with one
// INSERT ... SELECT over an eponymous virtual table instead of binding and stepping a statement
// per row: SQLite pulls the values itself and keeps one cursor on the target tree for the whole
// write. `Row` is a std::array of values; `Emit` hands one value to SQLite.
#include <sqlite3.h>

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage::vtab {

template <class Row, void (*Emit)(sqlite3_context*, const typename Row::value_type&)>
class RowStream {
  public:
    using Fill = std::function<void(std::size_t index, Row& out)>;

    /// What a row whose key is stored, or any other failing row, does to the insert.
    enum class OnConflict {
        Abort,   // fails the statement, which undoes its rows (INSERT)
        Replace, // replaces the stored row (INSERT OR REPLACE)
        // fails the statement, which keeps the rows before it (INSERT OR FAIL): for a caller
        // whose transaction a failure ends anyway; SQLite then keeps no statement journal (a
        // copy of every stored page the statement changes)
        Fail,
    };

    /// Inserts rows 0 .. rowCount-1 into `table` (`columns`: fixed names from the storage
    /// layer, never input) in the caller's transaction; a failing row fails the statement.
    /// `upsert`: an `ON CONFLICT ... DO ...` clause (fixed SQL of the storage layer) for rows
    /// whose key is stored.
    static Status insert(Database& db, std::string_view table,
                         const std::vector<std::string_view>& columns, std::size_t rowCount,
                         const Fill& fill, const char* moduleName,
                         OnConflict onConflict = OnConflict::Abort, std::string_view upsert = {}) {
        if (rowCount == 0) return {};
        if (columns.empty() || columns.size() > std::tuple_size_v<Row>)
            return makeError(ErrorCode::Internal, "bulk row insert: bad column list");
        Source source{columns.size(), rowCount, &fill};
        Registration reg(db.handle(), moduleName, &source);
        if (reg.rc() != SQLITE_OK) return db.lastError("register row source");
        std::string sql = std::string(onConflict == OnConflict::Replace ? "INSERT OR REPLACE INTO "
                                      : onConflict == OnConflict::Fail  ? "INSERT OR FAIL INTO "
                                                                        : "INSERT INTO ") +
                          std::string(table) + "(";
        std::string select;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            sql += (c ? "," : "") + std::string(columns[c]);
            select += (c ? ",c" : "c") + std::to_string(c);
        }
        sql += ") SELECT " + select + " FROM " + moduleName;
        // WHERE true: an upsert after a SELECT needs it (SQLite reads ON as a join's otherwise).
        if (!upsert.empty()) sql += " WHERE true " + std::string(upsert);
        auto st = db.prepare(sql);
        if (!st) return st.error();
        return st->run();
    }

  private:
    /// What one insert streams; the module's client data while it runs.
    struct Source {
        std::size_t columns = 0;
        std::size_t rows = 0;
        const Fill* fill = nullptr;
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
        Row values{};
    };

    static int xConnect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out,
                        char**) {
        auto* source = static_cast<Source*>(aux);
        std::string sql = "CREATE TABLE x(";
        for (std::size_t c = 0; c < source->columns; ++c)
            sql += (c ? ",c" : "c") + std::to_string(c);
        sql += ')';
        if (const int rc = sqlite3_declare_vtab(db, sql.c_str()); rc != SQLITE_OK) return rc;
        auto table = std::make_unique<Table>();
        table->source = source;
        *out = &table.release()->base;
        return SQLITE_OK;
    }
    static int xBestIndex(sqlite3_vtab*, sqlite3_index_info* info) {
        info->estimatedCost = 1e9; // one full pass, no constraints used
        return SQLITE_OK;
    }
    static int xDisconnect(sqlite3_vtab* vtab) {
        std::unique_ptr<Table> owned(reinterpret_cast<Table*>(vtab));
        return SQLITE_OK;
    }
    static int xOpen(sqlite3_vtab* vtab, sqlite3_vtab_cursor** out) {
        auto cursor = std::make_unique<Cursor>();
        cursor->source = reinterpret_cast<Table*>(vtab)->source;
        *out = &cursor.release()->base;
        return SQLITE_OK;
    }
    static int xClose(sqlite3_vtab_cursor* cur) {
        std::unique_ptr<Cursor> owned(reinterpret_cast<Cursor*>(cur));
        return SQLITE_OK;
    }
    static int xFilter(sqlite3_vtab_cursor* cur, int, const char*, int, sqlite3_value**) {
        reinterpret_cast<Cursor*>(cur)->row = 0;
        return SQLITE_OK;
    }
    static int xNext(sqlite3_vtab_cursor* cur) {
        ++reinterpret_cast<Cursor*>(cur)->row;
        return SQLITE_OK;
    }
    static int xEof(sqlite3_vtab_cursor* cur) {
        const auto* c = reinterpret_cast<Cursor*>(cur);
        return c->row >= c->source->rows ? 1 : 0;
    }
    static int xColumn(sqlite3_vtab_cursor* cur, sqlite3_context* ctx, int col) {
        auto* c = reinterpret_cast<Cursor*>(cur);
        if (c->filled != c->row) {
            (*c->source->fill)(c->row, c->values);
            c->filled = c->row;
        }
        Emit(ctx, c->values[static_cast<std::size_t>(col)]);
        return SQLITE_OK;
    }
    static int xRowid(sqlite3_vtab_cursor* cur, sqlite3_int64* rowid) {
        *rowid = static_cast<sqlite3_int64>(reinterpret_cast<Cursor*>(cur)->row);
        return SQLITE_OK;
    }
    static const sqlite3_module& module() {
        static const sqlite3_module m = [] {
            sqlite3_module x{};
            x.iVersion = 0;
            x.xCreate = nullptr; // eponymous only: used as "FROM <module>", never created
            x.xConnect = xConnect;
            x.xBestIndex = xBestIndex;
            x.xDisconnect = xDisconnect;
            x.xDestroy = xDisconnect;
            x.xOpen = xOpen;
            x.xClose = xClose;
            x.xFilter = xFilter;
            x.xNext = xNext;
            x.xEof = xEof;
            x.xColumn = xColumn;
            x.xRowid = xRowid;
            return x;
        }();
        return m;
    }

    /// Registers the module for one insert and removes it again (also on early return), so no
    /// statement can see a source that is gone.
    class Registration {
      public:
        Registration(sqlite3* db, const char* name, Source* source)
            : m_db(db), m_name(name),
              m_rc(sqlite3_create_module_v2(db, name, &module(), source, nullptr)) {}
        ~Registration() { sqlite3_create_module_v2(m_db, m_name, nullptr, nullptr, nullptr); }
        Registration(const Registration&) = delete;
        Registration& operator=(const Registration&) = delete;
        int rc() const { return m_rc; }

      private:
        sqlite3* m_db;
        const char* m_name;
        int m_rc;
    };
};

} // namespace bd::storage::vtab
