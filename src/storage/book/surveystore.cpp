#include "storage/book/surveystore.h"

#include "core/enums.h"

namespace bd::storage {
namespace {

constexpr int kClosed = static_cast<int>(ClientStatus::Closed);

Result<std::vector<std::int64_t>> refs(Database& db, std::string_view sql, std::int64_t since,
                                       std::optional<int> extra = {},
                                       std::optional<std::int64_t> before = {}) {
    auto st = db.prepare(sql);
    if (!st) return st.error();
    st->bind(1, since).bind(2, kClosed);
    if (extra) st->bind(3, *extra);
    if (st->parameterCount() >= 4) st->bind(4, before);
    std::vector<std::int64_t> out;
    if (auto s = st->forEach([&] { out.push_back(st->int64(0)); }); !s) return s.error();
    return out;
}

Status loadItems(Database& db, SurveyTemplateRow& t) {
    auto st = db.prepare("SELECT position, standard_item, text FROM survey_items "
                         "WHERE template_id = ?1 ORDER BY position");
    if (!st) return st.error();
    st->bind(1, t.id);
    return st->forEach([&] { t.items.push_back({st->int32(0), st->int32(1), st->text(2)}); });
}

constexpr std::string_view kTemplateSelect =
    "SELECT id, name, standard, created_at FROM survey_templates";

SurveyTemplateRow templateAt(const Statement& st) {
    SurveyTemplateRow t;
    t.id = st.int64(0);
    t.name = st.text(1);
    t.standard = st.int32(2);
    t.created_at = st.int64(3);
    return t;
}

OpenSurveyCallRow openCallAt(const Statement& st) {
    return {st.int64(0), st.int64(1), st.int64(2), st.date(3), st.date(4)};
}

constexpr std::string_view kOpenCallSelect =
    "SELECT k.campaign_id, k.client_ref, c.template_id, c.launch_date, k.due_date "
    "FROM survey_calls k JOIN survey_campaigns c ON c.id = k.campaign_id "
    "WHERE k.contact_id IS NULL";

} // namespace

Result<std::int64_t> insertSurveyTemplate(Database& db, const SurveyTemplateRow& t) {
    auto st =
        db.prepare("INSERT INTO survey_templates(name, standard, created_at) VALUES (?1, ?2, ?3)");
    if (!st) return st.error();
    st->bindAll(t.name, t.standard, t.created_at);
    if (auto s = st->run(); !s) return s.error();
    const std::int64_t id = db.lastInsertRowId();
    auto item = db.prepare("INSERT INTO survey_items(template_id, position, standard_item, text) "
                           "VALUES (?1, ?2, ?3, ?4)");
    if (!item) return item.error();
    for (const auto& i : t.items) {
        item->bindAll(id, i.position, i.standard_item, i.text);
        if (auto s = item->run(); !s) return s.error();
    }
    return id;
}

Result<std::vector<SurveyTemplateRow>> loadSurveyTemplates(Database& db) {
    auto st = db.prepare(std::string(kTemplateSelect) + " ORDER BY id");
    if (!st) return st.error();
    std::vector<SurveyTemplateRow> out;
    if (auto s = st->forEach([&] { out.push_back(templateAt(*st)); }); !s) return s.error();
    for (auto& t : out)
        if (auto s = loadItems(db, t); !s) return s.error();
    return out;
}

Result<std::optional<SurveyTemplateRow>> loadSurveyTemplate(Database& db, std::int64_t id) {
    auto st = db.prepare(std::string(kTemplateSelect) + " WHERE id = ?1");
    if (!st) return st.error();
    st->bind(1, id);
    std::optional<SurveyTemplateRow> out;
    auto found = st->first([&] { out = templateAt(*st); });
    if (!found) return found.error();
    if (out)
        if (auto s = loadItems(db, *out); !s) return s.error();
    return out;
}

Result<std::int64_t> insertSurveyCampaign(Database& db, const SurveyCampaignRow& c) {
    auto st = db.prepare("INSERT INTO survey_campaigns(name, template_id, audience, audience_arg, "
                         "launch_date, deadline_working_days, deadline_date, launched_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!st) return st.error();
    st->bindAll(c.name, c.template_id, c.audience, c.audience_arg, c.launch_date,
                c.deadline_working_days, c.deadline_date, c.launched_at);
    if (auto s = st->run(); !s) return s.error();
    return db.lastInsertRowId();
}

Result<std::vector<SurveyCampaignRow>> loadSurveyCampaigns(Database& db) {
    // "made": the client had a contact (any outcome, not void) from the launch day on.
    auto st =
        db.prepare("SELECT c.id, c.name, c.template_id, c.audience, c.audience_arg, c.launch_date, "
                   "c.deadline_working_days, c.deadline_date, c.launched_at, "
                   "(SELECT count(*) FROM survey_calls k WHERE k.campaign_id = c.id), "
                   "(SELECT count(*) FROM survey_calls k WHERE k.campaign_id = c.id AND "
                   "  (k.contact_id IS NOT NULL OR EXISTS (SELECT 1 FROM contacts t WHERE "
                   "   t.client_ref = k.client_ref AND t.void_reason IS NULL AND "
                   "   t.contact_time >= c.launch_date * 86400))), "
                   "(SELECT count(*) FROM survey_calls k WHERE k.campaign_id = c.id AND "
                   "  k.contact_id IS NOT NULL) "
                   "FROM survey_campaigns c ORDER BY c.launch_date DESC, c.id DESC");
    if (!st) return st.error();
    std::vector<SurveyCampaignRow> out;
    auto s = st->forEach([&] {
        SurveyCampaignRow c;
        c.id = st->int64(0);
        c.name = st->text(1);
        c.template_id = st->int64(2);
        c.audience = st->int32(3);
        c.audience_arg = st->int64(4);
        c.launch_date = st->date(5);
        c.deadline_working_days = st->int32(6);
        c.deadline_date = st->date(7);
        c.launched_at = st->int64(8);
        c.calls = st->int64(9);
        c.made = st->int64(10);
        c.answered = st->int64(11);
        out.push_back(std::move(c));
    });
    if (!s) return s.error();
    return out;
}

Status insertSurveyCalls(Database& db, const std::vector<SurveyCallRow>& calls) {
    auto st = db.prepare("INSERT INTO survey_calls(campaign_id, client_ref, queue, due_date) "
                         "VALUES (?1, ?2, ?3, ?4)");
    if (!st) return st.error();
    for (const auto& k : calls) {
        st->bindAll(k.campaign_id, k.client_ref, k.queue, k.due_date);
        if (auto s = st->run(); !s) return s;
    }
    return {};
}

Result<std::vector<SurveyCallRow>> loadSurveyCalls(Database& db, std::int64_t campaignId) {
    auto st = db.prepare("SELECT campaign_id, client_ref, queue, due_date, contact_id "
                         "FROM survey_calls WHERE campaign_id = ?1 ORDER BY client_ref");
    if (!st) return st.error();
    st->bind(1, campaignId);
    std::vector<SurveyCallRow> out;
    auto s = st->forEach([&] {
        out.push_back({st->int64(0), st->int64(1), st->text(2), st->date(3), st->optInt64(4)});
    });
    if (!s) return s.error();
    return out;
}

Result<std::vector<OpenSurveyCallRow>> loadOpenSurveyCalls(Database& db, Date launchedBy,
                                                           Date deadlineFrom) {
    auto st =
        db.prepare(std::string(kOpenCallSelect) + " AND c.launch_date <= ?1 AND k.due_date >= ?2 "
                                                  "ORDER BY k.client_ref, k.due_date");
    if (!st) return st.error();
    st->bind(1, launchedBy).bind(2, deadlineFrom);
    std::vector<OpenSurveyCallRow> out;
    if (auto s = st->forEach([&] { out.push_back(openCallAt(*st)); }); !s) return s.error();
    return out;
}

Result<std::optional<OpenSurveyCallRow>> openSurveyCallOf(Database& db, std::int64_t clientRef) {
    auto st = db.prepare(std::string(kOpenCallSelect) +
                         " AND k.client_ref = ?1 ORDER BY k.due_date, k.campaign_id LIMIT 1");
    if (!st) return st.error();
    st->bind(1, clientRef);
    std::optional<OpenSurveyCallRow> out;
    auto found = st->first([&] { out = openCallAt(*st); });
    if (!found) return found.error();
    return out;
}

Result<bool> answerSurveyCall(Database& db, std::int64_t campaignId, std::int64_t clientRef,
                              std::int64_t contactId) {
    auto st = db.prepare("UPDATE survey_calls SET contact_id = ?3 WHERE campaign_id = ?1 AND "
                         "client_ref = ?2 AND contact_id IS NULL");
    if (!st) return st.error();
    st->bindAll(campaignId, clientRef, contactId);
    if (auto s = st->run(); !s) return s.error();
    return db.changes() > 0;
}

Status insertSurveyAnswers(Database& db, std::int64_t contactId, std::int64_t campaignId,
                           std::int64_t clientRef, const std::vector<SurveyScore>& scores) {
    auto st = db.prepare("INSERT INTO survey_answers(contact_id, item, campaign_id, client_ref, "
                         "score) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st) return st.error();
    for (const auto& a : scores) {
        st->bindAll(contactId, a.item, campaignId, clientRef, a.score);
        if (auto s = st->run(); !s) return s;
    }
    return {};
}

Result<std::vector<SurveyAnswerRow>> loadSurveyAnswers(Database& db,
                                                       std::optional<std::int64_t> campaignId) {
    auto st = db.prepare(
        "SELECT a.campaign_id, a.client_ref, a.contact_id, c.broker_id, t.contact_time, a.item, "
        "a.score FROM survey_answers a JOIN contacts t ON t.id = a.contact_id "
        "JOIN clients c ON c.id = a.client_ref WHERE t.void_reason IS NULL "
        "AND (?1 IS NULL OR a.campaign_id = ?1) ORDER BY a.contact_id, a.item");
    if (!st) return st.error();
    st->bind(1, campaignId);
    std::vector<SurveyAnswerRow> out;
    auto s = st->forEach([&] {
        out.push_back({st->int64(0), st->int64(1), st->int64(2), st->text(3), st->int64(4),
                       st->int32(5), st->int32(6)});
    });
    if (!s) return s.error();
    return out;
}

namespace {
constexpr std::string_view kLatestRecommend =
    "SELECT a.client_ref, a.score, t.contact_time FROM survey_answers a "
    "JOIN contacts t ON t.id = a.contact_id WHERE a.item = 0 AND t.void_reason IS NULL";
} // namespace

Result<std::vector<LatestRecommendRow>> loadLatestRecommends(Database& db) {
    // The newest answer of each client: ordered by client, newest first, the first one kept.
    auto st = db.prepare(std::string(kLatestRecommend) +
                         " ORDER BY a.client_ref, t.contact_time DESC, a.contact_id DESC");
    if (!st) return st.error();
    std::vector<LatestRecommendRow> out;
    auto s = st->forEach([&] {
        const std::int64_t ref = st->int64(0);
        if (!out.empty() && out.back().client_ref == ref) return;
        out.push_back({ref, st->int32(1), st->int64(2)});
    });
    if (!s) return s.error();
    return out;
}

Result<std::optional<LatestRecommendRow>> latestRecommendOf(Database& db, std::int64_t clientRef) {
    auto st = db.prepare(std::string(kLatestRecommend) +
                         " AND a.client_ref = ?1 ORDER BY t.contact_time DESC, a.contact_id DESC "
                         "LIMIT 1");
    if (!st) return st.error();
    st->bind(1, clientRef);
    std::optional<LatestRecommendRow> out;
    auto found = st->first([&] {
        out = LatestRecommendRow{st->int64(0), st->int32(1), st->int64(2)};
    });
    if (!found) return found.error();
    return out;
}

Result<std::vector<std::int64_t>> complainersSince(Database& db, std::int64_t sinceSecs) {
    return refs(db,
                "SELECT c.id FROM clients c WHERE c.status <> ?2 AND EXISTS (SELECT 1 FROM "
                "contacts t WHERE t.client_ref = c.id AND t.outcome = ?3 AND t.void_reason IS NULL "
                "AND t.contact_time >= ?1) ORDER BY c.id",
                sinceSecs, static_cast<int>(Outcome::Complaint));
}

Result<std::vector<std::int64_t>> openedSince(Database& db, Date since) {
    return refs(db, "SELECT id FROM clients WHERE open_date >= ?1 AND status <> ?2 ORDER BY id",
                since.days);
}

Result<std::vector<std::int64_t>> riskyBuyersSince(Database& db, std::int64_t sinceSecs,
                                                   int minLevel,
                                                   std::optional<std::int64_t> beforeSecs) {
    // Trades are clustered by (client, time): one range per client, securities by key.
    return refs(db,
                "SELECT c.id FROM clients c WHERE c.status <> ?2 AND EXISTS (SELECT 1 FROM "
                "trades t JOIN securities s ON s.security_code = t.security_code WHERE "
                "t.client_ref = c.id AND t.trade_time >= ?1 AND (?4 IS NULL OR t.trade_time < ?4) "
                "AND t.side = " +
                    std::to_string(static_cast<int>(Side::Buy)) + // a constant, not input
                    " AND s.risk_level >= ?3) ORDER BY c.id",
                sinceSecs, minLevel, beforeSecs);
}

} // namespace bd::storage
