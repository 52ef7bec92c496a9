#include "storage/book/analyticsstore.h"

#include <algorithm>
#include <optional>
#include <string>

#include "storage/book/clientrefs.h"
#include "storage/db/bulkinsert.h"

namespace bd::storage {
namespace {

template <typename Fn>
Status forEachRow(Statement& st, Fn&& fn) {
    for (;;) {
        auto r = st.step();
        if (!r) return r.error();
        if (!*r) return {};
        fn(st);
    }
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
    std::optional<ForeignKeysOff> fkOff;
    if (merged) fkOff.emplace(db);
    Transaction tx(db);
    if (!tx.began()) return tx.began().error();
    if (merged)
        if (auto s = checkClientsExist(db, refs); !s) return s.error();
    auto ins =
        db.prepare("INSERT INTO analytics_runs(kind, started_at, as_of, parameters, duration_ms, "
                   "stage_timings, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!ins) return ins.error();
    ins->bind(1, std::string_view(run.kind)).bind(2, std::string_view(run.started_at));
    if (run.as_of)
        ins->bind(3, static_cast<std::int64_t>(run.as_of->days));
    else
        ins->bindNull(3);
    ins->bind(4, std::string_view(run.parameters)).bind(5, run.duration_ms);
    ins->bind(6, std::string_view(run.stage_timings)).bind(7, std::string_view(run.summary));
    if (auto s = ins->run(); !s) return s.error();
    const std::int64_t runId = db.lastInsertRowId();

    // One INSERT ... SELECT for the 100k-row score table (rows in client_ref order append at
    // the right edge of the new run's key range) instead of a bind-and-step per row.
    static const std::vector<std::string_view> kScoreColumns = {"run_id",
                                                                "client_ref",
                                                                "aum",
                                                                "trades_12m",
                                                                "commission_12m",
                                                                "interest_12m",
                                                                "handling_cost_12m",
                                                                "service_cost_12m",
                                                                "maintenance_12m",
                                                                "profit_12m",
                                                                "recency_days",
                                                                "frequency",
                                                                "p_alive",
                                                                "expected_trades_12m",
                                                                "expected_commission_per_trade_day",
                                                                "clv_12m",
                                                                "value_score",
                                                                "value_rank",
                                                                "vip",
                                                                "aum_rich_low_value",
                                                                "churn_risk",
                                                                "explanation_code",
                                                                "flag_reason"};
    auto written = bulkInsert(db, "client_scores", kScoreColumns, scores.size(),
                              [&](std::size_t k, BulkRow& v) {
                                  const ClientScoreRow& r = scores[k];
                                  v[0] = BulkValue::of(runId);
                                  v[1] = BulkValue::of(r.client_ref);
                                  v[2] = BulkValue::of(r.aum.units);
                                  v[3] = BulkValue::of(r.trades_12m);
                                  v[4] = BulkValue::of(r.commission_12m.units);
                                  v[5] = BulkValue::of(r.interest_12m.units);
                                  v[6] = BulkValue::of(r.handling_cost_12m.units);
                                  v[7] = BulkValue::of(r.service_cost_12m.units);
                                  v[8] = BulkValue::of(r.maintenance_12m.units);
                                  v[9] = BulkValue::of(r.profit_12m.units);
                                  v[10] = BulkValue::of(r.recency_days);
                                  v[11] = BulkValue::of(r.frequency);
                                  v[12] = BulkValue::real(r.p_alive);
                                  v[13] = BulkValue::real(r.expected_trades_12m);
                                  v[14] = BulkValue::of(r.expected_commission_per_trade_day.units);
                                  v[15] = BulkValue::of(r.clv_12m.units);
                                  v[16] = BulkValue::real(r.value_score);
                                  v[17] = BulkValue::of(r.value_rank);
                                  v[18] = BulkValue::of(r.vip ? 1 : 0);
                                  v[19] = BulkValue::of(r.aum_rich_low_value ? 1 : 0);
                                  v[20] = BulkValue::real(r.churn_risk);
                                  v[21] = BulkValue::text(r.explanation_code);
                                  v[22] = BulkValue::text(r.flag_reason);
                              });
    if (!written) return written.error();

    auto cm = db.prepare(
        "INSERT INTO clv_models(run_id, scope, model, parameters, log_likelihood, clients, "
        "repeat_clients, converged, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!cm) return cm.error();
    for (const auto& m : models) {
        cm->bind(1, runId).bind(2, std::string_view(m.scope)).bind(3, std::string_view(m.model));
        cm->bind(4, std::string_view(m.parameters)).bind(5, m.log_likelihood);
        cm->bind(6, m.clients).bind(7, m.repeat_clients);
        cm->bind(8, static_cast<std::int64_t>(m.converged)).bind(9, std::string_view(m.note));
        if (auto s = cm->run(); !s) return s.error();
    }

    // Keep the per-client scores of the newest runs only; the run records stay as history.
    auto prune = db.prepare(
        "DELETE FROM client_scores WHERE run_id IN (SELECT id FROM analytics_runs WHERE kind = ?1 "
        "ORDER BY id DESC LIMIT -1 OFFSET ?2)");
    if (!prune) return prune.error();
    prune->bind(1, std::string_view(run.kind)).bind(2, std::max(1, keepScoredRuns));
    if (auto s = prune->run(); !s) return s.error();
    if (auto s = tx.commit(); !s) return s.error();
    return runId;
}

Status setAnalyticsRunDuration(Database& db, std::int64_t runId, double durationMs) {
    auto st = db.prepare("UPDATE analytics_runs SET duration_ms = ?1 WHERE id = ?2");
    if (!st) return st.error();
    st->bind(1, durationMs).bind(2, runId);
    return st->run();
}

Result<std::optional<std::int64_t>> latestScoredRunId(Database& db, std::string_view kind) {
    auto st = db.prepare(
        "SELECT r.id FROM analytics_runs r WHERE r.kind = ?1 AND EXISTS "
        "(SELECT 1 FROM client_scores s WHERE s.run_id = r.id) ORDER BY r.id DESC LIMIT 1");
    if (!st) return st.error();
    st->bind(1, kind);
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) {
        // A run over an empty book has no score rows; it is still the latest run.
        auto any =
            db.prepare("SELECT id FROM analytics_runs WHERE kind = ?1 ORDER BY id DESC LIMIT 1");
        if (!any) return any.error();
        any->bind(1, kind);
        auto r2 = any->step();
        if (!r2) return r2.error();
        if (!*r2) return std::optional<std::int64_t>{};
        return std::optional<std::int64_t>{any->int64(0)};
    }
    return std::optional<std::int64_t>{st->int64(0)};
}

Result<AnalyticsRunRecord> readAnalyticsRun(Database& db, std::int64_t runId) {
    auto st = db.prepare(
        "SELECT id, kind, started_at, as_of, parameters, duration_ms, stage_timings, summary "
        "FROM analytics_runs WHERE id = ?1");
    if (!st) return st.error();
    st->bind(1, runId);
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) return makeError(ErrorCode::NotFound, "no analytics run " + std::to_string(runId));
    AnalyticsRunRecord run;
    run.id = st->int64(0);
    run.kind = st->text(1);
    run.started_at = st->text(2);
    if (!st->isNull(3)) run.as_of = Date{static_cast<std::int32_t>(st->int64(3))};
    run.parameters = st->text(4);
    run.duration_ms = st->real(5);
    run.stage_timings = st->optText(6).value_or("");
    run.summary = st->optText(7).value_or("");
    return run;
}

namespace {

// One scored client with its identifiers: the columns scoredClient() reads, in order.
constexpr const char* kScoredClientSelect =
    "SELECT s.client_ref, s.aum, s.trades_12m, s.commission_12m, s.interest_12m, "
    "s.handling_cost_12m, s.service_cost_12m, s.maintenance_12m, s.profit_12m, "
    "s.recency_days, s.frequency, s.p_alive, s.expected_trades_12m, "
    "s.expected_commission_per_trade_day, s.clv_12m, s.value_score, s.value_rank, s.vip, "
    "s.aum_rich_low_value, s.churn_risk, s.explanation_code, s.flag_reason, "
    "c.client_id, c.name, c.broker_id, COALESCE(c.branch_id, b.branch_id, '') "
    "FROM client_scores s JOIN clients c ON c.id = s.client_ref "
    "LEFT JOIN brokers b ON b.broker_id = c.broker_id ";

ScoredClient scoredClient(const Statement& q) {
    ScoredClient c;
    ClientScoreRow& r = c.score;
    r.client_ref = q.int64(0);
    r.aum = Money::fromUnits(q.int64(1));
    r.trades_12m = q.int64(2);
    r.commission_12m = Money::fromUnits(q.int64(3));
    r.interest_12m = Money::fromUnits(q.int64(4));
    r.handling_cost_12m = Money::fromUnits(q.int64(5));
    r.service_cost_12m = Money::fromUnits(q.int64(6));
    r.maintenance_12m = Money::fromUnits(q.int64(7));
    r.profit_12m = Money::fromUnits(q.int64(8));
    r.recency_days = q.int64(9);
    r.frequency = q.int64(10);
    r.p_alive = q.real(11);
    r.expected_trades_12m = q.real(12);
    r.expected_commission_per_trade_day = Money::fromUnits(q.int64(13));
    r.clv_12m = Money::fromUnits(q.int64(14));
    r.value_score = q.real(15);
    r.value_rank = q.int64(16);
    r.vip = q.int64(17) != 0;
    r.aum_rich_low_value = q.int64(18) != 0;
    r.churn_risk = q.real(19);
    r.explanation_code = q.text(20);
    r.flag_reason = q.text(21);
    c.client_id = q.text(22);
    c.name = q.text(23);
    c.broker_id = q.text(24);
    c.branch_id = q.text(25);
    return c;
}

} // namespace

Result<std::vector<ScoredClient>> readScores(Database& db, std::int64_t runId) {
    auto st = db.prepare(std::string(kScoredClientSelect) +
                         "WHERE s.run_id = ?1 ORDER BY s.value_rank, c.client_id");
    if (!st) return st.error();
    st->bind(1, runId);
    std::vector<ScoredClient> out;
    auto s = forEachRow(*st, [&](Statement& q) { out.push_back(scoredClient(q)); });
    if (!s) return s.error();
    return out;
}

Result<std::optional<ScoredClient>> readClientScore(Database& db, std::int64_t runId,
                                                    std::int64_t clientRef) {
    auto st =
        db.prepare(std::string(kScoredClientSelect) + "WHERE s.run_id = ?1 AND s.client_ref = ?2");
    if (!st) return st.error();
    st->bind(1, runId).bind(2, clientRef);
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) return std::optional<ScoredClient>{};
    return std::optional<ScoredClient>{scoredClient(*st)};
}

Result<std::vector<ClvModelRow>> readClvModels(Database& db, std::int64_t runId) {
    auto st = db.prepare(
        "SELECT scope, model, parameters, log_likelihood, clients, repeat_clients, converged, "
        "note FROM clv_models WHERE run_id = ?1 ORDER BY scope, model");
    if (!st) return st.error();
    st->bind(1, runId);
    std::vector<ClvModelRow> out;
    auto s = forEachRow(*st, [&](Statement& q) {
        ClvModelRow m;
        m.scope = q.text(0);
        m.model = q.text(1);
        m.parameters = q.text(2);
        if (!q.isNull(3)) m.log_likelihood = q.real(3);
        m.clients = q.int64(4);
        m.repeat_clients = q.int64(5);
        m.converged = q.int64(6) != 0;
        m.note = q.text(7);
        out.push_back(std::move(m));
    });
    if (!s) return s.error();
    return out;
}

} // namespace bd::storage
