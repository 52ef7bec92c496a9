#pragma once
// The Clients table's filters besides search and broker (issue 18 item 7): branch, status
// (prospects included), risk level, segment of the newest segmentation, VIP, tag. Each is a
// combo box whose first entry is "all"; a change emits the filters as a ClientQuery.
#include <QWidget>

#include <array>

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

    /// The filters, left to right.
    enum Filter { Branch, Status, Risk, Segment, Vip, Tag, FilterCount };
    QComboBox* combo(Filter f) const { return m_combos[f]; }
    QComboBox* branch() const { return combo(Branch); }
    QComboBox* status() const { return combo(Status); }
    QComboBox* risk() const { return combo(Risk); }
    QComboBox* segment() const { return combo(Segment); }
    QComboBox* vip() const { return combo(Vip); }
    QComboBox* tag() const { return combo(Tag); }

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

    std::array<QComboBox*, FilterCount> m_combos{}; // by Filter
    bool m_quiet = false;
};

} // namespace bd::ui
