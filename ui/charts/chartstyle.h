#pragma once
// Shared look of the workstation's Qt Charts: light theme, no animations (charts must render
// instantly and identically offscreen), compact margins and a common palette.
#include <QColor>
#include <QString>

class QChart;
class QChartView;
class QWidget;

namespace bd::ui {

/// A chart view with an empty, styled chart; `title` may be empty.
QChartView* makeChartView(const QString& title, const char* objectName, QWidget* parent);
/// Empties a chart for new data: removes and deletes its series and its axes (QChart::removeAxis
/// only gives up ownership, so an axis removed without delete leaks with every refill).
void clearChart(QChart* chart);
/// Applies the common style to a chart (after its series and axes are set).
void styleChart(QChart* chart);
/// Whether large scatter series should draw with OpenGL: on a real display (not the offscreen
/// or minimal platforms used for tests and screenshots, where grab() cannot see a GL overlay).
bool useOpenGlForLargeSeries();
/// Colour i of the categorical palette (segments, series).
QColor paletteColor(int i);

} // namespace bd::ui
