#include "analytics/scheduler.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <queue>
#include <set>
#include <unordered_map>

#include "core/text.h"

namespace bd::analytics {
namespace {

constexpr int kInf = 1 << 29;
constexpr int kMaxHorizon = 250;
constexpr int kMaxClasses = 16;

/// A small max-flow graph (Dinic) with single-path augmentation for incremental use.
class FlowGraph {
  public:
    int addNode() {
        m_adj.emplace_back();
        return static_cast<int>(m_adj.size()) - 1;
    }
    /// Adds u->v with capacity `cap` and its residual twin; returns the forward edge id.
    int addEdge(int u, int v, int cap) {
        m_to.push_back(v);
        m_cap.push_back(cap);
        m_adj[u].push_back(static_cast<int>(m_to.size()) - 1);
        m_to.push_back(u);
        m_cap.push_back(0);
        m_adj[v].push_back(static_cast<int>(m_to.size()) - 1);
        return static_cast<int>(m_to.size()) - 2;
    }
    std::size_t nodeCount() const { return m_adj.size(); }
    void addCapacity(int e, int delta) { m_cap[e] += delta; }
    int flowOn(int e) const { return m_cap[e ^ 1]; }
    int to(int e) const { return m_to[e]; }
    const std::vector<int>& out(int u) const { return m_adj[u]; }

    /// Pushes one unit along a shortest residual s->t path; false (nothing changed) if none.
    bool augmentOne(int s, int t) {
        m_parent.assign(m_adj.size(), -1);
        m_queue.clear();
        m_queue.push_back(s);
        m_parent[s] = -2;
        for (std::size_t head = 0; head < m_queue.size(); ++head) {
            const int u = m_queue[head];
            for (int e : m_adj[u]) {
                const int v = m_to[e];
                if (m_cap[e] <= 0 || m_parent[v] != -1) continue;
                m_parent[v] = e;
                if (v == t) {
                    for (int x = t; x != s; x = m_to[m_parent[x] ^ 1]) {
                        m_cap[m_parent[x]] -= 1;
                        m_cap[m_parent[x] ^ 1] += 1;
                    }
                    return true;
                }
                m_queue.push_back(v);
            }
        }
        return false;
    }

    /// Dinic's maximum flow from s to t.
    int maxFlow(int s, int t) {
        int total = 0;
        while (levels(s, t)) {
            m_next.assign(m_adj.size(), 0);
            while (int f = push(s, t, kInf)) total += f;
        }
        return total;
    }

  private:
    bool levels(int s, int t) {
        m_level.assign(m_adj.size(), -1);
        m_queue.clear();
        m_queue.push_back(s);
        m_level[s] = 0;
        for (std::size_t head = 0; head < m_queue.size(); ++head) {
            const int u = m_queue[head];
            for (int e : m_adj[u])
                if (m_cap[e] > 0 && m_level[m_to[e]] < 0) {
                    m_level[m_to[e]] = m_level[u] + 1;
                    m_queue.push_back(m_to[e]);
                }
        }
        return m_level[t] >= 0;
    }
    int push(int u, int t, int limit) {
        if (u == t) return limit;
        for (std::size_t& i = m_next[u]; i < m_adj[u].size(); ++i) {
            const int e = m_adj[u][i];
            const int v = m_to[e];
            if (m_cap[e] <= 0 || m_level[v] != m_level[u] + 1) continue;
            if (int f = push(v, t, std::min(limit, m_cap[e]))) {
                m_cap[e] -= f;
                m_cap[e ^ 1] += f;
                return f;
            }
        }
        return 0;
    }

    std::vector<std::vector<int>> m_adj;
    std::vector<int> m_to;
    std::vector<int> m_cap;
    std::vector<int> m_parent, m_level, m_queue;
    std::vector<std::size_t> m_next;
};

/// One item being planned for one broker.
struct Work {
    std::size_t index = 0; // into the input items
    std::int64_t ref = 0;
    double priority = 0.0;
    int release = 0;        // first allowed day index
    int deadline = 0;       // max(last day index <= due, 0): lateness counts from here
    int hard = -1;          // last day index <= the item's deadline ahead; -1 none in the horizon
    bool met = false;       // its deadline is kept: the plan calls it on a day <= hard
    std::uint32_t mask = 0; // allowed channel classes (bit 0 = unlimited channels)
    int own = 0;            // class of the preferred channel
    int day = -1;           // result
    int cls = -1;           // class used
};

/// Everything shared by the per-broker steps.
struct BrokerProblem {
    int horizon = 0;
    int classes = 1;                        // class 0 = unlimited, 1.. = limited channels
    std::vector<int> dayCap;                // remaining contacts per day
    std::vector<std::vector<int>> classCap; // [day][class] remaining (class 0 unused)
};

/// The network: S, T, a node per day, a node per (day, limited class); groups are added later.
struct Network {
    FlowGraph g;
    int s = 0, t = 0;
    std::vector<int> dayNode;
    std::vector<std::vector<int>> classNode; // [day][class]; class 0 = the day node
    std::vector<std::pair<int, int>> slotOf; // node -> (day, class); (-1, -1) for others

