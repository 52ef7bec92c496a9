#pragma once
// The monthly branch report as a PDF (issue 21): A4 landscape, the firm's month in one line,
// then a table of each branch in bold with its brokers under it and the firm last: clients,
// active, new, lost, AUM, commission and its month-over-month change, 12-month profit and its
// change, VIPs in and out, coverage, satisfaction and retention (docs/kpi.md). Plain data in.
#include <string>

#include "core/result.h"
#include "phrasebook/phrasebook.h"
#include "services/kpi.h"

namespace bd::reports {

/// Writes the report of `board` to `path` in `lang`. Io error when the file cannot be written.
Status writeKpiReportPdf(const std::string& path, const services::KpiBoard& board,
                         phrase::Lang lang);

} // namespace bd::reports
