#include "storage/book/planstore.h"

#include <algorithm>

#include "storage/book/analyticsstore.h"
#include "storage/book/segmentstore.h"
#include "storage/book/tradedays.h"

namespace bd::storage {
namespace {

constexpr int kOutcomeNoAnswer = 2;  // core Outcome::NoAnswer
constexpr int kOutcomeComplaint = 4; // core Outcome::Complaint
constexpr std::int64_t kDaySecs = 86400;

Date dateAt(const Statement& st, int col) {
    return Date{static_cast<std::int32_t>(st.int64(col))};
}

std::optional<Date> optDate(const Statement& st, int col) {
    if (st.isNull(col)) return std::nullopt;
    return dateAt(st, col);
}

Date dayOfSecs(std::int64_t secs) {
    return DateTime{secs}.date();
}

/// Runs `st` to the end, calling `row()` for each row.
template <typename F>
Status each(Statement& st, F&& row) {
    for (;;) {
        auto r = st.step();
        if (!r) return r.error();
        if (!*r) return Status::success();
        row();
    }
}

constexpr const char* kTaskColumns =
    "t.id, t.client_ref, t.broker_id, t.planned_date, t.due_date, t.channel, "
    "coalesce(t.time_window, ''), t.priority, coalesce(t.reasons, ''), "
    "coalesce(t.talking_points, ''), t.status, t.attempts, coalesce(t.skip_reason, ''), "
    "t.contact_id, t.created_at, coalesce(pt.late_working_days, 0), "
    "coalesce(pt.channel_fallback, 0)";
constexpr int kTaskColumnCount = 17;

TaskRow readTask(const Statement& st, int c = 0) {
    TaskRow t;
    t.id = st.int64(c + 0);
    t.client_ref = st.int64(c + 1);
    t.broker_id = st.text(c + 2);
    t.planned_date = dateAt(st, c + 3);
    t.due_date = optDate(st, c + 4);
    t.channel = st.int32(c + 5);
    t.time_window = st.text(c + 6);
    t.priority = st.real(c + 7);
    t.reasons = st.text(c + 8);
    t.talking_points = st.text(c + 9);
    t.status = static_cast<TaskStatus>(st.int32(c + 10));
    t.attempts = st.int32(c + 11);
    t.skip_reason = st.text(c + 12);
    t.contact_id = st.optInt64(c + 13);
    t.created_at = st.int64(c + 14);
    t.late_working_days = st.int32(c + 15);
    t.channel_fallback = st.int64(c + 16) != 0;
    return t;
}

// Open tasks come from at most one run (a rebuild deletes the others), so joining the newest
// plan_tasks row of a task is a plain lookup by the task index.
constexpr const char* kTaskJoin =
    " FROM follow_up_tasks t LEFT JOIN plan_tasks pt ON pt.task_id = t.id AND pt.run_id = "
    "(SELECT max(run_id) FROM plan_tasks p2 WHERE p2.task_id = t.id)";

} // namespace

Result<std::vector<PlanClientRow>> loadPlanClients(Database& db, const std::string& brokerId) {
    std::string sql =
        "SELECT c.id, c.client_id, c.name, coalesce(c.phone, ''), c.broker_id, "
        "coalesce(c.branch_id, b.branch_id, ''), c.open_date, c.birth_date, "
        "coalesce(c.id_number, ''), c.risk_level, c.status, c.preferred_channel, "
        "coalesce(c.contact_hours, '') FROM clients c LEFT JOIN brokers b ON b.broker_id = "
        "c.broker_id WHERE c.status <> 3";
    if (!brokerId.empty()) sql += " AND c.broker_id = ?1";
    sql += " ORDER BY c.id";
    auto st = db.prepare(sql);
    if (!st) return st.error();
    if (!brokerId.empty()) st->bind(1, std::string_view(brokerId));
    std::vector<PlanClientRow> out;
    auto s = each(*st, [&] {
        PlanClientRow r;
        r.ref = st->int64(0);
        r.client_id = st->text(1);
        r.name = st->text(2);
        r.phone = st->text(3);
        r.broker_id = st->text(4);
        r.branch_id = st->text(5);
        r.open_date = dateAt(*st, 6);
        r.birth_date = optDate(*st, 7);
        r.id_number = st->text(8);
        r.risk_level = st->int32(9);
        r.status = st->int32(10);
        r.preferred_channel = st->int32(11);
        r.contact_hours = st->text(12);
        out.push_back(std::move(r));
    });
    if (!s) return s.error();
    return out;
}

Result<std::optional<PlanClientRow>> loadPlanClient(Database& db, std::int64_t ref) {
    auto st = db.prepare(
        "SELECT c.id, c.client_id, c.name, coalesce(c.phone, ''), c.broker_id, "
        "coalesce(c.branch_id, b.branch_id, ''), c.open_date, c.birth_date, "
        "coalesce(c.id_number, ''), c.risk_level, c.status, c.preferred_channel, "
        "coalesce(c.contact_hours, '') FROM clients c LEFT JOIN brokers b ON b.broker_id = "
        "c.broker_id WHERE c.id = ?1");
    if (!st) return st.error();
    st->bind(1, ref);
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) return std::optional<PlanClientRow>{};
    PlanClientRow c;
    c.ref = st->int64(0);
    c.client_id = st->text(1);
    c.name = st->text(2);
    c.phone = st->text(3);
    c.broker_id = st->text(4);
    c.branch_id = st->text(5);
    c.open_date = dateAt(*st, 6);
    c.birth_date = optDate(*st, 7);
    c.id_number = st->text(8);
    c.risk_level = st->int32(9);
    c.status = st->int32(10);
    c.preferred_channel = st->int32(11);
    c.contact_hours = st->text(12);
    return std::optional<PlanClientRow>{std::move(c)};
}

