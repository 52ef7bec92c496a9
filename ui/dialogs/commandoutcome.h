#pragma once
// How a dialog that runs a command ends: accepted when the command went through; otherwise the
// refusal shows in the dialog's error line and the dialog stays open for a correction.
#include <QDialog>
#include <QLabel>

#include "format.h"

namespace bd::ui {

/// Accepts `dialog` when `outcome` holds a value; else shows its error in `error`. Whether the
/// dialog was accepted.
template <typename Outcome>
bool acceptOrShowRefusal(QDialog& dialog, QLabel& error, const Outcome& outcome) {
    if (!outcome) {
        error.setText(errorText(outcome.error()));
        error.show();
        return false;
    }
    dialog.accept();
    return true;
}

} // namespace bd::ui
