#include "views/todayview.h"

#include <algorithm>

#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QMetaMethod>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "dialogs/logcontactdialog.h"
#include "format.h"
#include "models/planitemmodel.h"
#include "reports/callsheetprint.h"
#include "services/calllistexport.h"
#include "services/calllistrows.h"
#include "services/clientbook.h"
#include "services/plancalendar.h"
#include "services/planrebuild.h"
#include "services/surveys.h"
#include "session/booksession.h"
#include "widgets/barcontrols.h"
#include "widgets/pagehead.h"
#include "widgets/tablehelpers.h"

namespace bd::ui {

namespace {

QTableView* makeTable(QWidget* parent, QSortFilterProxyModel* proxy, const char* name) {
    auto* t = makeListView(proxy, name, parent, {.row_height_px = 24});
    t->horizontalHeader()->setSectionResizeMode(PlanItemModel::Reasons, QHeaderView::Stretch);
    const int widths[PlanItemModel::ColumnCount] = {84, 60,  86, 70, 100, 70,
                                                    90, 300, 44, 90, 150, 70};
    for (int c = 0; c < PlanItemModel::ColumnCount; ++c)
        if (c != PlanItemModel::Reasons) t->setColumnWidth(c, widths[c]);
    return t;
}

QSortFilterProxyModel* makeProxy(QObject* parent, PlanItemModel* model) {
    auto* p = new QSortFilterProxyModel(parent);
    p->setSourceModel(model);
    p->setSortRole(Qt::UserRole);
    return p;
}

} // namespace

TodayView::TodayView(QWidget* parent) : BookView(parent), m_calendar(Calendar::builtinChina()) {
    setObjectName("todayView");
    const auto [layout, bar] = makeBarPageHead(this, tr("Today"));
    m_broker = addBarControl<QComboBox>(bar, this, "broker", tr("Broker"));
    m_broker->setMinimumWidth(200);
    m_from = addBarControl<QDateEdit>(bar, this, "from", tr("From"));
    setDayPicker(m_from);
    m_days = addBarControl<QSpinBox>(bar, this, "days", tr("Working days"));
    m_days->setRange(1, 20);
    m_days->setValue(1);
    bar->addStretch(1);
    auto* exportButton = addBarButton(bar, this, "exportCallList", tr("Export call list…"));
    auto* printButton = addBarButton(bar, this, "printCallSheet", tr("Print…"));
    printButton->setToolTip(tr("Print the call sheet shown (as the PDF export lays it out)"));
    m_rebuild = addBarButton(bar, this, "rebuildPlan", tr("Rebuild plan…"));
    m_rebuild->setToolTip(
        tr("Plans every broker's next working days from the latest analytics run"));
    m_cancelRebuild = addBarButton(bar, this, "cancelRebuild", tr("Cancel rebuild"));
    m_cancelRebuild->setToolTip(tr("Stop the rebuild; the plan stays as it was"));
    m_cancelRebuild->hide();
    layout->addLayout(bar);

    m_summary = addSummaryLine(layout, this, "todaySummary");

    auto* split = new QSplitter(Qt::Vertical, this);
    m_tabs = new QTabWidget(split);
    m_plan = new PlanItemModel(this);
    m_overdue = new PlanItemModel(this);
    m_planProxy = makeProxy(this, m_plan);
    m_overdueProxy = makeProxy(this, m_overdue);
    m_planTable = makeTable(m_tabs, m_planProxy, "planTable");
    m_overdueTable = makeTable(m_tabs, m_overdueProxy, "overdueTable");
    m_tabs->addTab(m_planTable, tr("Plan"));
    m_tabs->addTab(m_overdueTable, tr("Overdue"));

    auto* detailBox = new QWidget(split);
    auto* detailLayout = new QVBoxLayout(detailBox);
    detailLayout->setContentsMargins(0, 6, 0, 0);
    m_details = new QLabel(detailBox);
    m_details->setObjectName("talkingPoints");
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setMinimumHeight(70);
    detailLayout->addWidget(m_details, 1);
    auto* actions = new QHBoxLayout;
    m_log = new QPushButton(tr("Log contact (Enter)"), detailBox);
    m_log->setObjectName("logContact");
    m_reschedule = new QPushButton(tr("Reschedule…"), detailBox);
    m_reschedule->setObjectName("reschedule");
    m_skip = new QPushButton(tr("Skip…"), detailBox);
    m_skip->setObjectName("skip");
    m_open = new QPushButton(tr("Open client"), detailBox);
    m_open->setObjectName("openClient");
    for (QPushButton* b : {m_log, m_reschedule, m_skip, m_open}) actions->addWidget(b);
    actions->addStretch(1);
    detailLayout->addLayout(actions);
    split->addWidget(m_tabs);
    split->addWidget(detailBox);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(m_broker, &QComboBox::currentIndexChanged, this, [this] { loadPlan(); });
    connect(m_from, &QDateEdit::dateChanged, this, [this] { loadPlan(); });
    connect(m_days, &QSpinBox::valueChanged, this, [this] { loadPlan(); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { showSelection(); });
    for (QTableView* t : {m_planTable, m_overdueTable}) {
        connect(t->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                [this] { showSelection(); });
        connect(t, &QTableView::activated, this, [this] { logContactInteractive(); });
    }
    connect(m_log, &QPushButton::clicked, this, [this] { logContactInteractive(); });
    connect(m_reschedule, &QPushButton::clicked, this, [this] { rescheduleInteractive(); });
    connect(m_skip, &QPushButton::clicked, this, [this] { skipInteractive(); });
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (const auto* it = selectedItem())
            emit clientActivated(QString::fromStdString(it->client_id));
    });
    connect(exportButton, &QPushButton::clicked, this, [this] { exportInteractive(); });
    connect(printButton, &QPushButton::clicked, this, [this] { printInteractive(); });
    connect(m_rebuild, &QPushButton::clicked, this, [this] { rebuildInteractive(); });
    connect(m_cancelRebuild, &QPushButton::clicked, this, [this] {
        m_cancelRebuild->setEnabled(false); // once: the rebuild stops between its stages
        emit cancelRebuildRequested();
    });
    auto* logKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_L), this);
    connect(logKey, &QShortcut::activated, this, [this] { logContactInteractive(); });
    showSelection();
}

