// The planner against brute force on small random instances, plus its invariants and cases.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <set>

#include "analytics/scheduler.h"

using namespace bd;
using namespace bd::analytics;

namespace {

constexpr int kNone = std::numeric_limits<int>::max();

CallItem makeItem(std::int64_t ref, Date earliest, Date due, double priority,
                  ContactChannel ch = ContactChannel::Phone, std::string broker = "B1") {
    CallItem it;
    it.client_ref = ref;
    it.client_id = "C" + std::to_string(ref);
    it.broker_id = std::move(broker);
    it.earliest = earliest;
    it.due = due;
    it.priority = priority;
    it.channel = ch;
    return it;
}

/// A brute-force model of one broker's instance, with the planner's definitions.
struct Model {
    int days = 0;
    int capacity = 0;
    int visitLimit = 0;
    bool fallback = false;
    std::vector<int> release, deadline;
    std::vector<bool> visit;
    std::vector<double> priority;

    /// Smallest possible maximum lateness placing every item of `subset`; kNone if impossible.
    int minLmax(const std::vector<int>& subset) const {
        std::vector<int> load(days, 0), visits(days, 0);
        int best = kNone;
        std::function<void(std::size_t, int)> go = [&](std::size_t k, int worst) {
            if (worst >= best) return;
            if (k == subset.size()) {
                best = worst;
                return;
            }
            const int i = subset[k];
            for (int j = release[i]; j < days; ++j) {
                if (load[j] >= capacity) continue;
                const bool asVisit = visit[i] && visits[j] < visitLimit;
                if (visit[i] && !asVisit && !fallback) continue;
                ++load[j];
                if (asVisit) ++visits[j];
                go(k + 1, std::max(worst, j - deadline[i]));
                --load[j];
                if (asVisit) --visits[j];
            }
        };
        go(0, 0);
        return best;
    }
};

struct Checked {
    double planned = 0.0;
    int lateness = 0;
    std::vector<int> selected;
};

/// Structural invariants every plan must satisfy; returns what the optimality checks need.
Checked checkInvariants(const Plan& plan, const std::vector<CallItem>& items, const Calendar& cal,
                        const SchedulerConfig& cfg, int capacity) {
    Checked out;
    std::vector<int> seen(items.size(), 0);
    std::map<std::pair<std::string, Date>, int> perDay, visitsPerDay;
    std::set<std::int64_t> clients;
    for (const auto& c : plan.calls) {
        ++seen[c.item_index];
        EXPECT_TRUE(cal.isWorkingDay(c.date)) << c.date.toString();
        EXPECT_TRUE(std::find(plan.days.begin(), plan.days.end(), c.date) != plan.days.end());
        EXPECT_GE(c.date, items[c.item_index].earliest);
        EXPECT_TRUE(clients.insert(c.client_ref).second) << "client booked twice";
        ++perDay[{c.broker_id, c.date}];
        if (c.channel == ContactChannel::Visit) ++visitsPerDay[{c.broker_id, c.date}];
        out.planned += c.priority;
        out.lateness = std::max(out.lateness, c.late_working_days);
        out.selected.push_back(static_cast<int>(c.item_index));
        EXPECT_FALSE(c.time_window.empty());
    }
    for (const auto& d : plan.dropped) {
        ++seen[d.item_index];
        EXPECT_EQ(d.why.kind, d.reason);
        if (d.reason != DropReason::NoBroker) {
            EXPECT_FALSE(d.why.args.empty());
        }
    }
    for (std::size_t i = 0; i < items.size(); ++i)
        EXPECT_EQ(seen[i], 1) << "item " << i << " planned or dropped exactly once";
    for (const auto& [key, n] : perDay) EXPECT_LE(n, capacity);
    int visitLimit = kNone;
    for (const auto& l : cfg.channel_limits)
        if (l.channel == ContactChannel::Visit) visitLimit = l.per_day;
    for (const auto& [key, n] : visitsPerDay) EXPECT_LE(n, visitLimit);
    std::sort(out.selected.begin(), out.selected.end());
    return out;
}

} // namespace

