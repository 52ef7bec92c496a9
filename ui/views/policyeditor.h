#pragma once
// Editor of the service policy per Kotler relationship type: contact cadence in days, whether
// the broker contacts proactively, preferred channels and who serves. Saved through the book
// session (scheduling reads the same rows); follows policies changed elsewhere unless edited.
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace bd::ui {

class BookSession;

class PolicyEditor : public QWidget {
    Q_OBJECT
  public:
    explicit PolicyEditor(QWidget* parent = nullptr);

    static constexpr int kTypes = 5;
    /// The session whose book's policies the editor shows and saves (not owned; set once).
    void setSession(BookSession* session);
    /// Reads the book's policies into the editor (empty and disabled without a session).
    void load();
    /// Validates and stores every row; false (with the reason shown) when a row is invalid.
    bool save();
    /// Editors of row `type` (0 basic .. 4 partnership), for tests.
    QSpinBox* cadence(int type) const { return m_cadence[type]; }
    QCheckBox* proactive(int type) const { return m_proactive[type]; }
    QLineEdit* channels(int type) const { return m_channels[type]; }
    QComboBox* servedBy(int type) const { return m_servedBy[type]; }
    /// The last save or load message.
    QString message() const;

  signals:
    void saved();

  private:
    void setDirty(bool dirty);

    BookSession* m_session = nullptr;
    bool m_saving = false;
    QTableWidget* m_table = nullptr;
    QSpinBox* m_cadence[kTypes] = {};
    QCheckBox* m_proactive[kTypes] = {};
    QLineEdit* m_channels[kTypes] = {};
    QComboBox* m_servedBy[kTypes] = {};
    QPushButton* m_save = nullptr;
    QPushButton* m_revert = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace bd::ui
