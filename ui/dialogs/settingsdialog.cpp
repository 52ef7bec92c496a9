#include "dialogs/settingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

#include "analytics/triggers.h"
#include "format.h"
#include "i18n.h"
#include "phrasebook/phrasebook.h"
#include "services/clientbook.h"
#include "session/booksession.h"
#include "widgets/pagehead.h"

namespace bd::ui {

namespace {

using services::SettingGroup;
using services::SettingSpec;
using services::SettingType;

QString number(double v) {
    return QString::number(v, 'g', 12);
}

QString fromUtf8(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

constexpr const char* kInvalidStyle = "QLineEdit{border:1px solid #C62828;background:#FFEBEE;}";

} // namespace

SettingsDialog::SettingsDialog(BookSession* session, QWidget* parent)
    : QDialog(parent), m_session(session) {
    setObjectName("settingsDialog");
    setWindowTitle(tr("Settings"));
    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName("settingsTabs");
    layout->addWidget(m_tabs, 1);

    // The catalogue, then one capacity per broker of the book (in the Planning tab).
    m_specs = services::settingSpecs();
    QMap<QString, QString> names;
    if (auto brokers = services::listBrokers(m_session->book()))
        for (const auto& b : *brokers)
            names.insert(QString::fromStdString(b.broker_id), QString::fromStdString(b.name));
    if (auto capacities = services::loadBrokerCapacities(m_session->book()))
        for (const auto& c : *capacities) {
            m_specs.push_back(*services::findSetting(c.key));
            const QString id =
                QString::fromStdString(c.key.substr(services::kBrokerCapacityPrefix.size()));
            m_brokerNames.insert(
                QString::fromStdString(c.key),
                names.value(id).isEmpty() ? id : QStringLiteral("%1 %2").arg(id, names.value(id)));
        }

    const std::pair<SettingGroup, QString> groups[] = {
        {SettingGroup::ValueModel, tr("Value model")},
        {SettingGroup::VipSegments, tr("VIP && segments")},
        {SettingGroup::Planning, tr("Planning && capacity")},
        {SettingGroup::Deadlines, tr("Deadlines")},
        {SettingGroup::Portfolio, tr("Portfolio")},
        {SettingGroup::General, tr("Language && general")},
    };
    for (const auto& [group, title] : groups) {
        auto* scroll = new QScrollArea(m_tabs);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        auto* page = new QWidget(scroll);
        auto* grid = new QGridLayout(page);
        grid->setColumnStretch(2, 1);
        int row = 0;
        if (group == SettingGroup::General) {
            m_language = new QComboBox(page);
            m_language->setObjectName("settingLanguage");
            for (const auto& [code, lang] :
                 {std::pair{"zh", phrase::Lang::Zh}, std::pair{"en", phrase::Lang::En}})
                m_language->addItem(fromUtf8(phrase::languageName(lang)), QString(code));
            m_languageShown = uiLang() == phrase::Lang::Zh ? "zh" : "en";
            m_language->setCurrentIndex(m_language->findData(m_languageShown));
            auto* label = new QLabel(tr("Language"), page);
            label->setBuddy(m_language);
            grid->addWidget(label, row, 0);
            grid->addWidget(m_language, row, 1);
            grid->addWidget(new QLabel(tr("Applies when BrokerDesk starts next time."), page),
                            row++, 2);
        }
        for (const SettingSpec& spec : m_specs) {
            if (spec.group != group) continue;
            QWidget* editor = makeEditor(spec, page);
            auto* label = new QLabel(labelFor(spec), page);
            label->setBuddy(editor);
            QString hint = rangeText(spec);
            const QString def =
                spec.type == SettingType::Choice ? QString()
                : m_brokerNames.contains(QString::fromStdString(spec.key))
                    ? tr("empty or 0: the plan's capacity")
                : spec.default_value.empty()
                    ? (spec.channel != ContactChannel::Unknown ? tr("default: no limit")
                                                               : tr("default: automatic"))
                    : tr("default: %1").arg(fromUtf8(spec.default_value));
            if (!def.isEmpty()) hint = hint.isEmpty() ? def : tr("%1; %2").arg(hint, def);
            auto* hintLabel = new QLabel(hint, page);
            hintLabel->setObjectName("settingHint_" + QString::fromStdString(spec.key));
            hintLabel->setStyleSheet("color:#5F6B76;");
            hintLabel->setWordWrap(true);
            m_hints.insert(QString::fromStdString(spec.key), hintLabel);
            m_hintTexts.insert(QString::fromStdString(spec.key), hint);
            grid->addWidget(label, row, 0);
            grid->addWidget(editor, row, 1);
            grid->addWidget(hintLabel, row++, 2);
        }
        grid->setRowStretch(row, 1);
        scroll->setWidget(page);
        m_tabs->addTab(scroll, title);
    }

    m_error = addWrappingLabel(layout, this, "settingsError");
    m_error->setStyleSheet("color:#C62828;");

    m_buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName("settingsButtons");
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName("settingsOk");
    m_buttons->button(QDialogButtonBox::Apply)->setObjectName("settingsApply");
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName("settingsCancel");
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &SettingsDialog::apply);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply()) accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    load();
    resize(880, 560);
}

