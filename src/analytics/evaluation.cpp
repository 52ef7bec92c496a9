#include "analytics/evaluation.h"

#include <algorithm>
#include <cstddef>

#include "analytics/random.h"

namespace bd::analytics {
namespace {

/// Index of the first element of sorted `v` greater than `day`.
std::size_t after(const std::vector<std::int32_t>& v, std::int32_t day) {
    return static_cast<std::size_t>(std::upper_bound(v.begin(), v.end(), day) - v.begin());
}

/// Value at quantile q (0..1) of sorted values, interpolated linearly.
double quantile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return 0;
    const double pos = q * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

/// Per-client changes (after - before) of one group, [client * outcomes + outcome].
struct GroupChanges {
    std::vector<double> change;
    std::size_t clients = 0;
};

/// Mean change per outcome of `g` over the clients `pick` names (all when empty).
void meanChanges(const GroupChanges& g, const std::vector<std::uint32_t>* pick,
                 std::array<double, kEvalOutcomeCount>& mean,
                 std::array<std::size_t, kEvalOutcomeCount>& n) {
    std::array<double, kEvalOutcomeCount> sum{};
    n.fill(0);
    const std::size_t count = pick ? pick->size() : g.clients;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t c = pick ? (*pick)[i] : i;
        const double* row = g.change.data() + c * kEvalOutcomeCount;
        for (std::size_t o = 0; o < static_cast<std::size_t>(kEvalOutcomeCount); ++o)
            if (!std::isnan(row[o])) {
                sum[o] += row[o];
                ++n[o];
            }
    }
    for (std::size_t o = 0; o < static_cast<std::size_t>(kEvalOutcomeCount); ++o)
        mean[o] = n[o] ? sum[o] / static_cast<double>(n[o]) : kEvalMissing;
}

} // namespace

EvalValues evalOutcomes(const KpiClient& client, const KpiClientHistory& h, Date from, Date to) {
    EvalValues v;
    v.fill(kEvalMissing);
    const std::int32_t end = to.days;
    // Active: a trade in the 90 days to the window's last day.
    {
        const std::size_t i = after(h.trade_day, end);
        v[static_cast<std::size_t>(EvalOutcome::Active)] =
            i > 0 && h.trade_day[i - 1] > end - kKpiActiveWindowDays ? 1.0 : 0.0;
    }
    // AUM: the latest snapshot on or before the last day.
    if (const std::size_t i = after(h.snapshot_day, end); i > 0)
        v[static_cast<std::size_t>(EvalOutcome::Aum)] =
            static_cast<double>(h.snapshot_aum[i - 1]) / 1e4;
    // Commission of the window's trades.
    {
        std::int64_t sum = 0;
        for (std::size_t k = after(h.trade_day, from.days - 1); k < after(h.trade_day, end); ++k)
            sum += h.trade_commission[k];
        v[static_cast<std::size_t>(EvalOutcome::Commission)] = static_cast<double>(sum) / 1e4;
    }
    // Satisfaction of the window's rated contacts; coverage at the last day.
    {
        const std::size_t c0 = after(h.contact_day, from.days - 1), c1 = after(h.contact_day, end);
        int sum = 0, n = 0;
        for (std::size_t k = c0; k < c1; ++k)
            if (h.contact_satisfaction[k] > 0) {
                sum += h.contact_satisfaction[k];
                ++n;
            }
        if (n > 0)
            v[static_cast<std::size_t>(EvalOutcome::Satisfaction)] =
                static_cast<double>(sum) / static_cast<double>(n);
        if (client.cadence_days > 0) {
            const std::int32_t last = c1 > 0 ? h.contact_day[c1 - 1] : client.open_date.days;
            v[static_cast<std::size_t>(EvalOutcome::Coverage)] =
                end - last <= client.cadence_days ? 1.0 : 0.0;
        }
    }
    return v;
}

