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
#include "models/clienttablemodel.h"
#include "models/planitemmodel.h"
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

TEST(Translations, TableModelTitlesFollowTheLanguage) {
    // The titles are listed untranslated (QT_TR_NOOP) and translated in each model's context.
    LanguageGuard restore;
    ASSERT_TRUE(chineseCatalogueAvailable());
    auto& app = *QCoreApplication::instance();
    PlanItemModel plan;
    ClientTableModel clients;
    EXPECT_EQ(plan.headerData(PlanItemModel::Day, Qt::Horizontal).toString(), "Date");
    EXPECT_EQ(plan.columnCount(), PlanItemModel::ColumnCount);
    ASSERT_EQ(setUiLanguage(app, "zh"), "zh");
    EXPECT_EQ(plan.headerData(PlanItemModel::Day, Qt::Horizontal).toString(),
              QString::fromUtf8("日期"));
    EXPECT_EQ(plan.headerData(PlanItemModel::Priority, Qt::Horizontal).toString(),
              QString::fromUtf8("优先级"));
    EXPECT_EQ(
        clients.headerData(ClientTableModel::ClientId, Qt::Horizontal, Qt::DisplayRole).toString(),
        QString::fromUtf8("客户号"));
    EXPECT_FALSE(plan.headerData(PlanItemModel::ColumnCount, Qt::Horizontal).isValid());
    EXPECT_FALSE(plan.headerData(PlanItemModel::Day, Qt::Vertical).isValid());
}