    explicit Network(const BrokerProblem& p) {
        s = g.addNode();
        t = g.addNode();
        dayNode.resize(p.horizon);
        classNode.assign(p.horizon, std::vector<int>(p.classes, -1));
        for (int j = 0; j < p.horizon; ++j) {
            dayNode[j] = g.addNode();
            g.addEdge(dayNode[j], t, p.dayCap[j]);
            classNode[j][0] = dayNode[j];
            for (int k = 1; k < p.classes; ++k) {
                classNode[j][k] = g.addNode();
                g.addEdge(classNode[j][k], dayNode[j], p.classCap[j][k]);
            }
        }
        slotOf.assign(g.nodeCount(), {-1, -1});
        for (int j = 0; j < p.horizon; ++j)
            for (int k = 0; k < p.classes; ++k) slotOf[classNode[j][k]] = {j, k};
    }
    /// A group node for items with channel classes `mask` allowed on days [r, e]; returns
    /// the S->group edge (capacity 0).
    int addGroup(std::uint32_t mask, int r, int e, int classes) {
        const int node = g.addNode();
        const int edge = g.addEdge(s, node, 0);
        for (int j = r; j <= e; ++j)
            for (int k = 0; k < classes; ++k)
                if (mask & (1u << k)) g.addEdge(node, classNode[j][k], kInf);
        return edge;
    }
};

std::string hhmm(int minutes) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
    return buf;
}

/// Who gets a slot, in three greedy passes over one flow network. An item's options are its
/// channel classes on the days of a window; the sets of items that can all be booked within
/// their windows form a matroid (a gammoid), so each pass is a matroid greedy:
///  1. deadlines: items whose deadline lies in the horizon, by deadline, then priority, join
///     while all joined can still be called by their deadlines (window [release, deadline]):
///     the largest possible number of deadlines is met (every basis has the same size), and
///     among such sets the earlier deadlines and then the higher priorities win;
///     Because the greedy takes the earlier deadlines first, for every day d no plan meets more
///     of the deadlines up to d either;
///  2. the deadlines that could not be met, in the same order, late but anywhere in the horizon
///     (before any routine call), the deadlines met in pass 1 kept (flow into a group never
///     decreases);
///  3. the rest by priority over the whole horizon: the greedy of the contracted matroid, so the
///     rest has the largest total priority among plans keeping the same deadlines and late calls.
/// `missed` gets the items with a deadline in the horizon that pass 1 could not meet.
void selectItems(const BrokerProblem& p, std::vector<Work>& work,
                 std::vector<std::size_t>& selected, std::vector<std::size_t>& rejected,
                 std::vector<std::size_t>& missed) {
    Network net(p);
    int total = 0;
    for (int c : p.dayCap) total += c;
    int accepted = 0;
    std::map<std::tuple<std::uint32_t, int, int>, int> groups; // (mask, release, end) -> S edge
    // An item whose options lie within those of an item that failed fails too (the closure of
    // the joined set only grows), so such items skip the search.
    std::vector<std::tuple<std::uint32_t, int, int>> failed;
    auto join = [&](const Work& w, int end) {
        if (accepted >= total) return false;
        for (const auto& [mask, r, e] : failed)
            if ((w.mask & ~mask) == 0 && w.release >= r && end <= e) return false;
        auto [it, inserted] = groups.try_emplace({w.mask, w.release, end}, 0);
        if (inserted) it->second = net.addGroup(w.mask, w.release, end, p.classes);
        net.g.addCapacity(it->second, 1);
        if (net.g.augmentOne(net.s, net.t)) {
            ++accepted;
            return true;
        }
        net.g.addCapacity(it->second, -1);
        failed.emplace_back(w.mask, w.release, end);
        return false;
    };
    std::vector<std::size_t> first, rest;
    for (std::size_t i = 0; i < work.size(); ++i) (work[i].hard >= 0 ? first : rest).push_back(i);
    std::sort(first.begin(), first.end(), [&](std::size_t a, std::size_t b) {
        if (work[a].hard != work[b].hard) return work[a].hard < work[b].hard;
        if (work[a].priority != work[b].priority) return work[a].priority > work[b].priority;
        return work[a].ref < work[b].ref;
    });
    for (std::size_t i : first) {
        work[i].met = join(work[i], work[i].hard);
        if (work[i].met)
            selected.push_back(i);
        else
            missed.push_back(i);
    }
    std::sort(rest.begin(), rest.end(), [&](std::size_t a, std::size_t b) {
        if (work[a].priority != work[b].priority) return work[a].priority > work[b].priority;
        return work[a].ref < work[b].ref;
    });
    for (std::size_t i : missed) (join(work[i], p.horizon - 1) ? selected : rejected).push_back(i);
    for (std::size_t i : rest) (join(work[i], p.horizon - 1) ? selected : rejected).push_back(i);
}

/// The last day an item may take when lateness up to `slack` is allowed: a deadline met in
/// selection is never given up.
int windowEnd(const Work& w, int slack, int horizon) {
    return std::min(w.deadline + slack, w.met ? w.hard : horizon - 1);
}

/// Earliest deadline first, day by day; ties: a kept deadline first (earliest first), then
/// priority, then client. Returns false when an item could not be placed or a kept deadline
/// was not (channel limits, or a due date earlier than another item's deadline, can defeat
/// plain EDF).
bool assignEdf(const BrokerProblem& p, std::vector<Work>& work,
               const std::vector<std::size_t>& sel) {
    std::vector<std::size_t> byRelease(sel);
    std::sort(byRelease.begin(), byRelease.end(),
              [&](std::size_t a, std::size_t b) { return work[a].release < work[b].release; });
    auto later = [&](std::size_t a, std::size_t b) {
        const Work& x = work[a];
        const Work& y = work[b];
        const int dx = windowEnd(x, 0, p.horizon), dy = windowEnd(y, 0, p.horizon);
        if (dx != dy) return dx > dy;
        const int hx = x.met ? x.hard : p.horizon, hy = y.met ? y.hard : p.horizon;
        if (hx != hy) return hx > hy;
        if (x.priority != y.priority) return x.priority < y.priority;
        return x.ref > y.ref;
    };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> ready(later);
    std::size_t next = 0;
    std::vector<std::size_t> held;
    for (int j = 0; j < p.horizon; ++j) {
        while (next < byRelease.size() && work[byRelease[next]].release <= j)
            ready.push(byRelease[next++]);
        int room = p.dayCap[j];
        std::vector<int> classRoom = p.classCap[j];
        held.clear();
        while (room > 0 && !ready.empty()) {
            const std::size_t i = ready.top();
            ready.pop();
            Work& w = work[i];
            int use = -1;
            if (w.own == 0 || classRoom[w.own] > 0) use = w.own;
            for (int k = 0; use < 0 && k < p.classes; ++k)
                if ((w.mask & (1u << k)) && (k == 0 || classRoom[k] > 0)) use = k;
            if (use < 0) {
                held.push_back(i);
                continue;
            }
            if (use > 0) --classRoom[use];
            --room;
            w.day = j;
            w.cls = use;
        }
        for (std::size_t i : held) ready.push(i);
    }
    if (!ready.empty() || next != byRelease.size()) return false;
    return std::all_of(sel.begin(), sel.end(),
                       [&](std::size_t i) { return !work[i].met || work[i].day <= work[i].hard; });
}

/// Assigns days by max-flow with every window cut to deadline + slack; false if infeasible.
bool assignFlow(const BrokerProblem& p, std::vector<Work>& work,
                const std::vector<std::size_t>& sel, int slack, bool apply) {
    Network net(p);
    std::map<std::tuple<std::uint32_t, int, int>, std::pair<int, std::vector<std::size_t>>> groups;
    for (std::size_t i : sel) {
        const Work& w = work[i];
        const int e = windowEnd(w, slack, p.horizon);
        if (e < w.release) return false;
        auto& g = groups[{w.mask, w.release, e}];
        g.second.push_back(i);
    }
    for (auto& [key, g] : groups) {
        const auto& [mask, r, e] = key;
        g.first = net.addGroup(mask, r, e, p.classes);
        net.g.addCapacity(g.first, static_cast<int>(g.second.size()));
    }
    if (net.g.maxFlow(net.s, net.t) != static_cast<int>(sel.size())) return false;
    if (!apply) return true;
    for (auto& [key, g] : groups) {
        // The group's slots, earliest day first; its items in deadline, then priority order.
        std::vector<std::pair<int, int>> slots; // (day, class)
        const int groupNode = net.g.to(g.first);
        for (int e : net.g.out(groupNode)) {
            if ((e & 1) != 0) continue; // residual twin
            const int f = net.g.flowOn(e);
            if (f <= 0) continue;
            const auto slot = net.slotOf[net.g.to(e)];
            for (int n = 0; n < f; ++n) slots.push_back(slot);
        }
        std::sort(slots.begin(), slots.end());
        std::sort(g.second.begin(), g.second.end(), [&](std::size_t a, std::size_t b) {
            if (work[a].deadline != work[b].deadline) return work[a].deadline < work[b].deadline;
            if (work[a].priority != work[b].priority) return work[a].priority > work[b].priority;
            return work[a].ref < work[b].ref;
        });
        for (std::size_t n = 0; n < g.second.size(); ++n) {
            work[g.second[n]].day = slots[n].first;
            work[g.second[n]].cls = slots[n].second;
        }
    }
    // Move fallback bookings back to the preferred channel where that day still has room.
    std::vector<std::vector<int>> room = p.classCap;
    for (std::size_t i : sel)
        if (work[i].cls > 0) --room[work[i].day][work[i].cls];
    for (std::size_t i : sel) {
        Work& w = work[i];
        if (w.cls != w.own && w.own > 0 && room[w.day][w.own] > 0) {
            if (w.cls > 0) ++room[w.day][w.cls];
            --room[w.day][w.own];
            w.cls = w.own;
        }
    }
    return true;
}

int maxLateness(const std::vector<Work>& work, const std::vector<std::size_t>& sel) {
    int worst = 0;
    for (std::size_t i : sel) worst = std::max(worst, work[i].day - work[i].deadline);
    return worst;
}

/// Brings the more urgent calls forward without changing what the schedule guarantees: an item
/// swaps days with a less urgent one booked earlier on the same channel class when both stay
/// in their windows (the other keeps its deadline and lateness <= `slack`). More urgent: an
/// earlier due day, then a deadline (even a missed one) before none, then higher priority. So
/// a missed deadline is called as soon as the kept ones allow, not wherever the flow put it.
void bringUrgentForward(const BrokerProblem& p, std::vector<Work>& work,
                        const std::vector<std::size_t>& sel, int slack) {
    auto before = [&](std::size_t a, std::size_t b) { // a more urgent than b
        const Work& x = work[a];
        const Work& y = work[b];
        if (x.deadline != y.deadline) return x.deadline < y.deadline;
        if ((x.hard >= 0) != (y.hard >= 0)) return x.hard >= 0;
        if (x.priority != y.priority) return x.priority > y.priority;
        return x.ref < y.ref;
    };
    // Only a late call has anything to gain.
    std::vector<std::size_t> order;
    for (std::size_t i : sel)
        if (work[i].day > work[i].deadline) order.push_back(i);
    if (order.empty()) return;
    std::sort(order.begin(), order.end(), before);
    std::vector<std::vector<std::size_t>> booked(static_cast<std::size_t>(p.horizon) *
                                                 static_cast<std::size_t>(p.classes));
    auto bucket = [&](int day, int cls) -> std::vector<std::size_t>& {
        return booked[static_cast<std::size_t>(day * p.classes + cls)];
    };
    for (std::size_t i : sel) bucket(work[i].day, work[i].cls).push_back(i);
    // Each bucket most urgent first, so the least urgent call a late one may swap with is found
    // from the back (a bucket of the service desk's queue holds thousands of calls a day).
    for (auto& b : booked) std::sort(b.begin(), b.end(), before);
    auto erase = [&](std::vector<std::size_t>& v, std::size_t x) {
        v.erase(std::lower_bound(v.begin(), v.end(), x, before));
    };
    auto insert = [&](std::vector<std::size_t>& v, std::size_t x) {
        v.insert(std::lower_bound(v.begin(), v.end(), x, before), x);
    };
    for (std::size_t i : order) {
        Work& w = work[i];
        for (int b = w.release; b < w.day; ++b) {
            auto& there = bucket(b, w.cls);
            // The least urgent call less urgent than this one that may move to its day.
            std::size_t best = there.size();
            for (std::size_t n = there.size(); n-- > 0;) {
                if (!before(i, there[n])) break; // this one and all before it are more urgent
                const Work& k = work[there[n]];
                if (k.release > w.day || w.day > windowEnd(k, slack, p.horizon)) continue;
                best = n;
                break;
            }
            if (best == there.size()) continue;
            const std::size_t k = there[best];
            auto& mine = bucket(w.day, w.cls);
            erase(mine, i);
            insert(mine, k);
            there.erase(there.begin() + static_cast<std::ptrdiff_t>(best));
            insert(there, i);
            work[k].day = w.day;
            w.day = b;
            break;
        }
    }
}

/// Minimal maximum lateness for the selected set, every kept deadline kept; EDF when it achieves
/// it, else max-flow; then the urgent calls brought forward.
void assignDays(const BrokerProblem& p, std::vector<Work>& work,
                const std::vector<std::size_t>& sel) {
    if (sel.empty()) return;
    const bool edfPlaced = assignEdf(p, work, sel);
    const int edfLate = edfPlaced ? maxLateness(work, sel) : kInf;
    if (edfLate == 0) return;
    int lo = 0, hi = p.horizon - 1; // the selection's windows: feasible at horizon - 1
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        if (assignFlow(p, work, sel, mid, false))
            hi = mid;
        else
            lo = mid + 1;
    }
    if (edfLate > lo) assignFlow(p, work, sel, lo, true);
    bringUrgentForward(p, work, sel, maxLateness(work, sel));
}

} // namespace

