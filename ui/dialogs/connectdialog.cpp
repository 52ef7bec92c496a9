#include "dialogs/connectdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "format.h"

namespace bd::ui {

ConnectDialog::ConnectDialog(QWidget* parent) : QDialog(parent) {
    setObjectName("connectDialog");
    setWindowTitle(tr("Connect to branch server"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("The branch book on its PostgreSQL server. Fields left empty take the system's "
           "defaults; a password left empty is read from ~/.pgpass."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    m_host = new QLineEdit(this);
    m_host->setObjectName("connectHost");
    m_host->setPlaceholderText(tr("server name or address"));
    m_port = new QSpinBox(this);
    m_port->setObjectName("connectPort");
    m_port->setRange(0, 65535);
    m_port->setValue(5432);
    m_port->setSpecialValueText(tr("default"));
    m_database = new QLineEdit(this);
    m_database->setObjectName("connectDatabase");
    m_login = new QLineEdit(this);
    m_login->setObjectName("connectLogin");
    m_password = new QLineEdit(this);
    m_password->setObjectName("connectPassword");
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Server:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&Login:"), m_login);
    form->addRow(tr("Pass&word:"), m_password);
    layout->addLayout(form);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName("connectButtons");
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    // What libpq would take for the fields left empty, shown (the password never).
    m_host->setText(qEnvironmentVariable("PGHOST"));
    if (const int port = qEnvironmentVariableIntValue("PGPORT"); port > 0) m_port->setValue(port);
    m_database->setText(qEnvironmentVariable("PGDATABASE"));
    m_login->setText(qEnvironmentVariable("PGUSER"));
    resize(460, sizeHint().height());
}

services::ServerLoginForm ConnectDialog::form() const {
    services::ServerLoginForm f;
    f.host = m_host->text().trimmed().toStdString();
    f.port = m_port->value();
    f.database = m_database->text().trimmed().toStdString();
    f.login = m_login->text().trimmed().toStdString();
    f.password = m_password->text().toStdString();
    return f;
}

void ConnectDialog::setForm(const services::ServerLoginForm& f) {
    m_host->setText(QString::fromStdString(f.host));
    m_port->setValue(f.port);
    m_database->setText(QString::fromStdString(f.database));
    m_login->setText(QString::fromStdString(f.login));
}

QString connectFailureText(const Error& e, const QString& where) {
    switch (e.code) {
    case ErrorCode::NotPermitted:
        return ConnectDialog::tr("The branch server %1 refused the login: the password is "
                                 "wrong, or the login is no user of this book.")
            .arg(where);
    case ErrorCode::Unavailable:
        return ConnectDialog::tr("The branch server %1 cannot be reached: check its address "
                                 "and port, and that it is running.")
            .arg(where);
    case ErrorCode::Version:
        return ConnectDialog::tr("The branch book on %1 is of a newer BrokerDesk than this one: "
                                 "install the newer version to open it.")
            .arg(where);
    case ErrorCode::NotFound:
        return ConnectDialog::tr("There is no branch book on %1: check the database's name.")
            .arg(where);
    default:
        return errorText(e);
    }
}

} // namespace bd::ui