Result<std::optional<int>> clientRelationshipType(Database& db, std::int64_t ref) {
    auto run = latestSegmentRunId(db);
    if (!run) return run.error();
    if (!*run) return std::optional<int>{};
    auto st = db.prepare("SELECT s.relationship_type FROM segment_labels l JOIN segments s ON "
                         "s.run_id = l.run_id AND s.segment_id = l.segment_id WHERE l.run_id = ?1 "
                         "AND l.client_ref = ?2");
    if (!st) return st.error();
    st->bind(1, **run).bind(2, ref);
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) return std::optional<int>{};
    return std::optional<int>{st->int32(0)};
}

Result<std::int64_t> latestScoredCount(Database& db) {
    auto run = latestScoredRunId(db, "value");
    if (!run) return run.error();
    if (!*run) return std::int64_t{0};
    auto st = db.prepare("SELECT count(*) FROM client_scores WHERE run_id = ?1");
    if (!st) return st.error();
    st->bind(1, **run);
    auto r = st->step();
    if (!r) return r.error();
    return st->int64(0);
}

Result<std::vector<PlanScoreRow>> loadLatestScores(Database& db, std::int64_t* scoredClients) {
    std::vector<PlanScoreRow> out;
    if (scoredClients) *scoredClients = 0;
    auto run = latestScoredRunId(db, "value");
    if (!run) return run.error();
    if (!*run) return out;
    auto st = db.prepare("SELECT client_ref, value_score, p_alive, vip, value_rank FROM "
                         "client_scores WHERE run_id = ?1 ORDER BY client_ref");
    if (!st) return st.error();
    st->bind(1, **run);
    auto s = each(*st, [&] {
        out.push_back(
            PlanScoreRow{st->int64(0), st->real(1), st->real(2), st->int64(3) != 0, st->int64(4)});
    });
    if (!s) return s.error();
    if (scoredClients) *scoredClients = static_cast<std::int64_t>(out.size());
    return out;
}

Result<std::vector<PlanSegmentRow>> loadLatestSegments(Database& db) {
    std::vector<PlanSegmentRow> out;
    auto run = latestSegmentRunId(db);
    if (!run) return run.error();
    if (!*run) return out;
    auto st = db.prepare(
        "SELECT l.client_ref, l.segment_id, s.relationship_type, s.name_en, s.name_zh FROM "
        "segment_labels l JOIN segments s ON s.run_id = l.run_id AND s.segment_id = l.segment_id "
        "WHERE l.run_id = ?1 ORDER BY l.client_ref");
    if (!st) return st.error();
    st->bind(1, **run);
    auto s = each(*st, [&] {
        out.push_back(
            PlanSegmentRow{st->int64(0), st->int32(1), st->int32(2), st->text(3), st->text(4)});
    });
    if (!s) return s.error();
    return out;
}

