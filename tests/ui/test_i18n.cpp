// The Simplified Chinese interface: the catalogue is complete, compiled in, and switching the
// language changes both our strings and the locale the views use for engine texts.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>

#include "format.h"
#include "i18n.h"
#include "views/todayview.h"

using namespace bd;
using namespace bd::ui;

namespace {

struct LanguageGuard {
    ~LanguageGuard() { setUiLanguage(*QCoreApplication::instance(), "en"); }
};

} // namespace

TEST(Translations, CatalogueHasNoUnfinishedMessage) {
    QFile ts(QStringLiteral(BD_SOURCE_DIR "/resources/translations/brokerdesk_zh_CN.ts"));
    ASSERT_TRUE(ts.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(ts.readAll());
    EXPECT_GT(text.count(QStringLiteral("<message")), 300);
    EXPECT_EQ(text.count(QStringLiteral("type=\"unfinished\"")), 0);
    EXPECT_EQ(text.count(QRegularExpression(QStringLiteral("<translation>\\s*</translation>"))), 0);
}

TEST(Translations, ChineseAndBack) {
    LanguageGuard restore;
    ASSERT_TRUE(chineseCatalogueAvailable());
    auto& app = *QCoreApplication::instance();
    ASSERT_EQ(setUiLanguage(app, "zh"), "zh");
    EXPECT_EQ(QLocale().language(), QLocale::Chinese);
    EXPECT_EQ(enumLabel(ContactChannel::Wechat), QString::fromUtf8("微信"));
    {
        TodayView view;
        const auto labels = view.findChildren<QLabel*>();
        const bool found = std::any_of(labels.begin(), labels.end(), [](const QLabel* l) {
            return l->text() == QString::fromUtf8("今日");
        });
        EXPECT_TRUE(found);
    }
    ASSERT_EQ(setUiLanguage(app, "en"), "en");
    EXPECT_NE(QLocale().language(), QLocale::Chinese);
    EXPECT_EQ(enumLabel(ContactChannel::Wechat), "WeChat");
}
