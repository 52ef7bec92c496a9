#pragma once
// Editor of the service policy per Kotler relationship type: contact cadence in days, whether
// the broker contacts proactively, preferred channels and who serves. Saved to the book through
// services/servicepolicies.h (scheduling reads the same rows).
#include <QWidget>

#include "storage/db/database.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace bd::ui {

class PolicyEditor : public QWidget {
    Q_OBJECT
  public:
    explicit PolicyEditor(QWidget* parent = nullptr);

    static constexpr int kTypes = 5;
    /// Reads the book's policies into the editor (nullptr: empty and disabled).
    void load(storage::Database* db);
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

    storage::Database* m_db = nullptr;
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
