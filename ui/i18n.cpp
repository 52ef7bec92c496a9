#include "i18n.h"

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace bd::ui {

namespace {

constexpr const char* kCatalogue = ":/i18n/brokerdesk_zh_CN.qm";
constexpr const char* kSettingKey = "ui/language";

QString normalise(const QString& s) {
    const QString l = s.trimmed().toLower();
    if (l.startsWith("zh") || l == "cn" || l == "chinese") return QStringLiteral("zh");
    if (l.startsWith("en") || l == "english") return QStringLiteral("en");
    return {};
}

} // namespace

bool chineseCatalogueAvailable() {
    return QFile::exists(QString::fromLatin1(kCatalogue));
}

QString setUiLanguage(QCoreApplication& app, const QString& requested) {
    static const QLocale original = QLocale(); // before any switch
    // Owned by the application object so they live as long as it and go with it.
    static QTranslator* ours = nullptr;
    static QTranslator* qtbase = nullptr;
    QString lang = normalise(requested);
    if (lang.isEmpty()) lang = normalise(QSettings().value(kSettingKey).toString());
    if (lang.isEmpty())
        lang = QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh")
                                                                : QStringLiteral("en");
    for (QTranslator** t : {&ours, &qtbase}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t; // parented to app; removed from it explicitly here
            *t = nullptr;
        }
    }
    if (lang == "zh") {
        ours = new QTranslator(&app);
        if (!ours->load(QString::fromLatin1(kCatalogue))) {
            delete ours;
            ours = nullptr;
            lang = QStringLiteral("en"); // no catalogue: stay consistent
        } else {
            QCoreApplication::installTranslator(ours);
            qtbase = new QTranslator(&app);
            if (qtbase->load(QLocale(QLocale::Chinese, QLocale::China), "qtbase", "_",
                             QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
                QCoreApplication::installTranslator(qtbase);
        }
    }
    // English keeps the locale the program started with (number formats stay as they were),
    // unless that locale is Chinese.
    QLocale::setDefault(lang == "zh" ? QLocale(QLocale::Chinese, QLocale::China)
                        : original.language() == QLocale::Chinese
                            ? QLocale(QLocale::English, QLocale::UnitedStates)
                            : original);
    return lang;
}

void saveUiLanguage(const QString& language) {
    QSettings().setValue(kSettingKey, normalise(language));
}

} // namespace bd::ui