TEST(Scheduler, MatchesBruteForceOnSmallRandomInstances) {
    const Calendar cal; // plain weeks
    const Date monday = Date::fromYmd(2030, 1, 7);
    std::mt19937 rng(5);
    int sawDrops = 0, sawLate = 0, sawFallback = 0;
    for (int instance = 0; instance < 400; ++instance) {
        Model m;
        m.days = 3;
        m.capacity = std::uniform_int_distribution<int>(1, 3)(rng);
        m.visitLimit = std::uniform_int_distribution<int>(1, 2)(rng);
        m.fallback = rng() % 3 == 0;
        // A third of the instances are tight: one visit slot fewer than the capacity, no
        // fallback, everything released at once and due inside the horizon. There plain EDF
        // can run late where another order would not.
        const bool tight = instance % 3 == 2;
        if (tight) {
            m.capacity = m.visitLimit + 1;
            m.fallback = false;
        }
        const int n = std::uniform_int_distribution<int>(1, 8)(rng);
        SchedulerConfig cfg;
        cfg.horizon_working_days = m.days;
        cfg.default_daily_capacity = m.capacity;
        cfg.channel_limits = {{ContactChannel::Visit, m.visitLimit}};
        cfg.fallback_channel = m.fallback ? ContactChannel::Phone : ContactChannel::Unknown;
        std::vector<CallItem> items;
        for (int i = 0; i < n; ++i) {
            const int r = rng() % 3 == 0 ? std::uniform_int_distribution<int>(1, 2)(rng) : 0;
            const int d = std::uniform_int_distribution<int>(-1, 3)(rng); // -1 overdue, 3 later
            const bool visit = rng() % 2 == 0;
            // Half the instances use few distinct priorities, so ties (broken by client) matter.
            const double prio =
                instance % 2 == 0
                    ? std::uniform_real_distribution<double>(0.1, 5.0)(rng)
                    : static_cast<double>(std::uniform_int_distribution<int>(1, 2)(rng));
            const Date earliest = monday.addDays(r);
            const Date due = d < 0 ? monday.addDays(-3) : monday.addDays(d == 3 ? 8 : d);
            items.push_back(makeItem(100 - i, earliest, due, prio,
                                     visit ? ContactChannel::Visit : ContactChannel::Phone));
            m.release.push_back(r);
            m.deadline.push_back(std::max(d, 0) == 3 ? 2 : std::max(d, 0));
            m.visit.push_back(visit);
            m.priority.push_back(prio);
        }
        auto plan = planCalls(items, {}, {}, monday, cal, cfg);
        ASSERT_TRUE(plan.ok());
        const Checked got = checkInvariants(*plan, items, cal, cfg, m.capacity);

        // 1. The planned set has the largest total priority of any capacity-feasible set.
        double best = 0.0;
        for (int mask = 0; mask < (1 << n); ++mask) {
            std::vector<int> subset;
            double total = 0.0;
            for (int i = 0; i < n; ++i)
                if (mask & (1 << i)) {
                    subset.push_back(i);
                    total += m.priority[i];
                }
            if (total > best + 1e-12 && m.minLmax(subset) != kNone) best = total;
        }
        EXPECT_NEAR(got.planned, best, 1e-9) << "instance " << instance;

        // 2. For the planned set, the largest lateness is the smallest possible.
        EXPECT_EQ(got.lateness, m.minLmax(got.selected)) << "instance " << instance;

        // 3. If every item fits on time, the plan drops nothing and nothing is late.
        std::vector<int> all(n);
        for (int i = 0; i < n; ++i) all[i] = i;
        if (m.minLmax(all) == 0) {
            EXPECT_TRUE(plan->dropped.empty()) << "instance " << instance;
            EXPECT_EQ(got.lateness, 0) << "instance " << instance;
        }
        sawDrops += plan->dropped.empty() ? 0 : 1;
        sawLate += got.lateness > 0 ? 1 : 0;
        for (const auto& c : plan->calls) sawFallback += c.channel_fallback ? 1 : 0;
    }
    // The generator must exercise the interesting cases.
    EXPECT_GT(sawDrops, 20);
    EXPECT_GT(sawLate, 5);
    EXPECT_GT(sawFallback, 5);
}

