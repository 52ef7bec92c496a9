#include "services/logging.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace bd::services {

void setupLogging(const std::string& logDir, const std::string& appName, bool console) {
    std::vector<spdlog::sink_ptr> sinks;
    if (console) {
        auto s = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        s->set_level(spdlog::level::warn);
        sinks.push_back(s);
    }
    if (!logDir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(logDir, ec);
        try {
            sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                logDir + "/" + appName + ".log", 5 * 1024 * 1024, 3));
        } catch (const spdlog::spdlog_ex&) {
            // An unwritable data directory must not stop the program; console logging remains.
        }
    }
    auto logger = std::make_shared<spdlog::logger>(appName, sinks.begin(), sinks.end());
    const char* lvl = std::getenv("BROKERDESK_LOG");
    logger->set_level(lvl ? spdlog::level::from_str(lvl) : spdlog::level::info);
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
}

} // namespace bd::services
