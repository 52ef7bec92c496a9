#include "jobs/importwizard.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <set>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "format.h"
#include "jobs/workerbook.h"
#include "services/book.h"
#include "session/booksession.h"
#include "widgets/barcontrols.h"
#include "widgets/pagehead.h"

namespace bd::ui {
namespace {

using services::ImportKind;

/// A page whose Next waits for `complete`.
class StepPage : public QWizardPage {
  public:
    using QWizardPage::QWizardPage;
    std::function<bool()> complete;
    bool isComplete() const override { return complete ? complete() : true; }
    void changed() { emit completeChanged(); }
};

QString encodingLabel(services::Encoding e, bool bom) {
    if (e == services::Encoding::Gb18030) return QStringLiteral("GB18030");
    return bom ? QStringLiteral("UTF-8 (BOM)") : QStringLiteral("UTF-8");
}

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QTableWidget* makeTable(QWidget* parent, const char* name, const QStringList& headers) {
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

QTableWidgetItem* cell(const QString& text) {
    return new QTableWidgetItem(text);
}

QTableWidgetItem* number(std::int64_t v) {
    auto* item = new QTableWidgetItem(QString::number(v));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

StepPage* stepPage(QWizard* w, int id) {
    return static_cast<StepPage*>(w->page(id));
}

/// A step of the wizard: its page with a title and what it does, and the page's column layout.
struct Step {
    StepPage* page;
    QVBoxLayout* layout;
};
Step makeStep(QWizard* w, const char* name, const QString& title, const QString& subTitle) {
    auto* p = new StepPage(w);
    p->setObjectName(name);
    p->setTitle(title);
    p->setSubTitle(subTitle);
    return {p, new QVBoxLayout(p)};
}

QProgressBar* makeProgress(QWidget* parent, const char* name, int maximum) {
    auto* bar = new QProgressBar(parent);
    bar->setObjectName(name);
    bar->setRange(0, maximum);
    return bar;
}

} // namespace

QString ImportWizard::kindLabel(services::ImportKind kind) {
    static constexpr const char* kLabels[] = {QT_TR_NOOP("Securities"), QT_TR_NOOP("Clients"),
                                              QT_TR_NOOP("Trades"),     QT_TR_NOOP("Assets"),
                                              QT_TR_NOOP("Contacts"),   QT_TR_NOOP("Positions")};
    return tableLabel<ImportWizard>(kLabels, kind);
}

ImportWizard::ImportWizard(BookSession* session, QWidget* parent)
    : QWizard(parent), m_session(session), m_cancel(std::make_shared<std::atomic<bool>>(false)) {
    setObjectName("importWizard");
    setWindowTitle(tr("Import nightly files"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage, false);
    setButtonText(QWizard::CommitButton, tr("&Import"));
    buildFilesPage();
    buildColumnsPage();
    buildCheckPage();
    buildRunPage();
    resize(980, 640);
}

ImportWizard::~ImportWizard() {
    for (const auto& flag : m_flags) flag->store(true);
    for (const auto& wait : m_waits) wait();
}

void ImportWizard::newRun() {
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_flags.push_back(m_cancel);
}

void ImportWizard::keep(std::function<void()> wait) {
    if (wait) m_waits.push_back(std::move(wait));
}

// ---- Files ---------------------------------------------------------------------------------

void ImportWizard::buildFilesPage() {
    const auto [p, layout] =
        makeStep(this, "importFilesPage", tr("Files"),
                 tr("Choose the nightly files. Each file's kind, encoding and columns are "
                    "read from its header; nothing is written before the last step."));
    auto* bar = new QHBoxLayout;
    auto* add = addBarButton(bar, p, "importAddFiles", tr("&Add files…"));
    auto* remove = addBarButton(bar, p, "importRemoveFile", tr("&Remove"));
    bar->addStretch(1);
    m_encoding = addBarControl<QComboBox>(bar, p, "importEncoding", tr("Encoding:"));
    m_encoding->addItem(tr("Detect the encoding"), static_cast<int>(services::Encoding::Auto));
    m_encoding->addItem(QStringLiteral("UTF-8"), static_cast<int>(services::Encoding::Utf8));
    m_encoding->addItem(QStringLiteral("GB18030 / GBK"),
                        static_cast<int>(services::Encoding::Gb18030));
    layout->addLayout(bar);
    m_fileTable = makeTable(p, "importFiles",
                            {tr("File"), tr("Kind"), tr("Encoding"), tr("Columns"), tr("Check")});
    m_fileTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_fileTable->horizontalHeader()->setStretchLastSection(false);
    layout->addWidget(m_fileTable, 1);
    m_filesNote = addWrappingLabel(layout, p, "importFilesNote");
    p->complete = [this] { return filesReady(nullptr); };
    setPage(FilesPage, p);

    connect(add, &QPushButton::clicked, this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(
            this, tr("Choose nightly files"), {}, tr("CSV files (*.csv *.txt);;All files (*)"));
        if (!paths.isEmpty()) addFiles(paths);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_fileTable->currentRow();
        if (row < 0 || row >= static_cast<int>(m_files.size())) return;
        m_files.erase(m_files.begin() + row);
        showFiles();
    });
    connect(m_encoding, &QComboBox::currentIndexChanged, this, [this] {
        for (File& f : m_files) rereadFile(f);
        showFiles();
    });
}

services::Encoding ImportWizard::encoding() const {
    return static_cast<services::Encoding>(m_encoding->currentData().toInt());
}

void ImportWizard::rereadFile(File& f) {
    // The start of the file only (256 KiB): cheap on the UI thread whatever the file's size.
    std::vector<services::ColumnAlias> aliases;
    if (f.kind)
        for (const auto& [header, column] : f.mapping)
            aliases.push_back({*f.kind, header.toStdString(), column.toStdString()});
    auto p = services::previewImportFile(f.path.toStdString(), encoding(), aliases);
    if (!p) {
        f.preview = {};
        f.preview.path = f.path.toStdString();
        m_filesNote->setText(tr("%1: %2").arg(QFileInfo(f.path).fileName(),
                                              qs(phrase::reasonOnly(p.error(), uiLang()))));
        return;
    }
    f.preview = std::move(*p);
    if (!f.kind) f.kind = f.preview.kind;
}

void ImportWizard::addFiles(const QStringList& paths) {
    m_filesNote->clear();
    for (const QString& path : paths) {
        const bool known = std::any_of(m_files.begin(), m_files.end(),
                                       [&](const File& f) { return f.path == path; });
        if (known) continue;
        File f;
        f.path = path;
        rereadFile(f);
        m_files.push_back(std::move(f));
    }
    showFiles();
}

bool ImportWizard::filesReady(QString* why) const {
    if (m_files.empty()) return false;
    std::set<ImportKind> kinds;
    for (const File& f : m_files) {
        if (!f.kind) {
            if (why) *why = tr("%1: choose its kind.").arg(QFileInfo(f.path).fileName());
            return false;
        }
        if (!kinds.insert(*f.kind).second) {
            if (why)
                *why = tr("Two files of the kind %1: one file of each kind per import.")
                           .arg(kindLabel(*f.kind));
            return false;
        }
    }
    return true;
}

void ImportWizard::showFiles() {
    m_fileTable->setRowCount(static_cast<int>(m_files.size()));
    for (int r = 0; r < static_cast<int>(m_files.size()); ++r) {
        File& f = m_files[static_cast<std::size_t>(r)];
        auto* name = cell(QFileInfo(f.path).fileName());
        name->setToolTip(f.path);
        m_fileTable->setItem(r, 0, name);
        auto* kind = new QComboBox(m_fileTable);
        kind->setObjectName(QStringLiteral("importKind%1").arg(r));
        kind->addItem(tr("(choose)"), -1);
        for (int k = 0; k < services::kImportKindCount; ++k)
            kind->addItem(kindLabel(static_cast<ImportKind>(k)), k);
        kind->setCurrentIndex(f.kind ? static_cast<int>(*f.kind) + 1 : 0);
        connect(kind, &QComboBox::currentIndexChanged, this, [this, r, kind] {
            File& file = m_files[static_cast<std::size_t>(r)];
            const int k = kind->currentData().toInt();
            file.kind = k < 0 ? std::nullopt : std::optional(static_cast<ImportKind>(k));
            file.mapping.clear();
            rereadFile(file);
            // The header is matched against the chosen kind's columns from now on.
            if (file.kind && file.preview.kind != file.kind) file.preview.kind = file.kind;
            stepPage(this, FilesPage)->changed();
        });
        m_fileTable->setCellWidget(r, 1, kind);
        m_fileTable->setItem(r, 2,
                             cell(f.preview.header.empty()
                                      ? QStringLiteral("—")
                                      : encodingLabel(f.preview.encoding, f.preview.bom)));
        const auto known = std::count_if(f.preview.column_of.begin(), f.preview.column_of.end(),
                                         [](const std::string& c) { return !c.empty(); });
        m_fileTable->setItem(r, 3,
                             cell(tr("%1 known, %2 unknown")
                                      .arg(known)
                                      .arg(static_cast<int>(f.preview.unknown.size()))));
        QString check = tr("ready");
        if (f.preview.header.empty())
            check = tr("cannot be read");
        else if (!f.preview.missing_required.empty())
            check = tr("missing %1").arg(qs(f.preview.missing_required.front()));
        else if (!f.preview.unknown.empty())
            check = tr("unknown columns to map");
        m_fileTable->setItem(r, 4, cell(check));
    }
    m_fileTable->resizeColumnsToContents();
    QString why;
    if (!m_files.empty() && !filesReady(&why)) m_filesNote->setText(why);
    stepPage(this, FilesPage)->changed();
}

// ---- Columns -------------------------------------------------------------------------------

void ImportWizard::buildColumnsPage() {
    const auto [p, layout] =
        makeStep(this, "importColumnsPage", tr("Columns"),
                 tr("How each header is read. Headers no known column matched are left out "
                    "unless you choose the column they hold."));
    auto* bar = new QHBoxLayout;
    m_columnsFile = addBarControl<QComboBox>(bar, p, "importColumnsFile", tr("File:"));
    bar->setStretchFactor(m_columnsFile, 1);
    layout->addLayout(bar);
    m_columnTable = makeTable(p, "importColumnMap",
                              {tr("Header in the file"), tr("Read as"), tr("First value")});
    layout->addWidget(m_columnTable, 1);
    m_columnsNote = addWrappingLabel(layout, p, "importColumnsNote");
    p->complete = [this] {
        return std::all_of(m_files.begin(), m_files.end(), [](const File& f) {
            return !f.preview.header.empty() && f.preview.missing_required.empty();
        });
    };
    setPage(ColumnsPage, p);
    connect(m_columnsFile, &QComboBox::currentIndexChanged, this, &ImportWizard::showColumns);
}

void ImportWizard::mapColumn(int index, const QString& header, const QString& column) {
    if (index < 0 || index >= static_cast<int>(m_files.size())) return;
    File& f = m_files[static_cast<std::size_t>(index)];
    f.mapping[header] = column;
    rereadFile(f);
    m_dryRun.reset();
    if (currentId() == ColumnsPage) showColumns();
    stepPage(this, ColumnsPage)->changed();
}

void ImportWizard::showColumns() {
    const int index = m_columnsFile->currentIndex();
    m_columnTable->setRowCount(0);
    if (index < 0 || index >= static_cast<int>(m_files.size())) return;
    const File& f = m_files[static_cast<std::size_t>(index)];
    const auto& pv = f.preview;
    const auto columns =
        f.kind ? services::importColumns(*f.kind) : std::vector<services::ImportColumn>{};
    m_columnTable->setRowCount(static_cast<int>(pv.header.size()));
    for (int r = 0; r < static_cast<int>(pv.header.size()); ++r) {
        const QString header = qs(pv.header[static_cast<std::size_t>(r)]);
        const QString now = qs(pv.column_of[static_cast<std::size_t>(r)]);
        auto* h = cell(header);
        const bool unknown = now.isEmpty() && !f.mapping.count(header);
        if (unknown) {
            h->setBackground(QColor("#FFF4CE"));
            h->setToolTip(tr("No known column has this name: it is left out unless you choose "
                             "one."));
        }
        m_columnTable->setItem(r, 0, h);
        auto* as = new QComboBox(m_columnTable);
        as->setObjectName(QStringLiteral("importReadAs%1").arg(r));
        as->addItem(tr("(not imported)"), QString());
        for (const auto& c : columns)
            as->addItem(c.required ? tr("%1 (required)").arg(qs(c.name)) : qs(c.name), qs(c.name));
        as->setCurrentIndex(std::max(0, as->findData(now)));
        connect(as, &QComboBox::activated, this, [this, index, header, as] {
            // Deferred: the table (and this box) is rebuilt by the mapping.
            const QString column = as->currentData().toString();
            QMetaObject::invokeMethod(
                this, [this, index, header, column] { mapColumn(index, header, column); },
                Qt::QueuedConnection);
        });
        m_columnTable->setCellWidget(r, 1, as);
        const QString first =
            pv.records.empty() || pv.records[0].fields.size() <= static_cast<std::size_t>(r)
                ? QString()
                : qs(pv.records[0].fields[static_cast<std::size_t>(r)]);
        m_columnTable->setItem(r, 2, cell(first));
    }
    m_columnTable->resizeColumnsToContents();
    if (!pv.missing_required.empty()) {
        QStringList missing;
        for (const auto& m : pv.missing_required) missing << qs(m);
        m_columnsNote->setText(
            tr("Required columns not found: %1. Choose the header that holds each.")
                .arg(missing.join(QStringLiteral(", "))));
        m_columnsNote->setStyleSheet("color:#A00000;");
    } else {
        m_columnsNote->setText(tr("Every required column is there."));
        m_columnsNote->setStyleSheet({});
    }
}

// ---- Check (dry run) -----------------------------------------------------------------------

void ImportWizard::buildCheckPage() {
    const auto [p, layout] =
        makeStep(this, "importCheckPage", tr("Check"),
                 tr("A dry run: the import is run and rolled back, so these are the counts "
                    "it will have and every row it would reject. The book is not changed."));
    p->setCommitPage(true);
    m_checkProgress = makeProgress(p, "importCheckProgress", 0); // busy: no fraction to show
    layout->addWidget(m_checkProgress);
    m_counts = makeTable(
        p, "importCounts",
        {tr("File"), tr("Kind"), tr("New"), tr("Updated"), tr("Unchanged"), tr("Rejected")});
    m_counts->setMaximumHeight(150);
    m_counts->horizontalHeader()->setStretchLastSection(false);
    m_counts->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    layout->addWidget(m_counts);
    auto* bar = new QHBoxLayout;
    m_previewFile = addBarControl<QComboBox>(bar, p, "importPreviewFile", tr("First rows of:"));
    bar->setStretchFactor(m_previewFile, 1);
    layout->addLayout(bar);
    m_preview = makeTable(p, "importPreview", {});
    m_preview->horizontalHeader()->setStretchLastSection(false);
    layout->addWidget(m_preview, 2);
    m_errors = makeTable(p, "importErrors",
                         {tr("File"), tr("Line"), tr("Column"), tr("Value"), tr("Rule")});
    layout->addWidget(m_errors, 1);
    m_verdict = addWrappingLabel(layout, p, "importVerdict");
    m_lenient = new QCheckBox(tr("Import the good rows and write the rejected ones to a file "
                                 "beside the first file (otherwise any error stops the import)"),
                              p);
    m_lenient->setObjectName("importLenient");
    layout->addWidget(m_lenient);
    // The counts differ by mode: the check runs again.
    connect(m_lenient, &QCheckBox::toggled, this, [this] {
        if (currentId() == CheckPage) runDryRun();
    });
    p->complete = [this] { return m_dryRun && m_dryRun->would_commit && !m_running; };
    setPage(CheckPage, p);
    connect(m_previewFile, &QComboBox::currentIndexChanged, this, &ImportWizard::showPreview);
}

void ImportWizard::setLenient(bool on) {
    m_lenient->setChecked(on);
}

QString ImportWizard::rejectsPath() const {
    return m_files.empty() ? QString() : m_files.front().path + QStringLiteral(".rejects.csv");
}

services::ImportOptions ImportWizard::options() const {
    services::ImportOptions o;
    o.encoding = encoding();
    o.lenient = m_lenient->isChecked();
    if (o.lenient) o.rejects_path = rejectsPath().toStdString();
    for (const File& f : m_files)
        if (f.kind)
            for (const auto& [header, column] : f.mapping)
                o.column_aliases.push_back({*f.kind, header.toStdString(), column.toStdString()});
    return o;
}

services::ImportFiles ImportWizard::importFiles() const {
    using services::ImportFiles;
    // Where each kind's file goes, in ImportKind order.
    static constexpr std::optional<std::string> ImportFiles::*kFileOf[] = {
        &ImportFiles::securities, &ImportFiles::clients,  &ImportFiles::trades,
        &ImportFiles::assets,     &ImportFiles::contacts, &ImportFiles::positions};
    static_assert(std::size(kFileOf) == services::kImportKindCount);
    ImportFiles files;
    for (const File& f : m_files) {
        if (!f.kind) continue;
        files.*kFileOf[static_cast<std::size_t>(*f.kind)] = f.path.toStdString();
    }
    return files;
}

namespace {

/// Runs `run` with a connection of its own to the book at `path` on a worker thread and hands
/// the result to `done` on the UI thread; a private in-memory book is used here directly.
template <typename Run, typename Done>
std::function<void()> onWorker(QObject* owner, services::Database& book, Run run, Done done) {
    using R = Result<services::ImportReport>;
    const std::string path = book.path();
    if (isPrivateBook(path)) {
        done(run(book));
        return {};
    }
    auto* watcher = new QFutureWatcher<R>(owner);
    QObject::connect(watcher, &QFutureWatcherBase::finished, owner, [watcher, done] {
        watcher->deleteLater();
        done(watcher->result());
    });
    QFuture<R> future = runInBackground([path, run]() -> R {
        auto own = openWorkerBook(path);
        if (!own) return own.error();
        return run(*own);
    });
    watcher->setFuture(future);
    return [future]() mutable { future.waitForFinished(); };
}

} // namespace

void ImportWizard::runDryRun() {
    m_dryRun.reset();
    m_running = true;
    m_checkProgress->show();
    m_counts->setRowCount(0);
    m_errors->setRowCount(0);
    m_verdict->setText(tr("Checking…"));
    stepPage(this, CheckPage)->changed();
    const int generation = ++m_generation;
    newRun();
    services::ImportOptions o = options();
    o.dry_run = true;
    o.cancel = m_cancel.get();
    const services::ImportFiles files = importFiles();
    keep(onWorker(
        this, m_session->book(),
        [files, o, flag = m_cancel](services::Database& db) {
            (void)flag; // kept alive while the run may read it
            return services::importFiles(db, files, o);
        },
        [this, generation](const Result<services::ImportReport>& r) {
            if (generation != m_generation) return; // left with Back, or the choices changed
            m_running = false;
            m_checkProgress->hide();
            if (!r) {
                m_verdict->setText(tr("The check failed: %1").arg(qs(r.error().toString())));
                stepPage(this, CheckPage)->changed();
                return;
            }
            m_dryRun = *r;
            m_counts->setRowCount(static_cast<int>(r->files.size()));
            for (int i = 0; i < static_cast<int>(r->files.size()); ++i) {
                const auto& f = r->files[static_cast<std::size_t>(i)];
                m_counts->setItem(i, 0, cell(QFileInfo(qs(f.path)).fileName()));
                m_counts->setItem(i, 1, cell(kindLabel(f.kind)));
                m_counts->setItem(i, 2, number(f.rows_new));
                m_counts->setItem(i, 3, number(f.rows_updated));
                m_counts->setItem(i, 4, number(f.rows_unchanged));
                m_counts->setItem(i, 5, number(f.rows_rejected));
            }
            for (int c = 1; c < m_counts->columnCount(); ++c) m_counts->resizeColumnToContents(c);
            // Every located problem: line, column, the value and the rule it broke.
            m_errors->setRowCount(static_cast<int>(r->errors.size()));
            for (int i = 0; i < static_cast<int>(r->errors.size()); ++i) {
                const Error& e = r->errors[static_cast<std::size_t>(i)];
                m_errors->setItem(i, 0, cell(QFileInfo(qs(e.file)).fileName()));
                m_errors->setItem(i, 1, e.line > 0 ? number(e.line) : cell({}));
                m_errors->setItem(
                    i, 2,
                    cell(e.column > 0 ? (e.column_name.empty()
                                             ? QString::number(e.column)
                                             : tr("%1 (%2)").arg(e.column).arg(qs(e.column_name)))
                                      : QString()));
                m_errors->setItem(i, 3, cell(qs(e.value)));
                // The reason in the workstation's language (the other columns locate it).
                m_errors->setItem(i, 4, cell(qs(phrase::reasonOnly(e, uiLang()))));
            }
            m_errors->resizeColumnsToContents();
            if (r->would_commit && r->rejectedRows() > 0)
                m_verdict->setText(
                    tr("Ready: press Import to write the good rows; the %n rejected row(s) will "
                       "be written to %1 with their reasons.",
                       nullptr, static_cast<int>(r->rejectedRows()))
                        .arg(QDir::toNativeSeparators(rejectsPath())));
            else if (r->would_commit)
                m_verdict->setText(tr("Ready: press Import to write these rows. The import is "
                                      "one transaction; Cancel during it leaves the book as it "
                                      "is."));
            else
                m_verdict->setText(
                    tr("%n problem(s) found: nothing will be imported until the files are "
                       "corrected (go Back to map columns, or fix the files and check again).",
                       nullptr, static_cast<int>(r->errors.size())));
            showPreview();
            stepPage(this, CheckPage)->changed();
            emit dryRunFinished();
            if (m_closeWhenDone) QWizard::reject();
        }));
}

void ImportWizard::showPreview() {
    const int index = m_previewFile->currentIndex();
    m_preview->clear();
    m_preview->setRowCount(0);
    if (index < 0 || index >= static_cast<int>(m_files.size())) return;
    const File& f = m_files[static_cast<std::size_t>(index)];
    const auto& pv = f.preview;
    QStringList headers;
    for (std::size_t c = 0; c < pv.header.size(); ++c)
        headers << (pv.column_of[c].empty()
                        ? qs(pv.header[c])
                        : tr("%1\n%2").arg(qs(pv.header[c]), qs(pv.column_of[c])));
    m_preview->setColumnCount(static_cast<int>(headers.size()));
    m_preview->setHorizontalHeaderLabels(headers);
    m_preview->setRowCount(static_cast<int>(pv.records.size()));
    QStringList lines;
    for (int r = 0; r < static_cast<int>(pv.records.size()); ++r) {
        const auto& rec = pv.records[static_cast<std::size_t>(r)];
        lines << QString::number(rec.line);
        for (int c = 0; c < static_cast<int>(rec.fields.size()); ++c)
            m_preview->setItem(r, c, cell(qs(rec.fields[static_cast<std::size_t>(c)])));
    }
    m_preview->setVerticalHeaderLabels(lines);
    m_preview->verticalHeader()->show();
    // The dry run's errors in these rows: the cell (or the whole row) marked, the rule as a tip.
    if (m_dryRun) {
        const std::string path = f.path.toStdString();
        for (const Error& e : m_dryRun->errors) {
            if (e.file != path) continue;
            for (int r = 0; r < static_cast<int>(pv.records.size()); ++r) {
                if (pv.records[static_cast<std::size_t>(r)].line != e.line) continue;
                for (int c = 0; c < m_preview->columnCount(); ++c) {
                    if (e.column > 0 && c != e.column - 1) continue;
                    auto* item = m_preview->item(r, c);
                    if (!item) m_preview->setItem(r, c, item = cell({}));
                    item->setBackground(QColor("#F8D0D0"));
                    item->setToolTip(qs(phrase::reasonOnly(e, uiLang())));
                }
            }
        }
    }
    m_preview->resizeColumnsToContents();
}

// ---- Run -----------------------------------------------------------------------------------

void ImportWizard::buildRunPage() {
    const auto [p, layout] =
        makeStep(this, "importRunPage", tr("Import"),
                 tr("The files are imported in one transaction: Cancel leaves the book as "
                    "it was."));
    p->setFinalPage(true);
    m_runProgress = makeProgress(p, "importProgress", 1000);
    layout->addWidget(m_runProgress);
    m_runLabel = addWrappingLabel(layout, p, "importRunLabel");
    auto* bar = new QHBoxLayout;
    m_cancelButton = addBarButton(bar, p, "importCancel", tr("&Cancel import"));
    bar->addStretch(1);
    layout->addLayout(bar);
    layout->addStretch(1);
    p->complete = [this] { return !m_running; };
    setPage(RunPage, p);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        m_cancel->store(true);
        m_cancelButton->setEnabled(false);
        m_runLabel->setText(tr("Cancelling: the rows written so far are rolled back…"));
    });
}

void ImportWizard::runImport() {
    m_running = true;
    newRun();
    m_cancelButton->setEnabled(true);
    m_runProgress->setValue(0);
    m_runLabel->setText(tr("Importing…"));
    stepPage(this, RunPage)->changed();
    services::ImportOptions o = options();
    o.cancel = m_cancel.get();
    // Progress over the run: each file an equal share, its bytes within it; at most ten updates
    // a second reach the window.
    const services::ImportFiles files = importFiles();
    const int count = static_cast<int>(m_files.size());
    auto last = std::make_shared<std::chrono::steady_clock::time_point>();
    auto seen = std::make_shared<std::vector<ImportKind>>();
    QPointer<ImportWizard> self(this);
    o.progress = [self, count, last, seen](const services::ImportProgress& p) {
        if (std::find(seen->begin(), seen->end(), p.kind) == seen->end()) seen->push_back(p.kind);
        const auto now = std::chrono::steady_clock::now();
        if (now - *last < std::chrono::milliseconds(100)) return;
        *last = now;
        const double within =
            p.bytes_total ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total)
                          : 1.0;
        const double whole = (static_cast<double>(seen->size() - 1) + within) / std::max(1, count);
        const ImportKind kind = p.kind;
        const auto rows = p.rows;
        QMetaObject::invokeMethod(
            self,
            [self, whole, kind, rows] {
                if (!self) return;
                self->m_runProgress->setValue(static_cast<int>(whole * 1000));
                self->m_runLabel->setText(
                    tr("Importing %1: %2 rows read…").arg(kindLabel(kind)).arg(rows));
            },
            Qt::QueuedConnection);
    };
    keep(onWorker(
        this, m_session->book(),
        [files, o, flag = m_cancel](services::Database& db) -> Result<services::ImportReport> {
            (void)flag; // kept alive while the run may read it
            auto r = services::importFiles(db, files, o);
            // The client list's summary is brought up to date here, off the window's thread
            // (seconds on a large book), so the reload after the import finds it fresh; an
            // import that only added trades to a fresh one kept it fresh (deltas).
            if (r && r->committed && !r->client_summary_fresh)
                if (auto fresh = services::ensureClientSummaryFresh(db); !fresh)
                    spdlog::warn("import: client summary: {}", fresh.error().toString());
            return r;
        },
        [this](const Result<services::ImportReport>& r) {
            m_running = false;
            m_cancelButton->setEnabled(false);
            if (!r) {
                m_runLabel->setText(tr("The import failed; the book is unchanged: %1")
                                        .arg(qs(r.error().toString())));
                emit importStopped();
            } else if (r->cancelled) {
                m_runLabel->setText(tr("Cancelled: nothing was imported; the book is unchanged."));
                emit importStopped();
            } else if (!r->committed) {
                m_runLabel->setText(tr("%n row(s) rejected: nothing was imported.", nullptr,
                                       static_cast<int>(r->rejectedRows())));
                emit importStopped();
            } else {
                m_result = *r;
                m_runProgress->setValue(1000);
                QStringList lines;
                for (const auto& f : r->files)
                    lines << tr("%1: %2 new, %3 updated, %4 unchanged")
                                 .arg(kindLabel(f.kind))
                                 .arg(f.rows_new)
                                 .arg(f.rows_updated)
                                 .arg(f.rows_unchanged);
                if (r->rejectedRows() > 0)
                    lines << tr("%n row(s) rejected, written with their reasons to %1", nullptr,
                                static_cast<int>(r->rejectedRows()))
                                 .arg(QDir::toNativeSeparators(rejectsPath()));
                m_runLabel->setText(tr("Imported.") + "\n" + lines.join('\n') + "\n" +
                                    tr("Refresh the analytics to bring Value, VIP, Segments and "
                                       "the plan up to date (Tools › Refresh analytics)."));
                // Clients, trades, contacts...: every page reads again.
                m_session->announce(services::BookReplaced{});
                emit imported();
            }
            stepPage(this, RunPage)->changed();
            if (m_closeWhenDone) QWizard::reject();
        }));
}