Result<std::vector<PlanAssetRow>> loadLatestAssetPairs(Database& db, Date asOf) {
    auto st = db.prepare(
        // Two index seeks per open client beat sorting the whole assets table by a window.
        "SELECT c.id, a.date, a.cash + a.market_value, a.net_inflow FROM clients c JOIN assets a "
        "ON a.client_ref = c.id AND a.date IN (SELECT date FROM assets x WHERE x.client_ref = "
        "c.id AND x.date <= ?1 ORDER BY x.date DESC LIMIT 2) WHERE c.status <> 3 ORDER BY c.id, "
        "a.date");
    if (!st) return st.error();
    st->bind(1, static_cast<std::int64_t>(asOf.days));
    std::vector<PlanAssetRow> out;
    auto s = each(*st, [&] {
        const std::int64_t ref = st->int64(0);
        const Date d = dateAt(*st, 1);
        const Money aum = Money::fromUnits(st->int64(2));
        std::optional<Money> inflow;
        if (!st->isNull(3)) inflow = Money::fromUnits(st->int64(3));
        if (!out.empty() && out.back().ref == ref) {
            // The second (newer) row: the first becomes the previous snapshot.
            PlanAssetRow& r = out.back();
            r.previous_date = r.current_date;
            r.previous_aum = r.current_aum;
            r.current_date = d;
            r.current_aum = aum;
            r.net_inflow = inflow;
        } else {
            PlanAssetRow r;
            r.ref = ref;
            r.current_date = d;
            r.current_aum = aum;
            r.net_inflow = inflow;
            out.push_back(r);
        }
    });
    if (!s) return s.error();
    return out;
}

Result<std::vector<PlanTradeRow>> loadTradeActivity(Database& db, Date asOf) {
    if (auto s = syncTradeDays(db); !s) return s.error();
    // Only the blocks that can hold a day of the last year are unpacked; older history gives
    // just its latest day, from the block rows themselves.
    const std::int64_t a = asOf.days, windowStart = a - 365; // exclusive
    const std::int64_t lo = tradeDayBlockOf(windowStart + 1), hi = tradeDayBlockOf(a);
    std::vector<PlanTradeRow> out;
    std::vector<bool> traded; // per row of `out`: a trade day up to A was found
    {
        auto st = db.prepare("SELECT id FROM clients WHERE status <> 3 ORDER BY id");
        if (!st) return st.error();
        auto s = each(*st, [&] {
            traded.push_back(false);
            out.push_back(PlanTradeRow{st->int64(0), Date{}, 0});
        });
        if (!s) return s.error();
    }
    {
        // One pass over the blocks up to A's, in client order.
        TradeDayBlockScan::Range range;
        range.block_hi = hi;
        auto scan = TradeDayBlockScan::open(db, range);
        if (!scan) return scan.error();
        std::vector<TradeDayRow> days;
        std::size_t k = 0;
        for (;;) {
            auto r = scan->next();
            if (!r) return r.error();
            if (!*r) break;
            const std::int64_t ref = scan->clientRef(), block = scan->block();
            while (k < out.size() && out[k].ref < ref) ++k;
            if (k == out.size() || out[k].ref != ref) continue;
            if (block < lo) { // older history: its latest day, from the row itself
                out[k].last_trade = Date{static_cast<std::int32_t>(scan->lastDay())};
                traded[k] = true;
                continue;
            }
            days.clear();
            if (!unpackTradeDays(ref, block, scan->packed(), days))
                return makeError(ErrorCode::Internal, "trade_days holds a damaged block");
            for (const TradeDayRow& d : days) {
                if (d.day > a) break;
                if (d.day > windowStart) ++out[k].trade_days_12m;
                out[k].last_trade = Date{static_cast<std::int32_t>(d.day)};
                traded[k] = true;
            }
        }
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < out.size(); ++i)
        if (traded[i]) out[kept++] = out[i];
    out.resize(kept);
    return out;
}

