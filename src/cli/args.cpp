#include "cli/args.h"

#include <algorithm>
#include <charconv>

namespace bd::cli {

Result<Args> Args::parse(const std::vector<std::string>& argv,
                         const std::vector<OptionSpec>& specs) {
    Args a;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& tok = argv[i];
        if (tok == "--help" || tok == "-h") {
            a.m_help = true;
            continue;
        }
        if (tok.rfind("--", 0) != 0 || tok.size() == 2) {
            a.m_positionals.push_back(tok);
            continue;
        }
        std::string name = tok.substr(2);
        std::optional<std::string> inlineValue;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        auto spec = std::find_if(specs.begin(), specs.end(),
                                 [&](const OptionSpec& s) { return s.name == name; });
        if (spec == specs.end()) return makeError(ErrorCode::Usage, "unknown option --" + name);
        if (spec->value.empty()) {
            if (inlineValue) return makeError(ErrorCode::Usage, "--" + name + " takes no value");
            a.m_values[name] = "1";
        } else if (inlineValue) {
            a.m_values[name] = *inlineValue;
        } else {
            if (i + 1 >= argv.size())
                return makeError(ErrorCode::Usage,
                                 "--" + name + " needs a value (" + spec->value + ")");
            a.m_values[name] = argv[++i];
        }
    }
    if (!a.m_help) {
        for (const auto& s : specs)
            if (s.required && !a.has(s.name))
                return makeError(ErrorCode::Usage, "missing required option --" + s.name);
    }
    return a;
}

std::optional<std::string> Args::get(const std::string& name) const {
    auto it = m_values.find(name);
    if (it == m_values.end()) return std::nullopt;
    return it->second;
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
    auto v = get(name);
    return v ? *v : fallback;
}

Result<long long> Args::getInt(const std::string& name, long long fallback) const {
    auto v = get(name);
    if (!v) return fallback;
    long long out = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || p != v->data() + v->size())
        return makeError(ErrorCode::Usage, "--" + name + " expects an integer, got '" + *v + "'");
    return out;
}

std::string formatOptions(const std::vector<OptionSpec>& specs) {
    std::string out;
    for (const auto& s : specs) {
        std::string left = "  --" + s.name + (s.value.empty() ? "" : " " + s.value);
        if (left.size() < 28)
            left.append(28 - left.size(), ' ');
        else
            left += "  ";
        out += left + s.help + (s.required ? " (required)" : "") + "\n";
    }
    return out;
}

} // namespace bd::cli
