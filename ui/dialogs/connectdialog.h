#pragma once
// File › Connect to branch server…: the login to a branch book on PostgreSQL (host, port,
// database, login, password). Fields left empty take libpq's defaults (PGHOST, PGPORT,
// PGDATABASE, PGUSER) and a password left empty comes from ~/.pgpass or PGPASSWORD. The
// password stays in memory: never in the settings, a command line or the log.
#include <QDialog>

#include "core/result.h"
#include "services/serverreplica.h"

class QLineEdit;
class QSpinBox;

namespace bd::ui {

class ConnectDialog : public QDialog {
    Q_OBJECT
  public:
    explicit ConnectDialog(QWidget* parent = nullptr);

    /// What was typed (the password included).
    services::ServerLoginForm form() const;
    /// Fills the fields (not the password) from an earlier form.
    void setForm(const services::ServerLoginForm& form);

  private:
    QLineEdit* m_host = nullptr;
    QSpinBox* m_port = nullptr;
    QLineEdit* m_database = nullptr;
    QLineEdit* m_login = nullptr;
    QLineEdit* m_password = nullptr;
};

/// One sentence for a branch server that could not be opened: a wrong password or a login
/// that is no user of the book, a server that cannot be reached, a book of a newer version.
QString connectFailureText(const Error& e, const QString& where);

} // namespace bd::ui
