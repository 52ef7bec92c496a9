#include "widgets/clientfilterbar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>

#include "format.h"
#include "phrasebook/phrasebook.h"
#include "services/segmentation.h"

namespace bd::ui {

ClientFilterBar::ClientFilterBar(QWidget* parent) : QWidget(parent) {
    setObjectName("clientFilterBar");
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_combos[Branch] = addCombo(tr("Branch:"), "branchFilter");
    m_combos[Status] = addCombo(tr("Status:"), "statusFilter");
    for (ClientStatus s : {ClientStatus::Active, ClientStatus::Dormant, ClientStatus::Closed,
                           ClientStatus::Prospect})
        combo(Status)->addItem(enumLabel(s), static_cast<int>(s));
    m_combos[Risk] = addCombo(tr("Risk:"), "riskFilter");
    for (int level = 1; level <= 5; ++level)
        combo(Risk)->addItem(QStringLiteral("C%1").arg(level), level);
    m_combos[Segment] = addCombo(tr("Segment:"), "segmentFilter");
    m_combos[Vip] = addCombo(tr("VIP:"), "vipFilter");
    combo(Vip)->addItem(tr("VIP only"), 1);
    combo(Vip)->addItem(tr("Not VIP"), 0);
    m_combos[Tag] = addCombo(tr("Tag:"), "tagFilter");
    row->addStretch(1);
}

QComboBox* ClientFilterBar::addCombo(const QString& label, const char* objectName) {
    auto* text = new QLabel(label, this);
    auto* combo = new QComboBox(this);
    combo->setObjectName(objectName);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    combo->addItem(tr("All"), QVariant());
    text->setBuddy(combo);
    layout()->addWidget(text);
    layout()->addWidget(combo);
    connect(combo, &QComboBox::currentIndexChanged, this, [this](int) {
        if (!m_quiet) emit filtersChanged(filters());
    });
    return combo;
}

namespace {

/// Replaces the choices after "All", keeping the chosen one when it is still offered.
void refill(QComboBox* combo, const QList<QPair<QString, QVariant>>& items) {
    const QVariant chosen = combo->currentData();
    const QSignalBlocker block(combo);
    while (combo->count() > 1) combo->removeItem(1);
    for (const auto& [text, data] : items) combo->addItem(text, data);
    const int at = chosen.isValid() ? combo->findData(chosen) : 0;
    combo->setCurrentIndex(at < 0 ? 0 : at);
}

} // namespace

ClientFilterBar::Choices ClientFilterBar::branchChoices(services::Database& db) {
    Choices branches;
    if (auto list = services::listBranchNames(db)) // names only: no count of every client
        for (const auto& b : *list)
            branches.append({QString::fromStdString(b.name.empty() ? b.branch_id : b.name),
                             QString::fromStdString(b.branch_id)});
    return branches;
}

ClientFilterBar::Choices ClientFilterBar::segmentChoices(services::Database& db) {
    Choices segments;
    if (auto seg = services::loadLatestSegmentation(db); seg && *seg)
        for (const auto& s : (*seg)->segments)
            segments.append({QStringLiteral("%1 %2")
                                 .arg(s.segment_id)
                                 .arg(QString::fromStdString(phrase::segmentName(
                                     s.name_fact, s.name_zh, s.name_en, uiLang()))),
                             s.segment_id});
    return segments;
}

ClientFilterBar::Choices ClientFilterBar::tagChoices(services::Database& db) {
    Choices tags;
    if (auto list = services::listTags(db))
        for (const auto& [name, colour] : *list)
            tags.append({QString::fromStdString(name), QString::fromStdString(name)});
    return tags;
}

void ClientFilterBar::refillAll(const QList<QPair<QComboBox*, Choices>>& combos) {
    const services::ClientQuery before = filters();
    m_quiet = true;
    for (const auto& [combo, choices] : combos) refill(combo, choices);
    m_quiet = false;
    const services::ClientQuery after = filters();
    if (after.branch_id != before.branch_id || after.segment_id != before.segment_id ||
        after.tag != before.tag)
        emit filtersChanged(after);
}

void ClientFilterBar::reload(services::Database& db) {
    refillAll({{combo(Branch), branchChoices(db)},
               {combo(Segment), segmentChoices(db)},
               {combo(Tag), tagChoices(db)}});
}

void ClientFilterBar::reloadTags(services::Database& db) {
    refillAll({{combo(Tag), tagChoices(db)}});
}

void ClientFilterBar::reloadSegments(services::Database& db) {
    refillAll({{combo(Segment), segmentChoices(db)}});
}

void ClientFilterBar::clear() {
    const services::ClientQuery before = filters();
    m_quiet = true;
    for (QComboBox* c : m_combos) c->setCurrentIndex(0);
    m_quiet = false;
    const services::ClientQuery none;
    if (before.branch_id != none.branch_id || before.status || before.risk_level ||
        before.segment_id || before.vip || !before.tag.empty())
        emit filtersChanged(filters());
}

services::ClientQuery ClientFilterBar::filters() const {
    services::ClientQuery q;
    q.branch_id = combo(Branch)->currentData().toString().toStdString();
    if (const QVariant v = combo(Status)->currentData(); v.isValid())
        q.status = static_cast<ClientStatus>(v.toInt());
    if (const QVariant v = combo(Risk)->currentData(); v.isValid()) q.risk_level = v.toInt();
    if (const QVariant v = combo(Segment)->currentData(); v.isValid()) q.segment_id = v.toInt();
    if (const QVariant v = combo(Vip)->currentData(); v.isValid()) q.vip = v.toInt() == 1;
    q.tag = combo(Tag)->currentData().toString().toStdString();
    return q;
}

} // namespace bd::ui
