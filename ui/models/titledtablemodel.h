#pragma once
// The base of the workstation's table models: a fixed list of column titles, one per column in
// column order, and rows counted by the model. A model lists its titles as data (marked with
// QT_TR_NOOP inside its own class, so lupdate files them under its name) and they are translated
// in the model's context when the header asks.
#include <QAbstractTableModel>

#include <cstddef>
#include <span>

namespace bd::ui {

class TitledTableModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    using QAbstractTableModel::QAbstractTableModel;

    /// Data role of a model that sorts by it: the raw value (numbers as double, text as QString).
    static constexpr int SortRole = Qt::UserRole + 1;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    /// The translated title of a column (horizontal, display role); nothing otherwise.
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  protected:
    /// Sets the titles (static storage, untranslated: QT_TR_NOOP in the model's constructor),
    /// checked at compile time to be one for each of the model's `Columns` fixed columns.
    template <int Columns, std::size_t N>
    void setTitles(const char* const (&titles)[N]) {
        static_assert(N == static_cast<std::size_t>(Columns),
                      "one title per column, in column order");
        m_titles = titles;
    }
    /// How many rows the model holds.
    virtual std::size_t rowTotal() const = 0;

  private:
    std::span<const char* const> m_titles;
};

} // namespace bd::ui