bool TodayView::chinese() const {
    return uiLang() == phrase::Lang::Zh;
}

bool TodayView::fail(const QString& what, const Error& error) {
    m_lastError = what + QStringLiteral(": ") + errorText(error);
    m_summary->setText(m_lastError);
    return false;
}

void TodayView::watch(BookSession& session) {
    connect(&session, &BookSession::planChanged, this, [this](const services::PlanChange& c) {
        if (isStale()) return;                  // loads when shown
        if (c.clients.everyone) readPlanDays(); // rebuilt
        if (c.touchesBroker(m_broker->currentData().toString().toStdString())) loadPlan();
    });
    // Contacts show here through the plan items they close (a PlanChange); value tiers, segment
    // names, brokers and the calendar through a reload.
    connect(&session, &BookSession::analyticsChanged, this, &TodayView::markStale);
    connect(&session, &BookSession::clientsChanged, this, &TodayView::markStale);
    followSettings(session, {services::SettingsChange::Kind::Calendar});
}

void TodayView::readPlanDays() {
    m_planAsOf.reset();
    if (auto days = services::latestPlanDays(*db()); days && *days) m_planAsOf = (*days)->first_day;
}

void TodayView::reload() {
    if (auto cal = services::loadBookCalendar(*db())) m_calendar = std::move(*cal);
    readPlanDays();
    const Date start = m_calendar.workingDayOnOrAfter(m_planAsOf.value_or(services::localToday()));
    {
        const QSignalBlocker block(m_from);
        m_from->setDate(toQDate(start));
    }
    loadBrokers();
    loadPlan();
}

