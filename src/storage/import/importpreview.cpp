#include "storage/import/importpreview.h"

#include <algorithm>
#include <fstream>
#include <string>
#include <utility>

#include "storage/import/csvreader.h"
#include "storage/import/import_kinds.h"

namespace bd::storage {
namespace {

/// Enough for a header and the first records of any export; cut back to a whole line.
constexpr std::size_t kPreviewBytes = 256 * 1024;

const std::vector<imp::ColumnSpec>& specsOf(ImportKind kind) {
    return *imp::kindEntry(kind).columns;
}

std::vector<std::pair<std::string, std::string>> aliasesOf(ImportKind kind,
                                                           const std::vector<ColumnAlias>& all) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const ColumnAlias& a : all)
        if (a.kind == kind) out.emplace_back(a.header, a.column);
    return out;
}

struct KindMatch {
    imp::HeaderMap map;
    std::size_t matched = 0;
    std::size_t missing = 0;
};

KindMatch matchKind(ImportKind kind, const CsvRecord& header, const std::string& path,
                    const std::vector<ColumnAlias>& aliases) {
    KindMatch m;
    std::vector<Error> errors;
    m.map = imp::mapHeader(header, specsOf(kind), path, errors, aliasesOf(kind, aliases));
    m.matched = static_cast<std::size_t>(
        std::count_if(m.map.field.begin(), m.map.field.end(), [](int f) { return f >= 0; }));
    const auto& specs = specsOf(kind);
    for (std::size_t s = 0; s < specs.size(); ++s)
        if (specs[s].required && m.map.field[s] < 0) ++m.missing;
    return m;
}

} // namespace

Result<ImportFilePreview> previewImportFile(const std::string& path, Encoding encoding,
                                            const std::vector<ColumnAlias>& aliases,
                                            std::size_t max_records) {
    // A plain read of the start: mapping the file (FileBytes) would read all of it in.
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Error e = makeError(ErrorCode::Io, "cannot open file");
        e.file = path;
        return e;
    }
    std::string bytes(kPreviewBytes, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    const bool cut = in && in.peek() != std::char_traits<char>::eof();
    std::string_view head = bytes;
    if (cut) {
        // A line feed is never part of a GB18030 or UTF-8 multi-byte character.
        const std::size_t nl = head.rfind('\n');
        if (nl != std::string_view::npos) head = head.substr(0, nl + 1);
    }
    auto decoded = decodeText(head, encoding, path);
    if (!decoded) return decoded.error();

    ImportFilePreview out;
    out.path = path;
    out.encoding = decoded->encoding;
    out.bom = decoded->bom;
    CsvReader reader(decoded->text());
    CsvRecord header;
    if (!reader.next(header)) return imp::emptyFileProblem(path);
    for (std::string_view f : header.fields) {
        const auto b = f.find_first_not_of(" \t");
        const auto e = f.find_last_not_of(" \t");
        out.header.emplace_back(b == std::string_view::npos ? std::string_view{}
                                                            : f.substr(b, e - b + 1));
    }
    out.column_of.assign(out.header.size(), std::string());

    std::optional<ImportKind> best;
    KindMatch bestMatch;
    for (int k = 0; k < kImportKindCount; ++k) {
        const auto kind = static_cast<ImportKind>(k);
        KindMatch m = matchKind(kind, header, path, aliases);
        if (m.matched == 0) continue;
        // Complete kinds first (no required column missing), then the most columns matched.
        const bool better =
            !best || (m.missing == 0) > (bestMatch.missing == 0) ||
            ((m.missing == 0) == (bestMatch.missing == 0) && m.matched > bestMatch.matched);
        if (better) {
            best = kind;
            bestMatch = std::move(m);
        }
    }
    out.kind = best;
    if (best) {
        const auto& specs = specsOf(*best);
        for (std::size_t s = 0; s < specs.size(); ++s) {
            const int f = bestMatch.map.field[s];
            if (f >= 0)
                out.column_of[static_cast<std::size_t>(f)] = std::string(specs[s].name);
            else if (specs[s].required)
                out.missing_required.emplace_back(specs[s].name);
        }
        out.unknown = bestMatch.map.unknown;
    } else {
        for (const std::string& h : out.header)
            if (!h.empty()) out.unknown.push_back(h);
    }

    CsvRecord rec;
    while (out.records.size() < max_records && reader.next(rec)) {
        // The last record of a cut read may itself be cut.
        if (cut && reader.offset() >= decoded->text().size()) break;
        PreviewRecord r;
        r.line = rec.line;
        for (std::string_view f : rec.fields) r.fields.emplace_back(f);
        out.records.push_back(std::move(r));
    }
    return out;
}

} // namespace bd::storage
