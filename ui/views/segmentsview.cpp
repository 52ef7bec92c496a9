#include "views/segmentsview.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLocale>
#include <QScatterSeries>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <map>

#include <spdlog/spdlog.h>

#include "charts/chartstyle.h"
#include "format.h"
#include "services/segmentscatter.h"
#include "storage/book/segmentstore.h"
#include "storage/schema/schema.h"
#include "views/policyeditor.h"
#include "widgets/tablehelpers.h"

namespace bd::ui {

namespace {

bool chineseUi() {
    return QLocale().language() == QLocale::Chinese;
}

QString segmentName(const storage::SegmentRow& s) {
    return QString::fromStdString(chineseUi() ? s.name_zh : s.name_en);
}

QString opt(const std::optional<double>& v, int decimals = 0) {
    return v && std::isfinite(*v) ? QLocale(QLocale::English).toString(*v, 'f', decimals)
                                  : QStringLiteral("—");
}

QString optPercent(const std::optional<double>& v) {
    return v && std::isfinite(*v) ? formatPercent(*v) : QStringLiteral("—");
}

// Readable column titles for the segmentation features.
QString featureTitle(const std::string& name) {
    static const std::map<std::string, const char*> titles = {
        {"aum", QT_TRANSLATE_NOOP("bd::ui::SegmentsView", "AUM")},
        {"commission_12m", QT_TRANSLATE_NOOP("bd::ui::SegmentsView", "Commission 12M")},
        {"profit_12m", QT_TRANSLATE_NOOP("bd::ui::SegmentsView", "Profit 12M")},
        {"clv_12m", QT_TRANSLATE_NOOP("bd::ui::SegmentsView", "CLV 12M")},
        {"trades_12m", QT_TRANSLATE_NOOP("bd::ui::SegmentsView", "Trade days 12M")},
        {"contacts_12m", QT_TRANSLATE_NOOP("bd::ui::SegmentsView", "Contacts")},
        {"days_since_trade", QT_TRANSLATE_NOOP("bd::ui::SegmentsView", "Days since trade")},
        {"contact_gap_days", QT_TRANSLATE_NOOP("bd::ui::SegmentsView", "Days since contact")},
        {"tenure_days", QT_TRANSLATE_NOOP("bd::ui::SegmentsView", "Tenure (days)")},
        {"aum_trend", QT_TRANSLATE_NOOP("bd::ui::SegmentsView", "AUM trend")},
        {"satisfaction", QT_TRANSLATE_NOOP("bd::ui::SegmentsView", "Satisfaction")},
        {"net_inflow_12m", QT_TRANSLATE_NOOP("bd::ui::SegmentsView", "Net inflow 12M")},
    };
    auto it = titles.find(name);
    return it == titles.end() ? QString::fromStdString(name)
                              : QCoreApplication::translate("bd::ui::SegmentsView", it->second);
}

} // namespace

SegmentsView::SegmentsView(QWidget* parent) : BookView(parent) {
    setObjectName("segmentsView");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(8);
    auto* title = new QLabel(tr("Segments and relationship types"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    title->setFont(big);
    m_runInfo = new QLabel(this);
    m_runInfo->setObjectName("segmentsRunInfo");
    m_runInfo->setStyleSheet("color:#6B6B6B;");
    m_runInfo->setWordWrap(true);
    auto* head = new QHBoxLayout;
    head->addWidget(title);
    head->addSpacing(12);
    head->addWidget(m_runInfo, 1);
    layout->addLayout(head);

    auto* split = new QSplitter(Qt::Vertical, this);
    auto* charts = new QWidget(split);
    auto* cl = new QHBoxLayout(charts);
    cl->setContentsMargins(0, 0, 0, 0);
    m_scatter = makeChartView(tr("Clients on the first two factors"), "segmentScatter", charts);
    m_bars = makeChartView(tr("Share of clients, assets and profit"), "segmentBars", charts);
    cl->addWidget(m_scatter, 3);
    cl->addWidget(m_bars, 2);
    split->addWidget(charts);

    m_tabs = new QTabWidget(split);
    m_tabs->setObjectName("segmentTabs");
    m_profiles = makeReadOnlyTable({}, "segmentProfiles", m_tabs);
    m_profiles->setEditTriggers(QAbstractItemView::DoubleClicked |
                                QAbstractItemView::EditKeyPressed);
    m_tabs->addTab(m_profiles, tr("Profiles"));
    auto* mig = new QWidget(m_tabs);
    auto* ml = new QVBoxLayout(mig);
    m_migrationNote = new QLabel(mig);
    m_migrationNote->setObjectName("migrationNote");
    m_migrationNote->setWordWrap(true);
    m_migration = makeReadOnlyTable({}, "segmentMigration", mig);
    m_migration->verticalHeader()->setVisible(true);
    ml->addWidget(m_migrationNote);
    ml->addWidget(m_migration, 1);
    m_tabs->addTab(mig, tr("Migration"));
    m_policies = new PolicyEditor(m_tabs);
    m_tabs->addTab(m_policies, tr("Service policies"));
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 300}); // charts first; six segments fit in the table below
    layout->addWidget(split, 1);

    connect(m_profiles, &QTableWidget::cellChanged, this, &SegmentsView::renameFromCell);
}

int SegmentsView::scatterPointCount() const {
    int n = 0;
    for (auto* s : m_scatter->chart()->series())
        if (auto* xy = qobject_cast<QXYSeries*>(s)) n += static_cast<int>(xy->count());
    return n;
}

void SegmentsView::clearAll(const QString& message) {
    m_runInfo->setText(message);
    ++m_scatterGeneration; // results of an older load are no longer wanted
    m_scatterPending = false;
    for (QChartView* v : {m_scatter, m_bars}) clearChart(v->chart());
    m_filling = true;
    m_profiles->clear();
    m_profiles->setRowCount(0);
    m_profiles->setColumnCount(0);
    m_migration->clear();
    m_migration->setRowCount(0);
    m_migration->setColumnCount(0);
    m_filling = false;
    m_migrationNote->clear();
}

void SegmentsView::reload() {
    clearAll({});
    m_policies->load(db());
    auto runId = storage::latestSegmentRunId(*db());
    if (!runId || !*runId) {
        clearAll(runId ? tr("No segmentation yet — run Refresh (it segments books of 20 clients "
                            "or more).")
                       : QString::fromStdString(runId.error().toString()));
        return;
    }
    auto run = storage::loadSegmentRun(*db(), **runId);
    auto segments = storage::loadSegments(*db(), **runId);
    if (!run || !segments) {
        clearAll(QString::fromStdString((!run ? run.error() : segments.error()).toString()));
        return;
    }
    QString info =
        tr("Run %1 · %2 clients · k = %3").arg(**runId).arg(formatCount(run->clients)).arg(run->k);
    if (run->used_factors)
        info += tr(" · %1 factors explain %2 of the variance")
                    .arg(run->factors)
                    .arg(run->explained_variance ? formatPercent(*run->explained_variance)
                                                 : QStringLiteral("—"));
    if (run->silhouette)
        info += tr(" · silhouette %1")
                    .arg(QLocale(QLocale::English).toString(*run->silhouette, 'f', 2));
    m_runInfo->setText(info);

    // Profile table.
    m_filling = true;
    m_segments = *segments;
    const auto& segs = m_segments;
    std::vector<std::string> features;
    // Feature means, except those the fixed columns already show.
    std::vector<std::size_t> featureIndex;
    if (!segs.empty())
        for (std::size_t f = 0; f < segs.front().feature_means.size(); ++f) {
            const auto& name = segs.front().feature_means[f].first;
            if (name == "aum" || name == "profit_12m" || name == "clv_12m") continue;
            features.push_back(name);
            featureIndex.push_back(f);
        }
    QStringList headers = {
        tr("ID"),       tr("Name (ZH)"),       tr("Name (EN)"),    tr("Relationship"),
        tr("Clients"),  tr("% clients"),       tr("% AUM"),        tr("% profit"),
        tr("Mean AUM"), tr("Mean profit 12M"), tr("Mean CLV 12M"), tr("Growth potential")};
    for (const auto& f : features) headers << featureTitle(f);
    m_profiles->setSortingEnabled(false);
    m_profiles->setColumnCount(static_cast<int>(headers.size()));
    m_profiles->setHorizontalHeaderLabels(headers);
    m_profiles->setRowCount(static_cast<int>(segs.size()));
    for (int r = 0; r < static_cast<int>(segs.size()); ++r) {
        const auto& s = segs[static_cast<std::size_t>(r)];
        auto* id = numberItem(QString::number(s.segment_id), s.segment_id);
        id->setFlags(id->flags() & ~Qt::ItemIsEditable);
        id->setData(Qt::DecorationRole, paletteColor(r));
        m_profiles->setItem(r, SegId, id);
        for (int c : {NameZh, NameEn}) {
            auto* name = textItem(QString::fromStdString(c == NameZh ? s.name_zh : s.name_en));
            name->setFlags(name->flags() | Qt::ItemIsEditable);
            name->setToolTip(s.name_edited ? tr("Renamed by a user; kept across refreshes")
                                           : tr("Generated name; double-click to rename"));
            if (s.name_edited) {
                QFont f = name->font();
                f.setItalic(true);
                name->setFont(f);
            }
            m_profiles->setItem(r, c, name);
        }
        auto ro = [](QTableWidgetItem* it) {
            it->setFlags(it->flags() & ~Qt::ItemIsEditable);
            return it;
        };
        m_profiles->setItem(r, Relationship, ro(textItem(relationshipLabel(s.relationship_type))));
        m_profiles->setItem(r, Size,
                            ro(numberItem(formatCount(s.size), static_cast<double>(s.size))));
        m_profiles->setItem(r, ClientShare,
                            ro(numberItem(formatPercent(s.client_share), s.client_share)));
        m_profiles->setItem(r, AumShare,
                            ro(numberItem(optPercent(s.aum_share), s.aum_share.value_or(0))));
        m_profiles->setItem(r, ProfitShare,
                            ro(numberItem(optPercent(s.profit_share), s.profit_share.value_or(0))));
        m_profiles->setItem(
            r, MeanAum,
            ro(numberItem(s.mean_aum ? formatYuan(*s.mean_aum) : "—", s.mean_aum.value_or(0))));
        m_profiles->setItem(r, MeanProfit,
                            ro(numberItem(s.mean_profit_12m ? formatYuan(*s.mean_profit_12m) : "—",
                                          s.mean_profit_12m.value_or(0))));
        m_profiles->setItem(r, MeanClv,
                            ro(numberItem(s.mean_clv_12m ? formatYuan(*s.mean_clv_12m) : "—",
                                          s.mean_clv_12m.value_or(0))));
        m_profiles->setItem(
            r, Growth, ro(numberItem(opt(s.growth_potential, 2), s.growth_potential.value_or(0))));
        for (std::size_t k = 0; k < featureIndex.size(); ++k) {
            const std::size_t f = featureIndex[k];
            if (f >= s.feature_means.size()) continue;
            const double v = s.feature_means[f].second;
            const std::string& fname = s.feature_means[f].first;
            const bool money = fname == "commission_12m" || fname == "net_inflow_12m";
            const QString text = !std::isfinite(v) ? QStringLiteral("—")
                                 : fname == "aum_trend" || fname == "satisfaction"
                                     ? QLocale(QLocale::English).toString(v, 'f', 2)
                                 : money ? formatYuan(v)
                                         : QLocale(QLocale::English).toString(v, 'f', 1);
            auto* it = ro(numberItem(text, std::isfinite(v) ? v : 0.0));
            if (f < s.feature_z.size()) {
                const double z = s.feature_z[f].second;
                it->setToolTip(tr("%1 standard deviations from the book's mean")
                                   .arg(QLocale(QLocale::English).toString(z, 'f', 2)));
                if (z >= 0.5)
                    it->setBackground(QColor(0xFD, 0xEC, 0xEA));
                else if (z <= -0.5)
                    it->setBackground(QColor(0xE8, 0xF0, 0xFB));
            }
            m_profiles->setItem(r, FirstFeature + static_cast<int>(k), it);
        }
    }
    m_profiles->setSortingEnabled(true);
    m_profiles->resizeColumnsToContents();
    m_filling = false;

    // Size / AUM / profit bars.
    {
        auto* chart = m_bars->chart();
        auto* clients = new QBarSet(tr("% of clients"));
        auto* aum = new QBarSet(tr("% of AUM"));
        auto* profit = new QBarSet(tr("% of profit"));
        clients->setColor(paletteColor(0));
        aum->setColor(QColor(0xBA, 0xB0, 0xAC));
        profit->setColor(paletteColor(2));
        QStringList cats;
        double maxV = 10.0, minV = 0.0;
        for (const auto& s : segs) {
            cats << QString::number(s.segment_id);
            const double p = 100.0 * s.profit_share.value_or(0);
            *clients << 100.0 * s.client_share;
            *aum << 100.0 * s.aum_share.value_or(0);
            *profit << p;
            maxV = std::max({maxV, 100.0 * s.client_share, 100.0 * s.aum_share.value_or(0), p});
            minV = std::min(minV, p);
        }
        auto* series = new QBarSeries;
        series->append(clients);
        series->append(aum);
        series->append(profit);
        chart->addSeries(series);
        auto* x = new QBarCategoryAxis;
        x->append(cats);
        x->setTitleText(tr("Segment"));
        auto* y = new QValueAxis;
        const double step = maxV - minV > 60.0 ? 20.0 : 10.0;
        const double lo = std::floor(minV / step) * step, hi = std::ceil(maxV / step) * step;
        y->setRange(lo, hi);
        y->setTickCount(static_cast<int>((hi - lo) / step) + 1);
        y->setLabelFormat("%.0f%%");
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(x);
        series->attachAxis(y);
    }

    // Migration matrix: rows = previous segment (or new client), columns = this run's.
    {
        auto cells = storage::loadSegmentMigration(*db(), **runId);
        std::vector<int> from, to;
        for (const auto& s : segs) to.push_back(s.segment_id);
        std::map<std::pair<int, int>, qint64> count;
        if (cells)
            for (const auto& c : *cells) {
                count[{c.from_segment_id, c.to_segment_id}] += c.clients;
                if (std::find(from.begin(), from.end(), c.from_segment_id) == from.end())
                    from.push_back(c.from_segment_id);
                if (std::find(to.begin(), to.end(), c.to_segment_id) == to.end())
                    to.push_back(c.to_segment_id);
            }
        std::sort(from.begin(), from.end());
        m_migration->setRowCount(static_cast<int>(from.size()));
        m_migration->setColumnCount(static_cast<int>(to.size()));
        QStringList colHeaders, rowHeaders;
        std::map<int, QString> names;
        for (const auto& s : segs) names[s.segment_id] = segmentName(s);
        for (int t : to) colHeaders << tr("→ %1").arg(t);
        for (int f : from)
            rowHeaders << (f < 0 ? tr("New / unsegmented") : tr("%1 %2").arg(f).arg(names[f]));
        m_migration->setHorizontalHeaderLabels(colHeaders);
        m_migration->setVerticalHeaderLabels(rowHeaders);
        qint64 moved = 0, stayed = 0;
        for (int r = 0; r < static_cast<int>(from.size()); ++r)
            for (int c = 0; c < static_cast<int>(to.size()); ++c) {
                const qint64 n =
                    count[{from[static_cast<std::size_t>(r)], to[static_cast<std::size_t>(c)]}];
                auto* it =
                    numberItem(n ? formatCount(n) : QStringLiteral("·"), static_cast<double>(n));
                it->setTextAlignment(Qt::AlignCenter);
                if (from[static_cast<std::size_t>(r)] == to[static_cast<std::size_t>(c)]) {
                    it->setBackground(QColor(0xE8, 0xF5, 0xE9));
                    stayed += n;
                } else if (from[static_cast<std::size_t>(r)] >= 0) {
                    moved += n;
                    if (n) it->setBackground(QColor(0xFF, 0xF4, 0xE5));
                }
                m_migration->setItem(r, c, it);
            }
        m_migration->resizeColumnsToContents();
        if (!run->previous_run_id)
            m_migrationNote->setText(
                tr("This is the first segmentation of the book: every client is new."));
        else
            m_migrationNote->setText(tr("Since run %1: %2 clients stayed in their segment, %3 "
                                        "moved (rows: previous segment, columns: now).")
                                         .arg(*run->previous_run_id)
                                         .arg(formatCount(stayed), formatCount(moved)));
    }
    fillScatter(**runId);
}

void SegmentsView::fillScatter(std::int64_t runId) {
    auto* chart = m_scatter->chart();
    const int generation = ++m_scatterGeneration;
    const std::string path = db()->path();
    if (path.empty() || path == ":memory:") {
        // A private in-memory book has no second connection: load here.
        auto scatter = services::loadFactorScatter(*db(), runId, kMaxScatterPoints);
        if (!scatter) {
            chart->setTitle(tr("Factor scatter unavailable: %1")
                                .arg(QString::fromStdString(scatter.error().toString())));
            return;
        }
        showScatter(*scatter, m_segments);
        return;
    }
    // Rebuilding factor scores reads every client's features (seconds on a large book): do it
    // on a worker thread with its own connection so the page opens at once.
    chart->setTitle(tr("Clients on the first two factors — loading…"));
    m_scatterPending = true;
    auto* watcher = new QFutureWatcher<Result<services::FactorScatter>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_scatterGeneration) return; // a newer load is on its way
        m_scatterPending = false;
        const auto result = watcher->result();
        if (!result) {
            m_scatter->chart()->setTitle(
                tr("Factor scatter unavailable: %1")
                    .arg(QString::fromStdString(result.error().toString())));
            return;
        }
        showScatter(*result, m_segments);
    });
    watcher->setFuture(QtConcurrent::run([path, runId]() -> Result<services::FactorScatter> {
        storage::OpenOptions options;
        options.create = false;
        auto own = storage::openBook(path, options);
        if (!own) return own.error();
        return services::loadFactorScatter(*own, runId, kMaxScatterPoints);
    }));
}