TEST(Scheduler, EdfAloneWouldMissADeadlineThatTheFlowKeeps) {
    // Capacity 2 a day, one visit a day. Two phone calls and two visits are due on day 2 and a
    // third phone call on day 3. Plain EDF books both phones on day 1, leaving a visit late on
    // day 3; pairing a phone with a visit every day keeps all five on time.
    const Calendar cal;
    const Date monday = Date::fromYmd(2030, 1, 7);
    SchedulerConfig cfg;
    cfg.horizon_working_days = 3;
    cfg.default_daily_capacity = 2;
    cfg.channel_limits = {{ContactChannel::Visit, 1}};
    cfg.fallback_channel = ContactChannel::Unknown;
    std::vector<CallItem> items{
        makeItem(1, monday, monday.addDays(1), 1.0),
        makeItem(2, monday, monday.addDays(1), 1.0),
        makeItem(3, monday, monday.addDays(1), 1.0, ContactChannel::Visit),
        makeItem(4, monday, monday.addDays(1), 1.0, ContactChannel::Visit),
        makeItem(5, monday, monday.addDays(2), 1.0),
    };
    auto plan = planCalls(items, {}, {}, monday, cal, cfg);
    ASSERT_TRUE(plan.ok());
    EXPECT_TRUE(plan->dropped.empty());
    ASSERT_EQ(plan->calls.size(), 5u);
    for (const auto& c : plan->calls) EXPECT_EQ(c.late_working_days, 0) << c.client_ref;
}

TEST(Scheduler, LargerRandomInstancesKeepTheInvariants) {
    const Calendar& cal = Calendar::builtinChina();
    std::mt19937 rng(77);
    for (int instance = 0; instance < 30; ++instance) {
        const Date start = Date::fromYmd(2025, 9, 20).addDays(instance);
        SchedulerConfig cfg;
        cfg.horizon_working_days = 5;
        cfg.default_daily_capacity = std::uniform_int_distribution<int>(2, 8)(rng);
        std::vector<CallItem> items;
        for (int i = 0; i < 60; ++i) {
            const Date e = start.addDays(std::uniform_int_distribution<int>(-5, 6)(rng));
            const Date d = e.addDays(std::uniform_int_distribution<int>(0, 10)(rng));
            const auto ch = rng() % 4 == 0 ? ContactChannel::Visit : ContactChannel::Wechat;
            items.push_back(makeItem(i, e, d, static_cast<double>(rng() % 1000) / 100.0, ch,
                                     i % 3 == 0 ? "B1" : "B2"));
        }
        auto plan = planCalls(items, {{"B2", cfg.default_daily_capacity + 1}}, {}, start, cal, cfg);
        ASSERT_TRUE(plan.ok());
        checkInvariants(*plan, items, cal, cfg, cfg.default_daily_capacity + 1);
        std::map<std::pair<std::string, Date>, int> perDay;
        for (const auto& c : plan->calls) ++perDay[{c.broker_id, c.date}];
        for (const auto& [key, n] : perDay)
            EXPECT_LE(n, key.first == "B1" ? cfg.default_daily_capacity
                                           : cfg.default_daily_capacity + 1);
    }
}

TEST(Scheduler, HorizonSkipsNationalDayAndUsesAdjustedWorkdays) {
    const Calendar& cal = Calendar::builtinChina();
    auto plan = planCalls({}, {}, {}, Date::fromYmd(2025, 9, 26), cal, {});
    ASSERT_TRUE(plan.ok());
    std::vector<std::string> days;
    for (Date d : plan->days) days.push_back(d.toString());
    EXPECT_EQ(days, (std::vector<std::string>{
                        "2025-09-26", "2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09",
                        "2025-10-10", "2025-10-11", "2025-10-13", "2025-10-14", "2025-10-15"}));
    EXPECT_TRUE(plan->warnings.empty());
    auto far = planCalls({}, {}, {}, Date::fromYmd(2031, 3, 3), cal, {});
    ASSERT_TRUE(far.ok());
    EXPECT_EQ(far->warnings.size(), 1u);
}