// ---- Steps ---------------------------------------------------------------------------------

void ImportWizard::initializePage(int id) {
    QWizard::initializePage(id);
    if (id == ColumnsPage || id == CheckPage) {
        QComboBox* box = id == ColumnsPage ? m_columnsFile : m_previewFile;
        const QSignalBlocker block(box);
        box->clear();
        for (const File& f : m_files)
            box->addItem(tr("%1 — %2").arg(QFileInfo(f.path).fileName(),
                                           f.kind ? kindLabel(*f.kind) : QString()));
        box->setCurrentIndex(0);
    }
    if (id == ColumnsPage) showColumns();
    if (id == CheckPage) runDryRun();
    if (id == RunPage) runImport();
}

void ImportWizard::cleanupPage(int id) {
    if (id == CheckPage && m_running) {
        // Back during the check: it stops (and rolls back); its answer is ignored.
        m_cancel->store(true);
        ++m_generation;
        m_running = false;
        m_checkProgress->hide();
    }
    QWizard::cleanupPage(id);
}

bool ImportWizard::validateCurrentPage() {
    if (m_running) return false;
    return QWizard::validateCurrentPage();
}

void ImportWizard::reject() {
    if (m_running) {
        // Cancel = roll back: the window closes once the run has stopped.
        m_cancel->store(true);
        m_closeWhenDone = true;
        if (currentId() == RunPage)
            m_runLabel->setText(tr("Cancelling: the rows written so far are rolled back…"));
        return;
    }
    QWizard::reject();
}

} // namespace bd::ui
