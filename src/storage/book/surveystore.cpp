#include "storage/book/surveystore.h"

#include "core/enums.h"
#include "core/survey.h"
#include "storage/db/columns.h"

namespace bd::storage {
namespace {

constexpr int kClosed = static_cast<int>(ClientStatus::Closed);

/// ?1 since, ?2 the closed status, ?3 extra, ?4 before, ?5 the side of a trade.
Result<std::vector<std::int64_t>> refs(Database& db, std::string_view sql, std::int64_t since,
                                       std::optional<int> extra = {},
                                       std::optional<std::int64_t> before = {},
                                       std::optional<Side> side = {}) {
    auto st = db.prepare(sql);
    if (!st) return st.error();
    st->bind(1, since).bind(2, kClosed);
    if (extra) st->bind(3, *extra);
    if (st->parameterCount() >= 4) st->bind(4, before);
    if (side) st->bind(5, *side);
    return collectRows(*st, firstInt64);
}

// survey_templates, survey_items (after template_id) and survey_campaigns; a campaign's
// progress is counted from its survey calls when it is read.
constexpr auto kTemplateColumns = columnList(column("id", &SurveyTemplateRow::id, kGenerated),
                                             column("name", &SurveyTemplateRow::name),
                                             column("standard", &SurveyTemplateRow::standard),
                                             column("created_at", &SurveyTemplateRow::created_at));
constexpr auto kItemColumns = columnList(column("position", &SurveyItemRow::position),
                                         column("standard_item", &SurveyItemRow::standard_item),
                                         column("text", &SurveyItemRow::text));
constexpr auto kCampaignColumns = columnList(
    column("id", &SurveyCampaignRow::id, kGenerated), column("name", &SurveyCampaignRow::name),
    column("template_id", &SurveyCampaignRow::template_id),
    column("audience", &SurveyCampaignRow::audience),
    column("audience_arg", &SurveyCampaignRow::audience_arg),
    column("launch_date", &SurveyCampaignRow::launch_date),
    column("deadline_working_days", &SurveyCampaignRow::deadline_working_days),
    column("deadline_date", &SurveyCampaignRow::deadline_date),
    column("launched_at", &SurveyCampaignRow::launched_at));
// "made": the client had a contact (any outcome, not void) from the launch day on.
constexpr auto kCampaignProgressColumns =
    columnList(column("(SELECT count(*) FROM survey_calls k WHERE k.campaign_id = c.id)",
                      &SurveyCampaignRow::calls),
               column("(SELECT count(*) FROM survey_calls k WHERE k.campaign_id = c.id AND "
                      "(k.contact_id IS NOT NULL OR EXISTS (SELECT 1 FROM contacts t WHERE "
                      "t.client_ref = k.client_ref AND t.void_reason IS NULL AND "
                      "t.contact_time >= c.launch_date * 86400)))",
                      &SurveyCampaignRow::made),
               column("(SELECT count(*) FROM survey_calls k WHERE k.campaign_id = c.id AND "
                      "k.contact_id IS NOT NULL)",
                      &SurveyCampaignRow::answered));

Status loadItems(Database& db, SurveyTemplateRow& t) {
    auto items = selectRows(db, kItemColumns,
                            "FROM survey_items WHERE template_id = ?1 ORDER BY position", t.id);
    if (!items) return items.error();
    t.items = std::move(*items);
    return {};
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
    auto st = db.prepare(insertSql("survey_templates", kTemplateColumns));
    if (!st) return st.error();
    bindColumns(*st, 1, kTemplateColumns, t);
    if (auto s = st->run(); !s) return s.error();
    const std::int64_t id = db.lastInsertRowId();
    auto item = db.prepare(insertSql("survey_items", kItemColumns, {"template_id"}));
    if (!item) return item.error();
    for (const auto& i : t.items) {
        bindColumns(item->bind(1, id), 2, kItemColumns, i);
        if (auto s = item->run(); !s) return s.error();
    }
    return id;
}

Result<std::vector<SurveyTemplateRow>> loadSurveyTemplates(Database& db) {
    auto out = selectRows(db, kTemplateColumns, "FROM survey_templates ORDER BY id");
    if (!out) return out.error();
    for (auto& t : *out)
        if (auto s = loadItems(db, t); !s) return s.error();
    return out;
}

Result<std::optional<SurveyTemplateRow>> loadSurveyTemplate(Database& db, std::int64_t id) {
    auto out = selectFirst(db, kTemplateColumns, "FROM survey_templates WHERE id = ?1", id);
    if (!out) return out.error();
    if (*out)
        if (auto s = loadItems(db, **out); !s) return s.error();
    return out;
}

Result<std::optional<SurveyTemplateRow>> openCallSurvey(Database& db, std::int64_t campaignId,
                                                        std::int64_t clientRef) {
    auto st = db.prepare("SELECT c.template_id FROM survey_calls k JOIN survey_campaigns c ON "
                         "c.id = k.campaign_id WHERE k.campaign_id = ?1 AND k.client_ref = ?2 "
                         "AND k.contact_id IS NULL");
    if (!st) return st.error();
    st->bindAll(campaignId, clientRef);
    std::int64_t templateId = 0;
    auto found = st->first([&](const Statement& r) { templateId = r.int64(0); });
    if (!found) return found.error();
    if (!*found) return std::optional<SurveyTemplateRow>();
    auto t = loadSurveyTemplate(db, templateId);
    if (!t) return t.error();
    if (!*t) return makeError(ErrorCode::Internal, "the campaign's survey is gone");
    return t;
}

Result<std::int64_t> insertSurveyCampaign(Database& db, const SurveyCampaignRow& c) {
    auto st = db.prepare(insertSql("survey_campaigns", kCampaignColumns));
    if (!st) return st.error();
    bindColumns(*st, 1, kCampaignColumns, c);
    if (auto s = st->run(); !s) return s.error();
    return db.lastInsertRowId();
}

Result<std::vector<SurveyCampaignRow>> loadSurveyCampaigns(Database& db) {
    return queryRows(db,
                     "SELECT " + selectList(kCampaignColumns, "c.") + ", " +
                         selectList(kCampaignProgressColumns) +
                         " FROM survey_campaigns c ORDER BY c.launch_date DESC, c.id DESC",
                     [](const Statement& r) {
                         SurveyCampaignRow c;
                         readColumns(r, readColumns(r, 0, kCampaignColumns, c),
                                     kCampaignProgressColumns, c);
                         return c;
                     });
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
    return queryRows(
        db,
        "SELECT campaign_id, client_ref, queue, due_date, contact_id "
        "FROM survey_calls WHERE campaign_id = ?1 ORDER BY client_ref",
        [](const Statement& r) {
            return SurveyCallRow{r.int64(0), r.int64(1), r.text(2), r.date(3), r.optInt64(4)};
        },
        campaignId);
}

Result<std::vector<OpenSurveyCallRow>> loadOpenSurveyCalls(Database& db, Date launchedBy,
                                                           Date deadlineFrom) {
    return queryRows(db,
                     std::string(kOpenCallSelect) + " AND c.launch_date <= ?1 AND k.due_date >= ?2 "
                                                    "ORDER BY k.client_ref, k.due_date",
                     openCallAt, launchedBy, deadlineFrom);
}

Result<std::optional<OpenSurveyCallRow>> openSurveyCallOf(Database& db, std::int64_t clientRef) {
    return queryFirst(db,
                      std::string(kOpenCallSelect) +
                          " AND k.client_ref = ?1 ORDER BY k.due_date, k.campaign_id LIMIT 1",
                      openCallAt, clientRef);
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
                                                       std::optional<std::int64_t> campaignId,
                                                       std::optional<std::int64_t> segmentRun) {
    return queryRows(
        db,
        "SELECT a.campaign_id, a.client_ref, a.contact_id, c.broker_id, t.contact_time, a.item, "
        "a.score, l.segment_id FROM survey_answers a JOIN contacts t ON t.id = a.contact_id "
        "JOIN clients c ON c.id = a.client_ref LEFT JOIN segment_labels l ON l.run_id = ?2 "
        "AND l.client_ref = a.client_ref WHERE t.void_reason IS NULL "
        "AND (?1 IS NULL OR a.campaign_id = ?1) ORDER BY a.contact_id, a.item",
        [](const Statement& r) {
            return SurveyAnswerRow{
                r.int64(0), r.int64(1),
                r.int64(2), r.text(3),
                r.int64(4), r.int32(5),
                r.int32(6), r.isNull(7) ? std::nullopt : std::optional<int>(r.int32(7))};
        },
        campaignId, segmentRun);
}

namespace {
// ?1: the recommend question's item (kRecommendItem).
constexpr std::string_view kLatestRecommend =
    "SELECT a.client_ref, a.score, t.contact_time FROM survey_answers a "
    "JOIN contacts t ON t.id = a.contact_id WHERE a.item = ?1 AND t.void_reason IS NULL";
} // namespace

Result<std::vector<LatestRecommendRow>> loadLatestRecommends(Database& db) {
    // The newest answer of each client: ordered by client, newest first, the first one kept.
    auto st = db.prepare(std::string(kLatestRecommend) +
                         " ORDER BY a.client_ref, t.contact_time DESC, a.contact_id DESC");
    if (!st) return st.error();
    st->bind(1, kRecommendItem);
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
    return queryFirst(
        db,
        std::string(kLatestRecommend) +
            " AND a.client_ref = ?2 ORDER BY t.contact_time DESC, a.contact_id DESC LIMIT 1",
        [](const Statement& r) {
            return LatestRecommendRow{r.int64(0), r.int32(1), r.int64(2)};
        },
        kRecommendItem, clientRef);
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
                "AND t.side = ?5 AND s.risk_level >= ?3) ORDER BY c.id",
                sinceSecs, minLevel, beforeSecs, Side::Buy);
}

} // namespace bd::storage