EvalResult evaluate(const std::vector<EvalClientPanel>& panel, const EvalOptions& options) {
    EvalResult r;
    r.resamples = std::max(0, options.resamples);
    r.seed = options.seed;
    r.confidence = options.confidence;
    constexpr auto kOut = static_cast<std::size_t>(kEvalOutcomeCount);
    GroupChanges treated, comparison;
    std::array<std::array<double, kEvalOutcomeCount>, 2> beforeSum{}, afterSum{};
    for (const auto& p : panel) {
        const bool t = p.group == EvalGroup::Treated;
        GroupChanges& g = t ? treated : comparison;
        ++g.clients;
        for (std::size_t o = 0; o < kOut; ++o) {
            const bool both = !std::isnan(p.before[o]) && !std::isnan(p.after[o]);
            g.change.push_back(both ? p.after[o] - p.before[o] : kEvalMissing);
            if (both) {
                beforeSum[t ? 0 : 1][o] += p.before[o];
                afterSum[t ? 0 : 1][o] += p.after[o];
            }
        }
    }
    r.treated_clients = treated.clients;
    r.comparison_clients = comparison.clients;
    r.has_comparison = comparison.clients > 0;
    if (!r.has_comparison)
        r.caveats.push_back(EvalCaveat::NoComparisonGroup);
    else if (comparison.clients * 10 < treated.clients)
        r.caveats.push_back(EvalCaveat::SmallComparisonGroup);

    std::array<double, kEvalOutcomeCount> tMean{}, cMean{};
    std::array<std::size_t, kEvalOutcomeCount> tN{}, cN{};
    meanChanges(treated, nullptr, tMean, tN);
    meanChanges(comparison, nullptr, cMean, cN);

    // Bootstrap: each resample draws as many clients as each group has, with replacement,
    // within the group; the same draw serves every outcome.
    std::vector<std::vector<double>> draws(kOut);
    if (r.resamples > 0) {
        Rng rng(options.seed);
        std::vector<std::uint32_t> pickT(treated.clients), pickC(comparison.clients);
        std::array<double, kEvalOutcomeCount> bt{}, bc{};
        std::array<std::size_t, kEvalOutcomeCount> nt{}, nc{};
        for (auto& d : draws) d.reserve(static_cast<std::size_t>(r.resamples));
        for (int s = 0; s < r.resamples; ++s) {
            for (auto& i : pickT) i = static_cast<std::uint32_t>(rng.below(treated.clients));
            for (auto& i : pickC) i = static_cast<std::uint32_t>(rng.below(comparison.clients));
            meanChanges(treated, &pickT, bt, nt);
            if (r.has_comparison) meanChanges(comparison, &pickC, bc, nc);
            for (std::size_t o = 0; o < kOut; ++o) {
                if (nt[o] == 0 || (r.has_comparison && nc[o] == 0)) continue;
                draws[o].push_back(r.has_comparison ? bt[o] - bc[o] : bt[o]);
            }
        }
    }
    const double alpha = (1.0 - options.confidence) / 2;
    for (std::size_t o = 0; o < kOut; ++o) {
        EvalOutcomeResult out;
        out.outcome = static_cast<EvalOutcome>(o);
        out.n_treated = tN[o];
        out.n_comparison = cN[o];
        const bool enough =
            tN[o] >= options.min_clients && (!r.has_comparison || cN[o] >= options.min_clients);
        if (enough) {
            const auto n = [](std::size_t k) { return static_cast<double>(k); };
            out.treated_before = beforeSum[0][o] / n(tN[o]);
            out.treated_after = afterSum[0][o] / n(tN[o]);
            out.treated_change = tMean[o];
            if (r.has_comparison) {
                out.comparison_before = beforeSum[1][o] / n(cN[o]);
                out.comparison_after = afterSum[1][o] / n(cN[o]);
                out.comparison_change = cMean[o];
            }
            out.estimate = r.has_comparison ? tMean[o] - cMean[o] : tMean[o];
            out.ci_low = out.ci_high = out.estimate;
            if (!draws[o].empty()) {
                std::sort(draws[o].begin(), draws[o].end());
                out.ci_low = quantile(draws[o], alpha);
                out.ci_high = quantile(draws[o], 1 - alpha);
            }
            out.verdict = out.ci_low > 0    ? EvalVerdict::Rose
                          : out.ci_high < 0 ? EvalVerdict::Fell
                                            : EvalVerdict::NoClearChange;
        }
        r.outcomes.push_back(out);
    }
    return r;
}

} // namespace bd::analytics
