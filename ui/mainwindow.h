#pragma once
// The workstation's main window.
#include <QMainWindow>

#include <memory>

#include "storage/database.h"

class QLabel;

namespace bd::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// Takes ownership of an open book.
    explicit MainWindow(storage::Database db, QWidget* parent = nullptr);
    ~MainWindow() override;

private:
    void refreshStatus();

    storage::Database m_db;
    QLabel* m_status = nullptr;
};

}  // namespace bd::ui
