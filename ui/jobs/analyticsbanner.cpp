#include "jobs/analyticsbanner.h"

#include <spdlog/spdlog.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include "services/importjob.h"
#include "session/booksession.h"

namespace bd::ui {

AnalyticsBanner::AnalyticsBanner(BookSession* session, QWidget* parent)
    : QFrame(parent), m_session(session) {
    setObjectName("analyticsBanner");
    setStyleSheet("#analyticsBanner{background:#FFF4CE;border:1px solid #E0C060;border-radius:3px;}"
                  "#analyticsBanner QLabel{color:#5C4400;}");
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 3, 6, 3);
    m_text = new QLabel(this);
    m_text->setObjectName("analyticsBannerText");
    m_refresh = new QPushButton(tr("Refresh analytics"), this);
    m_refresh->setObjectName("analyticsBannerRefresh");
    layout->addWidget(m_text, 1);
    layout->addWidget(m_refresh);
    connect(m_refresh, &QPushButton::clicked, this, &AnalyticsBanner::refreshRequested);
    // A new run or another book may settle it; an import (a BookReplaced) may raise it.
    connect(session, &BookSession::analyticsChanged, this, &AnalyticsBanner::check);
    connect(session, &BookSession::bookReplaced, this, &AnalyticsBanner::check);
}

QString AnalyticsBanner::text() const {
    return m_text->text();
}

void AnalyticsBanner::setBusy(bool busy) {
    m_refresh->setEnabled(!busy);
}

void AnalyticsBanner::check() {
    auto f = services::readDataFreshness(m_session->book());
    if (!f) {
        spdlog::warn("analytics banner: {}", f.error().toString());
        return;
    }
    m_behind = f->analyticsBehind();
    // On a server the nightly batch refreshes: no desk can.
    const bool server = m_session->onServer();
    m_refresh->setVisible(!server);
    if (m_behind) {
        const QString imported = QString::fromStdString(*f->last_import);
        if (f->last_analytics)
            m_text->setText(
                (server ? tr("The analytics are older than the data: the last import was at %1, "
                             "the last analytics run at %2. The branch's nightly batch brings "
                             "Value, VIP, Segments and the plan up to date at its next run.")
                        : tr("The analytics are older than the data: the last import was at %1, "
                             "the last analytics run at %2. Value, VIP, Segments and the plan "
                             "show the run before."))
                    .arg(imported, QString::fromStdString(*f->last_analytics)));
        else
            m_text->setText(
                (server ? tr("The data were imported at %1 but the analytics have never run: the "
                             "branch's nightly batch computes Value, VIP and Segments at its next "
                             "run.")
                        : tr("The data were imported at %1 but the analytics have never run: "
                             "Value, VIP and Segments are empty until they do."))
                    .arg(imported));
    }
    emit visibilityWanted(m_behind);
}

} // namespace bd::ui