void TodayView::loadBrokers() {
    const QString keep = m_broker->currentData().toString();
    const QSignalBlocker block(m_broker);
    m_broker->clear();
    auto brokers = services::listBrokers(*db());
    if (!brokers) {
        fail(tr("Cannot list brokers"), brokers.error());
        return;
    }
    for (const auto& b : *brokers)
        m_broker->addItem(QStringLiteral("%1  %2 (%3)")
                              .arg(QString::fromStdString(b.broker_id),
                                   QString::fromStdString(b.name), formatCount(b.clients)),
                          QString::fromStdString(b.broker_id));
    // The service desk's queue: the items its policy routes away from every broker's list.
    const QString desk = QString::fromUtf8(kServiceDeskQueue.data(),
                                           static_cast<qsizetype>(kServiceDeskQueue.size()));
    m_broker->addItem(QStringLiteral("%1  %2").arg(
                          desk, QString::fromUtf8(phrase::queueName(kServiceDeskQueue, uiLang()))),
                      desk);
    const int at = m_broker->findData(keep);
    m_broker->setCurrentIndex(at >= 0 ? at : 0);
}

void TodayView::showBroker(const QString& brokerId, std::optional<Date> from, int days) {
    ensureLoaded();
    const QSignalBlocker b1(m_broker), b2(m_from), b3(m_days);
    m_broker->setCurrentIndex(std::max(0, m_broker->findData(brokerId)));
    if (from) m_from->setDate(toQDate(*from));
    m_days->setValue(days);
    loadPlan();
}

void TodayView::loadPlan() {
    if (!db()) return;
    m_lastError.clear();
    const std::string broker = m_broker->currentData().toString().toStdString();
    const Date from = fromQDate(m_from->date());
    const Date to =
        m_calendar.addWorkingDays(m_calendar.workingDayOnOrAfter(from), m_days->value() - 1);
    std::vector<services::PlanItem> plan, overdue;
    if (!broker.empty()) {
        auto p = services::loadBrokerPlan(*db(), broker, from, to);
        if (!p) {
            fail(tr("Cannot read the plan"), p.error());
            return;
        }
        plan = std::move(*p);
        auto o = services::listOverdue(*db(), broker, from);
        if (!o) {
            fail(tr("Cannot read overdue items"), o.error());
            return;
        }
        overdue = std::move(*o);
    }
    const std::size_t vips = static_cast<std::size_t>(std::count_if(
        plan.begin(), plan.end(), [](const auto& i) { return i.value_tier == "VIP"; }));
    const std::size_t planned = plan.size(), late = overdue.size();
    m_plan->setItems(std::move(plan), chinese());
    m_overdue->setItems(std::move(overdue), chinese());
    m_planProxy->sort(-1);
    m_overdueProxy->sort(-1);
    for (QTableView* t : {m_planTable, m_overdueTable}) {
        t->resizeColumnToContents(PlanItemModel::Client);
        t->resizeColumnToContents(PlanItemModel::Phone);
    }
    m_tabs->setTabText(1, tr("Overdue (%1)").arg(late));
    QString text;
    // On a server the nightly batch plans: no desk rebuilds the branch's plan.
    m_rebuild->setVisible(!onServer());
    if (!m_planAsOf)
        text = onServer() ? tr("No plan yet: the branch's nightly batch plans the next working "
                               "days; ask the branch's administrator if it has not run.")
                          : tr("No plan yet: press “Rebuild plan…” to plan the next working days.");
    else
        text = tr("%1 calls planned (%2 VIP) · %3 overdue · plan built for %4")
                   .arg(planned)
                   .arg(vips)
                   .arg(late)
                   .arg(formatDate(*m_planAsOf));
    m_summary->setText(text);
    if (m_plan->rowCount() > 0) selectRow(0);
    showSelection();
}

