#include "storage/book/segmentstore.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

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

std::string jsonString(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
            out += c;
        }
    }
    return out + "\"";
}

/// A number with round-trip precision, or null for NaN / infinity (JSON has neither).
std::string jsonNumber(double v) {
    return std::isfinite(v) ? fmt::format("{}", v) : "null";
}

std::string jsonObject(const std::vector<std::pair<std::string, double>>& kv) {
    std::string out = "{";
    for (std::size_t i = 0; i < kv.size(); ++i)
        out += (i ? ", " : "") + jsonString(kv[i].first) + ": " + jsonNumber(kv[i].second);
    return out + "}";
}

std::string jsonArray(const std::vector<double>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + jsonNumber(v[i]);
    return out + "]";
}

/// Reader of the flat JSON this file writes: objects of string -> number|null and arrays of
/// number|null. Anything else is reported as malformed (the text is ours, so it means damage).
class FlatJson {
  public:
    explicit FlatJson(std::string_view s) : m_s(s) {}

    bool object(std::vector<std::pair<std::string, double>>& out) {
        if (!eat('{')) return false;
        if (eat('}')) return true;
        do {
            std::string key;
            double v = 0;
            if (!string(key) || !eat(':') || !number(v)) return false;
            out.emplace_back(std::move(key), v);
        } while (eat(','));
        return eat('}');
    }
    bool array(std::vector<double>& out) {
        if (!eat('[')) return false;
        if (eat(']')) return true;
        do {
            double v = 0;
            if (!number(v)) return false;
            out.push_back(v);
        } while (eat(','));
        return eat(']');
    }

