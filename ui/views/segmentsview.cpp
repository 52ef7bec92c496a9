#include "views/segmentsview.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QScatterSeries>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>

#include <spdlog/spdlog.h>

#include "charts/chartstyle.h"
#include "core/facts.h"
#include "format.h"
#include "jobs/workerbook.h"
#include "jobs/workerread.h"
#include "models/segmentprofilemodel.h"
#include "phrasebook/phrasebook.h"
#include "services/commands/command.h"
#include "services/refresh.h"
#include "services/segmentation.h"
#include "services/segmentscatter.h"
#include "services/surveys.h"
#include "session/booksession.h"
#include "views/policyeditor.h"
#include "widgets/pagehead.h"
#include "widgets/tablehelpers.h"

namespace bd::ui {

namespace {

QString segmentName(const services::SegmentRow& s) {
    return QString::fromStdString(phrase::segmentName(s.name_fact, s.name_zh, s.name_en, uiLang()));
}

} // namespace

SegmentsView::SegmentsView(QWidget* parent) : BookView(parent) {
    setObjectName("segmentsView");
    const auto head =
        makeRunPageHead(this, tr("Segments and relationship types"), "segmentsRunInfo");
    auto* layout = head.layout;
    m_runInfo = head.run_info;
    m_runInfo->setWordWrap(true);

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
    m_profileModel = new SegmentProfileModel(this);
    m_profileModel->setObjectName("segmentProfileModel");
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_profileModel);
    proxy->setSortRole(SegmentProfileModel::SortRole);
    m_profiles = new QTableView(m_tabs);
    m_profiles->setObjectName("segmentProfiles");
    m_profiles->setModel(proxy);
    m_profiles->setSortingEnabled(true);
    m_profiles->sortByColumn(SegmentProfileModel::SegId, Qt::AscendingOrder);
    setListLook(m_profiles);
    // Segment names are edited in place.
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
    // Why this k: the criterion for every candidate k, and the k a manager may fix instead.
    auto* kTab = new QWidget(m_tabs);
    auto* kl = new QHBoxLayout(kTab);
    m_kChart = makeChartView(tr("Mean silhouette by number of segments"), "segmentKChart", kTab);
    auto* kSide = new QVBoxLayout;
    m_kNote = new QLabel(kTab);
    m_kNote->setObjectName("segmentKNote");
    m_kNote->setWordWrap(true);
    m_kFix = new QComboBox(kTab);
    m_kFix->setObjectName("segmentKFix");
    m_kFix->addItem(tr("Chosen by the criterion"), 0);
    for (int k = services::kMinFixedSegments; k <= services::kMaxFixedSegments; ++k)
        m_kFix->addItem(tr("%1 segments").arg(k), k);
    m_kApply = new QPushButton(tr("Apply and segment again"), kTab);
    m_kApply->setObjectName("segmentKApply");
    auto* fixRow = new QHBoxLayout;
    fixRow->addWidget(new QLabel(tr("Number of segments:"), kTab));
    fixRow->addWidget(m_kFix, 1);
    fixRow->addWidget(m_kApply);
    kSide->addWidget(m_kNote);
    kSide->addLayout(fixRow);
    kSide->addStretch(1);
    kl->addWidget(m_kChart, 3);
    kl->addLayout(kSide, 2);
    m_tabs->addTab(kTab, tr("Choice of k"));
    connect(m_kApply, &QPushButton::clicked, this, &SegmentsView::applyK);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 300}); // charts first; six segments fit in the table below
    layout->addWidget(split, 1);

    connect(m_profileModel, &SegmentProfileModel::renameRequested, this, &SegmentsView::rename);
}

void SegmentsView::watch(BookSession& session) {
    connect(&session, &BookSession::analyticsChanged, this,
            [this](const services::AnalyticsChange& c) {
                if (c.kind == services::AnalyticsChange::Kind::SegmentNames && !isStale())
                    showNames();
                else
                    markStale();
            });
    m_policies->setSession(&session);
    m_session = &session;
}

int SegmentsView::scatterPointCount() const {
    int n = 0;
    for (auto* s : m_scatter->chart()->series())
        if (auto* xy = qobject_cast<QXYSeries*>(s)) n += static_cast<int>(xy->count());
    return n;
}

