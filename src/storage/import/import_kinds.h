#pragma once
// Internal to the importer: one entry per kind of interchange file (import_<kind>.cpp).
#include <cstddef>
#include <string>
#include <vector>

#include "storage/import/import_engine.h"
#include "storage/import/import_sink.h"

namespace bd::storage::imp {

/// What the importer does with one kind of file: imports it into the SQLite book (runKind),
/// the same into a store other than the book (runToSink, import_sink.h), and its file columns
/// (names, aliases, required), for detecting a file's kind.
struct KindEntry {
    Status (*import)(ImportContext& ctx, const std::string& path, FileReport& report);
    Status (*sink)(ParseState& ctx, RowSink& sink, const std::string& path, FileReport& report);
    const std::vector<ColumnSpec>* columns;
};

/// The entry of a kind defined by `Def` (a KindDef of static storage).
template <const auto& Def>
constexpr KindEntry kindEntryOf() {
    return {
        .import = [](ImportContext& ctx, const std::string& path,
                     FileReport& report) { return runKind(Def, ctx, path, report); },
        .sink = [](ParseState& ctx, RowSink& sink, const std::string& path,
                   FileReport& report) { return runToSink(Def, ctx, sink, path, report); },
        .columns = &Def.columns,
    };
}

/// Each kind's entry (import_<kind>.cpp).
extern const KindEntry kSecuritiesKind;
extern const KindEntry kClientsKind;
extern const KindEntry kTradesKind;
extern const KindEntry kAssetsKind;
extern const KindEntry kContactsKind;
extern const KindEntry kPositionsKind;

/// The entry of `kind`.
const KindEntry& kindEntry(ImportKind kind);

/// Trade rows in the usual form are read by a short path (import_trades.cpp) that agrees with
/// the general one; tests turn it off to compare the two. On by default.
void setPlainTradeRows(bool on);

/// A first load of a file body of at least `bytes` parses its first stretch on two threads
/// (import_stream.h); tests move the threshold to compare the two. 4 MiB by default.
void setStreamSplitFrom(std::size_t bytes);

} // namespace bd::storage::imp
