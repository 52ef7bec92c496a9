#include "widgets/levelchoice.h"

namespace bd::ui {

LevelChoice::LevelChoice(QWidget* parent) : QComboBox(parent) {
    addItems({tr("By broker"), tr("By branch")});
}

} // namespace bd::ui