void SegmentsView::clearAll(const QString& message) {
    m_runInfo->setText(message);
    m_scatterRead.drop(); // results of an older load are no longer wanted
    for (QChartView* v : {m_scatter, m_bars, m_kChart}) clearChart(v->chart());
    m_kNote->clear();
    m_profileModel->setSegments({});
    m_migration->clear();
    m_migration->setRowCount(0);
    m_migration->setColumnCount(0);
    m_migrationFrom.clear();
    m_migrationNote->clear();
}

void SegmentsView::reload() {
    clearAll({});
    auto latest = services::loadLatestSegmentation(*db());
    if (!latest || !*latest) {
        clearAll(!latest      ? errorText(latest.error())
                 : onServer() ? tr("No segmentation yet — the branch's nightly batch segments "
                                   "the book (of 20 clients or more); ask the branch's "
                                   "administrator if it has not run.")
                              : tr("No segmentation yet — run Refresh (it segments books of 20 "
                                   "clients or more)."));
        return;
    }
    const services::Segmentation& seg = **latest;
    const auto& run = seg.run;
    QString info =
        tr("Run %1 · %2 clients · k = %3").arg(seg.run_id).arg(formatCount(run.clients)).arg(run.k);
    if (run.used_factors)
        info += tr(" · %1 factors explain %2 of the variance")
                    .arg(run.factors)
                    .arg(run.explained_variance ? formatPercent(*run.explained_variance)
                                                : QStringLiteral("—"));
    if (run.silhouette)
        info +=
            tr(" · silhouette %1").arg(QLocale(QLocale::English).toString(*run.silhouette, 'f', 2));
    for (const auto& c : seg.k_choices)
        if (c.k == run.k && c.agreement)
            info += tr(" · samples agree %1")
                        .arg(QLocale(QLocale::English).toString(*c.agreement, 'f', 2));
    if (parseUnsegmented(run.unsegmented) != Unsegmented::No)
        info += tr(" · one segment: see Choice of k");
    m_runInfo->setText(info);

    m_profileModel->setSegments(seg.segments);
    if (auto surveys = services::surveyResults(*db()); surveys) {
        std::map<int, analytics::SurveyTally> bySegment;
        for (const auto& g : surveys->by_segment) bySegment[std::stoi(g.key)] = g.tally;
        m_profileModel->setSurveys(std::move(bySegment));
    }
    m_profiles->resizeColumnsToContents();
    fillKChoice(seg);
    const auto& segs = m_profileModel->segments();

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

    fillMigration(seg);
    fillScatter(seg.run_id);
}

