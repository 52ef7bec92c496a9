#pragma once
// Display formatting shared by the workstation's models and views (translated words,
// CNY with thousands separators, dates, masked ID numbers).
#include <QDate>
#include <QString>

#include <optional>

#include "core/date.h"
#include "core/enums.h"
#include "core/money.h"

namespace bd::ui {

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
QString statusLabel(ClientStatus s);
QString genderLabel(Gender g);
QString sideLabel(Side s);
QString orderChannelLabel(OrderChannel c);
QString contactChannelLabel(ContactChannel c);
QString directionLabel(Direction d);
QString outcomeLabel(Outcome o);

} // namespace bd::ui