  private:
    void ws() {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\n' || m_s[m_i] == '\t')) ++m_i;
    }
    bool eat(char c) {
        ws();
        if (m_i < m_s.size() && m_s[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool string(std::string& out) {
        if (!eat('"')) return false;
        while (m_i < m_s.size() && m_s[m_i] != '"') {
            char c = m_s[m_i++];
            if (c == '\\' && m_i < m_s.size()) {
                c = m_s[m_i++];
                if (c == 'u') { // only control characters are written this way
                    if (m_i + 4 > m_s.size()) return false;
                    unsigned code = 0;
                    auto [p, ec] =
                        std::from_chars(m_s.data() + m_i, m_s.data() + m_i + 4, code, 16);
                    if (ec != std::errc() || p != m_s.data() + m_i + 4) return false;
                    c = static_cast<char>(code);
                    m_i += 4;
                }
            }
            out += c;
        }
        return eat('"');
    }
    bool number(double& v) {
        ws();
        if (m_s.substr(m_i, 4) == "null") {
            m_i += 4;
            v = std::nan("");
            return true;
        }
        auto [p, ec] = std::from_chars(m_s.data() + m_i, m_s.data() + m_s.size(), v);
        if (ec != std::errc()) return false;
        m_i = static_cast<std::size_t>(p - m_s.data());
        return true;
    }
    std::string_view m_s;
    std::size_t m_i = 0;
};

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
    std::optional<ForeignKeysOff> fkOff;
    if (merged) fkOff.emplace(db);
    Transaction tx(db);
    if (!tx.began()) return tx.began();
    if (merged) {
        if (auto st = checkClientsExist(db, refs); !st) return st;
        auto run = db.prepare("SELECT EXISTS (SELECT 1 FROM analytics_runs WHERE id = ?1)");
        if (!run) return run.error();
        run->bind(1, runId);
        auto found = run->step();
        if (!found) return found.error();
        if (!*found || run->int64(0) == 0)
            return makeError(ErrorCode::Database,
                             "analytics run " + std::to_string(runId) + " does not exist");
    }
    for (const char* table : {"segment_runs", "segments", "segment_labels", "segment_factors",
                              "segment_factor_loadings", "segment_migrations"}) {
        auto del = db.prepare(fmt::format("DELETE FROM {} WHERE run_id = ?1", table));
        if (!del) return del.error();
        del->bind(1, runId);
        if (auto s = del->run(); !s) return s;
    }

    auto rr = db.prepare("INSERT INTO segment_runs(run_id, clients, k, used_factors, factors, "
                         "explained_variance, inertia, silhouette, previous_run_id, features) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!rr) return rr.error();
    const SegmentRunRow& r = data.run;
    rr->bind(1, runId).bind(2, r.clients).bind(3, r.k).bind(4, static_cast<int>(r.used_factors));
    rr->bind(5, r.factors).bind(6, r.explained_variance).bind(7, r.inertia);
    rr->bind(8, r.silhouette).bind(9, r.previous_run_id);
    rr->bind(10, std::string_view(r.features_json));
    if (auto s = rr->run(); !s) return s;

    auto sg = db.prepare(
        "INSERT INTO segments(run_id, segment_id, name_zh, name_en, name_edited, inherited, "
        "relationship_type, client_level, margin_level, size, client_share, aum_share, "
        "profit_share, mean_aum, mean_profit_12m, mean_clv_12m, mean_aum_trend, "
        "growth_potential, feature_means, feature_z, centroid, name_fact) VALUES (?1, ?2, ?3, "
        "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)");
    if (!sg) return sg.error();
    for (const SegmentRow& s : data.segments) {
        sg->bind(1, runId).bind(2, s.segment_id).bind(3, std::string_view(s.name_zh));
        sg->bind(4, std::string_view(s.name_en)).bind(5, static_cast<int>(s.name_edited));
        sg->bind(6, static_cast<int>(s.inherited)).bind(7, s.relationship_type);
        sg->bind(8, s.client_level).bind(9, s.margin_level).bind(10, s.size);
        sg->bind(11, s.client_share).bind(12, s.aum_share).bind(13, s.profit_share);
        sg->bind(14, s.mean_aum).bind(15, s.mean_profit_12m).bind(16, s.mean_clv_12m);
        sg->bind(17, s.mean_aum_trend).bind(18, s.growth_potential);
        sg->bind(19, std::string_view(jsonObject(s.feature_means)));
        sg->bind(20, std::string_view(jsonObject(s.feature_z)));
        sg->bind(21, std::string_view(jsonArray(s.centroid)));
        sg->bind(22, std::string_view(s.name_fact));
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

    // A factor's name is its theme (since schema v7; name_en / name_zh stay empty).
    auto fa = db.prepare("INSERT INTO segment_factors(run_id, factor, theme, name_en, name_zh, "
                         "variance) VALUES (?1, ?2, ?3, '', '', ?4)");
    auto lo = db.prepare("INSERT INTO segment_factor_loadings(run_id, factor, feature_index, "
                         "feature, loading) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!fa) return fa.error();
    if (!lo) return lo.error();
    for (const SegmentFactorRow& f : data.factors) {
        fa->bind(1, runId).bind(2, f.factor).bind(3, std::string_view(f.theme));
        fa->bind(4, f.variance);
        if (auto st = fa->run(); !st) return st;
        for (std::size_t j = 0; j < f.loadings.size(); ++j) {
            lo->bind(1, runId).bind(2, f.factor).bind(3, static_cast<std::int64_t>(j));
            lo->bind(4, std::string_view(f.loadings[j].first)).bind(5, f.loadings[j].second);
            if (auto st = lo->run(); !st) return st;
        }
    }

    auto mg = db.prepare("INSERT INTO segment_migrations(run_id, from_segment_id, to_segment_id, "
                         "clients) VALUES (?1, ?2, ?3, ?4)");
    if (!mg) return mg.error();
    for (const SegmentMigrationRow& m : data.migration) {
        if (m.clients == 0) continue;
        mg->bind(1, runId).bind(2, m.from_segment_id).bind(3, m.to_segment_id).bind(4, m.clients);
        if (auto st = mg->run(); !st) return st;
    }

    // Labels are the bulk (one row per client): keep them for the newest runs only.
    auto prune = db.prepare("DELETE FROM segment_labels WHERE run_id IN (SELECT run_id FROM "
                            "segment_runs ORDER BY run_id DESC LIMIT -1 OFFSET ?1)");
    if (!prune) return prune.error();
    prune->bind(1, std::max(1, keepLabelRuns));
    if (auto st = prune->run(); !st) return st;
    return tx.commit();
}

Result<std::optional<std::int64_t>> latestSegmentRunId(Database& db,
                                                       std::optional<std::int64_t> beforeRunId) {
    auto st = db.prepare("SELECT r.run_id FROM segment_runs r WHERE (?1 IS NULL OR r.run_id < ?1) "
                         "AND (r.clients = 0 OR EXISTS (SELECT 1 FROM segment_labels l WHERE "
                         "l.run_id = r.run_id)) ORDER BY r.run_id DESC LIMIT 1");
    if (!st) return st.error();
    st->bind(1, beforeRunId);
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{st->int64(0)};
}

Result<SegmentRunRow> loadSegmentRun(Database& db, std::int64_t runId) {
    auto st = db.prepare("SELECT run_id, clients, k, used_factors, factors, explained_variance, "
                         "inertia, silhouette, previous_run_id, features FROM segment_runs "
                         "WHERE run_id = ?1");
    if (!st) return st.error();
    st->bind(1, runId);
    auto r = st->step();
    if (!r) return r.error();
    if (!*r)
        return makeError(ErrorCode::NotFound,
                         "analytics run " + std::to_string(runId) + " has no segmentation");
    SegmentRunRow row;
    row.run_id = st->int64(0);
    row.clients = st->int64(1);
    row.k = st->int32(2);
    row.used_factors = st->int64(3) != 0;
    row.factors = st->int32(4);
    if (!st->isNull(5)) row.explained_variance = st->real(5);
    row.inertia = st->real(6);
    if (!st->isNull(7)) row.silhouette = st->real(7);
    row.previous_run_id = st->optInt64(8);
    row.features_json = st->text(9);
    return row;
}

Result<std::vector<SegmentRow>> loadSegments(Database& db, std::int64_t runId) {
    auto st = db.prepare(
        "SELECT segment_id, name_zh, name_en, name_edited, inherited, relationship_type, "
        "client_level, margin_level, size, client_share, aum_share, profit_share, mean_aum, "
        "mean_profit_12m, mean_clv_12m, mean_aum_trend, growth_potential, feature_means, "
        "feature_z, centroid, name_fact FROM segments WHERE run_id = ?1 ORDER BY segment_id");
    if (!st) return st.error();
    st->bind(1, runId);
    std::vector<SegmentRow> out;
    bool ok = true;
    auto opt = [](Statement& q, int c) {
        return q.isNull(c) ? std::optional<double>{} : std::optional<double>{q.real(c)};
    };
    auto s = forEachRow(*st, [&](Statement& q) {
        SegmentRow row;
        row.segment_id = q.int32(0);
        row.name_zh = q.text(1);
        row.name_en = q.text(2);
        row.name_fact = q.text(20);
        row.name_edited = q.int64(3) != 0;
        row.inherited = q.int64(4) != 0;
        row.relationship_type = q.int32(5);
        row.client_level = q.int32(6);
        row.margin_level = q.int32(7);
        row.size = q.int64(8);
        row.client_share = q.real(9);
        row.aum_share = opt(q, 10);
        row.profit_share = opt(q, 11);
        row.mean_aum = opt(q, 12);
        row.mean_profit_12m = opt(q, 13);
        row.mean_clv_12m = opt(q, 14);
        row.mean_aum_trend = opt(q, 15);
        row.growth_potential = opt(q, 16);
        ok = ok && FlatJson(q.textView(17)).object(row.feature_means);
        ok = ok && FlatJson(q.textView(18)).object(row.feature_z);
        ok = ok && FlatJson(q.textView(19)).array(row.centroid);
        out.push_back(std::move(row));
    });
    if (!s) return s.error();
    if (!ok) return malformed(runId, "profiles");
    return out;
}

Result<std::vector<std::pair<std::int64_t, int>>> loadSegmentLabels(Database& db,
                                                                    std::int64_t runId) {
    auto st = db.prepare("SELECT client_ref, segment_id FROM segment_labels WHERE run_id = ?1 "
                         "ORDER BY client_ref");
    if (!st) return st.error();
    st->bind(1, runId);
    std::vector<std::pair<std::int64_t, int>> out;
    auto s = forEachRow(*st, [&](Statement& q) { out.emplace_back(q.int64(0), q.int32(1)); });
    if (!s) return s.error();
    return out;
}

Result<std::vector<SegmentFactorRow>> loadSegmentFactors(Database& db, std::int64_t runId) {
    auto st = db.prepare("SELECT factor, theme, variance FROM segment_factors "
                         "WHERE run_id = ?1 ORDER BY factor");
    if (!st) return st.error();
    st->bind(1, runId);
    std::vector<SegmentFactorRow> out;
    auto s = forEachRow(*st, [&](Statement& q) {
        out.push_back({q.int32(0), q.text(1), q.real(2), {}});
    });
    if (!s) return s.error();
    auto lo = db.prepare("SELECT feature, factor, loading FROM segment_factor_loadings WHERE "
                         "run_id = ?1 ORDER BY factor, feature_index");
    if (!lo) return lo.error();
    lo->bind(1, runId);
    s = forEachRow(*lo, [&](Statement& q) {
        const int f = q.int32(1);
        for (auto& row : out)
            if (row.factor == f) row.loadings.emplace_back(q.text(0), q.real(2));
    });
    if (!s) return s.error();
    return out;
}

Result<std::vector<SegmentMigrationRow>> loadSegmentMigration(Database& db, std::int64_t runId) {
    auto st = db.prepare("SELECT from_segment_id, to_segment_id, clients FROM segment_migrations "
                         "WHERE run_id = ?1 ORDER BY from_segment_id, to_segment_id");
    if (!st) return st.error();
    st->bind(1, runId);
    std::vector<SegmentMigrationRow> out;
    auto s = forEachRow(*st, [&](Statement& q) {
        out.push_back({q.int32(0), q.int32(1), q.int64(2)});
    });
    if (!s) return s.error();
    return out;
}

Status renameSegment(Database& db, int segmentId, const std::string& nameZh,
                     const std::string& nameEn) {
    if (nameZh.empty() || nameEn.empty())
        return makeError(ErrorCode::InvalidInput, "a segment needs a Chinese and an English name");
    auto latest = latestSegmentRunId(db);
    if (!latest) return latest.error();
    if (!*latest)
        return makeError(ErrorCode::NotFound, "the book has no segments yet; run `refresh` first");
    auto st = db.prepare("UPDATE segments SET name_zh = ?1, name_en = ?2, name_edited = 1, "
                         "name_fact = '' WHERE run_id = ?3 AND segment_id = ?4");
    if (!st) return st.error();
    st->bind(1, std::string_view(nameZh)).bind(2, std::string_view(nameEn));
    st->bind(3, **latest).bind(4, segmentId);
    if (auto s = st->run(); !s) return s;
    if (db.changes() == 0)
        return makeError(ErrorCode::NotFound,
                         fmt::format("no segment {} in the latest run ({})", segmentId, **latest));
    return {};
}

Status appendRunStageTimings(Database& db, std::int64_t runId,
                             const std::vector<std::pair<std::string, double>>& stages,
                             double durationMs) {
    auto st = db.prepare("SELECT stage_timings FROM analytics_runs WHERE id = ?1");
    if (!st) return st.error();
    st->bind(1, runId);
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) return makeError(ErrorCode::NotFound, "no analytics run " + std::to_string(runId));
    std::string json = st->optText(0).value_or("");
    while (!json.empty() && (json.back() == ' ' || json.back() == '\n')) json.pop_back();
    // A run written without timings (or with unreadable ones) starts a fresh object.
    if (json.size() < 2 || json.front() != '{' || json.back() != '}') json = "{}";
    json.pop_back();
    for (const auto& [name, ms] : stages)
        json += fmt::format("{}{}: {:.1f}", json.size() > 1 ? ", " : "", jsonString(name), ms);
    json += "}";
    auto up = db.prepare("UPDATE analytics_runs SET stage_timings = ?1, duration_ms = "
                         "duration_ms + ?2 WHERE id = ?3");
    if (!up) return up.error();
    up->bind(1, std::string_view(json)).bind(2, durationMs).bind(3, runId);
    return up->run();
}

Result<std::vector<ServicePolicyRow>> loadServicePolicies(Database& db) {
    auto st = db.prepare("SELECT relationship_type, cadence_days, channels, served_by, proactive "
                         "FROM service_policies ORDER BY relationship_type");
    if (!st) return st.error();
    std::vector<ServicePolicyRow> out;
    auto s = forEachRow(*st, [&](Statement& q) {
        out.push_back({q.int32(0), q.int32(1), q.text(2), q.int32(3), q.int64(4) != 0});
    });
    if (!s) return s.error();
    return out;
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
    auto st = db.prepare("INSERT OR REPLACE INTO service_policies(relationship_type, cadence_days, "
                         "channels, served_by, proactive) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st) return st.error();
    st->bind(1, p.relationship_type).bind(2, p.cadence_days);
    st->bind(3, std::string_view(p.channels)).bind(4, p.served_by);
    st->bind(5, static_cast<int>(p.proactive));
    return st->run();
}

} // namespace bd::storage
