#pragma once
// An error about one file: the code and reason, and the file it names.
#include <string>
#include <utility>

#include "core/result.h"

namespace bd {

inline Error fileError(ErrorCode code, std::string message, std::string file) {
    Error e = makeError(code, std::move(message));
    e.file = std::move(file);
    return e;
}

} // namespace bd
