#pragma once
// The client summary's freshness check with the status bar's totals from its own counts
// (storage/book/summarycheck.h), for the workstation's worker that checks an opened book.
#include "storage/book/summarycheck.h"

namespace bd::services {

using storage::ensureClientSummaryFreshCounted;
using storage::SummaryCheck;

} // namespace bd::services