QWidget* SettingsDialog::makeEditor(const SettingSpec& spec, QWidget* parent) {
    const QString key = QString::fromStdString(spec.key);
    QWidget* editor = nullptr;
    if (spec.type == SettingType::Choice) {
        auto* box = new QComboBox(parent);
        for (const auto& c : spec.choices) {
            const QString word = QString::fromStdString(c);
            box->addItem(word == "fifo"      ? tr("First in, first out (FIFO)")
                         : word == "average" ? tr("Average cost")
                                             : word,
                         word);
        }
        connect(box, &QComboBox::currentIndexChanged, this, [this] { validate(); });
        editor = box;
    } else {
        auto* line = new QLineEdit(parent);
        line->setMaximumWidth(160);
        line->setClearButtonEnabled(true);
        if (!spec.default_value.empty())
            line->setPlaceholderText(QString::fromStdString(spec.default_value));
        connect(line, &QLineEdit::textChanged, this, [this] { m_error->setText(validate()); });
        editor = line;
    }
    editor->setObjectName("setting_" + key);
    editor->setToolTip(key);
    m_editors.insert(key, editor);
    return editor;
}

QString SettingsDialog::labelFor(const SettingSpec& spec) const {
    const std::string& k = spec.key;
    if (const QString broker = m_brokerNames.value(QString::fromStdString(k)); !broker.isEmpty())
        return tr("Calls per day: broker %1").arg(broker);
    if (spec.deadline_kind != ReasonKind::Unknown) {
        const auto* rule = analytics::deadlineRule(spec.deadline_kind);
        const QString name = fromUtf8(phrase::name(spec.deadline_kind, uiLang()));
        return rule && rule->dated ? tr("%1 (working days after its date)").arg(name)
                                   : tr("%1 (by working day N of the plan)").arg(name);
    }
    const QString channel = spec.channel == ContactChannel::Unknown
                                ? tr("channel not recorded")
                                : fromUtf8(phrase::name(spec.channel, uiLang()));
    if (k.starts_with("value.channel_cost.")) return tr("Cost per contact: %1 (CNY)").arg(channel);
    if (k.starts_with("plan.channel_limit."))
        return tr("Most %1 contacts per broker per day").arg(channel);
    static const std::pair<const char*, const char*> labels[] = {
        {"value.handling_rate", QT_TR_NOOP("Exchange handling rate (share of amount traded)")},
        {"value.spread_rate", QT_TR_NOOP("Interest spread on client cash (per year)")},
        {"value.maintenance_per_year", QT_TR_NOOP("Account maintenance (CNY per year)")},
        {"value.clv_horizon_weeks", QT_TR_NOOP("Expected-value horizon (weeks)")},
        {"value.vip_percent", QT_TR_NOOP("VIPs: top share of clients by value (%)")},
        {"value.weight_profit", QT_TR_NOOP("Value score weight of realised profit")},
        {"value.weight_clv", QT_TR_NOOP("Value score weight of expected value")},
        {"value.aum_rich_quantile", QT_TR_NOOP("AUM-rich from quantile")},
        {"value.low_value_quantile", QT_TR_NOOP("Low value below quantile")},
        {"segments.kotler.many_share", QT_TR_NOOP("Segment of many clients from share")},
        {"segments.kotler.few_share", QT_TR_NOOP("Segment of few clients below share")},
        {"segments.kotler.high_margin_ratio", QT_TR_NOOP("High margin from (× mean profit)")},
        {"segments.kotler.low_margin_ratio", QT_TR_NOOP("Low margin up to (× mean profit)")},
        {"plan.service_desk_capacity", QT_TR_NOOP("Service desk calls per day")},
        {"plan.low_value_slipping_share",
         QT_TR_NOOP("Share of capacity for low-value slipping-away calls")},
        {"portfolio.risk.top1_share", QT_TR_NOOP("Largest holding's share flagged from")},
        {"portfolio.risk.top3_share", QT_TR_NOOP("Three largest holdings' share flagged from")},
        {"portfolio.risk.hhi", QT_TR_NOOP("Concentration (HHI) flagged from")},
        {"portfolio.risk.max_drawdown", QT_TR_NOOP("Maximum drawdown flagged from")},
        {"portfolio.risk.volatility", QT_TR_NOOP("Annual volatility flagged from")},
        {"portfolio.risk.growth_board_share", QT_TR_NOOP("Growth-board share flagged from")},
        {"portfolio.suitability.growth_board_min_level",
         QT_TR_NOOP("Growth boards need risk level at least (0: no rule)")},
        {"portfolio.cost_method", QT_TR_NOOP("Cost method")},
        {"risk_assessment.validity_months", QT_TR_NOOP("Risk assessment valid for (months)")},
    };
    for (const auto& [key, text] : labels)
        if (k == key) return tr(text);
    return QString::fromStdString(k);
}