TEST(Scheduler, DropsLowestPriorityWithReasons) {
    const Calendar cal;
    const Date monday = Date::fromYmd(2030, 1, 7);
    SchedulerConfig cfg;
    cfg.horizon_working_days = 2;
    cfg.default_daily_capacity = 2;
    std::vector<CallItem> items;
    for (int i = 0; i < 6; ++i) items.push_back(makeItem(i + 1, monday, monday, 1.0 + i));
    items.push_back(makeItem(3, monday, monday, 9.0));                        // duplicate client
    items.push_back(makeItem(50, monday.addDays(30), monday.addDays(31), 9)); // after horizon
    items.push_back(makeItem(60, monday, monday, 9.0));
    items.back().broker_id.clear();
    auto plan = planCalls(items, {}, {}, monday, cal, cfg);
    ASSERT_TRUE(plan.ok());
    std::set<std::int64_t> planned;
    for (const auto& c : plan->calls) planned.insert(c.client_ref);
    EXPECT_EQ(planned, (std::set<std::int64_t>{3, 4, 5, 6}));
    std::map<DropReason, int> why;
    for (const auto& d : plan->dropped) ++why[d.reason];
    EXPECT_EQ(why[DropReason::Capacity], 2);
    EXPECT_EQ(why[DropReason::Duplicate], 1);
    EXPECT_EQ(why[DropReason::NotInHorizon], 1);
    EXPECT_EQ(why[DropReason::NoBroker], 1);
    EXPECT_EQ(plan->dropped.size() + plan->calls.size(), items.size());
    // The two highest planned calls go first (equal due dates: priority breaks the tie).
    EXPECT_EQ(plan->calls.front().date, monday);
}

TEST(Scheduler, ExistingBookingsUseCapacityAndBlockRebookingWithinCadence) {
    const Calendar cal;
    const Date monday = Date::fromYmd(2030, 1, 7);
    SchedulerConfig cfg;
    cfg.horizon_working_days = 1;
    cfg.default_daily_capacity = 2;
    auto a = makeItem(1, monday, monday, 5.0);
    a.cadence_days = 30;
    auto b = makeItem(2, monday, monday, 4.0);
    auto c = makeItem(3, monday, monday, 3.0);
    const std::vector<ExistingBooking> booked{{1, "B1", monday.addDays(-20), ContactChannel::Phone},
                                              {9, "B1", monday, ContactChannel::Phone}};
    auto plan = planCalls({a, b, c}, {}, booked, monday, cal, cfg);
    ASSERT_TRUE(plan.ok());
    ASSERT_EQ(plan->calls.size(), 1u); // one of the two slots is taken by client 9
    EXPECT_EQ(plan->calls[0].client_ref, 2);
    ASSERT_EQ(plan->dropped.size(), 2u);
    EXPECT_EQ(plan->dropped[0].reason, DropReason::AlreadyBooked);
    EXPECT_EQ(plan->dropped[0].why.dateOf(Arg::On).toString(), "2029-12-18");
    EXPECT_EQ(plan->dropped[1].reason, DropReason::Capacity);
}

TEST(Scheduler, VisitsOverTheLimitFallBackToPhone) {
    const Calendar cal;
    const Date monday = Date::fromYmd(2030, 1, 7);
    SchedulerConfig cfg;
    cfg.horizon_working_days = 1;
    std::vector<CallItem> items;
    for (int i = 0; i < 5; ++i)
        items.push_back(makeItem(i + 1, monday, monday, 10.0 - i, ContactChannel::Visit));
    auto plan = planCalls(items, {}, {}, monday, cal, cfg);
    ASSERT_TRUE(plan.ok());
    int visits = 0, phones = 0;
    for (const auto& c : plan->calls) {
        if (c.channel == ContactChannel::Visit) ++visits;
        if (c.channel == ContactChannel::Phone && c.channel_fallback) ++phones;
    }
    EXPECT_EQ(visits, 3);
    EXPECT_EQ(phones, 2);
}

