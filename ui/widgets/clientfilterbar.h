#pragma once
// The Clients table's filters besides search and broker (issue 18 item 7): branch, status
// (prospects included), risk level, segment of the newest segmentation, VIP, tag. Each is a
// combo box whose first entry is "all"; a change emits the filters as a ClientQuery.
#include <QWidget>

#include "services/book.h"
#include "services/clientbook.h"

class QComboBox;

namespace bd::ui {

class ClientFilterBar : public QWidget {
    Q_OBJECT
  public:
    explicit ClientFilterBar(QWidget* parent = nullptr);

    /// Fills the choices from the book (branches, segments, tags), keeping what is chosen when
    /// it is still there.
    void reload(services::Database& db);
    /// Only the tags (a client edit can add one; branches and segments it cannot change).
    void reloadTags(services::Database& db);
    /// Only the segments (a new analytics run, or renamed segments).
    void reloadSegments(services::Database& db);
    /// Back to "all" everywhere (emits filtersChanged once when anything was set).
    void clear();
    /// The chosen filters (the filter fields of a ClientQuery).
    services::ClientQuery filters() const;

    QComboBox* branch() const { return m_branch; }
    QComboBox* status() const { return m_status; }
    QComboBox* risk() const { return m_risk; }
    QComboBox* segment() const { return m_segment; }
    QComboBox* vip() const { return m_vip; }
    QComboBox* tag() const { return m_tag; }

  signals:
    void filtersChanged(const bd::services::ClientQuery& filters);

  private:
    QComboBox* addCombo(const QString& label, const char* objectName);
    using Choices = QList<QPair<QString, QVariant>>;
    static Choices branchChoices(services::Database& db);
    static Choices segmentChoices(services::Database& db);
    static Choices tagChoices(services::Database& db);
    /// Refills the given combos, then emits filtersChanged when what is chosen changed.
    void refillAll(const QList<QPair<QComboBox*, Choices>>& combos);

    QComboBox* m_branch = nullptr;
    QComboBox* m_status = nullptr;
    QComboBox* m_risk = nullptr;
    QComboBox* m_segment = nullptr;
    QComboBox* m_vip = nullptr;
    QComboBox* m_tag = nullptr;
    bool m_quiet = false;
};

} // namespace bd::ui
