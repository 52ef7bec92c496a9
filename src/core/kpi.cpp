#include "core/kpi.h"

#include <cstdio>

namespace bd {

std::string kpiMonthText(KpiMonth m) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", static_cast<int>(m / 100),
                  static_cast<int>(m % 100));
    return buf;
}

KpiFigures& KpiFigures::operator+=(const KpiFigures& o) {
    clients += o.clients;
    active += o.active;
    new_clients += o.new_clients;
    lost += o.lost;
    aum += o.aum;
    net_inflow += o.net_inflow;
    commission += o.commission;
    profit_12m += o.profit_12m;
    vips += o.vips;
    vips_entered += o.vips_entered;
    vips_left += o.vips_left;
    cadence_clients += o.cadence_clients;
    covered += o.covered;
    contacts += o.contacts;
    satisfaction_sum += o.satisfaction_sum;
    satisfaction_count += o.satisfaction_count;
    retention_base += o.retention_base;
    retained += o.retained;
    promoters += o.promoters;
    passives += o.passives;
    detractors += o.detractors;
    for (std::size_t c = 0; c < contact_grid.size(); ++c)
        for (std::size_t k = 0; k < contact_grid[c].size(); ++k)
            contact_grid[c][k] += o.contact_grid[c][k];
    return *this;
}

double KpiFigures::nps() const {
    const std::int64_t n = recommendAnswers();
    return n > 0 ? 100.0 * static_cast<double>(promoters - detractors) / static_cast<double>(n)
                 : 0.0;
}

double KpiFigures::meanSatisfaction() const {
    return satisfaction_count > 0
               ? static_cast<double>(satisfaction_sum) / static_cast<double>(satisfaction_count)
               : 0.0;
}

double KpiFigures::coverageShare() const {
    return cadence_clients > 0 ? static_cast<double>(covered) / static_cast<double>(cadence_clients)
                               : 1.0;
}

double KpiFigures::retentionRate() const {
    return retention_base > 0 ? static_cast<double>(retained) / static_cast<double>(retention_base)
                              : 0.0;
}

double KpiFigures::vipChurnRate() const {
    const std::int64_t before = vips - vips_entered + vips_left;
    return before > 0 ? static_cast<double>(vips_left) / static_cast<double>(before) : 0.0;
}

} // namespace bd