TEST(Scheduler, TimeWindowsFollowContactHoursAndSpreadOut) {
    const Calendar cal;
    const Date monday = Date::fromYmd(2030, 1, 7);
    SchedulerConfig cfg;
    cfg.horizon_working_days = 1;
    std::vector<CallItem> items;
    for (int i = 0; i < 4; ++i) items.push_back(makeItem(i + 1, monday, monday, 1.0));
    items[0].contact_hours = "14:00-15:00";
    items[1].contact_hours = "19:00-21:00"; // evenings only: keeps the client's own window
    items[2].contact_hours = "9-10；16:00-17:00";
    auto plan = planCalls(items, {}, {}, monday, cal, cfg);
    ASSERT_TRUE(plan.ok());
    std::map<std::int64_t, std::string> window;
    for (const auto& c : plan->calls) window[c.client_ref] = c.time_window;
    EXPECT_TRUE(window[1] == "14:00-14:30" || window[1] == "14:30-15:00") << window[1];
    EXPECT_EQ(window[2], "19:00-21:00");
    EXPECT_TRUE(window[3] >= "09:00" && (window[3] < "10:00" || window[3] >= "16:00")) << window[3];
    std::set<std::string> distinct;
    for (const auto& [ref, w] : window) distinct.insert(w);
    EXPECT_EQ(distinct.size(), 4u);

    EXPECT_EQ(parseContactHours("09:30-11:30, 14:00-17:00").size(), 2u);
    EXPECT_EQ(parseContactHours("9点到10点").size(), 0u);
    EXPECT_EQ(parseContactHours("13:00～15:00").front(), std::make_pair(13 * 60, 15 * 60));
}

TEST(Scheduler, DeterministicUnderInputOrder) {
    const Calendar& cal = Calendar::builtinChina();
    std::mt19937 rng(3);
    std::vector<CallItem> items;
    const Date start = Date::fromYmd(2025, 11, 3);
    for (int i = 0; i < 200; ++i) {
        items.push_back(makeItem(i, start, start.addDays(static_cast<int>(rng() % 20)),
                                 static_cast<double>(rng() % 5),
                                 i % 7 == 0 ? ContactChannel::Visit : ContactChannel::Phone,
                                 "B" + std::to_string(i % 3)));
        if (i % 4 == 0) items.back().deadline = start.addDays(static_cast<int>(rng() % 6));
    }
    SchedulerConfig cfg;
    cfg.default_daily_capacity = 5;
    auto a = planCalls(items, {}, {}, start, cal, cfg);
    std::shuffle(items.begin(), items.end(), rng);
    auto b = planCalls(items, {}, {}, start, cal, cfg);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->calls.size(), b->calls.size());
    for (std::size_t i = 0; i < a->calls.size(); ++i) {
        EXPECT_EQ(a->calls[i].client_ref, b->calls[i].client_ref);
        EXPECT_EQ(a->calls[i].date, b->calls[i].date);
        EXPECT_EQ(a->calls[i].channel, b->calls[i].channel);
        EXPECT_EQ(a->calls[i].time_window, b->calls[i].time_window);
    }
}

TEST(Scheduler, RejectsBadConfiguration) {
    SchedulerConfig cfg;
    cfg.horizon_working_days = 0;
    EXPECT_FALSE(planCalls({}, {}, {}, Date::fromYmd(2030, 1, 7), Calendar{}, cfg).ok());
}

namespace {

/// An item with a deadline (the plan must call it by then) of kind `kind`.
CallItem withDeadline(CallItem it, Date deadline, ReasonKind kind = ReasonKind::AssetOutflow) {
    it.deadline = deadline;
    it.deadline_kind = kind;
    it.due = std::min(it.due, deadline);
    return it;
}

/// Deadlines within the plan's days that it meets: calls on or before their item's deadline.
int deadlinesMet(const Plan& plan, const std::vector<CallItem>& items) {
    int met = 0;
    for (const auto& c : plan.calls) {
        const CallItem& it = items[c.item_index];
        if (it.deadline && *it.deadline >= plan.days.front() && *it.deadline <= plan.days.back() &&
            c.date <= *it.deadline)
            ++met;
    }
    return met;
}

} // namespace

