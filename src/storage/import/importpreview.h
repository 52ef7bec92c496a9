#pragma once
// A look at an interchange file before it is imported (File › Import in the workstation): its
// encoding, its kind read from the header, how each header maps onto the kind's columns, and its
// first records. Reads only the start of the file (256 KiB), so a 1 GB export costs no more
// than a small one.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/import/encoding.h"
#include "storage/import/importer.h"

namespace bd::storage {

/// One record of the file as written (fields unparsed), with its line.
struct PreviewRecord {
    std::int64_t line = 0;
    std::vector<std::string> fields;
};

struct ImportFilePreview {
    std::string path;
    Encoding encoding = Encoding::Utf8; // as detected (or as forced)
    bool bom = false;
    /// The kind whose columns the header matches best (every required column present first,
    /// then most columns matched); nullopt when no header field names a known column.
    std::optional<ImportKind> kind;
    std::vector<std::string> header; // the header fields as written (trimmed)
    /// Per header field: the known column of `kind` it is read as ("client_id"), or empty
    /// when unknown (ignored on import unless mapped) or ignored by a mapping.
    std::vector<std::string> column_of;
    std::vector<std::string> unknown;          // header fields no known column matched
    std::vector<std::string> missing_required; // required columns of `kind` not in the header
    std::vector<PreviewRecord> records;        // the first records after the header
};

/// Reads the first `max_records` records of `path`. `encoding` Auto detects it from the bytes
/// read; `aliases` are the user's mappings (as ImportOptions::column_aliases). Errors: the
/// file cannot be read (Io), or its start is not text in the encoding (InvalidInput, located).
Result<ImportFilePreview> previewImportFile(const std::string& path, Encoding encoding,
                                            const std::vector<ColumnAlias>& aliases = {},
                                            std::size_t max_records = 20);

} // namespace bd::storage
