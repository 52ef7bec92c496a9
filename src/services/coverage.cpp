#include "services/coverage.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "services/planitems.h"
#include "storage/book/planstore.h"

namespace bd::services {

using analytics::ClientSignals;

Result<CoverageReport> computeCoverage(storage::Database& db, std::optional<Date> asOf,
                                       const PlanOptions& options) {
    PlanOptions o = options;
    o.as_of = asOf ? asOf : options.as_of;
    auto in = loadCoverageInputs(db, o);
    if (!in) return in.error();
    const auto& clients = in->clients;
    auto brokers = storage::loadPlanBrokers(db);
    if (!brokers) return brokers.error();
    auto overdue = listOverdue(db, {}, in->as_of);
    if (!overdue) return overdue.error();

    CoverageReport rep;
    rep.as_of = in->as_of;
    std::map<std::string, CoverageLine> byBroker, byBranch;
    std::map<std::string, std::string> brokerBranch;
    for (const auto& b : *brokers) {
        brokerBranch[b.broker_id] = b.branch_id;
        byBroker[b.broker_id].id = b.broker_id;
        byBroker[b.broker_id].branch_id = b.branch_id;
    }
    rep.total.id = "total";
    const std::string deskId(kServiceDeskQueue);
    for (std::size_t i = 0; i < in->client_signals.size(); ++i) {
        const ClientSignals& s = in->client_signals[i];
        const auto& c = clients[i];
        if (s.cadence_days <= 0) continue;
        const Date base = s.last_contact.value_or(s.open_date);
        const int since = in->as_of - base;
        const bool covered = since <= s.cadence_days;
        // The service desk's clients are the desk's to cover, not their broker's.
        const std::string& owner = routesToServiceDesk(s.served_by) ? deskId : s.broker_id;
        CoverageLine& b = byBroker[owner];
        b.id = owner;
        if (b.branch_id.empty()) b.branch_id = brokerBranch[owner];
        CoverageLine& br = byBranch[c.branch_id];
        br.id = c.branch_id;
        for (CoverageLine* l : {&b, &br, &rep.total}) {
            ++l->clients;
            if (covered) ++l->covered;
            if (s.vip) ++l->vips;
            if (s.vip && !covered) ++l->neglected_vips;
        }
        if (s.vip && !covered)
            rep.neglected.push_back({c.client_id, c.name, c.broker_id, c.branch_id, s.cadence_days,
                                     s.last_contact, since});
    }
    // Deadline shortfalls of the newest plan (stored with its dropped items).
    std::int64_t runId = 0;
    auto run = storage::latestPlanRun(db, &runId);
    if (!run) return run.error();
    if (*run) {
        rep.plan_as_of = (*run)->as_of;
        auto dropped = storage::loadPlanDropped(db, runId);
        if (!dropped) return dropped.error();
        std::unordered_map<std::int64_t, std::size_t> byRef;
        for (std::size_t i = 0; i < clients.size(); ++i) byRef.emplace(clients[i].ref, i);
        for (const auto& d : *dropped) {
            if (d.reason != static_cast<int>(DropKind::DeadlineMissed)) continue;
            auto facts = decodeDropFacts(d.facts);
            if (!facts || facts->empty()) continue;
            DeadlineShortfall sf;
            sf.broker_id = d.broker_id;
            sf.priority = d.priority;
            sf.why = facts->front();
            sf.kind = static_cast<ReasonKind>(sf.why.countOf(Arg::Kind));
            sf.deadline = sf.why.dateOf(Arg::Due);
            if (sf.why.has(Arg::On)) sf.planned = sf.why.dateOf(Arg::On);
            if (auto c = byRef.find(d.client_ref); c != byRef.end()) {
                sf.client_id = clients[c->second].client_id;
                sf.name = clients[c->second].name;
                sf.branch_id = clients[c->second].branch_id;
            } else {
                sf.branch_id = brokerBranch[d.broker_id];
            }
            CoverageLine& b = byBroker[d.broker_id];
            b.id = d.broker_id;
            CoverageLine& br = byBranch[sf.branch_id];
            br.id = sf.branch_id;
            for (CoverageLine* l : {&b, &br, &rep.total}) ++l->deadlines_missed;
            rep.shortfalls.push_back(std::move(sf));
        }
        std::sort(rep.shortfalls.begin(), rep.shortfalls.end(),
                  [](const DeadlineShortfall& a, const DeadlineShortfall& b) {
                      if (a.deadline != b.deadline) return a.deadline < b.deadline;
                      if (a.priority != b.priority) return a.priority > b.priority;
                      return a.client_id < b.client_id;
                  });
    }
    for (const auto& it : *overdue) {
        ++byBroker[it.broker_id].overdue;
        byBroker[it.broker_id].id = it.broker_id;
        ++byBranch[it.branch_id].overdue;
        byBranch[it.branch_id].id = it.branch_id;
        ++rep.total.overdue;
    }
    auto finish = [](CoverageLine& l) {
        l.share =
            l.clients == 0 ? 1.0 : static_cast<double>(l.covered) / static_cast<double>(l.clients);
    };
    for (auto& [id, l] : byBroker) {
        finish(l);
        rep.brokers.push_back(l);
    }
    for (auto& [id, l] : byBranch) {
        finish(l);
        rep.branches.push_back(l);
    }
    finish(rep.total);
    std::sort(rep.neglected.begin(), rep.neglected.end(),
              [](const NeglectedVip& a, const NeglectedVip& b) {
                  const int oa = a.days_since - a.cadence_days, ob = b.days_since - b.cadence_days;
                  if (oa != ob) return oa > ob;
                  return a.client_id < b.client_id;
              });
    return rep;
}

} // namespace bd::services
