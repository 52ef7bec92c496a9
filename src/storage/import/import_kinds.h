#pragma once
// Internal to the importer: one entry point per kind of interchange file (import_<kind>.cpp).
#include <cstddef>
#include <string>
#include <vector>

#include "storage/import/import_engine.h"

namespace bd::storage::imp {

Status importSecurities(ImportContext& ctx, const std::string& path, FileReport& report);
Status importClients(ImportContext& ctx, const std::string& path, FileReport& report);
Status importTrades(ImportContext& ctx, const std::string& path, FileReport& report);
Status importAssets(ImportContext& ctx, const std::string& path, FileReport& report);
Status importContacts(ImportContext& ctx, const std::string& path, FileReport& report);
Status importPositions(ImportContext& ctx, const std::string& path, FileReport& report);

/// The same kinds into a store other than the SQLite book (import_sink.h).
class RowSink;
Status sinkSecurities(ParseState& ctx, RowSink& sink, const std::string& path, FileReport& report);
Status sinkClients(ParseState& ctx, RowSink& sink, const std::string& path, FileReport& report);
Status sinkTrades(ParseState& ctx, RowSink& sink, const std::string& path, FileReport& report);
Status sinkAssets(ParseState& ctx, RowSink& sink, const std::string& path, FileReport& report);
Status sinkContacts(ParseState& ctx, RowSink& sink, const std::string& path, FileReport& report);
Status sinkPositions(ParseState& ctx, RowSink& sink, const std::string& path, FileReport& report);

/// Each kind's file columns (names, aliases, required), for detecting a file's kind.
const std::vector<ColumnSpec>& securitiesColumns();
const std::vector<ColumnSpec>& clientsColumns();
const std::vector<ColumnSpec>& tradesColumns();
const std::vector<ColumnSpec>& assetsColumns();
const std::vector<ColumnSpec>& contactsColumns();
const std::vector<ColumnSpec>& positionsColumns();

/// Trade rows in the usual form are read by a short path (import_trades.cpp) that agrees with
/// the general one; tests turn it off to compare the two. On by default.
void setPlainTradeRows(bool on);

/// A first load of a file body of at least `bytes` parses its first stretch on two threads
/// (import_stream.h); tests move the threshold to compare the two. 4 MiB by default.
void setStreamSplitFrom(std::size_t bytes);

} // namespace bd::storage::imp
