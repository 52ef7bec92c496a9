#pragma once
// Reading a whole file the engine was told to read (a calendar, a transactions CSV).
#include <string>
#include <string_view>

#include "core/result.h"

namespace bd {

/// The bytes of `path`; an Io error with the message `cannotOpen`, located at the file, when it
/// cannot be opened.
Result<std::string> readWholeFile(const std::string& path, std::string_view cannotOpen);

} // namespace bd
