#include "storage/import_engine.h"

#include <cstdio>

namespace bd::storage::imp {

Status ImportContext::loadClients() {
    auto st = db.prepare("SELECT client_id, id FROM clients");
    if (!st) return st.error();
    clients.clear();
    for (;;) {
        auto r = st->step();
        if (!r) return r.error();
        if (!*r) break;
        clients.emplace(st->text(0), st->int64(1));
    }
    return {};
}

void ImportContext::rejectFile(ImportKind kind, Error e) {
    e.code = ErrorCode::InvalidInput;
    fileRejected[static_cast<int>(kind)] = true;
    errors.push_back(std::move(e));
}

Status loadText(ImportContext& ctx, ImportKind kind, const std::string& path, std::string& bytes,
                DecodedText& decoded, FileReport& report) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        Error e = makeError(ErrorCode::Io, "cannot open file");
        e.file = path;
        return e;
    }
    char buf[1 << 16];
    std::size_t n;
    if (std::fseek(f, 0, SEEK_END) == 0) {
        const long size = std::ftell(f);
        if (size > 0) bytes.reserve(static_cast<std::size_t>(size));
        std::rewind(f);
    }
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
    const bool bad = std::ferror(f) != 0;
    std::fclose(f);
    if (bad) {
        Error e = makeError(ErrorCode::Io, "cannot read file");
        e.file = path;
        return e;
    }
    auto d = decodeText(bytes, ctx.options.encoding, path);
    if (!d) {
        if (d.error().code != ErrorCode::InvalidInput) return d.error();
        ctx.rejectFile(kind, d.error());
        return {};
    }
    decoded = std::move(*d);
    report.encoding = std::string(encodingName(decoded.encoding)) + (decoded.bom ? " (BOM)" : "");
    return {};
}

bool readHeader(ImportContext& ctx, ImportKind kind, const std::string& path, CsvReader& reader,
                const std::vector<ColumnSpec>& specs, HeaderMap& map, FileReport& report) {
    CsvRecord header;
    if (!reader.next(header)) {
        Error e = makeError(ErrorCode::InvalidInput, "empty file: no header row");
        e.file = path;
        e.line = 1;
        ctx.rejectFile(kind, std::move(e));
        return false;
    }
    if (!header.error.empty()) {
        Error e = makeError(ErrorCode::InvalidInput, "header: " + header.error);
        e.file = path;
        e.line = header.line;
        e.column = header.errorField;
        ctx.rejectFile(kind, std::move(e));
        return false;
    }
    std::vector<Error> errors;
    map = mapHeader(header, specs, path, errors);
    report.unknown_columns = map.unknown;
    if (errors.empty()) return true;
    for (Error& e : errors) ctx.rejectFile(kind, std::move(e));
    return false;
}

namespace {

void bindValue(Statement& st, int index, const Value& v) {
    switch (v.kind) {
    case Value::Kind::Null:
        st.bindNull(index);
        break;
    case Value::Kind::Int:
        st.bind(index, v.i);
        break;
    case Value::Kind::Text:
        st.bindStatic(index, v.s);
        break;
    }
}

bool sameValue(const Statement& st, int col, const Value& v) {
    switch (v.kind) {
    case Value::Kind::Null:
        return st.isNull(col);
    case Value::Kind::Int:
        return !st.isNull(col) && st.int64(col) == v.i;
    case Value::Kind::Text:
        return !st.isNull(col) && st.textView(col) == v.s;
    }
    return false;
}

} // namespace

Result<KindWriter> KindWriter::create(Database& db, std::string_view table,
                                      const std::vector<std::string_view>& columns, int keyCount) {
    // Table and column names come from the fixed kind definitions, never from input.
    const std::string t(table);
    std::string cols, marks, keyWhere, nonKey, sets;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string c(columns[i]);
        cols += (i ? "," : "") + c;
        marks += i ? ",?" : "?";
        if (static_cast<int>(i) < keyCount) {
            keyWhere += (i ? " AND " : "") + c + "=?";
        } else {
            nonKey += (nonKey.empty() ? "" : ",") + c;
            sets += (sets.empty() ? "" : ",") + c + "=?";
        }
    }
    auto ins = db.prepare("INSERT INTO " + t + "(" + cols + ") VALUES(" + marks + ")");
    if (!ins) return ins.error();
    std::string manySql = "INSERT INTO " + t + "(" + cols + ") VALUES";
    for (int r = 0; r < kMany; ++r) manySql += (r ? ",(" : "(") + marks + ")";
    auto many = db.prepare(manySql);
    if (!many) return many.error();
    std::optional<Statement> sel, upd;
    if (!nonKey.empty()) {
        auto s = db.prepare("SELECT " + nonKey + " FROM " + t + " WHERE " + keyWhere);
        if (!s) return s.error();
        auto u = db.prepare("UPDATE " + t + " SET " + sets + " WHERE " + keyWhere);
        if (!u) return u.error();
        sel = std::move(*s);
        upd = std::move(*u);
    } else {
        auto s = db.prepare("SELECT 1 FROM " + t + " WHERE " + keyWhere);
        if (!s) return s.error();
        sel = std::move(*s);
    }
    return KindWriter(std::move(*ins), std::move(*many), std::move(sel), std::move(upd),
                      static_cast<int>(columns.size()), keyCount);
}

Status KindWriter::insert(const Values& v) {
    for (int i = 0; i < m_n; ++i) bindValue(m_insert, i + 1, v[static_cast<std::size_t>(i)]);
    return m_insert.run();
}

Status KindWriter::insertMany(const Values* rows) {
    int p = 1;
    for (int r = 0; r < kMany; ++r)
        for (int i = 0; i < m_n; ++i)
            bindValue(m_insertMany, p++, rows[r][static_cast<std::size_t>(i)]);
    return m_insertMany.run();
}

Status KindWriter::upsert(const Values& v, FileReport& report) {
    for (int i = 0; i < m_k; ++i) bindValue(*m_select, i + 1, v[static_cast<std::size_t>(i)]);
    auto found = m_select->step();
    if (!found) return found.error();
    if (!*found) {
        m_select->reset();
        ++report.rows_new;
        return insert(v);
    }
    bool same = true;
    for (int i = m_k; i < m_n && same; ++i)
        same = sameValue(*m_select, i - m_k, v[static_cast<std::size_t>(i)]);
    m_select->reset();
    if (same) {
        ++report.rows_unchanged;
        return {};
    }
    int p = 1;
    for (int i = m_k; i < m_n; ++i) bindValue(*m_update, p++, v[static_cast<std::size_t>(i)]);
    for (int i = 0; i < m_k; ++i) bindValue(*m_update, p++, v[static_cast<std::size_t>(i)]);
    ++report.rows_updated;
    return m_update->run();
}

} // namespace bd::storage::imp
