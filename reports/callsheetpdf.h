#pragma once
// The printable call sheet (回访清单) as a PDF: A4 landscape, one section per day (each day
// starts on a new page), a table of the day's calls with an empty "outcome / notes" column for
// handwriting, page numbers and the print time. Chinese text uses an embedded CJK font.
// Plain data in (no Qt in this header), so brokerdesk-cli and the workstation can both call it.
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "services/calllistexport.h"

namespace bd::reports {

/// What the sheet says about whom it is for; every field may be left empty.
struct CallSheetOptions {
    std::string broker_id;
    std::string broker_name;
    std::string branch; // branch id and/or name as it should be printed
    services::CallListLanguage language = services::CallListLanguage::English;
    std::string title; // empty -> "Call sheet" / "客户回访清单"
    /// Shown as "printed at"; empty -> the local time when the file is written.
    std::string printed_at;
};

/// Writes the call sheet of `rows` (any order of dates; plan order kept within a day) to `path`.
/// No rows -> one page that says so. Io error when the file cannot be written.
Status writeCallSheetPdf(const std::string& path, const std::vector<services::CallListRow>& rows,
                         const CallSheetOptions& options);

} // namespace bd::reports
