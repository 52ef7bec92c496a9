#include "core/textfile.h"

#include <fstream>
#include <sstream>

namespace bd {

Result<std::string> readWholeFile(const std::string& path, std::string_view cannotOpen) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Error e = makeError(ErrorCode::Io, std::string(cannotOpen));
        e.file = path;
        return e;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

} // namespace bd
