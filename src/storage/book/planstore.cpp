#include "storage/book/planstore.h"

#include <algorithm>
#include <limits>
#include <type_traits>
#include <utility>

#include "storage/book/analyticsstore.h"
#include "storage/book/clientrefs.h"
#include "storage/book/segmentstore.h"
#include "storage/book/taskcolumns.h"
#include "storage/book/tradedays.h"
#include "storage/db/columns.h"

namespace bd::storage {
namespace {

constexpr std::int64_t kDaySecs = 86400;

Date dayOfSecs(std::int64_t secs) {
    return DateTime{secs}.date();
}

// plan_runs (planned and dropped are counted by savePlanRun, after these).
constexpr auto kPlanRunColumns = columnList(
    column("created_at", &PlanRunRecord::created_at), column("as_of", &PlanRunRecord::as_of),
    column("first_day", &PlanRunRecord::first_day), column("last_day", &PlanRunRecord::last_day),
    column("horizon_working_days", &PlanRunRecord::horizon_working_days),
    column("default_daily_capacity", &PlanRunRecord::default_daily_capacity),
    column("parameters", &PlanRunRecord::parameters),
    column("warnings", &PlanRunRecord::warnings, kEmptyIsNull));

// plan_dropped (after run_id).
constexpr auto kDroppedColumns = columnList(
    column("client_ref", &PlanDroppedRow::client_ref),
    column("broker_id", &PlanDroppedRow::broker_id), column("priority", &PlanDroppedRow::priority),
    column("reason", &PlanDroppedRow::reason), column("facts", &PlanDroppedRow::facts));

// contacts as the plan records them.
constexpr auto kContactColumns = columnList(
    column("client_ref", &ContactInsert::client_ref),
    column("broker_id", &ContactInsert::broker_id),
    column("contact_time", &ContactInsert::contact_time),
    column("channel", &ContactInsert::channel), column("direction", &ContactInsert::direction),
    column("outcome", &ContactInsert::outcome),
    column("satisfaction", &ContactInsert::satisfaction),
    column("notes", &ContactInsert::notes, kEmptyIsNull),
    column("next_follow_up", &ContactInsert::next_follow_up));

// A client as the planner reads it: clients c joined with its broker b (for the branch).
constexpr auto kPlanClientColumns = columnList(
    column("c.id", &PlanClientRow::ref), column("c.client_id", &PlanClientRow::client_id),
    column("c.name", &PlanClientRow::name), column("c.phone", &PlanClientRow::phone),
    column("c.broker_id", &PlanClientRow::broker_id),
    column("coalesce(c.branch_id, b.branch_id)", &PlanClientRow::branch_id),
    column("c.open_date", &PlanClientRow::open_date),
    column("c.birth_date", &PlanClientRow::birth_date),
    column("c.id_number", &PlanClientRow::id_number),
    column("c.risk_level", &PlanClientRow::risk_level), column("c.status", &PlanClientRow::status),
    column("c.preferred_channel", &PlanClientRow::preferred_channel),
    column("c.contact_hours", &PlanClientRow::contact_hours),
    column("c.risk_assessed_on", &PlanClientRow::risk_assessed_on));
const std::string kPlanClientSelect = "SELECT " + selectList(kPlanClientColumns) +
                                      " FROM clients c LEFT JOIN brokers b ON b.broker_id = "
                                      "c.broker_id";

// A holding of the latest positions p of each client c, with the security's metadata s.
constexpr auto kHoldingColumns =
    columnList(column("p.client_ref", &PlanHoldingRow::ref),
               column("p.security_code", &PlanHoldingRow::security_code),
               column("coalesce(s.name, '')", &PlanHoldingRow::name),
               column("coalesce(s.risk_level, 0)", &PlanHoldingRow::risk_level),
               column("coalesce(s.board, 0)", &PlanHoldingRow::board),
               column("c.risk_level", &PlanHoldingRow::client_risk_level),
               column("p.quantity", &PlanHoldingRow::quantity),
               column("p.cost_price", &PlanHoldingRow::cost_price),
               column("p.close_price", &PlanHoldingRow::close_price));

/// `read(runId)` in the run a lookup found (`run`: its id, or none yet): the lookup's error as
/// it is, and the empty answer (no rows, nothing, 0) when there is no such run.
template <typename Read, typename Answer = std::invoke_result_t<Read&, std::int64_t>>
Answer inRun(const Result<std::optional<std::int64_t>>& run, Read&& read) {
    if (!run) return run.error();
    if (!*run) return std::remove_reference_t<decltype(*std::declval<Answer&>())>{};
    return read(**run);
}

// A client's score in a scored run (client_scores).
constexpr auto kPlanScoreColumns = columnList(
    column("client_ref", &PlanScoreRow::ref), column("value_score", &PlanScoreRow::value_score),
    column("p_alive", &PlanScoreRow::p_alive), column("vip", &PlanScoreRow::vip),
    column("value_rank", &PlanScoreRow::value_rank));

// A client's segment label l in a segmentation run, with its segment s.
constexpr auto kPlanSegmentColumns = columnList(
    column("l.client_ref", &PlanSegmentRow::ref),
    column("l.segment_id", &PlanSegmentRow::segment_id),
    column("s.relationship_type", &PlanSegmentRow::relationship_type),
    column("s.name_en", &PlanSegmentRow::name_en), column("s.name_zh", &PlanSegmentRow::name_zh));

// Open tasks come from at most one run (a rebuild deletes the others), so joining the newest
// plan_tasks row of a task is a plain lookup by the task index.
constexpr const char* kTaskJoin =
    " FROM follow_up_tasks t LEFT JOIN plan_tasks pt ON pt.task_id = t.id AND pt.run_id = "
    "(SELECT max(run_id) FROM plan_tasks p2 WHERE p2.task_id = t.id)";
const std::string kTaskSelect =
    "SELECT " + selectList(kTaskColumns, "t.") + ", " + selectList(kPlanTaskColumns, "pt.");
constexpr int kTaskColumnCount = static_cast<int>(kTaskColumns.size + kPlanTaskColumns.size);

TaskRow readTask(const Statement& st) {
    TaskRow t;
    readColumns(st, readColumns(st, 0, kTaskColumns, t), kPlanTaskColumns, t);
    return t;
}

} // namespace

Result<std::vector<PlanClientRow>> loadPlanClients(Database& db, const std::string& brokerId) {
    // A client merged into another is planned no more: its history is the kept client's.
    std::string sql = kPlanClientSelect + " WHERE c.status <> ?2 AND c.merged_into IS NULL";
    if (!brokerId.empty()) sql += " AND c.broker_id = ?1";
    sql += " ORDER BY c.id";
    auto st = db.prepare(sql);
    if (!st) return st.error();
    if (!brokerId.empty()) st->bind(1, brokerId);
    st->bind(2, ClientStatus::Closed);
    return readRows(*st, kPlanClientColumns);
}

Result<std::optional<PlanClientRow>> loadPlanClient(Database& db, std::int64_t ref) {
    return queryFirst(db, kPlanClientSelect + " WHERE c.id = ?1", rowReader(kPlanClientColumns),
                      ref);
}

Result<std::optional<int>> clientRelationshipType(Database& db, std::int64_t ref) {
    return inRun(latestSegmentRunId(db), [&](std::int64_t run) {
        return queryFirst(
            db,
            "SELECT s.relationship_type FROM segment_labels l JOIN segments s ON "
            "s.run_id = l.run_id AND s.segment_id = l.segment_id WHERE l.run_id = ?1 "
            "AND l.client_ref = ?2",
            [](const Statement& row) { return row.int32(0); }, run, ref);
    });
}

Result<std::int64_t> latestScoredCount(Database& db) {
    return inRun(latestScoredRunId(db, "value"), [&](std::int64_t run) -> Result<std::int64_t> {
        auto n =
            queryFirst(db, "SELECT count(*) FROM client_scores WHERE run_id = ?1", firstInt64, run);
        if (!n) return n.error();
        return n->value_or(0);
    });
}

Result<std::vector<PlanScoreRow>> loadLatestScores(Database& db, std::int64_t* scoredClients) {
    if (scoredClients) *scoredClients = 0;
    auto out = inRun(latestScoredRunId(db, "value"), [&](std::int64_t run) {
        return selectRows(db, kPlanScoreColumns,
                          "FROM client_scores WHERE run_id = ?1 ORDER BY client_ref", run);
    });
    if (out && scoredClients) *scoredClients = static_cast<std::int64_t>(out->size());
    return out;
}

Result<std::vector<PlanSegmentRow>> loadLatestSegments(Database& db) {
    return inRun(latestSegmentRunId(db), [&](std::int64_t run) {
        return selectRows(db, kPlanSegmentColumns,
                          "FROM segment_labels l JOIN segments s ON s.run_id = l.run_id AND "
                          "s.segment_id = l.segment_id WHERE l.run_id = ?1 ORDER BY l.client_ref",
                          run);
    });
}

Result<std::vector<PlanAssetRow>> loadLatestAssetPairs(Database& db, Date asOf) {
    auto st = prepareBound(
        db,
        // Two index seeks per open client beat sorting the whole assets table by a window.
        "SELECT c.id, a.date, a.cash + a.market_value, a.net_inflow FROM clients c JOIN assets a "
        "ON a.client_ref = c.id AND a.date IN (SELECT date FROM assets x WHERE x.client_ref = "
        "c.id AND x.date <= ?1 ORDER BY x.date DESC LIMIT 2) WHERE c.status <> ?2 ORDER BY c.id, "
        "a.date",
        asOf, ClientStatus::Closed);
    if (!st) return st.error();
    std::vector<PlanAssetRow> out;
    auto s = st->forEach([&](const Statement& row) {
        const std::int64_t ref = row.int64(0);
        const Date d = row.date(1);
        const Money aum = row.money(2);
        const std::optional<Money> inflow = row.optMoney(3);
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
        auto st = db.prepare("SELECT id FROM clients WHERE status <> ?1 ORDER BY id");
        if (!st) return st.error();
        st->bind(1, ClientStatus::Closed);
        auto s = st->forEach([&](const Statement& row) {
            traded.push_back(false);
            out.push_back(PlanTradeRow{row.int64(0), Date{}, 0});
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
        auto scanned = scan->forEach([&]() -> Status {
            const std::int64_t ref = scan->clientRef(), block = scan->block();
            while (k < out.size() && out[k].ref < ref) ++k;
            if (k == out.size() || out[k].ref != ref) return {};
            if (block < lo) { // older history: its latest day, from the row itself
                out[k].last_trade = Date{static_cast<std::int32_t>(scan->lastDay())};
                traded[k] = true;
                return {};
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
            return {};
        });
        if (!scanned) return scanned.error();
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < out.size(); ++i)
        if (traded[i]) out[kept++] = out[i];
    out.resize(kept);
    return out;
}

Result<std::vector<PlanContactRow>> loadContactSummaries(Database& db, Date asOf) {
    const std::int64_t end = static_cast<std::int64_t>(asOf.days + 1) * kDaySecs;
    // One pass over the contacts in (client, time, channel) order, which the contacts_for_kpi
    // index covers, instead of four grouped queries over the same rows (1.1 s CPU on 1.8M
    // contacts). Where two contacts of a client share the newest time, the first in that order
    // is the one described, as SQLite's max() with bare columns chose it.
    auto st = db.prepare("SELECT client_ref, contact_time, channel, outcome, satisfaction FROM "
                         "contacts WHERE contact_time < ?1 AND void_reason IS NULL ORDER BY "
                         "client_ref, contact_time, channel");
    if (!st) return st.error();
    st->bind(1, end);
    const int noAnswer = static_cast<int>(Outcome::NoAnswer);
    const int complaint = static_cast<int>(Outcome::Complaint);
    std::vector<PlanContactRow> out;
    // The client being read: the times behind its row's dates (kNone: none yet).
    constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::min();
    std::int64_t lastTime = kNone, satisfactionTime = kNone, attemptTime = kNone;
    auto s = st->forEach([&](const Statement& row) {
        const std::int64_t ref = row.int64(0), t = row.int64(1);
        const int channel = row.int32(2), outcome = row.int32(3);
        if (out.empty() || out.back().ref != ref) {
            out.push_back(PlanContactRow{});
            out.back().ref = ref;
            lastTime = satisfactionTime = attemptTime = kNone;
        }
        PlanContactRow& r = out.back();
        if (!row.isNull(4) && t > satisfactionTime) {
            satisfactionTime = t;
            r.last_satisfaction_date = dayOfSecs(t);
            r.last_satisfaction = row.int32(4);
        }
        if (outcome == noAnswer) {
            // An attempt counts after the last other contact (not at its very time).
            if (t <= lastTime) return;
            ++r.no_answer_streak;
            if (t > attemptTime) {
                attemptTime = t;
                r.last_attempt_channel = channel;
            }
            return;
        }
        if (outcome == complaint) r.last_complaint = dayOfSecs(t);
        if (t > lastTime) {
            lastTime = t;
            r.last_contact = dayOfSecs(t);
            r.last_channel = channel;
            r.last_outcome = outcome;
            r.last_contact_satisfaction =
                row.isNull(4) ? std::nullopt : std::optional<int>(row.int32(4));
        }
        // The attempts before it are no longer a streak.
        r.no_answer_streak = 0;
        r.last_attempt_channel = 0;
        attemptTime = kNone;
    });
    if (!s) return s.error();
    return out;
}

Result<std::vector<PlanPromiseRow>> loadPromisedFollowUps(Database& db, Date since, Date asOf) {
    const std::int64_t end = static_cast<std::int64_t>(asOf.days + 1) * kDaySecs;
    return queryRows(
        db,
        "SELECT client_ref, next_follow_up, coalesce(notes, '') FROM contacts "
        "WHERE next_follow_up >= ?1 AND contact_time < ?2 AND void_reason IS "
        "NULL ORDER BY client_ref, next_follow_up",
        [](const Statement& row) {
            return PlanPromiseRow{row.int64(0), row.date(1), row.text(2)};
        },
        since, end);
}

Result<std::vector<PlanHoldingRow>> loadLatestHoldings(Database& db, Date asOf) {
    return selectRows(
        db, kHoldingColumns,
        "FROM positions p JOIN (SELECT client_ref, max(date) AS d FROM positions WHERE date <= ?1 "
        "GROUP BY client_ref) l ON l.client_ref = p.client_ref AND l.d = p.date JOIN clients c ON "
        "c.id = p.client_ref LEFT JOIN securities s ON s.security_code = p.security_code "
        "WHERE p.quantity > 0 AND c.status <> ?2 ORDER BY p.client_ref, p.security_code",
        asOf, ClientStatus::Closed);
}

Result<std::vector<PlanBrokerRow>> loadPlanBrokers(Database& db) {
    return queryRows(db,
                     "SELECT broker_id, name, coalesce(branch_id, ''), daily_capacity FROM "
                     "brokers ORDER BY broker_id",
                     [](const Statement& row) {
                         return PlanBrokerRow{row.text(0), row.text(1), row.text(2), row.int32(3)};
                     });
}

Result<std::vector<std::pair<int, int>>> loadChannelLimits(Database& db) {
    return queryRows(db, "SELECT channel, per_day FROM channel_limits ORDER BY channel",
                     [](const Statement& row) {
                         return std::pair{row.int32(0), row.int32(1)};
                     });
}

Result<bool> setBrokerCapacity(Database& db, const std::string& brokerId, int perDay) {
    if (auto s = execute(db, "UPDATE brokers SET daily_capacity = ?2 WHERE broker_id = ?1",
                         brokerId, perDay);
        !s)
        return s.error();
    return db.changes() > 0;
}

Status setChannelLimit(Database& db, int channel, std::optional<int> perDay) {
    if (!perDay) return execute(db, "DELETE FROM channel_limits WHERE channel = ?1", channel);
    return execute(db, "INSERT OR REPLACE INTO channel_limits(channel, per_day) VALUES (?1, ?2)",
                   channel, *perDay);
}

Result<std::vector<CalendarDayRow>> loadCalendarDays(Database& db) {
    return queryRows(db, "SELECT date, kind, name FROM calendar_days ORDER BY date",
                     [](const Statement& row) {
                         return CalendarDayRow{row.date(0), row.int32(1), row.text(2)};
                     });
}

Result<std::vector<TaskRow>> loadHeldTasks(Database& db) {
    return queryRows(db,
                     kTaskSelect + kTaskJoin +
                         " WHERE t.status = ?1 ORDER BY t.broker_id, t.planned_date, t.id",
                     readTask, TaskStatus::Held);
}

Result<std::int64_t> savePlanRun(Database& db, const PlanRunRecord& run,
                                 const std::vector<TaskRow>& tasks,
                                 const std::vector<PlanDroppedRow>& dropped, int keepRuns) {
    // savePlanRun keeps the references right itself: enforced, the ON DELETE CASCADE from
    // follow_up_tasks to plan_tasks runs as a per-row trigger and made replacing 75,000 tasks
    // three times slower.
    ForeignKeysOff fkOff(db);
    Transaction tx(db);
    if (!tx.began()) return tx.began().error();
    // Children first (what the cascade would do), then the open tasks themselves.
    if (auto s = execute(db,
                         "DELETE FROM plan_tasks WHERE task_id IN (SELECT id FROM "
                         "follow_up_tasks WHERE status = ?1)",
                         TaskStatus::Open);
        !s)
        return s.error();
    if (auto s = execute(db, "DELETE FROM follow_up_tasks WHERE status = ?1", TaskStatus::Open); !s)
        return s.error();
    std::int64_t runId = 0;
    {
        auto st = db.prepare(insertSql("plan_runs", kPlanRunColumns, {}, {"planned", "dropped"}));
        if (!st) return st.error();
        const int next = bindColumns(*st, 1, kPlanRunColumns, run);
        st->bind(next, static_cast<std::int64_t>(tasks.size()))
            .bind(next + 1, static_cast<std::int64_t>(dropped.size()));
        if (auto s = st->run(); !s) return s.error();
        runId = db.lastInsertRowId();
    }
    {
        // A run's tasks are stored Open, stamped with the run's time.
        constexpr int kStatusParam = 1 + kTaskColumns.insertedIndex("status");
        constexpr int kCreatedParam = 1 + kTaskColumns.insertedIndex("created_at");
        static_assert(kStatusParam > 0 && kCreatedParam > 0);
        auto ins = db.prepare(insertSql("follow_up_tasks", kTaskColumns));
        if (!ins) return ins.error();
        auto link = db.prepare(insertSql("plan_tasks", kPlanTaskColumns, {"run_id", "task_id"}));
        if (!link) return link.error();
        for (const TaskRow& t : tasks) {
            bindColumns(*ins, 1, kTaskColumns, t);
            ins->bind(kStatusParam, TaskStatus::Open).bind(kCreatedParam, run.created_at);
            if (auto s = ins->run(); !s) return s.error();
            link->bindAll(runId, db.lastInsertRowId());
            bindColumns(*link, 3, kPlanTaskColumns, t);
            if (auto s = link->run(); !s) return s.error();
        }
    }
    {
        auto ins = db.prepare(insertSql("plan_dropped", kDroppedColumns, {"run_id"}));
        if (!ins) return ins.error();
        for (const PlanDroppedRow& d : dropped) {
            ins->bind(1, runId);
            bindColumns(*ins, 2, kDroppedColumns, d);
            if (auto s = ins->run(); !s) return s.error();
        }
    }
    // Older runs keep their plan_runs row (history) but not their dropped lists.
    if (auto s = execute(db, "DELETE FROM plan_dropped WHERE run_id <= ?1 - ?2", runId,
                         std::max(keepRuns, 1));
        !s)
        return s.error();
    if (auto s = tx.commit(); !s) return s.error();
    return runId;
}

Result<std::optional<PlanRunRecord>> latestPlanRun(Database& db, std::int64_t* runId) {
    auto st = db.prepare("SELECT id, " + selectList(kPlanRunColumns) +
                         " FROM plan_runs ORDER BY id DESC LIMIT 1");
    if (!st) return st.error();
    std::optional<PlanRunRecord> out;
    auto found = st->first([&](const Statement& row) {
        if (runId) *runId = row.int64(0);
        readColumns(row, 1, kPlanRunColumns, out.emplace());
    });
    if (!found) return found.error();
    return out;
}

Result<std::vector<PlanDroppedRow>> loadPlanDropped(Database& db, std::int64_t runId) {
    return selectRows(db, kDroppedColumns,
                      "FROM plan_dropped WHERE run_id = ?1 ORDER BY broker_id, priority DESC, "
                      "client_ref",
                      runId);
}

Result<std::vector<TaskDetailRow>> loadTasks(Database& db, const TaskFilter& f) {
    auto seg = latestSegmentRunId(db);
    if (!seg) return seg.error();
    auto scored = latestScoredRunId(db, "value");
    if (!scored) return scored.error();
    std::string sql = kTaskSelect +
                      ", c.client_id, c.name, c.phone, coalesce(c.branch_id, b.branch_id), "
                      "(SELECT max(contact_time) FROM contacts k WHERE k.client_ref = "
                      "t.client_ref AND k.outcome <> ?9 AND k.void_reason IS NULL), s.name_fact, "
                      "s.name_zh, s.name_en, cs.vip, "
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
    if (f.to_do_only) sql += " AND t.status IN (?10, ?11)";
    if (f.overdue_before) sql += " AND (t.planned_date < ?5 OR coalesce(t.due_date, ?5) < ?5)";
    sql += " ORDER BY t.broker_id, t.planned_date, t.time_window, t.priority DESC, t.client_ref, "
           "t.id";
    auto st = db.prepare(sql);
    if (!st) return st.error();
    if (!f.broker_id.empty()) st->bind(1, f.broker_id);
    if (f.client_ref) st->bind(2, *f.client_ref);
    if (f.from) st->bind(3, *f.from);
    if (f.to) st->bind(4, *f.to);
    if (f.overdue_before) st->bind(5, *f.overdue_before);
    st->bind(7, seg->value_or(-1)).bind(8, scored->value_or(-1)).bind(9, Outcome::NoAnswer);
    if (f.to_do_only) st->bind(10, TaskStatus::Open).bind(11, TaskStatus::Held);
    return collectRows(*st, [](const Statement& row) {
        TaskDetailRow r;
        r.task = readTask(row);
        const int c = kTaskColumnCount;
        r.client_id = row.text(c);
        r.name = row.text(c + 1);
        r.phone = row.text(c + 2);
        r.branch_id = row.text(c + 3);
        if (!row.isNull(c + 4)) r.last_contact = dayOfSecs(row.int64(c + 4));
        r.segment_fact = row.text(c + 5);
        r.segment_zh = row.text(c + 6);
        r.segment_en = row.text(c + 7);
        r.vip = row.boolean(c + 8);
        r.value_rank = row.optInt64(c + 9);
        return r;
    });
}

Result<TaskRow> loadTask(Database& db, std::int64_t taskId) {
    auto t = queryFirst(db, kTaskSelect + kTaskJoin + " WHERE t.id = ?1", readTask, taskId);
    if (!t) return t.error();
    if (!*t) return makeError(ErrorCode::NotFound, "no plan item " + std::to_string(taskId));
    return std::move(**t);
}

Result<std::int64_t> insertTask(Database& db, const TaskRow& t) {
    auto st = db.prepare(insertSql("follow_up_tasks", kTaskColumns));
    if (!st) return st.error();
    bindColumns(*st, 1, kTaskColumns, t);
    if (auto s = st->run(); !s) return s.error();
    return db.lastInsertRowId();
}

Status updateTask(Database& db, const TaskRow& t) {
    auto st = db.prepare("UPDATE follow_up_tasks SET status = ?2, planned_date = ?3, channel = ?4, "
                         "time_window = ?5, attempts = ?6, skip_reason = ?7, contact_id = ?8 "
                         "WHERE id = ?1");
    if (!st) return st.error();
    st->bindAll(t.id, t.status, t.planned_date, t.channel, t.time_window, t.attempts,
                t.skip_reason.empty() ? std::nullopt : std::optional<std::string>(t.skip_reason),
                t.contact_id);
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
        dup->bindAll(c.client_ref, c.contact_time, c.channel);
        auto found = dup->first([] {});
        if (!found) return found.error();
        if (*found)
            return makeError(ErrorCode::InvalidInput, "a contact with this client at " +
                                                          DateTime{c.contact_time}.toString() +
                                                          " on this channel is already recorded");
    }
    auto st = db.prepare(insertSql("contacts", kContactColumns));
    if (!st) return st.error();
    bindColumns(*st, 1, kContactColumns, c);
    if (auto s = st->run(); !s) return s.error();
    return db.lastInsertRowId();
}

Result<std::vector<std::pair<int, int>>> recentOutcomes(Database& db, std::int64_t clientRef,
                                                        std::int64_t afterSecs) {
    return queryRows(
        db,
        "SELECT outcome, channel FROM contacts WHERE client_ref = ?1 AND "
        "contact_time > ?2 AND void_reason IS NULL ORDER BY contact_time, id",
        [](const Statement& row) {
            return std::pair{row.int32(0), row.int32(1)};
        },
        clientRef, afterSecs);
}

} // namespace bd::storage