Result<std::vector<PlanContactRow>> loadContactSummaries(Database& db, Date asOf) {
    const std::int64_t end = static_cast<std::int64_t>(asOf.days + 1) * kDaySecs;
    std::vector<PlanContactRow> out;
    {
        auto st = db.prepare(
            "SELECT client_ref, max(CASE WHEN outcome <> ?2 THEN contact_time END), "
            "max(CASE WHEN outcome = ?3 THEN contact_time END) FROM contacts WHERE contact_time "
            "< ?1 GROUP BY client_ref ORDER BY client_ref");
        if (!st) return st.error();
        st->bind(1, end).bind(2, kOutcomeNoAnswer).bind(3, kOutcomeComplaint);
        auto s = each(*st, [&] {
            PlanContactRow r;
            r.ref = st->int64(0);
            if (!st->isNull(1)) r.last_contact = dayOfSecs(st->int64(1));
            if (!st->isNull(2)) r.last_complaint = dayOfSecs(st->int64(2));
            out.push_back(std::move(r));
        });
        if (!s) return s.error();
    }
    // Rows above are ordered by client_ref: the follow-up queries are merged by binary search.
    auto find = [&](std::int64_t ref) -> PlanContactRow* {
        auto it =
            std::lower_bound(out.begin(), out.end(), ref,
                             [](const PlanContactRow& r, std::int64_t v) { return r.ref < v; });
        return it != out.end() && it->ref == ref ? &*it : nullptr;
    };
    {
        // SQLite takes the bare column from the row holding the max().
        auto st = db.prepare("SELECT client_ref, max(contact_time), satisfaction FROM contacts "
                             "WHERE satisfaction IS NOT NULL AND contact_time < ?1 GROUP BY "
                             "client_ref");
        if (!st) return st.error();
        st->bind(1, end);
        auto s = each(*st, [&] {
            if (PlanContactRow* r = find(st->int64(0))) {
                r->last_satisfaction_date = dayOfSecs(st->int64(1));
                r->last_satisfaction = st->int32(2);
            }
        });
        if (!s) return s.error();
    }
    {
        auto st = db.prepare(
            "SELECT c.client_ref, count(*), max(c.contact_time), c.channel FROM contacts c LEFT "
            "JOIN (SELECT client_ref, max(contact_time) AS t FROM contacts WHERE outcome <> ?2 AND "
            "contact_time < ?1 GROUP BY client_ref) r ON r.client_ref = c.client_ref WHERE "
            "c.outcome = ?2 AND c.contact_time < ?1 AND (r.t IS NULL OR c.contact_time > r.t) "
            "GROUP BY c.client_ref");
        if (!st) return st.error();
        st->bind(1, end).bind(2, kOutcomeNoAnswer);
        auto s = each(*st, [&] {
            if (PlanContactRow* r = find(st->int64(0))) {
                r->no_answer_streak = st->int32(1);
                r->last_attempt_channel = st->int32(3);
            }
        });
        if (!s) return s.error();
    }
    return out;
}

Result<std::vector<std::pair<std::int64_t, Date>>> loadPromisedFollowUps(Database& db, Date since,
                                                                         Date asOf) {
    const std::int64_t end = static_cast<std::int64_t>(asOf.days + 1) * kDaySecs;
    auto st = db.prepare("SELECT client_ref, next_follow_up FROM contacts WHERE next_follow_up "
                         ">= ?1 AND contact_time < ?2 ORDER BY client_ref, next_follow_up");
    if (!st) return st.error();
    st->bind(1, static_cast<std::int64_t>(since.days)).bind(2, end);
    std::vector<std::pair<std::int64_t, Date>> out;
    auto s = each(*st, [&] { out.emplace_back(st->int64(0), dateAt(*st, 1)); });
    if (!s) return s.error();
    return out;
}

Result<std::vector<PlanHoldingRow>> loadLatestHoldings(Database& db, Date asOf) {
    auto st = db.prepare(
        "SELECT p.client_ref, p.security_code, coalesce(s.name, ''), coalesce(s.risk_level, 0), "
        "coalesce(s.board, 0), c.risk_level FROM positions p JOIN (SELECT client_ref, max(date) "
        "AS d FROM positions WHERE date <= ?1 GROUP BY client_ref) l ON l.client_ref = "
        "p.client_ref AND l.d = p.date JOIN clients c ON c.id = p.client_ref LEFT JOIN "
        "securities s ON s.security_code = p.security_code WHERE p.quantity > 0 AND c.status <> 3 "
        "ORDER BY p.client_ref, p.security_code");
    if (!st) return st.error();
    st->bind(1, static_cast<std::int64_t>(asOf.days));
    std::vector<PlanHoldingRow> out;
    auto s = each(*st, [&] {
        out.push_back(PlanHoldingRow{st->int64(0), st->text(1), st->text(2), st->int32(3),
                                     st->int32(4), st->int32(5)});
    });
    if (!s) return s.error();
    return out;
}

