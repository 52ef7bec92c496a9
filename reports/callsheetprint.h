#pragma once
// The call sheet on a printer (the workstation's Print… and print preview): the same layout as
// the PDF export (callsheetpdf.h), drawn on any paged device. Qt Gui only: the caller (ui/)
// owns the QPrinter and its dialog; the CLI does not include this header.
#include <QPagedPaintDevice>

#include <vector>

#include "reports/callsheetpdf.h"

namespace bd::reports {

/// Draws the call sheet of `rows` on `device` (a QPrinter set up by its dialog, landscape as
/// the sheet is laid out). Returns the pages drawn; 0 when the device cannot be painted on.
int printCallSheet(QPagedPaintDevice& device, const std::vector<services::CallListRow>& rows,
                   const CallSheetOptions& options);

} // namespace bd::reports
