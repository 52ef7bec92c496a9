#include "core/result.h"

namespace bd {

std::string Error::toString() const {
    std::string out;
    if (!file.empty()) {
        out += file;
        if (line > 0) {
            out += ':' + std::to_string(line);
            if (column > 0) out += ':' + std::to_string(column);
        }
        out += ": ";
    }
    if (!column_name.empty()) out += "column '" + column_name + "': ";
    out += message;
    if (!value.empty()) out += " (" + value + ")";
    return out;
}

} // namespace bd
