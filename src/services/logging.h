#pragma once
// Configures spdlog once per executable: a rotating file in the data directory and stderr.
#include <string>

namespace bd::services {

/// `logDir` empty = console only. Level from BROKERDESK_LOG (trace..off), default info.
void setupLogging(const std::string& logDir, const std::string& appName, bool console);

} // namespace bd::services
