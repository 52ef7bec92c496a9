// The CLI's help words come from one catalogue, cli/commands.json, embedded at build time (see
// CMakeLists.txt): every command's synopsis, summary and options. They are prose and a table,
// so they live as data in one file a reviewer reads whole; the cmd_*.cpp files hold only what
// the commands do.
#include <map>
#include <stdexcept>

#include "cli/commands.h"
#include "core/jsonreader.h"

namespace bd::cli {
namespace {

constexpr std::string_view kCatalogue =
#include "cli/commands.json.inc"
    ;

struct Entry {
    std::string synopsis;
    std::string summary;
    std::vector<OptionSpec> options;
};

// ["name", "value", "help"] or ["name", "value", "help", "required"].
bool readOption(JsonReader& r, OptionSpec& o) {
    if (!r.eat('[') || !r.string(o.name) || !r.eat(',') || !r.string(o.value) || !r.eat(',') ||
        !r.string(o.help))
        return false;
    if (r.eat(',')) {
        std::string flag;
        if (!r.string(flag) || flag != "required") return false;
        o.required = true;
    }
    return r.eat(']');
}

bool readOptions(JsonReader& r, std::vector<OptionSpec>& out) {
    if (!r.eat('[')) return false;
    if (r.eat(']')) return true;
    do {
        OptionSpec o;
        if (!readOption(r, o)) return false;
        out.push_back(std::move(o));
    } while (r.eat(','));
    return r.eat(']');
}

// {"name": ..., "synopsis": ..., "summary": ..., "options": [...]}
bool readCommand(JsonReader& r, std::string& name, Entry& e) {
    if (!r.eat('{')) return false;
    do {
        std::string key;
        if (!r.string(key) || !r.eat(':')) return false;
        if (key == "options") {
            if (!readOptions(r, e.options)) return false;
            continue;
        }
        std::string* field = key == "name"       ? &name
                             : key == "synopsis" ? &e.synopsis
                             : key == "summary"  ? &e.summary
                                                 : nullptr;
        if (field == nullptr || !r.string(*field)) return false;
    } while (r.eat(','));
    return r.eat('}');
}

using Entries = std::map<std::string, Entry, std::less<>>;

// "section": [entry, ...] into `out`.
bool readSection(JsonReader& r, Entries& out) {
    if (!r.eat('[')) return false;
    do {
        std::string name;
        Entry e;
        if (!readCommand(r, name, e) || !out.emplace(std::move(name), std::move(e)).second)
            return false;
    } while (r.eat(','));
    return r.eat(']');
}

struct Catalogue {
    Entries commands; // brokerdesk-cli's commands
    Entries exports;  // the kinds of `export` (a name and a summary each)
};

const Catalogue& catalogue() {
    static const Catalogue kCatalogueRead = [] {
        Catalogue c;
        JsonReader r(kCatalogue);
        bool ok = r.eat('{');
        while (ok) {
            std::string key;
            ok = r.string(key) && r.eat(':') &&
                 (key == "commands" ? readSection(r, c.commands)
                                    : key == "exports" && readSection(r, c.exports));
            if (!r.eat(',')) break;
        }
        if (!ok || !r.eat('}') || !r.atEnd())
            throw std::logic_error("cli/commands.json is damaged");
        return c;
    }();
    return kCatalogueRead;
}

const Entry& entry(const Entries& entries, std::string_view name) {
    const auto it = entries.find(name);
    if (it == entries.end())
        throw std::logic_error("cli/commands.json does not describe " + std::string(name));
    return it->second;
}

} // namespace

Command catalogued(std::string_view name, std::function<int(const Args&)> run) {
    const Entry& e = entry(catalogue().commands, name);
    return {std::string(name), e.synopsis, e.summary, e.options, std::move(run)};
}

ExportKind exportKind(std::string_view name, std::function<int(const Args&)> run) {
    return {std::string(name), entry(catalogue().exports, name).summary, std::move(run)};
}

std::vector<std::string> catalogueNames() {
    std::vector<std::string> names;
    for (const auto& [name, e] : catalogue().commands) names.push_back(name);
    for (const auto& [name, e] : catalogue().exports) names.push_back("export " + name);
    return names;
}

} // namespace bd::cli
