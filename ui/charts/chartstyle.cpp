#include "charts/chartstyle.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QFont>
#include <QGuiApplication>
#include <QLegend>
#include <QPainter>

namespace bd::ui {

QChartView* makeChartView(const QString& title, const char* objectName, QWidget* parent) {
    auto* chart = new QChart;
    chart->setTitle(title);
    styleChart(chart);
    auto* view = new QChartView(chart, parent); // the view owns the chart
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(180);
    return view;
}

void clearChart(QChart* chart) {
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

void styleChart(QChart* chart) {
    chart->setTheme(QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    QFont title = chart->titleFont();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() > 0 ? title.pointSizeF() : 10);
    chart->setTitleFont(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
}

bool useOpenGlForLargeSeries() {
    const QString platform = QGuiApplication::platformName();
    return platform != QLatin1String("offscreen") && platform != QLatin1String("minimal") &&
           qEnvironmentVariableIsEmpty("BROKERDESK_NO_OPENGL");
}

QColor paletteColor(int i) {
    // Tableau 10: distinguishable, print-friendly.
    static const QColor colors[] = {QColor(0x4E, 0x79, 0xA7), QColor(0xF2, 0x8E, 0x2B),
                                    QColor(0xE1, 0x57, 0x59), QColor(0x76, 0xB7, 0xB2),
                                    QColor(0x59, 0xA1, 0x4F), QColor(0xED, 0xC9, 0x48),
                                    QColor(0xB0, 0x7A, 0xA1), QColor(0xFF, 0x9D, 0xA7),
                                    QColor(0x9C, 0x75, 0x5F), QColor(0xBA, 0xB0, 0xAC)};
    const int n = static_cast<int>(std::size(colors));
    return colors[((i % n) + n) % n];
}

} // namespace bd::ui