TEST(Scheduler, APlantedOutflowIsOnTheFirstWorkingDayWhenCapacityAllows) {
    // Issue 20: outflows waited behind routine calls. Whatever the routine load, an outflow
    // (deadline: working day 1) is called on day 1 while day 1 has room for the deadline-1 items.
    const Calendar& cal = Calendar::builtinChina();
    for (unsigned seed = 1; seed <= 20; ++seed) {
        std::mt19937 rng(seed);
        const Date start = Date::fromYmd(2025, 9, 26).addDays(static_cast<int>(seed));
        const Date first = cal.workingDayOnOrAfter(start);
        SchedulerConfig cfg;
        cfg.default_daily_capacity = std::uniform_int_distribution<int>(2, 6)(rng);
        std::vector<CallItem> items;
        // Routine calls of high priority: overdue cadences (deadline passed), slipping-away
        // calls due within the week, cadences due later; more than the horizon holds.
        for (int i = 0; i < 12 * cfg.default_daily_capacity; ++i) {
            const double prio = std::uniform_real_distribution<double>(5.0, 9.0)(rng);
            const int kind = i % 3;
            CallItem it = makeItem(1000 + i, first, first.addDays(-30), prio);
            if (kind == 1)
                it = withDeadline(makeItem(1000 + i, first, first.addDays(7), prio),
                                  cal.addWorkingDays(first, 4), ReasonKind::SlippingAway);
            if (kind == 2)
                it = withDeadline(makeItem(1000 + i, first, first.addDays(9), prio),
                                  first.addDays(9), ReasonKind::Cadence);
            items.push_back(it);
        }
        // Outflows and complaints due on day 1, low value, as many as day 1 holds.
        const int urgent = std::uniform_int_distribution<int>(1, cfg.default_daily_capacity)(rng);
        for (int i = 0; i < urgent; ++i)
            items.push_back(withDeadline(makeItem(i + 1, first, first, 0.1), first,
                                         i % 2 ? ReasonKind::Complaint : ReasonKind::AssetOutflow));
        std::shuffle(items.begin(), items.end(), rng);
        auto plan = planCalls(items, {}, {}, start, cal, cfg);
        ASSERT_TRUE(plan.ok());
        int onDayOne = 0;
        for (const auto& c : plan->calls)
            if (c.client_ref <= urgent) {
                EXPECT_EQ(c.date, first) << "seed " << seed << " client " << c.client_ref;
                ++onDayOne;
            }
        EXPECT_EQ(onDayOne, urgent) << "seed " << seed;
        for (const auto& m : plan->shortfalls) EXPECT_GT(m.client_ref, urgent);
    }
}

TEST(Scheduler, NoFeasiblePlanMeetsMoreDeadlinesOnSmallRandomBooks) {
    // Brute force over every assignment of the deadline items (a day up to the deadline, on
    // the channel class it may use, or not on time): the planner meets the most deadlines
    // possible. Items without a deadline cannot take a deadline away: they are left out of the
    // search but are in the planner's input (with higher priorities, to tempt it).
    const Calendar cal; // plain weeks
    const Date monday = Date::fromYmd(2030, 1, 7);
    int sawShortfall = 0, sawLate = 0, sawVisitLimit = 0;
    for (unsigned seed = 11; seed <= 15; ++seed) {
        std::mt19937 rng(seed);
        for (int instance = 0; instance < 200; ++instance) {
            const int days = 3;
            const int capacity = std::uniform_int_distribution<int>(1, 2)(rng);
            const int visitLimit = std::uniform_int_distribution<int>(0, 1)(rng);
            const bool fallback = rng() % 2 == 0;
            SchedulerConfig cfg;
            cfg.horizon_working_days = days;
            cfg.default_daily_capacity = capacity;
            cfg.channel_limits = {{ContactChannel::Visit, visitLimit}};
            cfg.fallback_channel = fallback ? ContactChannel::Phone : ContactChannel::Unknown;
            const int n = std::uniform_int_distribution<int>(1, 8)(rng);
            std::vector<CallItem> items;
            struct Job {
                int release, deadline;
                bool visit;
            };
            std::vector<Job> jobs;
            for (int i = 0; i < n; ++i) {
                const int r = rng() % 4 == 0 ? std::uniform_int_distribution<int>(1, 2)(rng) : 0;
                // Deadline day index: -2 none, -1 passed, 0..2 in the horizon, 3 beyond it.
                const int d = std::uniform_int_distribution<int>(-2, 3)(rng);
                const bool visit = rng() % 3 == 0;
                const double prio = std::uniform_real_distribution<double>(0.1, 9.0)(rng);
                CallItem it = makeItem(200 - i, monday.addDays(r), monday.addDays(2), prio,
                                       visit ? ContactChannel::Visit : ContactChannel::Phone);
                if (d == -1) it = withDeadline(it, monday.addDays(-3));
                if (d >= 0) it = withDeadline(it, monday.addDays(d == 3 ? 7 : d));
                items.push_back(it);
                if (d >= 0 && d <= 2) jobs.push_back({r, d, visit});
            }
            // The most deadlines any plan meets: branch and bound over the deadline items.
            std::vector<int> load(days, 0), visits(days, 0);
            int best = 0;
            std::function<void(std::size_t, int)> go = [&](std::size_t k, int met) {
                if (met + static_cast<int>(jobs.size() - k) <= best) return;
                if (k == jobs.size()) {
                    best = met;
                    return;
                }
                const Job& j = jobs[k];
                for (int day = j.release; day <= j.deadline; ++day) {
                    if (load[day] >= capacity) continue;
                    const bool asVisit = j.visit && visits[day] < visitLimit;
                    if (j.visit && !asVisit && !fallback) continue;
                    ++load[day];
                    if (asVisit) ++visits[day];
                    go(k + 1, met + 1);
                    --load[day];
                    if (asVisit) --visits[day];
                }
                go(k + 1, met); // not on time
            };
            go(0, 0);

            auto plan = planCalls(items, {}, {}, monday, cal, cfg);
            ASSERT_TRUE(plan.ok());
            checkInvariants(*plan, items, cal, cfg, capacity);
            const int met = deadlinesMet(*plan, items);
            EXPECT_EQ(met, best) << "seed " << seed << " instance " << instance;
            // Every deadline in the horizon not met is a shortfall, with its reason.
            EXPECT_EQ(static_cast<int>(plan->shortfalls.size()),
                      static_cast<int>(jobs.size()) - met)
                << "seed " << seed << " instance " << instance;
            for (const auto& m : plan->shortfalls) {
                EXPECT_EQ(m.reason, DropReason::DeadlineMissed);
                EXPECT_EQ(m.why.kind, DropKind::DeadlineMissed);
                EXPECT_TRUE(m.why.has(Arg::Due));
                const bool planned =
                    std::any_of(plan->calls.begin(), plan->calls.end(),
                                [&](const PlannedCall& c) { return c.item_index == m.item_index; });
                EXPECT_EQ(m.why.has(Arg::On), planned);
                if (planned) {
                    EXPECT_GT(m.why.dateOf(Arg::On), *items[m.item_index].deadline);
                    ++sawLate;
                }
            }
            sawShortfall += plan->shortfalls.empty() ? 0 : 1;
            sawVisitLimit += visitLimit == 0 && !fallback ? 1 : 0;
        }
    }
    EXPECT_GT(sawShortfall, 100);
    EXPECT_GT(sawLate, 20);
    EXPECT_GT(sawVisitLimit, 50);
}