// Migration matrix: rows = previous segment (or new client), columns = this run's.
void SegmentsView::fillMigration(const services::Segmentation& seg) {
    std::vector<int> from, to;
    for (const auto& s : seg.segments) to.push_back(s.segment_id);
    std::map<std::pair<int, int>, qint64> count;
    for (const auto& c : seg.migration) {
        count[{c.from_segment_id, c.to_segment_id}] += c.clients;
        if (std::find(from.begin(), from.end(), c.from_segment_id) == from.end())
            from.push_back(c.from_segment_id);
        if (std::find(to.begin(), to.end(), c.to_segment_id) == to.end())
            to.push_back(c.to_segment_id);
    }
    std::sort(from.begin(), from.end());
    m_migration->setRowCount(static_cast<int>(from.size()));
    m_migration->setColumnCount(static_cast<int>(to.size()));
    QStringList colHeaders;
    for (int t : to) colHeaders << tr("→ %1").arg(t);
    m_migration->setHorizontalHeaderLabels(colHeaders);
    m_migrationFrom = from;
    labelMigrationRows();
    qint64 moved = 0, stayed = 0;
    for (int r = 0; r < static_cast<int>(from.size()); ++r)
        for (int c = 0; c < static_cast<int>(to.size()); ++c) {
            const qint64 n =
                count[{from[static_cast<std::size_t>(r)], to[static_cast<std::size_t>(c)]}];
            auto* it = numberItem(n ? formatCount(n) : QStringLiteral("·"), static_cast<double>(n));
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
    if (!seg.run.previous_run_id)
        m_migrationNote->setText(
            tr("This is the first segmentation of the book: every client is new."));
    else
        m_migrationNote->setText(tr("Since run %1: %2 clients stayed in their segment, %3 "
                                    "moved (rows: previous segment, columns: now).")
                                     .arg(*seg.run.previous_run_id)
                                     .arg(formatCount(stayed), formatCount(moved)));
}

void SegmentsView::labelMigrationRows() {
    std::map<int, QString> names;
    for (const auto& s : m_profileModel->segments()) names[s.segment_id] = segmentName(s);
    QStringList rowHeaders;
    for (int f : m_migrationFrom)
        rowHeaders << (f < 0 ? tr("New / unsegmented") : tr("%1 %2").arg(f).arg(names[f]));
    m_migration->setVerticalHeaderLabels(rowHeaders);
}

void SegmentsView::fillScatter(std::int64_t runId) {
    // Rebuilding factor scores reads every client's features (seconds on a large book): for a
    // book file on a worker thread with its own connection, so the page opens at once.
    const int ticket = m_scatterRead.start();
    const bool inPlace = readOffWindow<Result<services::FactorScatter>>(
        this, *db(),
        [runId](services::Database& book) {
            return services::loadFactorScatter(book, runId, kMaxScatterPoints);
        },
        [this, ticket](const Result<services::FactorScatter>& scatter) {
            if (!m_scatterRead.finish(ticket)) return; // a newer load is on its way
            if (!scatter) {
                m_scatter->chart()->setTitle(
                    tr("Factor scatter unavailable: %1").arg(errorText(scatter.error())));
                return;
            }
            showScatter(*scatter);
        });
    if (!inPlace) m_scatter->chart()->setTitle(tr("Clients on the first two factors — loading…"));
}

void SegmentsView::showScatter(const services::FactorScatter& scatterData) {
    const auto& segments = m_profileModel->segments();
    QElapsedTimer timer;
    timer.start();
    const auto* scatter = &scatterData;
    auto* chart = m_scatter->chart();
    clearChart(chart);
    std::map<int, QScatterSeries*> bySegment;
    int i = 0;
    for (const auto& s : segments) {
        auto* series = new QScatterSeries;
        series->setName(seriesName(s));
        series->setProperty("segmentId", s.segment_id);
        series->setMarkerSize(5.5);
        series->setColor(paletteColor(i++));
        series->setBorderColor(Qt::transparent);
        bySegment[s.segment_id] = series;
    }
    double minX = 0, maxX = 0, minY = 0, maxY = 0;
    // Points are handed over per series in one replace() (append() per point is ~100x slower),
    // once the series has its axes (below).
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
        chart->addSeries(series);
    }
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    x->setTitleText(QString::fromStdString(phrase::factorName(scatter->x_axis, uiLang())));
    y->setTitleText(QString::fromStdString(
        scatter->y_axis.empty() ? std::string() : phrase::factorName(scatter->y_axis, uiLang())));
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
    // The points last: each series added and each axis attached lays out every point of the
    // series again (three times the markers' work when the points came first).
    for (auto& [id, series] : bySegment) series->replace(points[id]);
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

QString SegmentsView::seriesName(const services::SegmentRow& s) {
    return QStringLiteral("%1 %2").arg(s.segment_id).arg(segmentName(s));
}

void SegmentsView::rename(int segmentId, const QString& nameZh, const QString& nameEn) {
    // The session announces the new names, which showNames() puts in place.
    if (auto s = session()->renameSegment(segmentId, nameZh.toStdString(), nameEn.toStdString());
        !s)
        m_runInfo->setText(tr("Rename failed: %1").arg(errorText(s.error())));
}

void SegmentsView::showNames() {
    auto latest = services::loadLatestSegmentation(*db());
    if (!latest || !*latest) {
        markStale();
        return;
    }
    m_profileModel->updateNames((*latest)->segments);
    for (auto* series : m_scatter->chart()->series()) {
        const int id = series->property("segmentId").toInt();
        for (const auto& s : m_profileModel->segments())
            if (s.segment_id == id) series->setName(seriesName(s));
    }
    labelMigrationRows();
}

int SegmentsView::kCriterionPointCount() const {
    for (auto* s : m_kChart->chart()->series())
        if (auto* line = qobject_cast<QLineSeries*>(s)) return static_cast<int>(line->count());
    return 0;
}

void SegmentsView::fillKChoice(const services::Segmentation& seg) {
    auto* chart = m_kChart->chart();
    clearChart(chart);
    // The k the book is set to (none: the criterion chooses).
    auto fixed = services::fixedSegmentCount(*db());
    const int fixedK = fixed && *fixed ? **fixed : 0;
    m_kFix->setCurrentIndex(std::max(0, m_kFix->findData(fixedK)));
    const Unsegmented whole = parseUnsegmented(seg.run.unsegmented);
    if (seg.k_choices.empty() && whole != Unsegmented::No) {
        // Too few clients or no variation: no candidate was scored, the reason is the answer.
        m_kNote->setText(QString::fromStdString(phrase::unsegmented(
            whole, seg.run.clients, static_cast<std::int64_t>(services::kMinClientsToSegment), 0.0,
            services::kMinSegmentAgreement, uiLang())));
        return;
    }
    if (seg.k_choices.empty()) {
        m_kNote->setText((onServer() ? tr("This segmentation kept no record of the candidates: "
                                          "the branch's next nightly batch shows why k = %1.")
                                     : tr("This segmentation kept no record of the candidates: "
                                          "refresh again to see why k = %1."))
                             .arg(seg.run.k));
        return;
    }
    const QLocale en(QLocale::English);
    auto* line = new QLineSeries;
    line->setName(tr("Mean silhouette"));
    line->setColor(paletteColor(0));
    // How far the segments found on different samples of the clients agree, per k (stored
    // since schema v11; older runs chose k on one sample).
    const bool agreed = std::any_of(seg.k_choices.begin(), seg.k_choices.end(),
                                    [](const auto& c) { return c.agreement.has_value(); });
    auto* agreeLine = agreed ? new QLineSeries : nullptr;
    if (agreeLine) {
        agreeLine->setName(tr("Agreement of the samples' segments"));
        agreeLine->setColor(paletteColor(1));
    }
    auto* chosen = new QScatterSeries;
    chosen->setName(tr("This segmentation's k"));
    chosen->setColor(paletteColor(2));
    chosen->setMarkerSize(11);
    const services::SegmentKChoiceRow* best = services::criterionChoice(seg.k_choices);
    const services::SegmentKChoiceRow* top = nullptr; // the highest mean silhouette
    const services::SegmentKChoiceRow* atK = nullptr; // the run's k among the candidates
    double lo = 1.0, hi = 0.0;
    for (const auto& c : seg.k_choices) {
        line->append(c.k, c.silhouette);
        if (agreeLine && c.agreement) agreeLine->append(c.k, *c.agreement);
        if (c.k == seg.run.k) {
            chosen->append(c.k, c.silhouette);
            atK = &c;
        }
        if (!top || c.silhouette > top->silhouette) top = &c;
        lo = std::min(lo, c.silhouette);
        hi = std::max(hi, c.silhouette);
    }
    chart->addSeries(line);
    chart->addSeries(chosen);
    auto* x = new QValueAxis;
    // One tick per candidate k, on the k itself.
    x->setRange(seg.k_choices.front().k, seg.k_choices.back().k);
    x->setTickCount(seg.k_choices.back().k - seg.k_choices.front().k + 1);
    x->setLabelFormat("%.0f");
    x->setTitleText(tr("Number of segments k"));
    auto* y = new QValueAxis;
    const double pad = std::max(0.02, 0.1 * (hi - lo));
    y->setRange(std::floor((lo - pad) * 20) / 20, std::ceil((hi + pad) * 20) / 20);
    y->setLabelFormat("%.2f");
    y->setTitleText(tr("Silhouette"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* s :
         {static_cast<QAbstractSeries*>(line), static_cast<QAbstractSeries*>(chosen)}) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    if (agreeLine) {
        chart->addSeries(agreeLine);
        auto* y2 = new QValueAxis;
        y2->setRange(0.0, 1.0);
        y2->setLabelFormat("%.1f");
        y2->setTitleText(tr("Agreement"));
        chart->addAxis(y2, Qt::AlignRight);
        agreeLine->attachAxis(x);
        agreeLine->attachAxis(y2);
    }
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignBottom);

    const auto& first = seg.k_choices.front();
    const auto sample = formatCount(first.sample_rows);
    const QString span = QStringLiteral("%1–%2").arg(first.k).arg(seg.k_choices.back().k);
    const bool repeated = first.silhouette_se.has_value();
    const auto plusMinus = [&](const services::SegmentKChoiceRow& c) {
        return c.silhouette_se
                   ? QStringLiteral("%1 ± %2").arg(en.toString(c.silhouette, 'f', 3),
                                                   en.toString(*c.silhouette_se, 'f', 3))
                   : en.toString(c.silhouette, 'f', 2);
    };
    const Unsegmented why = parseUnsegmented(seg.run.unsegmented);
    QString note;
    if (why != Unsegmented::No) {
        note = QString::fromStdString(phrase::unsegmented(
            why, seg.run.clients, static_cast<std::int64_t>(services::kMinClientsToSegment),
            best && best->agreement ? *best->agreement : 0.0, services::kMinSegmentAgreement,
            uiLang()));
    } else if (best->k != seg.run.k) {
        note = tr("k = %1 was fixed by hand. The criterion would choose k = %2 (mean silhouette "
                  "%3 against %4 for k = %1), measured on %5 sampled clients.")
                   .arg(seg.run.k)
                   .arg(best->k)
                   .arg(en.toString(best->silhouette, 'f', 2))
                   .arg(seg.run.silhouette ? en.toString(*seg.run.silhouette, 'f', 2)
                                           : QStringLiteral("—"))
                   .arg(sample);
    } else if (repeated && top->k != best->k) {
        note = tr("k = %1 was chosen: the fewest segments whose mean silhouette (%2) is within "
                  "one standard error of the highest (%3 at k = %4), over %5 samples of %6 "
                  "clients. Where the data cannot tell two k apart, the simpler is kept.")
                   .arg(seg.run.k)
                   .arg(plusMinus(*best), plusMinus(*top))
                   .arg(top->k)
                   .arg(services::kSelectionSamples)
                   .arg(sample);
    } else if (repeated) {
        note = tr("k = %1 was chosen because its segments stand apart most clearly: the highest "
                  "mean silhouette (%2) of k = %3, over %4 samples of %5 clients.")
                   .arg(seg.run.k)
                   .arg(plusMinus(*best), span)
                   .arg(services::kSelectionSamples)
                   .arg(sample);
    } else {
        note = tr("k = %1 was chosen because its segments stand apart most clearly: the highest "
                  "mean silhouette (%2) of k = %3, measured on %4 sampled clients.")
                   .arg(seg.run.k)
                   .arg(en.toString(best->silhouette, 'f', 2))
                   .arg(span, sample);
    }
    if (why == Unsegmented::No && atK && atK->agreement)
        note += QStringLiteral(" ") +
                tr("Segments found on different samples of the clients agree %1 at k = %2 (1: "
                   "the same segments; above 0.9 they are stable).")
                    .arg(en.toString(*atK->agreement, 'f', 2))
                    .arg(seg.run.k);
    note += QStringLiteral("\n\n") +
            tr("The silhouette (−1 to 1) compares how close each client is to its own segment "
               "with the nearest other one; above about 0.25 the segments are distinct. Fixing "
               "k changes the segments, their policies and the plan from the next refresh on.");
    m_kNote->setText(note);
}

void SegmentsView::applyK() {
    if (!m_session) return;
    const int k = m_kFix->currentData().toInt();
    auto fixed = m_session->execute(
        services::cmd::FixSegmentCount{k > 0 ? std::optional<int>(k) : std::nullopt});
    if (!fixed) {
        m_kNote->setText(errorText(fixed.error()));
        return;
    }
    // Segment again now: a refresh of the book's analytics, on a worker thread with its own
    // connection (seconds on a large book); a private in-memory book is refreshed here.
    m_kApply->setEnabled(false);
    m_kNote->setText(tr("Segmenting again…"));
    const std::string path = db()->path();
    const auto done = [this](const Status& s) {
        m_kApply->setEnabled(true);
        if (!s) {
            m_kNote->setText(errorText(s.error()));
            return;
        }
        m_session->announce(services::AnalyticsChange{});
    };
    if (isPrivateBook(path)) {
        auto r = services::refreshBook(*db(), {});
        done(r ? Status{} : Status(r.error()));
        return;
    }
    auto* watcher = new QFutureWatcher<Status>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [watcher, done] {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(runInBackground([path]() -> Status {
        auto book = openWorkerBook(path);
        if (!book) return book.error();
        auto r = services::refreshBook(*book, {});
        if (!r) return r.error();
        return {};
    }));
}

} // namespace bd::ui
