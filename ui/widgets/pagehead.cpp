#include "widgets/pagehead.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace bd::ui {

RunPageHead makeRunPageHead(QWidget* page, const QString& title, const char* runInfoName) {
    RunPageHead head;
    head.layout = new QVBoxLayout(page);
    head.layout->setContentsMargins(10, 8, 10, 8);
    head.layout->setSpacing(8);
    auto* titleLabel = new QLabel(title, page);
    QFont big = titleLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    titleLabel->setFont(big);
    head.run_info = new QLabel(page);
    head.run_info->setObjectName(runInfoName);
    head.run_info->setStyleSheet("color:#6B6B6B;");
    auto* line = new QHBoxLayout;
    line->addWidget(titleLabel);
    line->addSpacing(12);
    line->addWidget(head.run_info, 1);
    head.layout->addLayout(line);
    return head;
}

BarPageHead makeBarPageHead(QWidget* page, const QString& title) {
    BarPageHead head;
    head.layout = new QVBoxLayout(page);
    head.layout->setContentsMargins(12, 10, 12, 8);
    head.bar = new QHBoxLayout;
    auto* titleLabel = new QLabel(title, page);
    titleLabel->setStyleSheet("font-size:16pt;font-weight:bold;");
    head.bar->addWidget(titleLabel);
    head.bar->addSpacing(16);
    return head;
}

QLabel* addSummaryLine(QBoxLayout* layout, QWidget* page, const char* objectName) {
    auto* summary = new QLabel(page);
    summary->setObjectName(objectName);
    summary->setStyleSheet("color:#445;");
    layout->addWidget(summary);
    return summary;
}

QLabel* makeHeading(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setStyleSheet("font-weight:bold;");
    return label;
}

QVBoxLayout* addHeadedColumn(QSplitter* split, const QString& heading) {
    auto* column = new QWidget(split);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(makeHeading(heading, column));
    return layout;
}

QLabel* addWrappingLabel(QBoxLayout* layout, QWidget* parent, const char* objectName) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    layout->addWidget(label);
    return label;
}

QLabel* addFormField(QFormLayout* form, QWidget* parent, const QString& label,
                     const char* objectName) {
    auto* value = new QLabel(parent);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(label + QLatin1Char(':'), value);
    return value;
}

QLabel* addTextBox(QBoxLayout* layout, QWidget* parent, const QString& title,
                   const char* objectName) {
    auto* box = new QGroupBox(title, parent);
    auto* text = addWrappingLabel(new QVBoxLayout(box), box, objectName);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(box);
    return text;
}

} // namespace bd::ui
