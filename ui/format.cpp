#include "format.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

#include "core/privacy.h"

namespace bd::ui {

phrase::Lang uiLang() {
    return QLocale().language() == QLocale::Chinese ? phrase::Lang::Zh : phrase::Lang::En;
}

namespace {
// Julian day of 1970-01-01.
constexpr qint64 kUnixEpochJulianDay = 2440588;

} // namespace

QString errorText(const Error& e) {
    // A branch server's refusals carry no fact of the engine's: worded here, one sentence each.
    if (!e.refusal && e.code == ErrorCode::NotPermitted)
        return QCoreApplication::translate(
            "bd::ui::Format", "Not permitted: the branch server does not let your login do this "
                              "(another broker's client, or the nightly batch's work).");
    if (!e.refusal && e.code == ErrorCode::Unavailable)
        return QCoreApplication::translate("bd::ui::Format",
                                           "The branch server cannot be reached. Try "
                                           "again when the connection is back.");
    return QString::fromStdString(phrase::refusal(e, uiLang()));
}

QString formatCny(Money m) {
    return QString::fromStdString(formatMoneyGrouped(m));
}

QString formatDate(std::optional<Date> d) {
    return d ? QString::fromStdString(d->toString()) : QString();
}

QString formatDateTime(DateTime t) {
    // YYYY-MM-DD HH:MM; seconds are noise in a list.
    return QString::fromStdString(t.toString()).left(16);
}

QString maskIdNumber(const QString& id) {
    // One masking rule for the workstation, the CLI and search results (core/privacy.h).
    return QString::fromStdString(bd::maskIdNumber(id.toStdString()));
}

std::optional<int> ageOn(Date birth, Date today) {
    if (birth > today) return std::nullopt;
    int by, bm, bd, ty, tm, td;
    birth.toYmd(by, bm, bd);
    today.toYmd(ty, tm, td);
    int age = ty - by;
    if (tm < bm || (tm == bm && td < bd)) --age;
    return age;
}

QDate toQDate(Date d) {
    return QDate::fromJulianDay(d.days + kUnixEpochJulianDay);
}

Date fromQDate(const QDate& d) {
    return Date{static_cast<std::int32_t>(d.toJulianDay() - kUnixEpochJulianDay)};
}

QString riskLabel(int level) {
    return level >= 1 && level <= 5 ? QStringLiteral("C%1").arg(level) : QStringLiteral("—");
}

QString securityRiskLabel(int level) {
    return level >= 1 && level <= 5 ? QStringLiteral("R%1").arg(level) : QStringLiteral("—");
}

QString relationshipLabel(int code) {
    if (code < 0 || code > static_cast<int>(RelationshipType::Partnership))
        return QStringLiteral("—");
    return enumLabel(static_cast<RelationshipType>(code));
}

QString servedByLabel(int code) {
    if (code < 0 || code > static_cast<int>(ServedBy::Automated)) return QStringLiteral("—");
    return enumLabel(static_cast<ServedBy>(code));
}

QString labelText(std::string_view word) {
    if (word.empty()) return QStringLiteral("—");
    QString s = QString::fromUtf8(word.data(), static_cast<qsizetype>(word.size()));
    s[0] = s[0].toUpper();
    return s;
}

QString formatPercent(double fraction, int decimals) {
    if (!std::isfinite(fraction)) return QStringLiteral("—");
    return QLocale(QLocale::English).toString(fraction * 100.0, 'f', decimals) + QLatin1Char('%');
}

QString formatSignedPercent(double fraction, int decimals) {
    if (!std::isfinite(fraction)) return QStringLiteral("—");
    const QString body = formatPercent(std::abs(fraction), decimals);
    if (body == formatPercent(0.0, decimals)) return body;
    return (fraction > 0 ? QStringLiteral("+") : QString(QChar(0x2212))) + body;
}

QString formatCount(qint64 n) {
    return QLocale(QLocale::English).toString(static_cast<qlonglong>(n));
}

QString formatCnySigned(Money m) {
    if (m.units < 0)
        return QString(QChar(0x2212)) + QStringLiteral("¥") + formatCny(Money::fromUnits(-m.units));
    return QStringLiteral("¥") + formatCny(m);
}

QString formatCnyWhole(Money m) {
    return formatYuan(static_cast<double>(m.units) / 10000.0);
}

QString formatYuan(double yuan) {
    if (!std::isfinite(yuan)) return QStringLiteral("—");
    return QLocale(QLocale::English).toString(std::round(yuan), 'f', 0);
}

QString formatYuanShort(double yuan) {
    if (!std::isfinite(yuan)) return QStringLiteral("—");
    const double a = std::abs(yuan);
    const QString sign = yuan < 0 ? QString(QChar(0x2212)) : QString();
    const QLocale en(QLocale::English);
    if (a >= 1e8) return sign + QStringLiteral("¥") + en.toString(a / 1e6, 'f', 0) + "M";
    if (a >= 1e6) return sign + QStringLiteral("¥") + en.toString(a / 1e6, 'f', 1) + "M";
    if (a >= 1e3) return sign + QStringLiteral("¥") + en.toString(a / 1e3, 'f', 1) + "K";
    return sign + QStringLiteral("¥") + en.toString(a, 'f', 0);
}

QColor pnlColor(double value) {
    if (value > 0) return QColor(0xC0, 0x20, 0x20);
    if (value < 0) return QColor(0x10, 0x80, 0x30);
    return {};
}

} // namespace bd::ui