Result<std::vector<PlanBrokerRow>> loadPlanBrokers(Database& db) {
    auto st = db.prepare("SELECT broker_id, name, coalesce(branch_id, ''), daily_capacity FROM "
                         "brokers ORDER BY broker_id");
    if (!st) return st.error();
    std::vector<PlanBrokerRow> out;
    auto s = each(*st, [&] {
        out.push_back(PlanBrokerRow{st->text(0), st->text(1), st->text(2), st->int32(3)});
    });
    if (!s) return s.error();
    return out;
}

Result<std::vector<std::pair<int, int>>> loadChannelLimits(Database& db) {
    auto st = db.prepare("SELECT channel, per_day FROM channel_limits ORDER BY channel");
    if (!st) return st.error();
    std::vector<std::pair<int, int>> out;
    auto s = each(*st, [&] { out.emplace_back(st->int32(0), st->int32(1)); });
    if (!s) return s.error();
    return out;
}

Result<std::vector<CalendarDayRow>> loadCalendarDays(Database& db) {
    auto st = db.prepare("SELECT date, kind, name FROM calendar_days ORDER BY date");
    if (!st) return st.error();
    std::vector<CalendarDayRow> out;
    auto s = each(*st, [&] {
        out.push_back(CalendarDayRow{dateAt(*st, 0), st->int32(1), st->text(2)});
    });
    if (!s) return s.error();
    return out;
}

Result<std::vector<TaskRow>> loadHeldTasks(Database& db) {
    auto st = db.prepare(std::string("SELECT ") + kTaskColumns + kTaskJoin +
                         " WHERE t.status = ?1 ORDER BY t.broker_id, t.planned_date, t.id");
    if (!st) return st.error();
    st->bind(1, static_cast<int>(TaskStatus::Held));
    std::vector<TaskRow> out;
    auto s = each(*st, [&] { out.push_back(readTask(*st)); });
    if (!s) return s.error();
    return out;
}

namespace {

/// Turns foreign-key enforcement off for its lifetime (outside a transaction only; SQLite ignores
/// the pragma inside one) and back on after. savePlanRun keeps the references right itself:
/// enforced, the ON DELETE CASCADE from follow_up_tasks to plan_tasks runs as a per-row trigger
/// and made replacing 75,000 tasks three times slower.
class ForeignKeysOff {
  public:
    explicit ForeignKeysOff(Database& db) : m_db(db) {
        auto on = queryInt(db, "PRAGMA foreign_keys");
        m_restore = on && *on == 1 && db.exec("PRAGMA foreign_keys = OFF");
    }
    ~ForeignKeysOff() {
        if (m_restore) (void)m_db.exec("PRAGMA foreign_keys = ON");
    }
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

  private:
    Database& m_db;
    bool m_restore = false;
};

} // namespace