QString SettingsDialog::rangeText(const SettingSpec& spec) {
    if (spec.type == SettingType::Choice) return {};
    const QString lo = number(spec.min), hi = number(spec.max);
    if (spec.type == SettingType::Integer) return tr("whole number %1 to %2").arg(lo, hi);
    if (spec.min_open && spec.max_open) return tr("more than %1 and less than %2").arg(lo, hi);
    if (spec.min_open) return tr("more than %1, at most %2").arg(lo, hi);
    if (spec.max_open) return tr("%1 to less than %2").arg(lo, hi);
    return tr("%1 to %2").arg(lo, hi);
}

void SettingsDialog::load() {
    auto values = services::loadBookSettings(m_session->book());
    auto capacities = services::loadBrokerCapacities(m_session->book());
    if (!values || !capacities) {
        m_error->setText(errorText(values ? capacities.error() : values.error()));
        return;
    }
    m_loaded = std::move(*values);
    m_loaded.insert(m_loaded.end(), capacities->begin(), capacities->end());
    if (m_loaded.size() != m_specs.size()) return; // a broker came or went: shown when reopened
    for (std::size_t i = 0; i < m_loaded.size(); ++i) {
        const SettingSpec& spec = m_specs[i];
        QWidget* w = m_editors.value(QString::fromStdString(spec.key));
        const std::optional<std::string>& v = m_loaded[i].value;
        if (auto* box = qobject_cast<QComboBox*>(w)) {
            const QSignalBlocker block(box);
            box->setCurrentIndex(
                std::max(0, box->findData(QString::fromStdString(v.value_or(spec.default_value)))));
        } else if (auto* line = qobject_cast<QLineEdit*>(w)) {
            const QSignalBlocker block(line);
            line->setText(v ? QString::fromStdString(*v) : QString());
            line->setStyleSheet({});
        }
    }
    validate(); // the hints beside the editors back to their ranges
    m_error->clear();
}

QString SettingsDialog::validate() {
    QString first;
    for (const SettingSpec& spec : m_specs) {
        auto* line = qobject_cast<QLineEdit*>(m_editors.value(QString::fromStdString(spec.key)));
        if (!line) continue;
        const QString key = QString::fromStdString(spec.key);
        const QString text = line->text().trimmed();
        // The engine's refusal, worded by the phrasebook: the setting, the value and its range.
        QString refusal;
        if (!text.isEmpty())
            if (auto checked = services::checkSetting(spec, text.toStdString()); !checked)
                refusal = errorText(checked.error());
        line->setStyleSheet(refusal.isEmpty() ? QString() : QString(kInvalidStyle));
        if (QLabel* hint = m_hints.value(key)) {
            hint->setText(refusal.isEmpty() ? m_hintTexts.value(key) : refusal);
            hint->setStyleSheet(refusal.isEmpty() ? "color:#5F6B76;" : "color:#C62828;");
        }
        if (!refusal.isEmpty() && first.isEmpty()) {
            first = refusal;
            m_errorTab = static_cast<int>(spec.group);
        }
    }
    return first;
}

bool SettingsDialog::apply() {
    if (const QString error = validate(); !error.isEmpty()) {
        m_error->setText(error);
        m_tabs->setCurrentIndex(m_errorTab); // where the value to fix is
        return false;
    }
    services::cmd::SaveSettings save;
    for (std::size_t i = 0; i < m_loaded.size() && i < m_specs.size(); ++i) {
        const SettingSpec& spec = m_specs[i];
        QWidget* w = m_editors.value(QString::fromStdString(spec.key));
        std::optional<std::string> wanted;
        if (auto* box = qobject_cast<QComboBox*>(w)) {
            const std::string word = box->currentData().toString().toStdString();
            if (m_loaded[i].value || word != spec.default_value) wanted = word;
        } else if (auto* line = qobject_cast<QLineEdit*>(w)) {
            const QString text = line->text().trimmed();
            if (!text.isEmpty()) wanted = *services::checkSetting(spec, text.toStdString());
        }
        if (wanted != m_loaded[i].value) save.values.push_back({spec.key, wanted});
    }
    if (!save.values.empty()) {
        auto r = m_session->execute(std::move(save));
        if (!r) {
            m_error->setText(
                tr("Not applied, the book is unchanged: %1").arg(errorText(r.error())));
            return false;
        }
    }
    if (const QString lang = m_language->currentData().toString(); lang != m_languageShown) {
        saveUiLanguage(lang);
        m_languageShown = lang;
    }
    load();
    return true;
}

} // namespace bd::ui
