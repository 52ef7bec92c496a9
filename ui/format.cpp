#include "format.h"

#include <QCoreApplication>

namespace bd::ui {

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
        return trf("Active");
    case ClientStatus::Dormant:
        return trf("Dormant");
    case ClientStatus::Closed:
        return trf("Closed");
    case ClientStatus::Unknown:
        break;
    }
    return QStringLiteral("—");
}

QString genderLabel(Gender g) {
    switch (g) {
    case Gender::Male:
        return trf("Male");
    case Gender::Female:
        return trf("Female");
    case Gender::Unknown:
        break;
    }
    return QStringLiteral("—");
}

QString sideLabel(Side s) {
    switch (s) {
    case Side::Buy:
        return trf("Buy");
    case Side::Sell:
        return trf("Sell");
    case Side::Unknown:
        break;
    }
    return QStringLiteral("—");
}

QString orderChannelLabel(OrderChannel c) {
    switch (c) {
    case OrderChannel::Online:
        return trf("Online");
    case OrderChannel::Mobile:
        return trf("Mobile");
    case OrderChannel::Phone:
        return trf("Phone");
    case OrderChannel::Counter:
        return trf("Counter");
    case OrderChannel::Unknown:
        break;
    }
    return QStringLiteral("—");
}

QString contactChannelLabel(ContactChannel c) {
    switch (c) {
    case ContactChannel::Phone:
        return trf("Phone");
    case ContactChannel::Sms:
        return trf("SMS");
    case ContactChannel::Wechat:
        return trf("WeChat");
    case ContactChannel::Email:
        return trf("Email");
    case ContactChannel::Visit:
        return trf("Visit");
    case ContactChannel::Seminar:
        return trf("Seminar");
    case ContactChannel::Other:
        return trf("Other");
    case ContactChannel::Unknown:
        break;
    }
    return QStringLiteral("—");
}

QString directionLabel(Direction d) {
    switch (d) {
    case Direction::Outbound:
        return trf("Outbound");
    case Direction::Inbound:
        return trf("Inbound");
    case Direction::Unknown:
        break;
    }
    return QStringLiteral("—");
}

QString outcomeLabel(Outcome o) {
    switch (o) {
    case Outcome::Reached:
        return trf("Reached");
    case Outcome::NoAnswer:
        return trf("No answer");
    case Outcome::Callback:
        return trf("Call back");
    case Outcome::Complaint:
        return trf("Complaint");
    case Outcome::Refused:
        return trf("Refused");
    case Outcome::Unknown:
        break;
    }
    return QStringLiteral("—");
}

} // namespace bd::ui
