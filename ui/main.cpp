#include <QApplication>

#include "app.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    return bd::ui::runWorkstation(app);
}