void TodayView::selectRow(int row) {
    if (row < 0 || row >= m_planProxy->rowCount()) return;
    m_tabs->setCurrentIndex(0);
    m_planTable->selectRow(row);
    m_planTable->setCurrentIndex(m_planProxy->index(row, 0));
}

const services::PlanItem* TodayView::selectedItem() const {
    const bool onPlan = m_tabs->currentIndex() == 0;
    QTableView* table = onPlan ? m_planTable : m_overdueTable;
    QSortFilterProxyModel* proxy = onPlan ? m_planProxy : m_overdueProxy;
    PlanItemModel* model = onPlan ? m_plan : m_overdue;
    const QModelIndex current = table->currentIndex();
    if (!current.isValid()) return nullptr;
    return model->item(proxy->mapToSource(current).row());
}

void TodayView::showSelection() {
    const services::PlanItem* it = selectedItem();
    for (QPushButton* b : {m_log, m_reschedule, m_skip, m_open}) b->setEnabled(it != nullptr);
    if (!it) {
        m_details->setText(QStringLiteral("<span style='color:#889'>%1</span>")
                               .arg(tr("Select a call to see why and what to say.")));
        return;
    }
    const phrase::Lang lang = chinese() ? phrase::Lang::Zh : phrase::Lang::En;
    const auto q = [](const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); };
    QString due;
    if (it->due) due = tr(" · due %1").arg(formatDate(*it->due));
    if (it->late_working_days > 0)
        due += QStringLiteral(" <b style='color:#B03020'>%1</b>")
                   .arg(tr("%n working day(s) late", nullptr, it->late_working_days));
    m_details->setText(QStringLiteral("<b>%1</b> %2 · %3 · %4 %5%6<br>%7<br><i>%8</i>")
                           .arg(q(it->name), q(it->client_id), enumLabel(it->channel),
                                q(it->time_window), q(it->phone), due,
                                q(phrase::reasons(it->reasons, lang)),
                                q(phrase::points(it->talking_points, lang))));
}

bool TodayView::logSelected(const services::ContactLog& log) {
    const services::PlanItem* it = selectedItem();
    if (!it || !db()) return false;
    services::ContactLog entry = log;
    entry.client_id = it->client_id;
    const QString name = QString::fromStdString(it->name);
    const int row = m_planTable->currentIndex().row();
    // The session announces the plan change, which reloads the plan (and frees `it`).
    auto r = session()->logContact(entry);
    if (!r) return fail(tr("Cannot log the contact"), r.error());
    QString note = tr("Logged %1 for %2.").arg(enumLabel(entry.outcome), name);
    if (r->retry_date)
        note +=
            QLatin1Char(' ') +
            tr("Retry on %1 by %2.").arg(formatDate(*r->retry_date), enumLabel(r->retry_channel));
    if (r->promised_date)
        note +=
            QLatin1Char(' ') + tr("Follow-up booked for %1.").arg(formatDate(*r->promised_date));
    m_summary->setText(m_summary->text() + QStringLiteral(" — ") + note);
    selectRow(std::min(row, m_planProxy->rowCount() - 1));
    return true;
}

bool TodayView::rescheduleSelected(Date to) {
    const services::PlanItem* it = selectedItem();
    if (!it || !db()) return false;
    if (auto r = session()->reschedule(*it, to); !r)
        return fail(tr("Cannot reschedule"), r.error());
    return true;
}

bool TodayView::skipSelected(const QString& reason) {
    const services::PlanItem* it = selectedItem();
    if (!it || !db()) return false;
    if (auto s = session()->skip(*it, reason.trimmed().toStdString()); !s)
        return fail(tr("Cannot skip"), s.error());
    return true;
}

bool TodayView::rebuildPlan() {
    if (!db()) return false;
    services::PlanOptions options;
    options.as_of = fromQDate(m_from->date());
    if (auto r = session()->rebuildPlan(options); !r)
        return fail(tr("Cannot build the plan"), r.error());
    return true;
}