void SegmentsView::showScatter(const services::FactorScatter& scatterData,
                               const std::vector<storage::SegmentRow>& segments) {
    QElapsedTimer timer;
    timer.start();
    const auto* scatter = &scatterData;
    auto* chart = m_scatter->chart();
    clearChart(chart);
    std::map<int, QScatterSeries*> bySegment;
    int i = 0;
    for (const auto& s : segments) {
        auto* series = new QScatterSeries;
        series->setName(QStringLiteral("%1 %2").arg(s.segment_id).arg(segmentName(s)));
        series->setMarkerSize(5.5);
        series->setColor(paletteColor(i++));
        series->setBorderColor(Qt::transparent);
        bySegment[s.segment_id] = series;
    }
    double minX = 0, maxX = 0, minY = 0, maxY = 0;
    // Points are handed over per series in one replace() (append() per point is ~100x slower).
    std::map<int, QList<QPointF>> points;
    for (std::size_t k = 0; k < scatter->x.size(); ++k) {
        if (!bySegment.count(scatter->segment_id[k])) continue;
        points[scatter->segment_id[k]].append(QPointF(scatter->x[k], scatter->y[k]));
        minX = std::min(minX, scatter->x[k]);
        maxX = std::max(maxX, scatter->x[k]);
        minY = std::min(minY, scatter->y[k]);
        maxY = std::max(maxY, scatter->y[k]);
    }
    // Tens of thousands of markers as graphics items take seconds; OpenGL draws them at once.
    const bool gl = scatter->x.size() > 4000 && useOpenGlForLargeSeries();
    for (auto& [id, series] : bySegment) {
        series->setUseOpenGL(gl);
        series->replace(points[id]);
        chart->addSeries(series);
    }
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    const bool zh = chineseUi();
    x->setTitleText(QString::fromStdString(zh ? scatter->x_name_zh : scatter->x_name_en));
    y->setTitleText(QString::fromStdString(zh ? scatter->y_name_zh : scatter->y_name_en));
    // Half-unit bounds: tight around the cloud, with round tick labels.
    x->setRange(std::floor(minX * 2.0) / 2.0, std::ceil(maxX * 2.0) / 2.0);
    y->setRange(std::floor(minY * 2.0) / 2.0, std::ceil(maxY * 2.0) / 2.0);
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(0.0);
    x->setTickInterval(1.0);
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0.0);
    y->setTickInterval(1.0);
    x->setLabelFormat("%.0f");
    y->setLabelFormat("%.0f");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (auto& [id, series] : bySegment) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    chart->legend()->setAlignment(Qt::AlignRight);
    const auto shown = scatter->x.size();
    chart->setTitle(shown < scatter->labelled
                        ? tr("Clients on the first two factors (a fixed sample of %1 of %2)")
                              .arg(formatCount(static_cast<qint64>(shown)),
                                   formatCount(static_cast<qint64>(scatter->labelled)))
                        : tr("Clients on the first two factors (%1)")
                              .arg(formatCount(static_cast<qint64>(shown))));
    spdlog::info("segments view: factor scatter of {} points drawn in {} ms", shown,
                 timer.elapsed());
}

void SegmentsView::renameFromCell(int row, int column) {
    if (m_filling || (column != NameZh && column != NameEn) || !db()) return;
    auto* id = m_profiles->item(row, SegId);
    auto* zh = m_profiles->item(row, NameZh);
    auto* en = m_profiles->item(row, NameEn);
    if (!id || !zh || !en) return;
    const auto s = storage::renameSegment(*db(), id->data(kSortRole).toInt(),
                                          zh->text().trimmed().toStdString(),
                                          en->text().trimmed().toStdString());
    if (!s) {
        m_runInfo->setText(
            tr("Rename failed: %1").arg(QString::fromStdString(s.error().toString())));
        markStale();
        ensureLoaded();
        return;
    }
    markStale(); // reload names in the scatter legend and migration rows
    ensureLoaded();
}

} // namespace bd::ui
