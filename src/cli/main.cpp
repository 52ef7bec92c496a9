#include "cli/commands.h"
#include "services/logging.h"

int main(int argc, char** argv) {
    bd::services::setupLogging({}, "brokerdesk-cli", true);
    return bd::cli::runCli(std::vector<std::string>(argv + 1, argv + argc));
}