bool TodayView::exportCallList(const QString& path, bool maskPhones) {
    services::CallListOptions options;
    options.mask_phone = maskPhones;
    options.language =
        chinese() ? services::CallListLanguage::Chinese : services::CallListLanguage::English;
    const auto rows = services::callListRowsFor(m_plan->items(), options);
    const std::string file = path.toStdString();
    Status s;
    if (path.endsWith(QLatin1String(".xlsx"), Qt::CaseInsensitive)) {
        s = services::writeCallListXlsx(file, rows, options.language);
    } else if (path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
        s = reports::writeCallSheetPdf(file, rows, sheetOptions());
    } else {
        s = services::writeCallListCsv(file, rows, options.language);
    }
    if (!s) return fail(tr("Cannot export"), s.error());
    // Recorded in the audit trail like the CLI's exports (what, rows, masked, file).
    if (auto r = session()->execute(services::cmd::RecordExport{
            "calllist", static_cast<std::int64_t>(rows.size()), maskPhones, file});
        !r)
        return fail(tr("Cannot export"), r.error());
    m_summary->setText(tr("Wrote %n call(s) to %1", nullptr, static_cast<int>(rows.size()))
                           .arg(QDir::toNativeSeparators(path)));
    return true;
}

reports::CallSheetOptions TodayView::sheetOptions() const {
    reports::CallSheetOptions sheet;
    sheet.broker_id = m_broker->currentData().toString().toStdString();
    sheet.broker_name = m_broker->currentText().section(QStringLiteral("  "), 1).toStdString();
    if (const auto* first = m_plan->item(0)) sheet.branch = first->branch_id;
    sheet.language =
        chinese() ? services::CallListLanguage::Chinese : services::CallListLanguage::English;
    return sheet;
}

bool TodayView::printCallList(QPrinter& printer) {
    services::CallListOptions options;
    options.language =
        chinese() ? services::CallListLanguage::Chinese : services::CallListLanguage::English;
    const auto rows = services::callListRowsFor(m_plan->items(), options);
    const int pages = reports::printCallSheet(printer, rows, sheetOptions());
    if (pages == 0) {
        m_lastError = tr("Cannot print the call sheet");
        m_summary->setText(m_lastError);
        return false;
    }
    // A printed sheet leaves the book like an export: recorded (what, rows, masked, where).
    const QString where = printer.outputFileName().isEmpty()
                              ? QStringLiteral("printer:") + printer.printerName()
                              : printer.outputFileName();
    if (auto r = session()->execute(services::cmd::RecordExport{
            "calllist", static_cast<std::int64_t>(rows.size()), false, where.toStdString()});
        !r)
        return fail(tr("Cannot print the call sheet"), r.error());
    m_summary->setText(
        tr("Printed %n call(s) on %1 page(s)", nullptr, static_cast<int>(rows.size())).arg(pages));
    return true;
}

void TodayView::printInteractive(bool preview) {
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageOrientation(QPageLayout::Landscape); // the sheet is laid out landscape
    printer.setDocName(tr("Call sheet"));
    if (preview) {
        QPrintPreviewDialog dialog(&printer, this);
        dialog.setObjectName("printPreview");
        connect(&dialog, &QPrintPreviewDialog::paintRequested, this,
                [this](QPrinter* p) { printCallList(*p); });
        dialog.exec();
        return;
    }
    QPrintDialog dialog(&printer, this);
    dialog.setObjectName("printDialog");
    dialog.setWindowTitle(tr("Print call sheet"));
    if (dialog.exec() != QDialog::Accepted) return;
    if (!printCallList(printer)) QMessageBox::warning(this, tr("Print call sheet"), m_lastError);
}