Result<std::int64_t> savePlanRun(Database& db, const PlanRunRecord& run,
                                 const std::vector<TaskRow>& tasks,
                                 const std::vector<PlanDroppedRow>& dropped, int keepRuns) {
    ForeignKeysOff fkOff(db);
    Transaction tx(db);
    if (!tx.began()) return tx.began().error();
    {
        // Children first (what the cascade would do), then the open tasks themselves.
        auto links = db.prepare("DELETE FROM plan_tasks WHERE task_id IN (SELECT id FROM "
                                "follow_up_tasks WHERE status = ?1)");
        if (!links) return links.error();
        links->bind(1, static_cast<int>(TaskStatus::Open));
        if (auto s = links->run(); !s) return s.error();
        auto del = db.prepare("DELETE FROM follow_up_tasks WHERE status = ?1");
        if (!del) return del.error();
        del->bind(1, static_cast<int>(TaskStatus::Open));
        if (auto s = del->run(); !s) return s.error();
    }
    std::int64_t runId = 0;
    {
        auto st = db.prepare(
            "INSERT INTO plan_runs(created_at, as_of, first_day, last_day, horizon_working_days, "
            "default_daily_capacity, parameters, planned, dropped, warnings) VALUES (?1, ?2, ?3, "
            "?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        if (!st) return st.error();
        st->bind(1, run.created_at)
            .bind(2, static_cast<std::int64_t>(run.as_of.days))
            .bind(3, static_cast<std::int64_t>(run.first_day.days))
            .bind(4, static_cast<std::int64_t>(run.last_day.days))
            .bind(5, run.horizon_working_days)
            .bind(6, run.default_daily_capacity)
            .bind(7, std::string_view(run.parameters))
            .bind(8, static_cast<std::int64_t>(tasks.size()))
            .bind(9, static_cast<std::int64_t>(dropped.size()));
        if (run.warnings.empty())
            st->bindNull(10);
        else
            st->bind(10, std::string_view(run.warnings));
        if (auto s = st->run(); !s) return s.error();
        runId = db.lastInsertRowId();
    }
    {
        auto ins = db.prepare(
            "INSERT INTO follow_up_tasks(client_ref, broker_id, planned_date, due_date, channel, "
            "time_window, priority, reasons, talking_points, status, attempts, created_at) VALUES "
            "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
        if (!ins) return ins.error();
        auto link = db.prepare("INSERT INTO plan_tasks(run_id, task_id, late_working_days, "
                               "channel_fallback) VALUES (?1, ?2, ?3, ?4)");
        if (!link) return link.error();
        for (const TaskRow& t : tasks) {
            ins->bind(1, t.client_ref)
                .bind(2, std::string_view(t.broker_id))
                .bind(3, static_cast<std::int64_t>(t.planned_date.days));
            if (t.due_date)
                ins->bind(4, static_cast<std::int64_t>(t.due_date->days));
            else
                ins->bindNull(4);
            ins->bind(5, t.channel)
                .bind(6, std::string_view(t.time_window))
                .bind(7, t.priority)
                .bind(8, std::string_view(t.reasons))
                .bind(9, std::string_view(t.talking_points))
                .bind(10, static_cast<int>(TaskStatus::Open))
                .bind(11, t.attempts)
                .bind(12, run.created_at);
            if (auto s = ins->run(); !s) return s.error();
            link->bind(1, runId)
                .bind(2, db.lastInsertRowId())
                .bind(3, t.late_working_days)
                .bind(4, t.channel_fallback ? 1 : 0);
            if (auto s = link->run(); !s) return s.error();
        }
    }
    {
        auto ins = db.prepare("INSERT INTO plan_dropped(run_id, client_ref, broker_id, priority, "
                              "reason, facts) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        if (!ins) return ins.error();
        for (const PlanDroppedRow& d : dropped) {
            ins->bind(1, runId)
                .bind(2, d.client_ref)
                .bind(3, std::string_view(d.broker_id))
                .bind(4, d.priority)
                .bind(5, d.reason)
                .bind(6, std::string_view(d.facts));
            if (auto s = ins->run(); !s) return s.error();
        }
    }
    {
        // Older runs keep their plan_runs row (history) but not their dropped lists.
        auto prune = db.prepare("DELETE FROM plan_dropped WHERE run_id <= ?1 - ?2");
        if (!prune) return prune.error();
        prune->bind(1, runId).bind(2, std::max(keepRuns, 1));
        if (auto s = prune->run(); !s) return s.error();
    }
    if (auto s = tx.commit(); !s) return s.error();
    return runId;
}

Result<std::optional<PlanRunRecord>> latestPlanRun(Database& db, std::int64_t* runId) {
    auto st = db.prepare("SELECT id, created_at, as_of, first_day, last_day, "
                         "horizon_working_days, default_daily_capacity, parameters, "
                         "coalesce(warnings, '') FROM plan_runs ORDER BY id DESC LIMIT 1");
    if (!st) return st.error();
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) return std::optional<PlanRunRecord>{};
    if (runId) *runId = st->int64(0);
    PlanRunRecord p;
    p.created_at = st->int64(1);
    p.as_of = dateAt(*st, 2);
    p.first_day = dateAt(*st, 3);
    p.last_day = dateAt(*st, 4);
    p.horizon_working_days = st->int32(5);
    p.default_daily_capacity = st->int32(6);
    p.parameters = st->text(7);
    p.warnings = st->text(8);
    return std::optional<PlanRunRecord>{std::move(p)};
}

Result<std::vector<PlanDroppedRow>> loadPlanDropped(Database& db, std::int64_t runId) {
    auto st = db.prepare("SELECT client_ref, broker_id, priority, reason, facts "
                         "FROM plan_dropped WHERE run_id = ?1 ORDER BY broker_id, priority DESC, "
                         "client_ref");
    if (!st) return st.error();
    st->bind(1, runId);
    std::vector<PlanDroppedRow> out;
    auto s = each(*st, [&] {
        out.push_back(
            PlanDroppedRow{st->int64(0), st->text(1), st->real(2), st->int32(3), st->text(4)});
    });
    if (!s) return s.error();
    return out;
}

Result<std::vector<TaskDetailRow>> loadTasks(Database& db, const TaskFilter& f) {
    auto seg = latestSegmentRunId(db);
    if (!seg) return seg.error();
    auto scored = latestScoredRunId(db, "value");
    if (!scored) return scored.error();
    std::string sql =
        std::string("SELECT ") + kTaskColumns +
        ", c.client_id, c.name, coalesce(c.phone, ''), coalesce(c.branch_id, "
        "b.branch_id, ''), (SELECT max(contact_time) FROM contacts k WHERE "
        "k.client_ref = t.client_ref AND k.outcome <> ?9), coalesce(s.name_fact, ''), "
        "coalesce(s.name_zh, ''), coalesce(s.name_en, ''), coalesce(cs.vip, 0), "
        "cs.value_rank" +
        kTaskJoin +
        " JOIN clients c ON c.id = t.client_ref LEFT JOIN brokers b ON b.broker_id = "
        "c.broker_id LEFT JOIN segment_labels l ON l.run_id = ?7 AND l.client_ref = "
        "t.client_ref LEFT JOIN segments s ON s.run_id = l.run_id AND s.segment_id = "
        "l.segment_id LEFT JOIN client_scores cs ON cs.run_id = ?8 AND "
        "cs.client_ref = t.client_ref WHERE 1";
    if (!f.broker_id.empty()) sql += " AND t.broker_id = ?1";
    if (f.client_ref) sql += " AND t.client_ref = ?2";
    if (f.from) sql += " AND t.planned_date >= ?3";
    if (f.to) sql += " AND t.planned_date <= ?4";
    if (f.to_do_only) sql += " AND t.status IN (0, 3)";
    if (f.overdue_before) sql += " AND (t.planned_date < ?5 OR coalesce(t.due_date, ?5) < ?5)";
    sql += " ORDER BY t.broker_id, t.planned_date, t.time_window, t.priority DESC, t.client_ref, "
           "t.id";
    auto st = db.prepare(sql);
    if (!st) return st.error();
    if (!f.broker_id.empty()) st->bind(1, std::string_view(f.broker_id));
    if (f.client_ref) st->bind(2, *f.client_ref);
    if (f.from) st->bind(3, static_cast<std::int64_t>(f.from->days));
    if (f.to) st->bind(4, static_cast<std::int64_t>(f.to->days));
    if (f.overdue_before) st->bind(5, static_cast<std::int64_t>(f.overdue_before->days));
    st->bind(7, seg->value_or(-1)).bind(8, scored->value_or(-1)).bind(9, kOutcomeNoAnswer);
    std::vector<TaskDetailRow> out;
    auto s = each(*st, [&] {
        TaskDetailRow r;
        r.task = readTask(*st);
        const int c = kTaskColumnCount;
        r.client_id = st->text(c);
        r.name = st->text(c + 1);
        r.phone = st->text(c + 2);
        r.branch_id = st->text(c + 3);
        if (!st->isNull(c + 4)) r.last_contact = dayOfSecs(st->int64(c + 4));
        r.segment_fact = st->text(c + 5);
        r.segment_zh = st->text(c + 6);
        r.segment_en = st->text(c + 7);
        r.vip = st->int64(c + 8) != 0;
        r.value_rank = st->optInt64(c + 9);
        out.push_back(std::move(r));
    });
    if (!s) return s.error();
    return out;
}

Result<TaskRow> loadTask(Database& db, std::int64_t taskId) {
    auto st = db.prepare(std::string("SELECT ") + kTaskColumns + kTaskJoin + " WHERE t.id = ?1");
    if (!st) return st.error();
    st->bind(1, taskId);
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) return makeError(ErrorCode::NotFound, "no plan item " + std::to_string(taskId));
    return readTask(*st);
}

Result<std::int64_t> insertTask(Database& db, const TaskRow& t) {
    auto st = db.prepare(
        "INSERT INTO follow_up_tasks(client_ref, broker_id, planned_date, due_date, channel, "
        "time_window, priority, reasons, talking_points, status, attempts, skip_reason, "
        "contact_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
        "?14)");
    if (!st) return st.error();
    st->bind(1, t.client_ref)
        .bind(2, std::string_view(t.broker_id))
        .bind(3, static_cast<std::int64_t>(t.planned_date.days));
    if (t.due_date)
        st->bind(4, static_cast<std::int64_t>(t.due_date->days));
    else
        st->bindNull(4);
    st->bind(5, t.channel)
        .bind(6, std::string_view(t.time_window))
        .bind(7, t.priority)
        .bind(8, std::string_view(t.reasons))
        .bind(9, std::string_view(t.talking_points))
        .bind(10, static_cast<int>(t.status))
        .bind(11, t.attempts);
    if (t.skip_reason.empty())
        st->bindNull(12);
    else
        st->bind(12, std::string_view(t.skip_reason));
    st->bind(13, t.contact_id).bind(14, t.created_at);
    if (auto s = st->run(); !s) return s.error();
    return db.lastInsertRowId();
}

Status updateTask(Database& db, const TaskRow& t) {
    auto st = db.prepare("UPDATE follow_up_tasks SET status = ?2, planned_date = ?3, channel = ?4, "
                         "time_window = ?5, attempts = ?6, skip_reason = ?7, contact_id = ?8 "
                         "WHERE id = ?1");
    if (!st) return st.error();
    st->bind(1, t.id)
        .bind(2, static_cast<int>(t.status))
        .bind(3, static_cast<std::int64_t>(t.planned_date.days))
        .bind(4, t.channel)
        .bind(5, std::string_view(t.time_window))
        .bind(6, t.attempts);
    if (t.skip_reason.empty())
        st->bindNull(7);
    else
        st->bind(7, std::string_view(t.skip_reason));
    st->bind(8, t.contact_id);
    if (auto s = st->run(); !s) return s;
    if (db.changes() == 0)
        return makeError(ErrorCode::NotFound, "no plan item " + std::to_string(t.id));
    return Status::success();
}

Result<std::int64_t> insertContact(Database& db, const ContactInsert& c) {
    {
        auto dup = db.prepare("SELECT 1 FROM contacts WHERE client_ref = ?1 AND contact_time = ?2 "
                              "AND channel = ?3");
        if (!dup) return dup.error();
        dup->bind(1, c.client_ref).bind(2, c.contact_time).bind(3, c.channel);
        auto r = dup->step();
        if (!r) return r.error();
        if (*r)
            return makeError(ErrorCode::InvalidInput, "a contact with this client at " +
                                                          DateTime{c.contact_time}.toString() +
                                                          " on this channel is already recorded");
    }
    auto st = db.prepare("INSERT INTO contacts(client_ref, broker_id, contact_time, channel, "
                         "direction, outcome, satisfaction, notes, next_follow_up) VALUES (?1, ?2, "
                         "?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st) return st.error();
    st->bind(1, c.client_ref)
        .bind(2, std::string_view(c.broker_id))
        .bind(3, c.contact_time)
        .bind(4, c.channel)
        .bind(5, c.direction)
        .bind(6, c.outcome)
        .bind(7, c.satisfaction);
    if (c.notes.empty())
        st->bindNull(8);
    else
        st->bind(8, std::string_view(c.notes));
    if (c.next_follow_up)
        st->bind(9, static_cast<std::int64_t>(c.next_follow_up->days));
    else
        st->bindNull(9);
    if (auto s = st->run(); !s) return s.error();
    return db.lastInsertRowId();
}

Result<std::vector<std::pair<int, int>>> recentOutcomes(Database& db, std::int64_t clientRef,
                                                        std::int64_t afterSecs) {
    auto st = db.prepare("SELECT outcome, channel FROM contacts WHERE client_ref = ?1 AND "
                         "contact_time > ?2 ORDER BY contact_time, id");
    if (!st) return st.error();
    st->bind(1, clientRef).bind(2, afterSecs);
    std::vector<std::pair<int, int>> out;
    auto s = each(*st, [&] { out.emplace_back(st->int32(0), st->int32(1)); });
    if (!s) return s.error();
    return out;
}

} // namespace bd::storage
