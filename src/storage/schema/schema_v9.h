#pragma once
// Schema version 9: what changed after version 8 (conventions as in schema_v1.h).
#include <string_view>

namespace bd::storage {

/// The KPI history (issue 21, docs/kpi.md): `kpi_months` holds one row of counts and exact sums
/// per month, scope (1 firm, 2 branch, 3 broker: core KpiScope) and scope id; `kpi_contacts`
/// the month's contacts of a scope by channel and outcome; `kpi_vip_changes` who entered or
/// left the VIP list at a month-end and the facts of why (core VipChangeKind). A partial
/// covering index reads the contacts the figures count (not void) in client and time order.
extern const std::string_view kSchemaV9Kpi; // the migration (schema_v9.cpp)

} // namespace bd::storage
