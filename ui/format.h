#pragma once
// Display formatting shared by the workstation's models and views (translated words,
// CNY with thousands separators, dates, masked ID numbers).
#include <QColor>
#include <QDate>
#include <QString>

#include <cstddef>
#include <optional>
#include <string_view>

#include "core/date.h"
#include "core/enums.h"
#include "core/money.h"
#include "core/result.h"
#include "phrasebook/phrasebook.h"

namespace bd::ui {

/// The phrasebook's language for the workstation's language (QLocale: Chinese or English).
phrase::Lang uiLang();

/// An engine error as a person reads it: a command's refusal worded by the phrasebook in the
/// workstation's language, any other error as the engine located it.
QString errorText(const Error& e);

/// "1,234,567.89" (rounded to the fen).
QString formatCny(Money m);
/// "2024-06-28"; empty for nullopt.
QString formatDate(std::optional<Date> d);
/// "2024-06-28 14:05".
QString formatDateTime(DateTime t);
/// Keeps the first 3 and last 4 characters: "310***********123X". Short values are fully masked.
QString maskIdNumber(const QString& id);
/// Whole years from `birth` to `today`; nullopt when birth is after today.
std::optional<int> ageOn(Date birth, Date today);
/// Converts between the engine's day count and QDate.
QDate toQDate(Date d);
Date fromQDate(const QDate& d);

/// "C1".."C5" or "—".
QString riskLabel(int level);
/// A word of the phrasebook as a label standing alone (capitalised: "Phone", not "phone");
/// "—" for an empty word.
QString labelText(std::string_view word);
/// An engine enum's display name from the phrasebook (the words of the domain live there, shared
/// with the CLI, the exports and the PDFs): ClientStatus, Gender, Side, OrderChannel,
/// ContactChannel, Direction, Outcome, Board ("Other" for Unknown), RelationshipType, ServedBy;
/// "—" for an unknown value.
template <typename E>
QString enumLabel(E v) {
    return labelText(phrase::name(v, uiLang()));
}
/// The label of `v` from a table of untranslated texts, one per value in the enum's order
/// (marked with QT_TR_NOOP inside `Context`), translated in `Context`; empty past the table's end.
template <typename Context, typename E, std::size_t N>
QString tableLabel(const char* const (&texts)[N], E v) {
    const auto i = static_cast<std::size_t>(v);
    return i < N ? Context::tr(texts[i]) : QString();
}
/// "R1".."R5" or "—" (security risk rating).
QString securityRiskLabel(int level);

/// Kotler relationship type by code 0..4 ("Basic", "Reactive", "Accountable", "Proactive",
/// "Partnership").
QString relationshipLabel(int code);
/// Who serves, by analytics::ServedBy code 0..3 ("Senior broker", "Broker", "Service desk",
/// "Automated").
QString servedByLabel(int code);

/// "12.3%" from a fraction (0.123); "—" for NaN.
QString formatPercent(double fraction, int decimals = 1);
/// "+12.3%" / "−4.0%" (signed, for returns); "—" for NaN.
QString formatSignedPercent(double fraction, int decimals = 1);
/// "1,234,567" (grouped integer).
QString formatCount(qint64 n);
/// "¥1,234.50" / "−¥35,486.81": a signed amount with the currency sign after the minus.
QString formatCnySigned(Money m);
/// "1,234,568" (CNY rounded to the yuan, grouped), for dense tables.
QString formatCnyWhole(Money m);
/// The same from a value in yuan (a double).
QString formatYuan(double yuan);
/// "¥1.23M" / "¥45.6K" style short form of a yuan amount, for axis labels and badges.
QString formatYuanShort(double yuan);
/// Red for a gain and green for a loss (the convention on Chinese exchanges), default otherwise.
QColor pnlColor(double value);

} // namespace bd::ui
