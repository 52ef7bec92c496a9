#include "views/policyeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "format.h"
#include "services/servicepolicies.h"
#include "session/booksession.h"

namespace bd::ui {

namespace {
enum Column { Type, Cadence, Proactive, Channels, ServedBy, ColumnCount };
} // namespace

PolicyEditor::PolicyEditor(QWidget* parent) : QWidget(parent) {
    setObjectName("policyEditor");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* intro = new QLabel(
        tr("How each Kotler relationship type is served. Scheduling plans contacts from these "
           "rows; channels are comma-separated, preferred first (phone, sms, wechat, email, "
           "visit, seminar)."),
        this);
    intro->setWordWrap(true);
    intro->setStyleSheet("color:#5A6470;");
    layout->addWidget(intro);

    m_table = new QTableWidget(kTypes, ColumnCount, this);
    m_table->setObjectName("policyTable");
    m_table->setHorizontalHeaderLabels({tr("Relationship type"), tr("Contact every (days)"),
                                        tr("Proactive"), tr("Preferred channels"),
                                        tr("Served by")});
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 14);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int t = 0; t < kTypes; ++t) {
        auto* type = new QTableWidgetItem(relationshipLabel(t));
        type->setFlags(Qt::ItemIsEnabled);
        m_table->setItem(t, Type, type);
        m_cadence[t] = new QSpinBox(m_table);
        m_cadence[t]->setObjectName(QStringLiteral("cadence_%1").arg(t));
        m_cadence[t]->setRange(1, 3650);
        m_cadence[t]->setSuffix(tr(" days"));
        m_table->setCellWidget(t, Cadence, m_cadence[t]);
        auto* box = new QWidget(m_table);
        auto* bl = new QHBoxLayout(box);
        bl->setContentsMargins(0, 0, 0, 0);
        bl->setAlignment(Qt::AlignCenter);
        m_proactive[t] = new QCheckBox(box);
        m_proactive[t]->setObjectName(QStringLiteral("proactive_%1").arg(t));
        bl->addWidget(m_proactive[t]);
        m_table->setCellWidget(t, Proactive, box);
        m_channels[t] = new QLineEdit(m_table);
        m_channels[t]->setObjectName(QStringLiteral("channels_%1").arg(t));
        m_table->setCellWidget(t, Channels, m_channels[t]);
        m_servedBy[t] = new QComboBox(m_table);
        m_servedBy[t]->setObjectName(QStringLiteral("servedBy_%1").arg(t));
        for (int s = 0; s < 4; ++s) m_servedBy[t]->addItem(servedByLabel(s), s);
        m_table->setCellWidget(t, ServedBy, m_servedBy[t]);
        connect(m_cadence[t], &QSpinBox::valueChanged, this, [this] { setDirty(true); });
        connect(m_proactive[t], &QCheckBox::toggled, this, [this] { setDirty(true); });
        connect(m_channels[t], &QLineEdit::textEdited, this, [this] { setDirty(true); });
        connect(m_servedBy[t], &QComboBox::currentIndexChanged, this, [this] { setDirty(true); });
    }
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_table->setColumnWidth(Type, 16 * digit);
    m_table->setColumnWidth(Cadence, 14 * digit);
    m_table->setColumnWidth(Proactive, 10 * digit);
    m_table->setColumnWidth(Channels, 26 * digit);
    m_table->setMinimumHeight((fontMetrics().height() + 14) * (kTypes + 1) + 6);
    layout->addWidget(m_table);

    auto* buttons = new QHBoxLayout;
    m_message = new QLabel(this);
    m_message->setObjectName("policyMessage");
    m_revert = new QPushButton(tr("Revert"), this);
    m_revert->setObjectName("policyRevert");
    m_save = new QPushButton(tr("Save policies"), this);
    m_save->setObjectName("policySave");
    m_save->setDefault(true);
    buttons->addWidget(m_message, 1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    layout->addLayout(buttons);
    layout->addStretch(1);
    connect(m_save, &QPushButton::clicked, this, [this] { save(); });
    connect(m_revert, &QPushButton::clicked, this, [this] { load(); });
    load();
}

void PolicyEditor::setSession(BookSession* session) {
    m_session = session;
    connect(session, &BookSession::settingsChanged, this,
            [this](const services::SettingsChange& c) {
                if (c.kind != services::SettingsChange::Kind::ServicePolicies) return;
                if (m_saving || !m_save->isEnabled())
                    load();
                else // keep what the user is typing
                    m_message->setText(tr("The book's policies changed; Revert shows them."));
            });
    connect(session, &BookSession::bookReplaced, this, &PolicyEditor::load);
    load();
}

QString PolicyEditor::message() const {
    return m_message->text();
}

void PolicyEditor::setDirty(bool dirty) {
    m_save->setEnabled(dirty && m_session);
    m_revert->setEnabled(dirty && m_session);
    if (dirty) m_message->setText(tr("Unsaved changes"));
}

void PolicyEditor::load() {
    m_table->setEnabled(m_session != nullptr);
    if (m_session) {
        auto policies = services::loadServicePolicies(m_session->book());
        if (!policies) {
            m_message->setText(errorText(policies.error()));
            return;
        }
        for (const auto& p : *policies) {
            const int t = static_cast<int>(p.type);
            if (t < 0 || t >= kTypes) continue;
            const QSignalBlocker b1(m_cadence[t]), b2(m_proactive[t]), b3(m_channels[t]),
                b4(m_servedBy[t]);
            m_cadence[t]->setValue(p.contact_cadence_days);
            m_proactive[t]->setChecked(p.proactive_contact);
            m_channels[t]->setText(QString::fromStdString(services::formatChannels(p.channels)));
            m_servedBy[t]->setCurrentIndex(static_cast<int>(p.served_by));
        }
    }
    setDirty(false);
    m_message->setText(m_session ? tr("Policies as stored in the book.") : QString());
}

bool PolicyEditor::save() {
    if (!m_session) return false;
    std::vector<analytics::ServicePolicy> policies;
    for (int t = 0; t < kTypes; ++t) {
        analytics::ServicePolicy p;
        p.type = static_cast<analytics::RelationshipType>(t);
        p.contact_cadence_days = m_cadence[t]->value();
        p.proactive_contact = m_proactive[t]->isChecked();
        auto channels = services::parseChannels(m_channels[t]->text().toStdString());
        if (!channels || channels->empty()) {
            m_message->setText(tr("%1: %2").arg(relationshipLabel(t),
                                                channels ? tr("at least one channel is needed")
                                                         : errorText(channels.error())));
            m_message->setStyleSheet("color:#B71C1C;");
            m_channels[t]->setFocus();
            return false;
        }
        p.channels = std::move(*channels);
        p.served_by = static_cast<analytics::ServedBy>(m_servedBy[t]->currentIndex());
        policies.push_back(std::move(p));
    }
    // The session announces the change, which reloads the editor: it shows what the book now
    // holds (normalised channel names).
    m_saving = true;
    const Status s = m_session->saveServicePolicies(policies);
    m_saving = false;
    if (!s) {
        m_message->setText(errorText(s.error()));
        m_message->setStyleSheet("color:#B71C1C;");
        return false;
    }
    m_message->setStyleSheet({});
    m_message->setText(tr("Saved."));
    emit saved();
    return true;
}

} // namespace bd::ui
