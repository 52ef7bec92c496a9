#include "mainwindow.h"

#include <QLabel>
#include <QStatusBar>

#include "storage/bookstats.h"

namespace bd::ui {

MainWindow::MainWindow(storage::Database db, QWidget* parent)
    : QMainWindow(parent), m_db(std::move(db)) {
    setObjectName("mainWindow");
    setWindowTitle(tr("BrokerDesk"));
    m_status = new QLabel(this);
    m_status->setObjectName("statusCounts");
    statusBar()->addPermanentWidget(m_status);
    refreshStatus();
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::refreshStatus() {
    auto s = storage::readBookStats(m_db);
    if (!s) {
        m_status->setText(QString::fromStdString(s.error().toString()));
        return;
    }
    m_status->setText(tr("%1 clients · %2 trades · %3 contacts")
                          .arg(s->count("clients"))
                          .arg(s->count("trades"))
                          .arg(s->count("contacts")));
}

}  // namespace bd::ui
