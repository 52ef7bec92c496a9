#include "storage/book/analyticsstore.h"

#include <algorithm>
#include <optional>
#include <string>

#include "storage/book/clientrefs.h"
#include "storage/db/bulkinsert.h"
#include "storage/db/columns.h"

namespace bd::storage {
namespace {

// analytics_runs (the rowid `id` comes back from SQLite).
constexpr auto kRunColumns = columnList(column("id", &AnalyticsRunRecord::id, kGenerated),
                                        column("kind", &AnalyticsRunRecord::kind),
                                        column("started_at", &AnalyticsRunRecord::started_at),
                                        column("as_of", &AnalyticsRunRecord::as_of),
                                        column("parameters", &AnalyticsRunRecord::parameters),
                                        column("duration_ms", &AnalyticsRunRecord::duration_ms),
                                        column("stage_timings", &AnalyticsRunRecord::stage_timings),
                                        column("summary", &AnalyticsRunRecord::summary));

// client_scores (after run_id).
constexpr auto kScoreColumns = columnList(
    column("client_ref", &ClientScoreRow::client_ref), column("aum", &ClientScoreRow::aum),
    column("trades_12m", &ClientScoreRow::trades_12m),
    column("commission_12m", &ClientScoreRow::commission_12m),
    column("interest_12m", &ClientScoreRow::interest_12m),
    column("handling_cost_12m", &ClientScoreRow::handling_cost_12m),
    column("service_cost_12m", &ClientScoreRow::service_cost_12m),
    column("maintenance_12m", &ClientScoreRow::maintenance_12m),
    column("profit_12m", &ClientScoreRow::profit_12m),
    column("recency_days", &ClientScoreRow::recency_days),
    column("frequency", &ClientScoreRow::frequency), column("p_alive", &ClientScoreRow::p_alive),
    column("expected_trades_12m", &ClientScoreRow::expected_trades_12m),
    column("expected_commission_per_trade_day", &ClientScoreRow::expected_commission_per_trade_day),
    column("clv_12m", &ClientScoreRow::clv_12m),
    column("value_score", &ClientScoreRow::value_score),
    column("value_rank", &ClientScoreRow::value_rank), column("vip", &ClientScoreRow::vip),
    column("aum_rich_low_value", &ClientScoreRow::aum_rich_low_value),
    column("churn_risk", &ClientScoreRow::churn_risk),
    column("explanation_code", &ClientScoreRow::explanation_code),
    column("flag_reason", &ClientScoreRow::flag_reason));

// What a scored client carries besides its score: clients c joined with its broker b.
constexpr auto kScoredClientColumns = columnList(
    column("c.client_id", &ScoredClient::client_id), column("c.name", &ScoredClient::name),
    column("c.broker_id", &ScoredClient::broker_id),
    column("coalesce(c.branch_id, b.branch_id)", &ScoredClient::branch_id));

// clv_models (after run_id).
constexpr auto kClvModelColumns =
    columnList(column("scope", &ClvModelRow::scope), column("model", &ClvModelRow::model),
               column("parameters", &ClvModelRow::parameters),
               column("log_likelihood", &ClvModelRow::log_likelihood),
               column("clients", &ClvModelRow::clients),
               column("repeat_clients", &ClvModelRow::repeat_clients),
               column("converged", &ClvModelRow::converged), column("note", &ClvModelRow::note));

const std::string kScoredClientSelect =
    "SELECT " + selectList(kScoreColumns, "s.") + ", " + selectList(kScoredClientColumns) +
    " FROM client_scores s JOIN clients c ON c.id = s.client_ref "
    "LEFT JOIN brokers b ON b.broker_id = c.broker_id ";

ScoredClient scoredClient(const Statement& row) {
    ScoredClient c;
    readColumns(row, readColumns(row, 0, kScoreColumns, c.score), kScoredClientColumns, c);
    return c;
}

} // namespace

Result<std::int64_t> saveAnalyticsRun(Database& db, const AnalyticsRunRecord& run,
                                      const std::vector<ClientScoreRow>& scores,
                                      const std::vector<ClvModelRow>& models, int keepScoredRuns) {
    // Scores in client order (as the refresh writes them) are checked against the clients in
    // one pass inside the transaction; other orders keep the per-row foreign-key checks.
    std::vector<std::int64_t> refs(scores.size());
    for (std::size_t k = 0; k < scores.size(); ++k) refs[k] = scores[k].client_ref;
    const bool merged = strictlyAscending(refs);
    ForeignKeysOff fkOff(db, merged);
    Transaction tx(db);
    if (!tx.began()) return tx.began().error();
    if (merged)
        if (auto s = checkClientsExist(db, refs); !s) return s.error();
    auto ins = db.prepare(insertSql("analytics_runs", kRunColumns));
    if (!ins) return ins.error();
    bindColumns(*ins, 1, kRunColumns, run);
    if (auto s = ins->run(); !s) return s.error();
    const std::int64_t runId = db.lastInsertRowId();

    // One INSERT ... SELECT for the 100k-row score table (rows in client_ref order append at
    // the right edge of the new run's key range) instead of a bind-and-step per row.
    static const std::vector<std::string_view> kScoreBulkColumns =
        bulkColumns(kScoreColumns, {"run_id"});
    auto written = bulkInsert(db, "client_scores", kScoreBulkColumns, scores.size(),
                              [&](std::size_t k, BulkRow& v) {
                                  v[0] = BulkValue::of(runId);
                                  fillBulk(v, 1, kScoreColumns, scores[k]);
                              });
    if (!written) return written.error();

    auto cm = db.prepare(insertSql("clv_models", kClvModelColumns, {"run_id"}));
    if (!cm) return cm.error();
    for (const auto& m : models) {
        cm->bind(1, runId);
        bindColumns(*cm, 2, kClvModelColumns, m);
        if (auto s = cm->run(); !s) return s.error();
    }

    // Keep the per-client scores of the newest runs only; the run records stay as history.
    if (auto s = execute(db,
                         "DELETE FROM client_scores WHERE run_id IN (SELECT id FROM "
                         "analytics_runs WHERE kind = ?1 ORDER BY id DESC LIMIT -1 OFFSET ?2)",
                         run.kind, std::max(1, keepScoredRuns));
        !s)
        return s.error();
    if (auto s = tx.commit(); !s) return s.error();
    return runId;
}

Status setAnalyticsRunDuration(Database& db, std::int64_t runId, double durationMs) {
    return execute(db, "UPDATE analytics_runs SET duration_ms = ?1 WHERE id = ?2", durationMs,
                   runId);
}

Result<std::optional<std::int64_t>> latestScoredRunId(Database& db, std::string_view kind) {
    auto scored = queryFirst(
        db,
        "SELECT r.id FROM analytics_runs r WHERE r.kind = ?1 AND EXISTS "
        "(SELECT 1 FROM client_scores s WHERE s.run_id = r.id) ORDER BY r.id DESC LIMIT 1",
        firstInt64, kind);
    if (!scored || *scored) return scored;
    // A run over an empty book has no score rows; it is still the latest run.
    return queryFirst(db, "SELECT id FROM analytics_runs WHERE kind = ?1 ORDER BY id DESC LIMIT 1",
                      firstInt64, kind);
}

Result<AnalyticsRunRecord> readAnalyticsRun(Database& db, std::int64_t runId) {
    auto run = selectFirst(db, kRunColumns, "FROM analytics_runs WHERE id = ?1", runId);
    if (!run) return run.error();
    if (!*run) return makeError(ErrorCode::NotFound, "no analytics run " + std::to_string(runId));
    return std::move(**run);
}

Result<std::optional<std::int64_t>> runClientCount(Database& db, std::int64_t runId) {
    // A summary that is no JSON object (an older run's) says nothing: json_valid first, in a
    // CASE (SQLite does not promise to evaluate AND's terms in order; json_type would raise).
    return queryFirst(db,
                      "SELECT json_extract(summary, '$.clients') FROM analytics_runs WHERE id = ?1 "
                      "AND CASE WHEN json_valid(summary) "
                      "THEN json_type(summary, '$.clients') = 'integer' ELSE 0 END",
                      firstInt64, runId);
}

Result<std::vector<ScoredClient>> readScores(Database& db, std::int64_t runId) {
    // A client merged into another since the run is listed no more (its kept client is).
    return queryRows(db,
                     kScoredClientSelect +
                         "WHERE s.run_id = ?1 AND c.merged_into IS NULL ORDER BY s.value_rank, "
                         "c.client_id",
                     scoredClient, runId);
}

Result<std::optional<ScoredClient>> readClientScore(Database& db, std::int64_t runId,
                                                    std::int64_t clientRef) {
    return queryFirst(db, kScoredClientSelect + "WHERE s.run_id = ?1 AND s.client_ref = ?2",
                      scoredClient, runId, clientRef);
}

Result<std::vector<ClvModelRow>> readClvModels(Database& db, std::int64_t runId) {
    return selectRows(db, kClvModelColumns,
                      "FROM clv_models WHERE run_id = ?1 ORDER BY scope, model", runId);
}

} // namespace bd::storage
