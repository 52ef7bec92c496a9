#include "dialogs/duplicatesdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "format.h"
#include "phrasebook/phrasebook.h"
#include "session/booksession.h"
#include "widgets/tablehelpers.h"

namespace bd::ui {

DuplicatesDialog::DuplicatesDialog(BookSession* session, QWidget* parent)
    : QDialog(parent), m_session(session) {
    setObjectName("duplicatesDialog");
    setWindowTitle(tr("Duplicate clients"));
    resize(1100, 640);
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName("duplicatesSummary");
    layout->addWidget(m_summary);
    auto* split = new QSplitter(Qt::Vertical, this);
    m_pairs =
        makeReadOnlyTable({tr("Keep"), tr("Name"), tr("Merge into it"), tr("Name"), tr("Why")},
                          "duplicatePairs", split);
    m_pairs->horizontalHeader()->setStretchLastSection(true);
    m_sides = makeReadOnlyTable({tr("Field"), tr("Kept client"), tr("Merged client")},
                                "duplicateSides", split, ListLook{0, false});
    m_sides->horizontalHeader()->setStretchLastSection(true);
    split->addWidget(m_pairs);
    split->addWidget(m_sides);
    split->setSizes({360, 240});
    layout->addWidget(split, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_merge = buttons->addButton(tr("Merge…"), QDialogButtonBox::ActionRole);
    m_merge->setObjectName("duplicatesMerge");
    connect(m_merge, &QPushButton::clicked, this, [this] { mergeSelected(true); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_pairs, &QTableWidget::currentCellChanged, this,
            [this](int row, int, int, int) { showPair(row); });
    reload();
}

void DuplicatesDialog::reload() {
    auto list = services::findDuplicates(m_session->book());
    m_pairs->setRowCount(0);
    if (!list) {
        m_summary->setText(errorText(list.error()));
        m_merge->setEnabled(false);
        return;
    }
    m_list = std::move(*list);
    m_pairs->setRowCount(static_cast<int>(m_list.pairs.size()));
    for (int i = 0; i < static_cast<int>(m_list.pairs.size()); ++i) {
        const auto& p = m_list.pairs[static_cast<std::size_t>(i)];
        m_pairs->setItem(i, 0, textItem(QString::fromStdString(p.keep.client_id)));
        m_pairs->setItem(i, 1, textItem(QString::fromStdString(p.keep.name)));
        m_pairs->setItem(i, 2, textItem(QString::fromStdString(p.absorb.client_id)));
        m_pairs->setItem(i, 3, textItem(QString::fromStdString(p.absorb.name)));
        m_pairs->setItem(
            i, 4, textItem(QString::fromStdString(phrase::duplicateReasons(p.reasons, uiLang()))));
    }
    m_pairs->resizeColumnsToContents();
    QString summary = tr("%n candidate pair(s); the older account is suggested to keep.", nullptr,
                         static_cast<int>(m_list.pairs.size()));
    if (m_list.large_groups > 0)
        summary += QLatin1Char(' ') + tr("%n value(s) shared by more than 10 clients left out.",
                                         nullptr, static_cast<int>(m_list.large_groups));
    m_summary->setText(summary);
    m_merge->setEnabled(!m_list.pairs.empty());
    if (!m_list.pairs.empty())
        m_pairs->setCurrentCell(0, 0);
    else
        showPair(-1);
}

void DuplicatesDialog::showPair(int row) {
    m_sides->setRowCount(0);
    if (row < 0 || row >= static_cast<int>(m_list.pairs.size())) return;
    const auto& p = m_list.pairs[static_cast<std::size_t>(row)];
    const auto fields = [](const services::DuplicateSide& s) {
        return QStringList{QString::fromStdString(s.client_id),
                           QString::fromStdString(s.name),
                           formatDate(s.birth_date),
                           QString::fromStdString(s.phone),
                           QString::fromStdString(s.id_number_tail),
                           QString::fromStdString(s.broker_id),
                           QString::fromStdString(s.branch_id),
                           formatDate(s.open_date),
                           enumLabel(s.status)};
    };
    const QStringList names{
        tr("Client ID"), tr("Name"),   tr("Birth date"), tr("Phone"), tr("ID number (last 4)"),
        tr("Broker"),    tr("Branch"), tr("Opened"),     tr("Status")};
    const QStringList keep = fields(p.keep), absorb = fields(p.absorb);
    m_sides->setRowCount(static_cast<int>(names.size()));
    for (int i = 0; i < names.size(); ++i) {
        m_sides->setItem(i, 0, textItem(names[i]));
        m_sides->setItem(i, 1, textItem(keep[i]));
        m_sides->setItem(i, 2, textItem(absorb[i]));
    }
    m_sides->resizeColumnsToContents();
}

bool DuplicatesDialog::mergeSelected(bool confirm) {
    const int row = m_pairs->currentRow();
    if (row < 0 || row >= static_cast<int>(m_list.pairs.size())) return false;
    const auto& p = m_list.pairs[static_cast<std::size_t>(row)];
    const QString keep = QString::fromStdString(p.keep.client_id);
    const QString absorb = QString::fromStdString(p.absorb.client_id);
    if (confirm &&
        QMessageBox::question(
            this, tr("Merge clients"),
            tr("Merge %1 into %2? Every trade, snapshot, position, contact, plan item, tag and "
               "note of %1 moves to %2, and %1 is marked merged. Edit ▸ Undo takes it back.")
                .arg(absorb, keep)) != QMessageBox::Yes)
        return false;
    auto r = m_session->execute(services::cmd::MergeClients{p.keep.client_id, p.absorb.client_id});
    if (!r) {
        m_summary->setText(errorText(r.error()));
        return false;
    }
    reload();
    return true;
}

} // namespace bd::ui
