#include "dialogs/startdialog.h"

#include <QCommandLinkButton>
#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <algorithm>

namespace bd::ui {

namespace {

constexpr const char* kLastBookKey = "book/last";
constexpr const char* kDemoBookName = "demo.bdbook";
// Of the progress bar: the generator's share; refresh and plan take the rest (about 1.2 s,
// 0.3 s and 0.1 s for 3,000 clients).
constexpr int kDemoShare = 80;
constexpr int kRefreshDone = 90;

QString bookFilter() {
    return StartDialog::tr("BrokerDesk books (*.bdbook *.db *.sqlite);;All files (*)");
}

} // namespace

StartDialog::StartDialog(QString demoPath, QString cliPath, QWidget* parent)
    : QDialog(parent), m_demoPath(std::move(demoPath)), m_cliPath(std::move(cliPath)) {
    setObjectName("startDialog");
    setWindowTitle(tr("Welcome to BrokerDesk"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("<h3>No book is open yet</h3><p>A book is one file that holds a "
                                "broker's clients, trades, assets, positions and contacts.</p>"),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_demo = new QCommandLinkButton(
        tr("Create the demo book"),
        tr("Made-up clients with three years of history, analysed and planned: to look around "
           "before bringing your own data."),
        this);
    m_demo->setObjectName("createDemoButton");
    if (m_cliPath.isEmpty()) {
        m_demo->setEnabled(false);
        m_demo->setDescription(tr("Needs brokerdesk-cli, which was not found."));
    }
    m_open = new QCommandLinkButton(tr("Open a book…"), tr("A book file you already have."), this);
    m_open->setObjectName("openBookButton");
    m_empty = new QCommandLinkButton(tr("Create an empty book…"),
                                     tr("A new book to import your own files into."), this);
    m_empty->setObjectName("newBookButton");
    for (auto* b : {m_demo, m_open, m_empty}) layout->addWidget(b);
    connect(m_demo, &QAbstractButton::clicked, this, &StartDialog::createDemo);
    connect(m_open, &QAbstractButton::clicked, this, &StartDialog::openExisting);
    connect(m_empty, &QAbstractButton::clicked, this, &StartDialog::createEmpty);

    m_status = new QLabel(this);
    m_status->setObjectName("demoStatus");
    m_status->setVisible(false);
    layout->addWidget(m_status);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName("demoProgress");
    m_progress->setRange(0, 100);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);

    layout->addStretch(1);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_quit = new QPushButton(tr("Quit"), this);
    m_quit->setObjectName("quitButton");
    m_quit->setAutoDefault(false);
    connect(m_quit, &QPushButton::clicked, this, &StartDialog::reject);
    buttons->addWidget(m_quit);
    layout->addLayout(buttons);
    setMinimumWidth(520);
}

StartDialog::~StartDialog() {
    if (isBusy()) abandonDemo({});
}

bool StartDialog::isBusy() const {
    return m_process && m_process->state() != QProcess::NotRunning;
}

void StartDialog::reject() {
    if (isBusy()) {
        abandonDemo({});
        return;
    }
    QDialog::reject();
}

void StartDialog::createDemo() {
    QDir().mkpath(QFileInfo(m_demoPath).absolutePath());
    // An existing book there is the generator's to refuse, never this dialog's to remove.
    m_removeOnFailure = !QFileInfo::exists(m_demoPath);
    const QString clients = QString::number(m_demoClients);
    // The history ends yesterday, so a new user's first morning looks like a real one: a plan
    // from today, not weeks of urgent calls already overdue behind the generator's fixed date.
    const QString asOf = QDate::currentDate().addDays(-1).toString(Qt::ISODate);
    m_steps = {{"demo", "--db", m_demoPath, "--clients", clients, "--seed", "7", "--as-of", asOf},
               {"refresh", "--db", m_demoPath},
               {"plan", "--db", m_demoPath}};
    if (!m_process) {
        m_process = new QProcess(this);
        m_process->setProgram(m_cliPath);
        connect(m_process, &QProcess::readyReadStandardError, this, &StartDialog::readProgress);
        connect(m_process, &QProcess::finished, this, &StartDialog::stepFinished);
    }
    m_progress->setValue(0);
    setBusy(true);
    runNextStep();
}

void StartDialog::runNextStep() {
    const QStringList args = m_steps.takeFirst();
    m_status->setText(args.first() == "demo"      ? tr("Generating clients and their history…")
                      : args.first() == "refresh" ? tr("Finding the most valuable clients…")
                                                  : tr("Planning the brokers' calls…"));
    m_errors.clear();
    m_process->setArguments(args);
    m_process->start();
}

void StartDialog::readProgress() {
    const QByteArray chunk = m_process->readAllStandardError();
    m_errors += chunk;
    // The generator prints "demo: 40% (1200/3000 clients, ...)" to a pipe every tenth.
    static const QRegularExpression percent(QStringLiteral("demo: +(\\d+)%"));
    auto it = percent.globalMatch(QString::fromUtf8(chunk));
    while (it.hasNext()) m_progress->setValue(it.next().captured(1).toInt() * kDemoShare / 100);
}

void StartDialog::stepFinished(int exitCode, QProcess::ExitStatus status) {
    if (status != QProcess::NormalExit || exitCode != 0) {
        // The last lines say what went wrong.
        const QStringList lines = QString::fromUtf8(m_errors).split('\n', Qt::SkipEmptyParts);
        abandonDemo(lines.isEmpty()
                        ? m_process->errorString()
                        : lines.sliced(std::max<qsizetype>(0, lines.size() - 6)).join('\n'));
        return;
    }
    if (!m_steps.isEmpty()) {
        m_progress->setValue(m_steps.size() == 2 ? kDemoShare : kRefreshDone);
        runNextStep();
        return;
    }
    m_progress->setValue(100);
    m_bookPath = m_demoPath;
    setBusy(false);
    accept();
}

void StartDialog::abandonDemo(const QString& why) {
    m_steps.clear();
    if (isBusy()) {
        m_process->disconnect(this); // no finished() for the step stopped here
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    // The generator writes in one transaction; what is left is at most an empty book.
    if (m_removeOnFailure)
        for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            QFile::remove(m_demoPath + suffix);
    if (m_process) {
        m_process->deleteLater();
        m_process = nullptr;
    }
    setBusy(false);
    if (!why.isEmpty())
        QMessageBox::warning(this, tr("Demo book"),
                             tr("The demo book could not be made:\n%1").arg(why));
}

void StartDialog::openExisting() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open book"), QFileInfo(m_demoPath).absolutePath(), bookFilter());
    if (path.isEmpty()) return;
    m_bookPath = path;
    accept();
}

void StartDialog::createEmpty() {
    QString path = QFileDialog::getSaveFileName(
        this, tr("Create an empty book"),
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .filePath(tr("book") + ".bdbook"),
        bookFilter());
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += ".bdbook";
    m_bookPath = path; // the workstation creates it when it opens it
    accept();
}

void StartDialog::setBusy(bool busy) {
    for (auto* b : {m_demo, m_open, m_empty}) b->setEnabled(!busy);
    if (m_cliPath.isEmpty()) m_demo->setEnabled(false);
    m_progress->setVisible(busy);
    m_status->setVisible(busy);
    m_quit->setText(busy ? tr("Cancel") : tr("Quit"));
}

QString findCliProgram() {
    const QString dir = QCoreApplication::applicationDirPath();
    for (const QString& candidate : {dir + "/brokerdesk-cli", dir + "/../src/cli/brokerdesk-cli"})
        if (QFileInfo(candidate).isExecutable()) return QFileInfo(candidate).canonicalFilePath();
    return QStandardPaths::findExecutable("brokerdesk-cli");
}

QString lastBook(const QString& dataDir) {
    const QString last = QSettings().value(kLastBookKey).toString();
    if (!last.isEmpty() && QFileInfo(last).isFile()) return last;
    const QString demo = QDir(dataDir).filePath(kDemoBookName);
    return QFileInfo(demo).isFile() ? demo : QString();
}

void rememberBook(const QString& path) {
    QSettings().setValue(kLastBookKey, QFileInfo(path).absoluteFilePath());
}

QString askForBook(const QString& dataDir, const QString& cliPath, QWidget* parent) {
    StartDialog dialog(QDir(dataDir).filePath(kDemoBookName), cliPath, parent);
    return dialog.exec() == QDialog::Accepted ? dialog.bookPath() : QString();
}

} // namespace bd::ui
