#pragma once
// The level a page lists its lines at (Coverage, the manager's desk): brokers or branches.
#include <QComboBox>

namespace bd::ui {

/// "By broker" / "By branch", in a working page's title bar.
class LevelChoice : public QComboBox {
    Q_OBJECT
  public:
    explicit LevelChoice(QWidget* parent = nullptr);

    /// True when the page lists branches, false for brokers.
    bool byBranch() const { return currentIndex() == 1; }
    void setByBranch(bool byBranch) { setCurrentIndex(byBranch ? 1 : 0); }
};

} // namespace bd::ui