TEST(Scheduler, ADeadlineThatCapacityCannotMeetIsAShortfallWithItsReason) {
    const Calendar cal;
    const Date monday = Date::fromYmd(2030, 1, 7);
    SchedulerConfig cfg;
    cfg.horizon_working_days = 2;
    cfg.default_daily_capacity = 1;
    // Three outflows due on day 1 for a broker who can make one call a day.
    std::vector<CallItem> items;
    for (int i = 0; i < 3; ++i)
        items.push_back(withDeadline(makeItem(i + 1, monday, monday, 3.0 - i), monday));
    auto plan = planCalls(items, {}, {}, monday, cal, cfg);
    ASSERT_TRUE(plan.ok());
    ASSERT_EQ(plan->calls.size(), 2u);
    EXPECT_EQ(plan->calls[0].client_ref, 1); // the most valuable keeps its deadline
    EXPECT_EQ(plan->calls[0].date, monday);
    ASSERT_EQ(plan->shortfalls.size(), 2u);
    const DroppedItem& late = plan->shortfalls[0]; // by priority: client 2, planned late
    EXPECT_EQ(late.client_ref, 2);
    EXPECT_EQ(late.why.dateOf(Arg::Due), monday);
    EXPECT_EQ(late.why.dateOf(Arg::On), monday.addDays(1));
    EXPECT_EQ(late.why.countOf(Arg::MissedBy), 1);
    EXPECT_EQ(late.why.countOf(Arg::Count), 1); // one slot up to the deadline
    EXPECT_EQ(late.why.countOf(Arg::Calls), 1); // taken by a call that keeps its deadline
    EXPECT_EQ(late.why.countOf(Arg::Kind), static_cast<int>(ReasonKind::AssetOutflow));
    EXPECT_EQ(late.why.textOf(Arg::Broker), "B1");
    const DroppedItem& lost = plan->shortfalls[1]; // client 3: not planned at all
    EXPECT_EQ(lost.client_ref, 3);
    EXPECT_FALSE(lost.why.has(Arg::On));
    ASSERT_EQ(plan->dropped.size(), 1u);
    EXPECT_EQ(plan->dropped[0].reason, DropReason::DeadlineMissed);
    EXPECT_EQ(plan->dropped[0].client_ref, 3);
}

