#include "services/evaluation.h"

#include <algorithm>
#include <set>

#include "analytics/evaluation.h"
#include "core/clock.h"
#include "services/kpi.h"
#include "services/planinputs.h"
#include "storage/book/features.h"
#include "storage/book/kpistore.h"
#include "storage/book/planstore.h"
#include "storage/book/tradedays.h"

namespace bd::services {
namespace {

const char* kindWord(EvalSelector::Kind k) {
    switch (k) {
    case EvalSelector::Kind::Broker:
        return "broker";
    case EvalSelector::Kind::Branch:
        return "branch";
    case EvalSelector::Kind::Segment:
        return "segment";
    }
    return "";
}

/// Whether a client belongs to the selected group.
bool selects(const EvalSelector& s, const storage::KpiClientRow& c, int segment) {
    const auto has = [&](const std::string& id) {
        return std::find(s.ids.begin(), s.ids.end(), id) != s.ids.end();
    };
    switch (s.kind) {
    case EvalSelector::Kind::Broker:
        return has(c.broker_id);
    case EvalSelector::Kind::Branch:
        return has(c.branch_id);
    case EvalSelector::Kind::Segment:
        return segment >= 0 && has(std::to_string(segment));
    }
    return false;
}

} // namespace

Result<EvalSelector> parseEvalSelector(const std::string& text) {
    const auto colon = text.find(':');
    EvalSelector s;
    const std::string kind = text.substr(0, colon);
    if (kind == "broker")
        s.kind = EvalSelector::Kind::Broker;
    else if (kind == "branch")
        s.kind = EvalSelector::Kind::Branch;
    else if (kind == "segment")
        s.kind = EvalSelector::Kind::Segment;
    if (colon == std::string::npos || (kind != "broker" && kind != "branch" && kind != "segment"))
        return makeError(ErrorCode::Usage, "a group is broker:ID,..., branch:ID,... or "
                                           "segment:N,..., got '" +
                                               text + "'");
    std::string rest = text.substr(colon + 1);
    std::size_t at = 0;
    while (at <= rest.size()) {
        const std::size_t comma = std::min(rest.find(',', at), rest.size());
        if (comma > at) s.ids.push_back(rest.substr(at, comma - at));
        at = comma + 1;
    }
    if (s.ids.empty())
        return makeError(ErrorCode::Usage, "the group '" + text + "' names no " + kindWord(s.kind));
    return s;
}

Result<EvalReport> evaluateProgramme(storage::Database& db, const EvalOptionsIn& options) {
    const SteadyTime start = std::chrono::steady_clock::now();
    if (options.months < 1 || options.months > 60)
        return makeError(ErrorCode::Usage, "the windows are 1 to 60 months long");
    EvalReport rep;
    EvalResult& r = rep.result;
    r.after_from = options.start;
    r.after_to = addMonths(options.start, options.months).addDays(-1);
    r.before_to = options.start.addDays(-1);
    r.before_from = addMonths(options.start, -options.months);

    auto first = storage::firstHistoryDate(db);
    if (!first) return first.error();
    auto last = storage::latestTradeDate(db);
    if (!last) return last.error();
    if (!*first || !*last)
        return makeError(ErrorCode::InvalidInput, "the book has no trades: nothing to evaluate");
    rep.data_from = **first;
    rep.data_to = std::max(**first, **last);
    if (r.before_from < rep.data_from)
        return makeError(ErrorCode::InvalidInput,
                         "the before window starts on " + r.before_from.toString() +
                             " but the book's history starts on " + rep.data_from.toString() +
                             ": choose a later start or fewer --months");
    if (r.after_to > rep.data_to)
        return makeError(ErrorCode::InvalidInput,
                         "the after window ends on " + r.after_to.toString() +
                             " but the book's history ends on " + rep.data_to.toString() +
                             ": choose an earlier start or fewer --months");

    auto clients = storage::loadKpiClients(db);
    if (!clients) return clients.error();
    auto cadence = loadClientCadences(db);
    if (!cadence) return cadence.error();
    std::unordered_map<std::int64_t, int> segmentOf;
    const bool bySegment =
        (options.treated && options.treated->kind == EvalSelector::Kind::Segment) ||
        (options.comparison && options.comparison->kind == EvalSelector::Kind::Segment);
    if (bySegment) {
        auto seg = storage::loadLatestSegments(db);
        if (!seg) return seg.error();
        if (seg->empty())
            return makeError(ErrorCode::InvalidInput,
                             "the book has no segmentation yet: run a refresh first");
        for (const auto& s : *seg) segmentOf.emplace(s.ref, s.segment_id);
    }
    if (auto s = storage::syncTradeDays(db); !s) return s.error();

    // Who is in which group: eligible clients only (opened before the before window).
    struct Member {
        analytics::KpiClient client;
        analytics::EvalGroup group;
    };
    std::vector<Member> members;
    std::size_t overlap = 0;
    for (const auto& c : *clients) {
        if (c.status == ClientStatus::Prospect || !(c.open_date < r.before_from)) continue;
        auto it = segmentOf.find(c.ref);
        const int segment = it == segmentOf.end() ? -1 : it->second;
        // A comparison group alone: every other client is on the programme.
        const bool k0 = options.comparison && selects(*options.comparison, c, segment);
        const bool t = options.treated ? selects(*options.treated, c, segment) : !k0;
        const bool k = options.comparison ? k0 : options.treated.has_value() && !t;
        if (t && k) {
            ++overlap;
            continue;
        }
        if (!t && !k) continue;
        analytics::KpiClient kc;
        kc.client_ref = c.ref;
        kc.open_date = c.open_date;
        kc.closed = c.status == ClientStatus::Closed;
        kc.cadence_days = cadence->of(c.ref);
        members.push_back(
            {kc, t ? analytics::EvalGroup::Treated : analytics::EvalGroup::Comparison});
    }
    if (overlap > 0)
        return makeError(ErrorCode::InvalidInput,
                         std::to_string(overlap) +
                             " clients are in both the treated and the comparison group: the "
                             "groups must not overlap");
    const auto count = [&](analytics::EvalGroup g) {
        return std::count_if(members.begin(), members.end(),
                             [&](const Member& m) { return m.group == g; });
    };
    if (count(analytics::EvalGroup::Treated) == 0)
        return makeError(ErrorCode::InvalidInput,
                         "no client of the treated group was a client before " +
                             r.before_from.toString() + ": nothing to evaluate");
    if (options.comparison && count(analytics::EvalGroup::Comparison) == 0)
        return makeError(ErrorCode::InvalidInput,
                         "no client of the comparison group was a client before " +
                             r.before_from.toString() + ": the comparison group is empty");

    // Each client's history from 90 days before the before window (activity), plus its latest
    // snapshot and contact before that (AUM, coverage), read in client ranges.
    std::vector<analytics::EvalClientPanel> panel;
    panel.reserve(members.size());
    storage::KpiHistoryRows rows;
    analytics::KpiClientHistory h;
    const Date readFrom = r.before_from.addDays(-analytics::kKpiActiveWindowDays - 1);
    constexpr std::size_t kChunk = 4096;
    for (std::size_t b = 0; b < members.size(); b += kChunk) {
        const std::size_t e = std::min(members.size(), b + kChunk);
        if (auto s = storage::loadKpiHistory(db, members[b].client.client_ref,
                                             members[e - 1].client.client_ref, rows, readFrom);
            !s)
            return s.error();
        std::size_t d = 0, s = 0, c = 0;
        for (std::size_t i = b; i < e; ++i) {
            const auto& m = members[i];
            takeKpiHistory(m.client.client_ref, rows, d, s, c, h);
            analytics::EvalClientPanel p;
            p.client_ref = m.client.client_ref;
            p.group = m.group;
            p.before = analytics::evalOutcomes(m.client, h, r.before_from, r.before_to);
            p.after = analytics::evalOutcomes(m.client, h, r.after_from, r.after_to);
            panel.push_back(p);
        }
    }
    rep.read_ms = msSince(start);
    const SteadyTime t0 = std::chrono::steady_clock::now();
    analytics::EvalOptions eo;
    eo.resamples = options.resamples;
    eo.seed = options.seed;
    EvalResult computed = analytics::evaluate(panel, eo);
    computed.before_from = r.before_from;
    computed.before_to = r.before_to;
    computed.after_from = r.after_from;
    computed.after_to = r.after_to;
    r = std::move(computed);
    rep.compute_ms = msSince(t0);
    return rep;
}

} // namespace bd::services