std::vector<std::pair<int, int>> parseContactHours(std::string_view text) {
    std::vector<std::pair<int, int>> out;
    std::string s(text);
    for (const char* sep : {"，", "；", "、", "～", "—", "至"}) {
        const std::string needle(sep);
        const char repl = std::string_view(sep) == "～" || std::string_view(sep) == "—" ||
                                  std::string_view(sep) == "至"
                              ? '-'
                              : ',';
        for (auto pos = s.find(needle); pos != std::string::npos; pos = s.find(needle, pos))
            s.replace(pos, needle.size(), 1, repl);
    }
    auto parseTime = [](std::string_view t) -> int {
        t = trim(t);
        int h = 0, m = 0, digits = 0;
        std::size_t i = 0;
        for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits) h = h * 10 + (t[i] - '0');
        if (digits == 0 || digits > 2) return -1;
        if (i < t.size()) {
            if (t[i] != ':' && t[i] != '.') return -1;
            if (t.size() != i + 3) return -1;
            for (std::size_t k = i + 1; k < t.size(); ++k) {
                if (t[k] < '0' || t[k] > '9') return -1;
                m = m * 10 + (t[k] - '0');
            }
        }
        if (h > 24 || m > 59 || (h == 24 && m > 0)) return -1;
        return h * 60 + m;
    };
    std::string_view rest(s);
    while (!rest.empty()) {
        auto cut = rest.find_first_of(",; ");
        std::string_view piece = trim(rest.substr(0, cut));
        rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + 1);
        const auto dash = piece.find('-');
        if (dash == std::string_view::npos) continue;
        const int a = parseTime(piece.substr(0, dash));
        const int b = parseTime(piece.substr(dash + 1));
        if (a >= 0 && b > a) out.emplace_back(a, b);
    }
    std::sort(out.begin(), out.end());
    return out;
}

