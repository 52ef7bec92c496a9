#pragma once
// The top of a workstation page, built one way: the analysis pages (Value, VIP, Segments) show
// a large bold title with a grey line beside it naming the run they show; the working pages
// (Today, Coverage) a title bar that carries the page's controls. Also the wrapping text labels
// pages and dialogs say things in.
#include <QString>

class QBoxLayout;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QSplitter;
class QVBoxLayout;
class QWidget;

namespace bd::ui {

/// An analysis page's column and the grey run line beside its title.
struct RunPageHead {
    QVBoxLayout* layout = nullptr;
    QLabel* run_info = nullptr;
};

/// Lays out `page` as a column headed by `title` and a run line named `runInfoName`.
RunPageHead makeRunPageHead(QWidget* page, const QString& title, const char* runInfoName);

/// A working page's column and its title bar (not yet added: the caller adds its controls first).
struct BarPageHead {
    QVBoxLayout* layout = nullptr;
    QHBoxLayout* bar = nullptr;
};

/// Lays out `page` as a column whose title bar starts with `title`.
BarPageHead makeBarPageHead(QWidget* page, const QString& title);

/// Adds to a working page's column the line under its title bar that sums up what the page
/// shows, named `objectName`; returns the label.
QLabel* addSummaryLine(QBoxLayout* layout, QWidget* page, const char* objectName);

/// A section's heading: `text` in bold.
QLabel* makeHeading(const QString& text, QWidget* parent);

/// Adds to `split` a section of the page: a column headed by `heading` in bold. Returns the
/// column's layout, for what goes below the heading (parentWidget() is the column).
QVBoxLayout* addHeadedColumn(QSplitter* split, const QString& heading);

/// Adds to `layout` a wrapping text label named `objectName` (a note, a summary, an error);
/// returns the label.
QLabel* addWrappingLabel(QBoxLayout* layout, QWidget* parent, const char* objectName);

/// Adds to `form` a row "label:" whose field is a selectable text label named `objectName`;
/// returns the field.
QLabel* addFormField(QFormLayout* form, QWidget* parent, const QString& label,
                     const char* objectName);

/// Adds to `layout` a group box titled `title` holding a selectable, wrapping text label named
/// `objectName` (the explanation of a score or a rank); returns the label.
QLabel* addTextBox(QBoxLayout* layout, QWidget* parent, const QString& title,
                   const char* objectName);

} // namespace bd::ui
