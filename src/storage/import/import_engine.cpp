#include "storage/import/import_engine.h"

#include <cstdio>
#include <fstream>

namespace bd::storage::imp {

Status ImportContext::loadClients() {
    auto st = db.prepare("SELECT client_id, id FROM clients");
    if (!st) return st.error();
    clients.clear();
    if (auto done = st->forEach([&] { clients.add(st->textView(0), st->int64(1)); }); !done)
        return done.error();
    return {};
}

void ParseState::rejectFile(ImportKind kind, Error e) {
    e.code = ErrorCode::InvalidInput;
    fileRejected[static_cast<int>(kind)] = true;
    errors.push_back(std::move(e));
}

Status checkRun(const ImportFiles& files, const ImportOptions& options) {
    if (!files.securities && !files.clients && !files.trades && !files.assets && !files.contacts &&
        !files.positions)
        return makeError(ErrorCode::Usage, "no file to import");
    if (options.lenient && options.rejects_path.empty() && !options.dry_run)
        return makeError(ErrorCode::Usage, "lenient mode needs a rejects file");
    return {};
}

bool clientsRejected(ParseState& ctx, ImportKind kind, const std::string& path) {
    const bool needsClients = kind != ImportKind::Securities && kind != ImportKind::Clients;
    if (!needsClients || !ctx.fileRejected[static_cast<int>(ImportKind::Clients)]) return false;
    Error e = importProblem(RefusalFact(RefusalKind::ImportNotChecked),
                            "not checked: the clients file was rejected as a whole");
    e.file = path;
    ctx.rejectFile(kind, std::move(e));
    return true;
}

const std::optional<std::string>& fileOf(const ImportFiles& files, ImportKind kind) {
    // In ImportKind's order.
    const std::optional<std::string>* const kFiles[kImportKindCount] = {
        &files.securities, &files.clients,  &files.trades,
        &files.assets,     &files.contacts, &files.positions};
    return *kFiles[static_cast<int>(kind)];
}

Status runFiles(ParseState& ctx, const ImportFiles& files, ImportReport& report,
                const std::function<Status(ImportKind, const std::string&, FileReport&)>& run,
                const std::function<Status()>& reloadClients) {
    for (int k = 0; k < kImportKindCount; ++k) {
        const auto kind = static_cast<ImportKind>(k);
        const std::optional<std::string>& path = fileOf(files, kind);
        if (!path) continue;
        if (auto s = cancelled(ctx); !s) return s;
        FileReport rep;
        rep.kind = kind;
        rep.path = *path;
        if (!clientsRejected(ctx, kind, rep.path))
            if (auto s = run(kind, rep.path, rep); !s) return s;
        if (kind == ImportKind::Clients)
            if (auto s = reloadClients(); !s) return s;
        report.files.push_back(std::move(rep));
    }
    return {};
}

namespace {

Status writeRejects(const std::string& path, const std::string& body) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "file,line,column,column_name,value,reason,record\n" << body;
    out.close();
    if (!out) {
        Error e = makeError(ErrorCode::Io, "cannot write rejects file");
        e.file = path;
        return e;
    }
    return {};
}

} // namespace

Result<bool> endOfRun(const ParseState& ctx, const ImportReport& report,
                      const ImportOptions& options) {
    bool fileLevel = false;
    for (bool b : ctx.fileRejected) fileLevel = fileLevel || b;
    if (options.lenient && !options.dry_run)
        if (auto s = writeRejects(options.rejects_path, ctx.rejects); !s) return s.error();
    return options.lenient ? !fileLevel : report.errors.empty();
}

Status loadText(ParseState& ctx, ImportKind kind, const std::string& path, FileBytes& bytes,
                DecodedText& decoded, FileReport& report) {
    if (auto s = FileBytes::load(path, bytes); !s) return s;
    auto d = decodeText(bytes.view(), ctx.options.encoding, path);
    if (!d) {
        if (d.error().code != ErrorCode::InvalidInput) return d.error();
        ctx.rejectFile(kind, d.error());
        return {};
    }
    decoded = std::move(*d);
    report.encoding = std::string(encodingName(decoded.encoding)) + (decoded.bom ? " (BOM)" : "");
    return {};
}