namespace {

/// A low-value client's routine call: slipping away, perhaps with its cadence, nothing else.
bool lowValueSlipping(const CallItem& it) {
    if (!it.low_value) return false;
    bool slipping = false;
    for (const auto& t : it.triggers) {
        if (t.kind == TriggerKind::SlippingAway)
            slipping = true;
        else if (t.kind != TriggerKind::Cadence)
            return false;
    }
    return slipping;
}

/// Keeps at most `share` of the broker's capacity over the horizon for low-value slipping-away
/// calls, the highest priorities (ties by client_ref); drops the others.
template <typename Drop>
void capLowValueSlipping(std::vector<Work>& work, const std::vector<CallItem>& items,
                         const std::string& brokerId, int dailyCap, int horizon, double share,
                         Drop&& drop) {
    const auto allowed = static_cast<std::int64_t>(
        std::floor(std::max(share, 0.0) * static_cast<double>(dailyCap) * horizon));
    std::vector<std::size_t> slipping;
    for (std::size_t k = 0; k < work.size(); ++k)
        if (lowValueSlipping(items[work[k].index])) slipping.push_back(k);
    if (static_cast<std::int64_t>(slipping.size()) <= allowed) return;
    std::sort(slipping.begin(), slipping.end(), [&](std::size_t a, std::size_t b) {
        if (work[a].priority != work[b].priority) return work[a].priority > work[b].priority;
        return work[a].ref < work[b].ref;
    });
    std::vector<bool> cut(work.size(), false);
    for (std::size_t k = static_cast<std::size_t>(allowed); k < slipping.size(); ++k) {
        cut[slipping[k]] = true;
        drop(work[slipping[k]].index, DropFact(DropReason::SlippingShare)
                                          .value(Arg::Share, share)
                                          .count(Arg::Calls, allowed)
                                          .count(Arg::Days, horizon)
                                          .text(Arg::Broker, brokerId));
    }
    std::size_t w = 0;
    for (std::size_t k = 0; k < work.size(); ++k)
        if (!cut[k]) work[w++] = work[k];
    work.resize(w);
}

} // namespace

