#include "storage/book/segmentstore.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/json.h"
#include "core/jsonreader.h"
#include "storage/book/clientrefs.h"
#include "storage/db/bulkinsert.h"
#include "storage/db/columns.h"
#include "storage/db/query.h"

namespace bd::storage {
namespace {

// segment_runs (run_id first, written by saveSegmentRun from the run it belongs to).
constexpr auto kRunColumns = columnList(
    column("run_id", &SegmentRunRow::run_id), column("clients", &SegmentRunRow::clients),
    column("k", &SegmentRunRow::k), column("used_factors", &SegmentRunRow::used_factors),
    column("factors", &SegmentRunRow::factors),
    column("explained_variance", &SegmentRunRow::explained_variance),
    column("inertia", &SegmentRunRow::inertia), column("silhouette", &SegmentRunRow::silhouette),
    column("previous_run_id", &SegmentRunRow::previous_run_id),
    column("features", &SegmentRunRow::features_json),
    column("unsegmented", &SegmentRunRow::unsegmented));

// segments (after run_id; the JSON profile columns follow the list, see kSegmentJsonColumns).
constexpr auto kSegmentColumns = columnList(
    column("segment_id", &SegmentRow::segment_id), column("name_fact", &SegmentRow::name_fact),
    column("name_zh", &SegmentRow::name_zh), column("name_en", &SegmentRow::name_en),
    column("name_edited", &SegmentRow::name_edited), column("inherited", &SegmentRow::inherited),
    column("relationship_type", &SegmentRow::relationship_type),
    column("client_level", &SegmentRow::client_level),
    column("margin_level", &SegmentRow::margin_level), column("size", &SegmentRow::size),
    column("client_share", &SegmentRow::client_share), column("aum_share", &SegmentRow::aum_share),
    column("profit_share", &SegmentRow::profit_share), column("mean_aum", &SegmentRow::mean_aum),
    column("mean_profit_12m", &SegmentRow::mean_profit_12m),
    column("mean_clv_12m", &SegmentRow::mean_clv_12m),
    column("mean_aum_trend", &SegmentRow::mean_aum_trend),
    column("growth_potential", &SegmentRow::growth_potential));
// Written as JSON (jsonObject / jsonArray) and read back by JsonReader.
const std::initializer_list<std::string_view> kSegmentJsonColumns = {"feature_means", "feature_z",
                                                                     "centroid"};

// segment_factors (after run_id, then name_en and name_zh, empty since schema v7: a factor's
// name is its theme; the loadings are rows of their own).
constexpr auto kFactorColumns = columnList(column("factor", &SegmentFactorRow::factor),
                                           column("theme", &SegmentFactorRow::theme),
                                           column("variance", &SegmentFactorRow::variance));

// segment_migrations (after run_id).
constexpr auto kMigrationColumns =
    columnList(column("from_segment_id", &SegmentMigrationRow::from_segment_id),
               column("to_segment_id", &SegmentMigrationRow::to_segment_id),
               column("clients", &SegmentMigrationRow::clients));

// segment_k_choices (after run_id).
constexpr auto kKChoiceColumns = columnList(
    column("k", &SegmentKChoiceRow::k), column("silhouette", &SegmentKChoiceRow::silhouette),
    column("inertia", &SegmentKChoiceRow::inertia),
    column("sample_rows", &SegmentKChoiceRow::sample_rows),
    column("silhouette_se", &SegmentKChoiceRow::silhouette_se),
    column("agreement", &SegmentKChoiceRow::agreement));

// service_policies.
constexpr auto kPolicyColumns =
    columnList(column("relationship_type", &ServicePolicyRow::relationship_type),
               column("cadence_days", &ServicePolicyRow::cadence_days),
               column("channels", &ServicePolicyRow::channels),
               column("served_by", &ServicePolicyRow::served_by),
               column("proactive", &ServicePolicyRow::proactive));

Error malformed(std::int64_t runId, const char* what) {
    return makeError(ErrorCode::Internal, fmt::format("segment {} of run {} is not readable JSON; "
                                                      "run `refresh` again to recompute it",
                                                      what, runId));
}

} // namespace

Status saveSegmentRun(Database& db, const SegmentRunData& data, int keepLabelRuns) {
    const std::int64_t runId = data.run.run_id;
    // Labels in client order (as the refresh gives them) are checked against the clients in one
    // pass; the few other rows reference the run, checked once below.
    std::vector<std::int64_t> refs(data.labels.size());
    for (std::size_t k = 0; k < refs.size(); ++k) refs[k] = data.labels[k].first;
    const bool merged = strictlyAscending(refs);
    ForeignKeysOff fkOff(db, merged);
    Transaction tx(db);
    if (!tx.began()) return tx.began();
    if (merged) {
        if (auto st = checkClientsExist(db, refs); !st) return st;
        auto run = db.prepare("SELECT EXISTS (SELECT 1 FROM analytics_runs WHERE id = ?1)");
        if (!run) return run.error();
        run->bind(1, runId);
        bool exists = false;
        auto found = run->first([&](const Statement& row) { exists = row.boolean(0); });
        if (!found) return found.error();
        if (!exists)
            return makeError(ErrorCode::Database,
                             "analytics run " + std::to_string(runId) + " does not exist");
    }
    for (const char* table : {"segment_runs", "segments", "segment_labels", "segment_factors",
                              "segment_factor_loadings", "segment_migrations", "segment_k_choices"})
        if (auto s = execute(db, fmt::format("DELETE FROM {} WHERE run_id = ?1", table), runId); !s)
            return s;

    auto rr = db.prepare(insertSql("segment_runs", kRunColumns));
    if (!rr) return rr.error();
    bindColumns(*rr, 1, kRunColumns, data.run);
    if (auto s = rr->run(); !s) return s;

    auto sg = db.prepare(insertSql("segments", kSegmentColumns, {"run_id"}, kSegmentJsonColumns));
    if (!sg) return sg.error();
    for (const SegmentRow& s : data.segments) {
        sg->bind(1, runId);
        const int json = bindColumns(*sg, 2, kSegmentColumns, s);
        sg->bind(json, jsonObject(s.feature_means))
            .bind(json + 1, jsonObject(s.feature_z))
            .bind(json + 2, jsonArray(s.centroid));
        if (auto st = sg->run(); !st) return st;
    }

    // One INSERT ... SELECT for the per-client labels (one row per client).
    static const std::vector<std::string_view> kLabelColumns = {"run_id", "client_ref",
                                                                "segment_id"};
    if (auto st = bulkInsert(db, "segment_labels", kLabelColumns, data.labels.size(),
                             [&](std::size_t k, BulkRow& v) {
                                 v[0] = BulkValue::of(runId);
                                 v[1] = BulkValue::of(data.labels[k].first);
                                 v[2] = BulkValue::of(data.labels[k].second);
                             });
        !st)
        return st;

    auto fa = db.prepare(
        insertSql("segment_factors", kFactorColumns, {"run_id"}, {"name_en", "name_zh"}));
    auto lo = db.prepare("INSERT INTO segment_factor_loadings(run_id, factor, feature_index, "
                         "feature, loading) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!fa) return fa.error();
    if (!lo) return lo.error();
    for (const SegmentFactorRow& f : data.factors) {
        fa->bind(1, runId);
        const int names = bindColumns(*fa, 2, kFactorColumns, f);
        fa->bind(names, std::string_view("")).bind(names + 1, std::string_view(""));
        if (auto st = fa->run(); !st) return st;
        for (std::size_t j = 0; j < f.loadings.size(); ++j) {
            lo->bindAll(runId, f.factor, static_cast<std::int64_t>(j), f.loadings[j].first,
                        f.loadings[j].second);
            if (auto st = lo->run(); !st) return st;
        }
    }

    auto mg = db.prepare(insertSql("segment_migrations", kMigrationColumns, {"run_id"}));
    if (!mg) return mg.error();
    for (const SegmentMigrationRow& m : data.migration) {
        if (m.clients == 0) continue;
        mg->bind(1, runId);
        bindColumns(*mg, 2, kMigrationColumns, m);
        if (auto st = mg->run(); !st) return st;
    }

    auto kc = db.prepare(insertSql("segment_k_choices", kKChoiceColumns, {"run_id"}));
    if (!kc) return kc.error();
    for (const SegmentKChoiceRow& c : data.k_choices) {
        kc->bind(1, runId);
        bindColumns(*kc, 2, kKChoiceColumns, c);
        if (auto st = kc->run(); !st) return st;
    }

    // Labels are the bulk (one row per client): keep them for the newest runs only.
    if (auto st = execute(db,
                          "DELETE FROM segment_labels WHERE run_id IN (SELECT run_id FROM "
                          "segment_runs ORDER BY run_id DESC LIMIT -1 OFFSET ?1)",
                          std::max(1, keepLabelRuns));
        !st)
        return st;
    return tx.commit();
}

Result<std::optional<std::int64_t>> latestSegmentRunId(Database& db,
                                                       std::optional<std::int64_t> beforeRunId) {
    return queryFirst(db,
                      "SELECT r.run_id FROM segment_runs r WHERE (?1 IS NULL OR r.run_id < ?1) "
                      "AND (r.clients = 0 OR EXISTS (SELECT 1 FROM segment_labels l WHERE "
                      "l.run_id = r.run_id)) ORDER BY r.run_id DESC LIMIT 1",
                      firstInt64, beforeRunId);
}

Result<SegmentRunRow> loadSegmentRun(Database& db, std::int64_t runId) {
    auto run = selectFirst(db, kRunColumns, "FROM segment_runs WHERE run_id = ?1", runId);
    if (!run) return run.error();
    if (!*run)
        return makeError(ErrorCode::NotFound,
                         "analytics run " + std::to_string(runId) + " has no segmentation");
    return std::move(**run);
}

Result<std::vector<SegmentRow>> loadSegments(Database& db, std::int64_t runId) {
    std::string sql = "SELECT " + selectList(kSegmentColumns);
    for (std::string_view json : kSegmentJsonColumns) sql += ", " + std::string(json);
    auto st = db.prepare(sql + " FROM segments WHERE run_id = ?1 ORDER BY segment_id");
    if (!st) return st.error();
    st->bind(1, runId);
    std::vector<SegmentRow> out;
    bool ok = true;
    auto s = st->forEach([&](const Statement& q) {
        SegmentRow& row = out.emplace_back();
        const int json = readColumns(q, 0, kSegmentColumns, row);
        ok = ok && JsonReader(q.textView(json)).numberObject(row.feature_means);
        ok = ok && JsonReader(q.textView(json + 1)).numberObject(row.feature_z);
        ok = ok && JsonReader(q.textView(json + 2)).numberArray(row.centroid);
    });
    if (!s) return s.error();
    if (!ok) return malformed(runId, "profiles");
    return out;
}

Result<std::vector<std::pair<std::int64_t, int>>> loadSegmentLabels(Database& db,
                                                                    std::int64_t runId) {
    return queryRows(
        db,
        "SELECT client_ref, segment_id FROM segment_labels WHERE run_id = ?1 ORDER BY client_ref",
        [](const Statement& q) { return std::pair(q.int64(0), q.int32(1)); }, runId);
}

Result<std::vector<SegmentFactorRow>> loadSegmentFactors(Database& db, std::int64_t runId) {
    auto factors = selectRows(db, kFactorColumns,
                              "FROM segment_factors WHERE run_id = ?1 ORDER BY factor", runId);
    if (!factors) return factors.error();
    std::vector<SegmentFactorRow>& out = *factors;
    auto lo = db.prepare("SELECT feature, factor, loading FROM segment_factor_loadings WHERE "
                         "run_id = ?1 ORDER BY factor, feature_index");
    if (!lo) return lo.error();
    lo->bind(1, runId);
    auto s = lo->forEach([&](const Statement& q) {
        const int f = q.int32(1);
        for (auto& row : out)
            if (row.factor == f) row.loadings.emplace_back(q.text(0), q.real(2));
    });
    if (!s) return s.error();
    return factors;
}

Result<std::vector<SegmentMigrationRow>> loadSegmentMigration(Database& db, std::int64_t runId) {
    return selectRows(db, kMigrationColumns,
                      "FROM segment_migrations WHERE run_id = ?1 ORDER BY from_segment_id, "
                      "to_segment_id",
                      runId);
}

Result<std::vector<SegmentKChoiceRow>> loadSegmentKChoices(Database& db, std::int64_t runId) {
    return selectRows(db, kKChoiceColumns, "FROM segment_k_choices WHERE run_id = ?1 ORDER BY k",
                      runId);
}

Result<SegmentNameRow> renameSegment(Database& db, int segmentId, const std::string& nameZh,
                                     const std::string& nameEn) {
    if (nameZh.empty() || nameEn.empty())
        return makeError(ErrorCode::InvalidInput, "a segment needs a Chinese and an English name");
    auto latest = latestSegmentRunId(db);
    if (!latest) return latest.error();
    if (!*latest)
        return makeError(ErrorCode::NotFound, "the book has no segments yet; run `refresh` first");
    auto before = queryFirst(
        db, "SELECT name_zh, name_en FROM segments WHERE run_id = ?1 AND segment_id = ?2",
        [](const Statement& row) {
            return SegmentNameRow{row.text(0), row.text(1)};
        },
        **latest, segmentId);
    if (!before) return before.error();
    if (!*before)
        return makeError(ErrorCode::NotFound,
                         fmt::format("no segment {} in the latest run ({})", segmentId, **latest));
    auto st = db.prepare("UPDATE segments SET name_zh = ?1, name_en = ?2, name_edited = 1, "
                         "name_fact = '' WHERE run_id = ?3 AND segment_id = ?4");
    if (!st) return st.error();
    st->bindAll(nameZh, nameEn, **latest, segmentId);
    if (auto s = st->run(); !s) return s.error();
    return std::move(**before);
}

Status appendRunStageTimings(Database& db, std::int64_t runId,
                             const std::vector<std::pair<std::string, double>>& stages,
                             double durationMs) {
    auto st = db.prepare("SELECT stage_timings FROM analytics_runs WHERE id = ?1");
    if (!st) return st.error();
    st->bind(1, runId);
    std::string json;
    auto found = st->first([&](const Statement& row) { json = row.text(0); });
    if (!found) return found.error();
    if (!*found) return makeError(ErrorCode::NotFound, "no analytics run " + std::to_string(runId));
    while (!json.empty() && (json.back() == ' ' || json.back() == '\n')) json.pop_back();
    // A run written without timings (or with unreadable ones) starts a fresh object.
    if (json.size() < 2 || json.front() != '{' || json.back() != '}') json = "{}";
    json.pop_back();
    for (const auto& [name, ms] : stages)
        json += fmt::format("{}{}: {:.1f}", json.size() > 1 ? ", " : "", jsonString(name), ms);
    json += "}";
    return execute(db,
                   "UPDATE analytics_runs SET stage_timings = ?1, duration_ms = duration_ms + ?2 "
                   "WHERE id = ?3",
                   json, durationMs, runId);
}

Result<std::vector<ServicePolicyRow>> loadServicePolicies(Database& db) {
    return selectRows(db, kPolicyColumns, "FROM service_policies ORDER BY relationship_type");
}

Result<ServicePolicyRow> loadServicePolicy(Database& db, int relationshipType) {
    auto all = loadServicePolicies(db);
    if (!all) return all.error();
    for (const auto& p : *all)
        if (p.relationship_type == relationshipType) return p;
    return makeError(ErrorCode::NotFound,
                     fmt::format("no service policy for relationship type {}", relationshipType));
}

Status saveServicePolicy(Database& db, const ServicePolicyRow& p) {
    if (p.cadence_days <= 0)
        return makeError(ErrorCode::InvalidInput, "the contact cadence must be at least 1 day");
    auto st =
        db.prepare(insertSql("service_policies", kPolicyColumns, {}, {}, "INSERT OR REPLACE"));
    if (!st) return st.error();
    bindColumns(*st, 1, kPolicyColumns, p);
    return st->run();
}

} // namespace bd::storage
