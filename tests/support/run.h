#pragma once
// Runs brokerdesk-cli as a child process for end-to-end tests.
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace bdtest {

struct CliResult {
    int exit_code = -1;
    std::string output; // stdout and stderr
};

inline CliResult runCli(const std::string& args) {
    CliResult r;
    const std::string cmd = std::string(BD_CLI_PATH) + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
    const int status = pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

} // namespace bdtest