void TodayView::logContactInteractive() {
    const services::PlanItem* it = selectedItem();
    if (!it) return;
    LogContactDialog dialog(*it, fromQDate(m_from->date()), this);
    if (db())
        if (auto survey = services::openSurveyFor(*db(), it->client_ref); survey && *survey)
            dialog.setSurvey(**survey);
    if (dialog.exec() != QDialog::Accepted) return;
    if (!logSelected(dialog.contactLog()))
        QMessageBox::warning(this, tr("Log contact"), m_lastError);
}

void TodayView::rescheduleInteractive() {
    const services::PlanItem* it = selectedItem();
    if (!it) return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Reschedule"));
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(
        new QLabel(tr("Move the call with %1 to:").arg(QString::fromStdString(it->name)), &dialog));
    auto* date = new QDateEdit(toQDate(m_calendar.nextWorkingDay(it->date)), &dialog);
    date->setCalendarPopup(true);
    date->setDisplayFormat("yyyy-MM-dd");
    layout->addWidget(date);
    auto* ok = new QPushButton(tr("Move"), &dialog);
    ok->setDefault(true);
    connect(ok, &QPushButton::clicked, &dialog, &QDialog::accept);
    layout->addWidget(ok);
    if (dialog.exec() != QDialog::Accepted) return;
    if (!rescheduleSelected(fromQDate(date->date())))
        QMessageBox::warning(this, tr("Reschedule"), m_lastError);
}

void TodayView::skipInteractive() {
    if (!selectedItem()) return;
    bool ok = false;
    const QStringList reasons = {tr("Client asked not to be called now"),
                                 tr("Already spoke this week"), tr("Wrong number"),
                                 tr("Client unavailable (travel, illness)")};
    const QString reason = QInputDialog::getItem(this, tr("Skip call"), tr("Reason (required):"),
                                                 reasons, 0, true, &ok);
    if (!ok || reason.trimmed().isEmpty()) return;
    if (!skipSelected(reason)) QMessageBox::warning(this, tr("Skip call"), m_lastError);
}

void TodayView::exportInteractive() {
    QString selected;
    const QString suggested =
        QStringLiteral("calllist-%1-%2.xlsx")
            .arg(m_broker->currentData().toString(), m_from->date().toString("yyyyMMdd"));
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export call list"), suggested,
        tr("Excel workbook (*.xlsx);;CSV text (*.csv);;Printable call sheet (*.pdf)"), &selected);
    if (path.isEmpty()) return;
    // A name typed without an extension gets the chosen format's (XLSX unless another is
    // chosen), rather than falling back to CSV.
    if (QFileInfo(path).suffix().isEmpty())
        path += selected.contains(QLatin1String("*.pdf"))   ? QStringLiteral(".pdf")
                : selected.contains(QLatin1String("*.csv")) ? QStringLiteral(".csv")
                                                            : QStringLiteral(".xlsx");
    const auto mask = QMessageBox::question(this, tr("Export call list"),
                                            tr("Mask phone numbers (138****5678)?"));
    if (!exportCallList(path, mask == QMessageBox::Yes))
        QMessageBox::warning(this, tr("Export call list"), m_lastError);
}

void TodayView::rebuildInteractive() {
    const auto answer = QMessageBox::question(
        this, tr("Rebuild plan"),
        tr("Plan every broker's next working days as of %1? Open items are replaced; "
           "rescheduled items, retries and promised calls are kept.")
            .arg(m_from->date().toString("yyyy-MM-dd")));
    if (answer != QMessageBox::Yes) return;
    if (!startRebuild()) QMessageBox::warning(this, tr("Rebuild plan"), m_lastError);
}

bool TodayView::startRebuild() {
    if (!isSignalConnected(QMetaMethod::fromSignal(&TodayView::rebuildRequested)))
        return rebuildPlan(); // a page on its own (no window's jobs): here
    emit rebuildRequested(m_from->date());
    return true;
}

void TodayView::setRebuildRunning(bool running) {
    m_rebuild->setEnabled(!running);
    m_cancelRebuild->setVisible(running);
    m_cancelRebuild->setEnabled(running);
}

} // namespace bd::ui
