#include "format.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace bd::ui {

phrase::Lang uiLang() {
    return QLocale().language() == QLocale::Chinese ? phrase::Lang::Zh : phrase::Lang::En;
}

namespace {
// Julian day of 1970-01-01.
constexpr qint64 kUnixEpochJulianDay = 2440588;

QString trf(const char* s) {
    return QCoreApplication::translate("bd::ui::Format", s);
}
} // namespace

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
    if (id.isEmpty()) return {};
    if (id.size() <= 7) return QString(id.size(), QChar('*'));
    return id.left(3) + QString(id.size() - 7, QChar('*')) + id.right(4);
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

QString statusLabel(ClientStatus s) {
    switch (s) {
    case ClientStatus::Active:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Active"));
    case ClientStatus::Dormant:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Dormant"));
    case ClientStatus::Closed:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Closed"));
    case ClientStatus::Unknown:
        break;
    }
    return QStringLiteral("—");
}

QString genderLabel(Gender g) {
    switch (g) {
    case Gender::Male:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Male"));
    case Gender::Female:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Female"));
    case Gender::Unknown:
        break;
    }
    return QStringLiteral("—");
}

QString sideLabel(Side s) {
    switch (s) {
    case Side::Buy:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Buy"));
    case Side::Sell:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Sell"));
    case Side::Unknown:
        break;
    }
    return QStringLiteral("—");
}

QString orderChannelLabel(OrderChannel c) {
    switch (c) {
    case OrderChannel::Online:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Online"));
    case OrderChannel::Mobile:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Mobile"));
    case OrderChannel::Phone:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Phone"));
    case OrderChannel::Counter:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Counter"));
    case OrderChannel::Unknown:
        break;
    }
    return QStringLiteral("—");
}

QString contactChannelLabel(ContactChannel c) {
    switch (c) {
    case ContactChannel::Phone:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Phone"));
    case ContactChannel::Sms:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "SMS"));
    case ContactChannel::Wechat:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "WeChat"));
    case ContactChannel::Email:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Email"));
    case ContactChannel::Visit:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Visit"));
    case ContactChannel::Seminar:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Seminar"));
    case ContactChannel::Other:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Other"));
    case ContactChannel::Unknown:
        break;
    }
    return QStringLiteral("—");
}

QString directionLabel(Direction d) {
    switch (d) {
    case Direction::Outbound:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Outbound"));
    case Direction::Inbound:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Inbound"));
    case Direction::Unknown:
        break;
    }
    return QStringLiteral("—");
}

QString outcomeLabel(Outcome o) {
    switch (o) {
    case Outcome::Reached:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Reached"));
    case Outcome::NoAnswer:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "No answer"));
    case Outcome::Callback:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Call back"));
    case Outcome::Complaint:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Complaint"));
    case Outcome::Refused:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Refused"));
    case Outcome::Unknown:
        break;
    }
    return QStringLiteral("—");
}

QString boardLabel(Board b) {
    switch (b) {
    case Board::Main:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Main board"));
    case Board::ChiNext:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "ChiNext"));
    case Board::Star:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "STAR"));
    case Board::Bse:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "BSE"));
    case Board::Fund:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Fund"));
    case Board::Bond:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Bond"));
    case Board::Unknown:
        break;
    }
    return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Unknown"));
}

QString securityRiskLabel(int level) {
    return level >= 1 && level <= 5 ? QStringLiteral("R%1").arg(level) : QStringLiteral("—");
}

QString relationshipLabel(int code) {
    switch (code) {
    case 0:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Basic"));
    case 1:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Reactive"));
    case 2:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Accountable"));
    case 3:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Proactive"));
    case 4:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Partnership"));
    default:
        break;
    }
    return QStringLiteral("—");
}

QString servedByLabel(int code) {
    switch (code) {
    case 0:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Senior broker"));
    case 1:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Broker"));
    case 2:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Service desk"));
    case 3:
        return trf(QT_TRANSLATE_NOOP("bd::ui::Format", "Automated"));
    default:
        break;
    }
    return QStringLiteral("—");
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