TEST(Scheduler, DeadlinesComeBeforeHigherPriorityRoutineCalls) {
    // One slot a day for three days: two routine calls worth far more than a complaint due on
    // day 2 and a suitability call due on day 3. Both deadlines are met; one routine call waits.
    const Calendar cal;
    const Date monday = Date::fromYmd(2030, 1, 7);
    SchedulerConfig cfg;
    cfg.horizon_working_days = 3;
    cfg.default_daily_capacity = 1;
    const std::vector<CallItem> items{
        makeItem(1, monday, monday.addDays(-10), 50.0), // overdue cadence: deadline passed
        makeItem(2, monday, monday.addDays(-10), 40.0),
        withDeadline(makeItem(3, monday, monday.addDays(1), 1.0), monday.addDays(1),
                     ReasonKind::Complaint),
        withDeadline(makeItem(4, monday, monday.addDays(2), 1.0), monday.addDays(2),
                     ReasonKind::SuitabilityMismatch),
    };
    auto plan = planCalls(items, {}, {}, monday, cal, cfg);
    ASSERT_TRUE(plan.ok());
    std::map<std::int64_t, Date> day;
    for (const auto& c : plan->calls) day[c.client_ref] = c.date;
    EXPECT_EQ(day.count(2), 0u);
    EXPECT_LE(day.at(3), monday.addDays(1));
    EXPECT_LE(day.at(4), monday.addDays(2));
    EXPECT_EQ(day.at(1), monday); // the routine call takes the day the deadlines leave free
    EXPECT_TRUE(plan->shortfalls.empty());
}

TEST(Scheduler, LowValueSlippingAwayCallsTakeAtMostTheirShareOfABrokersCapacity) {
    const Calendar& cal = Calendar::builtinChina();
    const Date start = Date::fromYmd(2026, 11, 20); // a Friday
    SchedulerConfig cfg;
    cfg.horizon_working_days = 2;
    cfg.default_daily_capacity = 10; // 20 calls; a quarter of them: 5
    std::vector<CallItem> items;
    Trigger slipping;
    slipping.kind = TriggerKind::SlippingAway;
    Trigger outflow;
    outflow.kind = TriggerKind::AssetOutflow;
    for (int i = 0; i < 8; ++i) { // low-value, slipping away: 5 kept, the 3 lowest dropped
        items.push_back(makeItem(i + 1, start, start.addDays(5), 1.0 + 0.1 * i));
        items.back().low_value = true;
        items.back().triggers = {slipping};
    }
    items.push_back(makeItem(20, start, start.addDays(5), 0.5)); // slipping, not low-value
    items.back().triggers = {slipping};
    items.push_back(makeItem(21, start, start.addDays(5), 0.4)); // low-value, an outflow too
    items.back().low_value = true;
    items.back().triggers = {outflow, slipping};
    items.push_back(makeItem(22, start, start.addDays(5), 0.3, ContactChannel::Phone,
                             std::string(kServiceDeskQueue))); // the desk: no cap
    items.back().low_value = true;
    items.back().triggers = {slipping};
    auto plan = planCalls(items, {}, {}, start, cal, cfg);
    ASSERT_TRUE(plan) << plan.error().toString();
    std::set<std::int64_t> dropped;
    for (const auto& d : plan->dropped) {
        EXPECT_EQ(d.reason, DropReason::SlippingShare);
        EXPECT_EQ(d.why.countOf(Arg::Calls), 5);
        EXPECT_EQ(d.why.textOf(Arg::Broker), "B1");
        dropped.insert(d.client_ref);
    }
    EXPECT_EQ(dropped, (std::set<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(plan->calls.size(), items.size() - 3);
    // With the cap off, all of them are planned (capacity allows).
    cfg.low_value_slipping_share = 1.0;
    plan = planCalls(items, {}, {}, start, cal, cfg);
    ASSERT_TRUE(plan);
    EXPECT_TRUE(plan->dropped.empty());
}
