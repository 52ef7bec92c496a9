#pragma once
// Persisted analytics runs: the run record (analytics_runs), per-client value scores
// (client_scores) and fitted CLV models (clv_models). Plain rows in, plain rows out.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"
#include "core/valueexplanation.h"
#include "storage/db/database.h"

namespace bd::storage {

/// One row of analytics_runs.
struct AnalyticsRunRecord {
    std::int64_t id = 0;    // set when saved / read
    std::string kind;       // "value" for refreshBook
    std::string started_at; // ISO local time "YYYY-MM-DD HH:MM:SS"
    std::optional<Date> as_of;
    std::string parameters; // JSON
    double duration_ms = 0;
    std::string stage_timings; // JSON {"stage": ms, ...}
    std::string summary;       // JSON
};

/// One client's value-model result in a run (money exact to 0.0001 CNY).
struct ClientScoreRow {
    std::int64_t client_ref = 0;
    Money aum;
    std::int64_t trades_12m = 0;
    Money commission_12m, interest_12m, handling_cost_12m, service_cost_12m, maintenance_12m;
    Money profit_12m;
    std::int64_t recency_days = 0;
    std::int64_t frequency = 0;
    double p_alive = 0;
    double expected_trades_12m = 0;
    Money expected_commission_per_trade_day;
    Money clv_12m;
    double value_score = 0;
    std::int64_t value_rank = 0;
    bool vip = false; // firm-wide VIP
    bool aum_rich_low_value = false;
    double churn_risk = 0;
    std::string explanation_code; // language-free (core/valueexplanation.h)
    std::string flag_reason;      // why aum_rich_low_value ("" when not flagged); the words:
                                  // phrase::explanation, phrase::flagReasons
};

/// A stored score joined with the client's identifiers (for exports and views).
struct ScoredClient {
    ClientScoreRow score;
    std::string client_id;
    std::string name;
    std::string broker_id;
    std::string branch_id; // the client's, else its broker's
};

/// A fitted future-value model of a run (BG/NBD, Gamma-Gamma) for one scope ("firm", ...).
struct ClvModelRow {
    std::string scope;
    std::string model;
    std::string parameters; // JSON
    std::optional<double> log_likelihood;
    std::int64_t clients = 0;
    std::int64_t repeat_clients = 0;
    bool converged = false;
    std::string note;
};

/// Saves a run with its scores and models in one transaction; returns the run id. Older runs of
/// the same kind keep their analytics_runs row but lose their per-client scores beyond the
/// newest `keepScoredRuns` (so a book does not grow by a full score table per refresh).
Result<std::int64_t> saveAnalyticsRun(Database& db, const AnalyticsRunRecord& run,
                                      const std::vector<ClientScoreRow>& scores,
                                      const std::vector<ClvModelRow>& models,
                                      int keepScoredRuns = 10);

/// Sets a run's total duration (a refresh knows it only after its last write).
Status setAnalyticsRunDuration(Database& db, std::int64_t runId, double durationMs);

/// The newest run of `kind` that still has scores, nullopt when there is none.
Result<std::optional<std::int64_t>> latestScoredRunId(Database& db, std::string_view kind);

/// One analytics_runs row.
Result<AnalyticsRunRecord> readAnalyticsRun(Database& db, std::int64_t runId);

/// How many clients the run ranked (its summary's "clients": the whole book it ran on, which on
/// a branch server is the firm's, not only the clients a login sees); nullopt when its summary
/// does not say.
Result<std::optional<std::int64_t>> runClientCount(Database& db, std::int64_t runId);

/// The run's scores with client identifiers, ordered by value_rank.
Result<std::vector<ScoredClient>> readScores(Database& db, std::int64_t runId);
/// One client's score in a run with its identifiers; nullopt when the run has no score for it.
Result<std::optional<ScoredClient>> readClientScore(Database& db, std::int64_t runId,
                                                    std::int64_t clientRef);

/// The run's fitted models.
Result<std::vector<ClvModelRow>> readClvModels(Database& db, std::int64_t runId);

} // namespace bd::storage