bool readHeader(ParseState& ctx, ImportKind kind, const std::string& path, CsvReader& reader,
                const std::vector<ColumnSpec>& specs, HeaderMap& map, FileReport& report) {
    CsvRecord header;
    if (!reader.next(header)) {
        ctx.rejectFile(kind, emptyFileProblem(path));
        return false;
    }
    if (!header.error.empty()) {
        Error e = importProblem(RefusalFact(header.error.starts_with("unterminated")
                                                ? RefusalKind::ImportOpenQuote
                                                : RefusalKind::ImportAfterQuote),
                                "header: " + header.error);
        e.file = path;
        e.line = header.line;
        e.column = header.errorField;
        ctx.rejectFile(kind, std::move(e));
        return false;
    }
    std::vector<Error> errors;
    std::vector<std::pair<std::string, std::string>> aliases;
    for (const ColumnAlias& a : ctx.options.column_aliases)
        if (a.kind == kind) aliases.emplace_back(a.header, a.column);
    map = mapHeader(header, specs, path, errors, aliases);
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
    case Value::Kind::Blob:
        st.bindBlob(index, v.s);
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
    case Value::Kind::Blob:
        return !st.isNull(col) && st.blob(col) == v.s;
    }
    return false;
}

} // namespace

Result<KindWriter> KindWriter::create(Database& db, std::string_view table,
                                      const std::vector<std::string_view>& columns, int keyCount,
                                      const std::vector<std::string_view>& locators) {
    // Table and column names come from the fixed kind definitions, never from input.
    const std::string t(table);
    std::string cols, marks, keyWhere, nonKey, sets, rowWhere;
    std::vector<int> locatorAt; // select column of each locator
    for (std::string_view l : locators) {
        const auto at = std::find(columns.begin(), columns.end(), l);
        if (at - columns.begin() < keyCount || at == columns.end())
            return makeError(ErrorCode::Internal, "import: a locator must be a non-key column");
        locatorAt.push_back(static_cast<int>(at - columns.begin()) - keyCount);
        rowWhere += std::string(l) + "=? AND ";
    }
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
    std::optional<Statement> sel, upd;
    if (!nonKey.empty()) {
        auto s = db.prepare("SELECT " + nonKey + " FROM " + t + " WHERE " + keyWhere);
        if (!s) return s.error();
        auto u = db.prepare("UPDATE " + t + " SET " + sets + " WHERE " + rowWhere + keyWhere);
        if (!u) return u.error();
        sel = std::move(*s);
        upd = std::move(*u);
    } else {
        auto s = db.prepare("SELECT 1 FROM " + t + " WHERE " + keyWhere);
        if (!s) return s.error();
        sel = std::move(*s);
    }
    return KindWriter(std::move(*ins), std::move(sel), std::move(upd),
                      static_cast<int>(columns.size()), keyCount, std::move(locatorAt));
}

Status KindWriter::insert(const Values& v) {
    for (int i = 0; i < m_n; ++i) bindValue(m_insert, i + 1, v[static_cast<std::size_t>(i)]);
    return m_insert.run();
}

Status KindWriter::newAboveStoredMax(Database& db, std::string_view table,
                                     std::string_view keyColumn) {
    // Names come from the fixed kind definitions. max() over an indexed column is one seek.
    auto st = db.prepare("SELECT m, typeof(m) = 'text' FROM (SELECT max(" + std::string(keyColumn) +
                         ") AS m FROM " + std::string(table) + ")");
    if (!st) return st.error();
    auto r = st->step();
    if (!r) return r.error();
    // Only a text maximum orders like the keys compared below (BINARY: bytes, then length).
    if (*r && st->int64(1) != 0) m_storedMax = st->text(0);
    return {};
}

Status KindWriter::upsert(const Values& v, FileReport& report, const Written& written) {
    if (aboveStoredMax(v)) {
        ++report.rows_new;
        if (written) written(v, nullptr);
        return insert(v);
    }
    for (int i = 0; i < m_k; ++i) bindValue(*m_select, i + 1, v[static_cast<std::size_t>(i)]);
    auto found = m_select->step();
    if (!found) return found.error();
    if (!*found) {
        m_select->reset();
        ++report.rows_new;
        if (written) written(v, nullptr);
        return insert(v);
    }
    bool same = true;
    for (int i = m_k; i < m_n && same; ++i)
        same = sameValue(*m_select, i - m_k, v[static_cast<std::size_t>(i)]);
    if (same) {
        m_select->reset();
        ++report.rows_unchanged;
        return {};
    }
    if (written) written(v, &*m_select);
    int p = 1;
    for (int i = m_k; i < m_n; ++i) bindValue(*m_update, p++, v[static_cast<std::size_t>(i)]);
    for (const int c : m_locatorAt) m_update->bind(p++, m_select->int64(c));
    m_select->reset();
    for (int i = 0; i < m_k; ++i) bindValue(*m_update, p++, v[static_cast<std::size_t>(i)]);
    ++report.rows_updated;
    return m_update->run();
}

} // namespace bd::storage::imp
