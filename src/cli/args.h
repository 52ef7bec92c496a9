#pragma once
// Command-line options for brokerdesk-cli: `--name value`, `--flag`, and positionals.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace bd::cli {

/// One option a command accepts (for parsing and for --help).
struct OptionSpec {
    std::string name;  // without leading dashes
    std::string value; // placeholder ("F", "N"); empty = a flag
    std::string help;
    bool required = false;
};

class Args {
  public:
    /// Parses `argv` against `specs`; unknown options and missing values are usage errors.
    static Result<Args> parse(const std::vector<std::string>& argv,
                              const std::vector<OptionSpec>& specs);
    bool has(const std::string& name) const { return m_values.count(name) > 0; }
    std::optional<std::string> get(const std::string& name) const;
    std::string get(const std::string& name, const std::string& fallback) const;
    /// Integer value; a usage error when present but not an integer.
    Result<long long> getInt(const std::string& name, long long fallback) const;
    const std::vector<std::string>& positionals() const { return m_positionals; }
    bool helpRequested() const { return m_help; }

  private:
    std::map<std::string, std::string> m_values;
    std::vector<std::string> m_positionals;
    bool m_help = false;
};

/// Usage text for a command's options.
std::string formatOptions(const std::vector<OptionSpec>& specs);

} // namespace bd::cli