Result<Plan> planCalls(const std::vector<CallItem>& items,
                       const std::vector<BrokerCapacity>& brokers,
                       const std::vector<ExistingBooking>& booked, Date start, const Calendar& cal,
                       const SchedulerConfig& cfg) {
    if (cfg.horizon_working_days < 1 || cfg.horizon_working_days > kMaxHorizon)
        return makeError(ErrorCode::Usage,
                         "horizon must be 1.." + std::to_string(kMaxHorizon) + " working days");
    if (cfg.default_daily_capacity < 0 || cfg.slot_minutes <= 0 ||
        cfg.office_end_min <= cfg.office_start_min)
        return makeError(ErrorCode::Usage, "capacity, slot length or office hours out of range");
    if (static_cast<int>(cfg.channel_limits.size()) + 1 > kMaxClasses)
        return makeError(ErrorCode::Usage, "too many channel limits");

    Plan plan;
    for (Date d = cal.workingDayOnOrAfter(start);
         static_cast<int>(plan.days.size()) < cfg.horizon_working_days; d = cal.nextWorkingDay(d))
        plan.days.push_back(d);
    const int H = cfg.horizon_working_days;
    const Date first = plan.days.front();
    const Date last = plan.days.back();
    for (int y = first.year(); y <= last.year(); ++y)
        if (!cal.coversYear(y))
            plan.warnings.push_back("the calendar lists no holidays for " + std::to_string(y) +
                                    ": only weekends are treated as days off");

    // Channel classes: 0 = channels limited only by capacity, k = the k-th limited channel.
    auto classOf = [&](ContactChannel ch) {
        for (std::size_t k = 0; k < cfg.channel_limits.size(); ++k)
            if (cfg.channel_limits[k].channel == ch) return static_cast<int>(k) + 1;
        return 0;
    };
    auto channelOfClass = [&](int cls, ContactChannel own) {
        if (cls == classOf(own)) return own;
        if (cls == classOf(cfg.fallback_channel)) return cfg.fallback_channel;
        return cls == 0 ? ContactChannel::Phone : cfg.channel_limits[cls - 1].channel;
    };
    const int classes = static_cast<int>(cfg.channel_limits.size()) + 1;

    std::map<std::string, int> capacityOf;
    for (const auto& b : brokers)
        capacityOf[b.broker_id] =
            b.daily_capacity > 0 ? b.daily_capacity : cfg.default_daily_capacity;
    std::unordered_map<std::int64_t, std::vector<Date>> bookedDates;
    for (const auto& b : booked) bookedDates[b.client_ref].push_back(b.date);

    auto drop = [&](std::size_t i, DropFact why) {
        const CallItem& it = items[i];
        const DropReason kind = why.kind;
        plan.dropped.push_back(DroppedItem{i, it.client_ref, it.client_id, it.broker_id,
                                           it.priority, kind, std::move(why)});
    };

    // Screen items and group them by broker.
    std::map<std::string, std::vector<Work>> perBroker;
    std::unordered_map<std::int64_t, std::size_t> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const CallItem& it = items[i];
        if (it.broker_id.empty()) {
            drop(i, DropFact(DropReason::NoBroker));
            continue;
        }
        if (auto [pos, fresh] = seen.emplace(it.client_ref, i); !fresh) {
            drop(i, DropFact(DropReason::Duplicate)
                        .count(Arg::Item, static_cast<std::int64_t>(pos->second + 1)));
            continue;
        }
        if (it.earliest > last) {
            drop(
                i,
                DropFact(DropReason::NotInHorizon).date(Arg::On, it.earliest).date(Arg::Due, last));
            continue;
        }
        if (auto b = bookedDates.find(it.client_ref); b != bookedDates.end()) {
            const int gap = std::max(it.cadence_days, 0);
            std::optional<Date> clash;
            for (Date d : b->second)
                if (d >= first.addDays(-gap) && d <= last.addDays(gap) && (!clash || d < *clash))
                    clash = d;
            if (clash) {
                drop(i, DropFact(DropReason::AlreadyBooked)
                            .date(Arg::On, *clash)
                            .count(Arg::Every, gap));
                continue;
            }
        }
        Work w;
        w.index = i;
        w.ref = it.client_ref;
        w.priority = it.priority;
        w.release = static_cast<int>(
            std::lower_bound(plan.days.begin(), plan.days.end(), it.earliest) - plan.days.begin());
        const int dl =
            static_cast<int>(std::upper_bound(plan.days.begin(), plan.days.end(), it.due) -
                             plan.days.begin()) -
            1;
        w.deadline = std::max(dl, 0);
        // A deadline before the first day has passed (no plan can meet it); one after the last
        // day is not at stake in this plan.
        if (it.deadline && *it.deadline >= first && *it.deadline <= last)
            w.hard = static_cast<int>(
                         std::upper_bound(plan.days.begin(), plan.days.end(), *it.deadline) -
                         plan.days.begin()) -
                     1;
        const ContactChannel ch =
            it.channel == ContactChannel::Unknown ? ContactChannel::Phone : it.channel;
        w.own = classOf(ch);
        w.mask = 1u << w.own;
        if (w.own != 0 && cfg.fallback_channel != ContactChannel::Unknown)
            w.mask |= 1u << classOf(cfg.fallback_channel);
        perBroker[it.broker_id].push_back(w);
    }

    for (auto& [brokerId, work] : perBroker) {
        BrokerProblem p;
        p.horizon = H;
        p.classes = classes;
        auto capIt = capacityOf.find(brokerId);
        const int cap = capIt != capacityOf.end() ? capIt->second : cfg.default_daily_capacity;
        if (cfg.low_value_slipping_share < 1.0 && brokerId != kServiceDeskQueue)
            capLowValueSlipping(work, items, brokerId, cap, H, cfg.low_value_slipping_share, drop);
        p.dayCap.assign(H, cap);
        p.classCap.assign(H, std::vector<int>(classes, kInf));
        for (int j = 0; j < H; ++j)
            for (int k = 1; k < classes; ++k) p.classCap[j][k] = cfg.channel_limits[k - 1].per_day;
        for (const auto& b : booked) {
            if (b.broker_id != brokerId) continue;
            auto pos = std::lower_bound(plan.days.begin(), plan.days.end(), b.date);
            if (pos == plan.days.end() || *pos != b.date) continue;
            const auto j = static_cast<std::size_t>(pos - plan.days.begin());
            p.dayCap[j] = std::max(0, p.dayCap[j] - 1);
            if (const int k = classOf(b.channel); k > 0)
                p.classCap[j][k] = std::max(0, p.classCap[j][k] - 1);
        }
        std::vector<std::size_t> selected, rejected, missed;
        selectItems(p, work, selected, rejected, missed);
        assignDays(p, work, selected);

        // Deadlines not met: the broker's free slots up to the deadline, and how many of them
        // calls that keep their deadlines take; planned late (when) or not planned.
        std::vector<bool> planned(work.size(), false);
        for (std::size_t i : selected) planned[i] = true;
        std::vector<bool> shortOf(work.size(), false);
        // Calls that keep their deadlines, per day (a queue may hold thousands of them).
        std::vector<int> keptOn(static_cast<std::size_t>(H), 0);
        if (!missed.empty())
            for (std::size_t k : selected)
                if (work[k].met) ++keptOn[static_cast<std::size_t>(work[k].day)];
        for (std::size_t i : missed) {
            const Work& w = work[i];
            const CallItem& it = items[w.index];
            int slots = 0, kept = 0;
            for (int j = w.release; j <= w.hard; ++j) {
                slots += p.dayCap[j];
                kept += keptOn[static_cast<std::size_t>(j)];
            }
            DropFact why(DropReason::DeadlineMissed);
            why.count(Arg::Kind, static_cast<int>(it.deadline_kind))
                .date(Arg::Due, *it.deadline)
                .count(Arg::Count, slots)
                .count(Arg::Calls, kept)
                .text(Arg::Broker, brokerId);
            if (planned[i])
                why.date(Arg::On, plan.days[w.day]).count(Arg::MissedBy, w.day - w.hard);
            if (w.own != 0 && (w.mask & 1u) == 0) why.channel(Arg::Channel, it.channel);
            plan.shortfalls.push_back(DroppedItem{w.index, it.client_ref, it.client_id,
                                                  it.broker_id, it.priority,
                                                  DropReason::DeadlineMissed, why});
            if (!planned[i]) {
                shortOf[i] = true;
                drop(w.index, std::move(why));
            }
        }

        for (std::size_t i : rejected) {
            if (shortOf[i]) continue; // dropped above with its deadline
            const Work& w = work[i];
            const CallItem& it = items[w.index];
            DropFact why(DropReason::Capacity);
            why.count(Arg::Calls, static_cast<std::int64_t>(selected.size()))
                .text(Arg::Broker, brokerId)
                .count(Arg::Days, H)
                .value(Arg::Priority, it.priority);
            if (w.own != 0 && (w.mask & 1u) == 0) why.channel(Arg::Channel, it.channel);
            drop(w.index, std::move(why));
        }

        // Time windows: per day, the most constrained clients choose first, then by priority.
        std::vector<int> slotStart;
        for (int t = cfg.office_start_min; t + cfg.slot_minutes <= cfg.office_end_min;
             t += cfg.slot_minutes)
            if (t + cfg.slot_minutes <= cfg.lunch_start_min || t >= cfg.lunch_end_min)
                slotStart.push_back(t);
        std::vector<std::vector<std::size_t>> byDay(H);
        for (std::size_t i : selected) byDay[work[i].day].push_back(i);
        for (int j = 0; j < H; ++j) {
            struct Choice {
                std::size_t work;
                std::vector<int> allowed; // slot indices
                std::string own;          // the client's own window when no slot fits
            };
            std::vector<Choice> choices;
            for (std::size_t i : byDay[j]) {
                Choice c{i, {}, {}};
                const auto hours = parseContactHours(items[work[i].index].contact_hours);
                for (std::size_t s = 0; s < slotStart.size(); ++s) {
                    bool fits = hours.empty();
                    for (const auto& [a, b] : hours)
                        fits = fits || (slotStart[s] >= a && slotStart[s] + cfg.slot_minutes <= b);
                    if (fits) c.allowed.push_back(static_cast<int>(s));
                }
                if (c.allowed.empty() && !hours.empty())
                    c.own = hhmm(hours.front().first) + "-" + hhmm(hours.front().second);
                choices.push_back(std::move(c));
            }
            std::sort(choices.begin(), choices.end(), [&](const Choice& a, const Choice& b) {
                const std::size_t na = a.own.empty() ? a.allowed.size() : 0;
                const std::size_t nb = b.own.empty() ? b.allowed.size() : 0;
                if (na != nb) return na < nb;
                if (work[a.work].priority != work[b.work].priority)
                    return work[a.work].priority > work[b.work].priority;
                return work[a.work].ref < work[b.work].ref;
            });
            std::vector<int> load(slotStart.size(), 0);
            for (const Choice& c : choices) {
                const Work& w = work[c.work];
                const CallItem& it = items[w.index];
                PlannedCall call;
                call.item_index = w.index;
                call.client_ref = it.client_ref;
                call.client_id = it.client_id;
                call.broker_id = brokerId;
                call.date = plan.days[j];
                const ContactChannel own =
                    it.channel == ContactChannel::Unknown ? ContactChannel::Phone : it.channel;
                call.channel = channelOfClass(w.cls, own);
                call.channel_fallback = call.channel != own;
                call.priority = it.priority;
                call.due = it.due;
                call.late_working_days = std::max(0, j - w.deadline);
                if (!c.own.empty()) {
                    call.time_window = c.own;
                } else if (!c.allowed.empty()) {
                    int best = c.allowed.front();
                    for (int s : c.allowed)
                        if (load[s] < load[best]) best = s;
                    ++load[best];
                    call.time_window =
                        hhmm(slotStart[best]) + "-" + hhmm(slotStart[best] + cfg.slot_minutes);
                }
                plan.calls.push_back(std::move(call));
            }
        }
    }

    std::sort(plan.calls.begin(), plan.calls.end(), [](const PlannedCall& a, const PlannedCall& b) {
        if (a.broker_id != b.broker_id) return a.broker_id < b.broker_id;
        if (a.date != b.date) return a.date < b.date;
        if (a.time_window != b.time_window) return a.time_window < b.time_window;
        if (a.priority != b.priority) return a.priority > b.priority;
        return a.client_ref < b.client_ref;
    });
    const auto byBrokerPriority = [](const DroppedItem& a, const DroppedItem& b) {
        if (a.broker_id != b.broker_id) return a.broker_id < b.broker_id;
        if (a.priority != b.priority) return a.priority > b.priority;
        return a.client_ref < b.client_ref;
    };
    std::sort(plan.dropped.begin(), plan.dropped.end(), byBrokerPriority);
    std::sort(plan.shortfalls.begin(), plan.shortfalls.end(), byBrokerPriority);
    return plan;
}

} // namespace bd::analytics
