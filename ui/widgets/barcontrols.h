#pragma once
// The controls of a working page's title bar (widgets/pagehead.h), made one way: each named for
// the tests and the style sheet, added to the bar after its label when it has one.
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QString>

namespace bd::ui {

/// A new `W` on `page` named `objectName`, added to `bar` after the label `label` (none when
/// empty).
template <typename W>
W* addBarControl(QHBoxLayout* bar, QWidget* page, const char* objectName,
                 const QString& label = {}) {
    if (!label.isEmpty()) bar->addWidget(new QLabel(label, page));
    auto* w = new W(page);
    w->setObjectName(objectName);
    bar->addWidget(w);
    return w;
}

/// A button saying `text` on `page` named `objectName`, added to `bar`.
inline QPushButton* addBarButton(QHBoxLayout* bar, QWidget* page, const char* objectName,
                                 const QString& text) {
    auto* button = addBarControl<QPushButton>(bar, page, objectName);
    button->setText(text);
    return button;
}

/// A day picker as the workstation shows one: YYYY-MM-DD with a calendar pop-up.
inline void setDayPicker(QDateEdit* edit) {
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
}

} // namespace bd::ui
