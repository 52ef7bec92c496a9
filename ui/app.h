#pragma once
// Workstation start-up: arguments, data directory, logging, opening the book.
class QApplication;

namespace bd::ui {

/// Routes qDebug/qWarning/... into the default spdlog logger.
void installQtMessageForwarding();

/// Parses `[--db F] [--screenshot F.png] [--view V] [--client ID] [--client-tab T] [--size WxH]`,
/// opens the book and runs the event loop.
int runWorkstation(QApplication& app);

} // namespace bd::ui
