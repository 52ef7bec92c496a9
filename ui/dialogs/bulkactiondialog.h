#pragma once
// A bulk action on many clients of the Clients table (issue 18 item 7): reassign broker, add or
// remove a tag, set status. It shows what will change before it runs ("12 clients will be
// reassigned from B001 (8), B002 (4) to B003") and applies it through the session as one
// command (one audited operation on the undo stack), so every view follows.
#include <QDialog>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "jobs/latestread.h"
#include "services/massupdate.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace bd::ui {

class BookSession;

class BulkActionDialog : public QDialog {
    Q_OBJECT
  public:
    enum Action { Reassign, AddTag, RemoveTag, SetStatus };
    /// Acts on `clients` (row id, client id) of `session`'s book.
    BulkActionDialog(BookSession* session,
                     std::vector<std::pair<std::int64_t, std::string>> clients,
                     QWidget* parent = nullptr);

    QComboBox* action() const { return m_action; }
    QComboBox* broker() const { return m_broker; }
    QLineEdit* tag() const { return m_tag; }
    QComboBox* status() const { return m_status; }
    /// What will change, in words (kept up to date as the choices change; the counts are read
    /// off the window's thread, see isPreviewing()).
    QString previewText() const;
    /// True while the preview's counts of the newest choice are being read.
    bool isPreviewing() const { return m_previewRead.pending(); }
    /// Runs the action; true when it ran (the dialog is then accepted), else the refusal is
    /// shown and the dialog stays.
    bool apply();

  private:
    void updatePreview();
    static QString previewWords(int action, const services::BulkPreview& preview,
                                const std::string& to, const QString& statusText);

    BookSession* m_session;
    std::vector<std::pair<std::int64_t, std::string>> m_clients;
    QComboBox* m_action = nullptr;
    QComboBox* m_broker = nullptr;
    QLineEdit* m_tag = nullptr;
    QComboBox* m_status = nullptr;
    QLabel* m_preview = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_apply = nullptr;
    LatestRead m_previewRead; // drops the counts of a choice since changed
};

} // namespace bd::ui
