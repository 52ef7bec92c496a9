#pragma once
// The workstation's language: Simplified Chinese (the default on a Chinese system) or English.
#include <QString>

class QCoreApplication;

namespace bd::ui {

/// Chooses the UI language — `requested` ("zh" or "en"; empty: the saved choice, else the
/// system locale) — installs the Chinese translators when chosen (ours from :/i18n, Qt's own
/// when installed) and sets the default QLocale so texts picked by locale follow. Calling it
/// again switches (for new widgets). Returns the language in effect, "zh" or "en".
QString setUiLanguage(QCoreApplication& app, const QString& requested = {});

/// Remembers the language for the next start.
void saveUiLanguage(const QString& language);

/// True when the Chinese catalogue is compiled into the program.
bool chineseCatalogueAvailable();

} // namespace bd::ui
