// `client show|edit|add|tag|note|relate|unrelate`, `contact correct|void`, `audit`, `undo`: the
// book as a system of record. Every write is a command of services/commands (validated, one
// transaction, audited); this file only reads options and prints.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "core/json.h"
#include "core/privacy.h"
#include "services/commands/clientfields.h"
#include "services/commands/command.h"
#include "services/commands/records.h"
#include "services/household.h"
#include "services/recordbook.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

namespace cmd = services::cmd;

/// The book of --db: a file, or a branch server (postgresql://...), where the login's rights
/// decide what it may see and change.
Result<services::RecordBook> openExisting(const Args& a) {
    return services::RecordBook::open(a.get("db", ""));
}

/// `field=value` positionals (after the subcommand) as field values.
Result<std::vector<cmd::FieldValue>> fieldValues(const Args& a) {
    std::vector<cmd::FieldValue> out;
    for (std::size_t i = 1; i < a.positionals().size(); ++i) {
        const std::string& p = a.positionals()[i];
        const auto eq = p.find('=');
        auto field =
            eq == std::string::npos ? std::nullopt : cmd::parseClientField(p.substr(0, eq));
        if (!field)
            return makeError(ErrorCode::Usage,
                             "expected field=value with a field of name, gender, birth_date, "
                             "id_number, phone, email, broker_id, branch_id, risk_level, status, "
                             "preferred_channel, contact_hours, risk_assessed_on; got '" +
                                 p + "'");
        out.push_back({*field, p.substr(eq + 1)});
    }
    return out;
}

/// Runs a command on the book named by --db; prints its operation; returns the exit code.
Result<cmd::Applied> runCommand(const Args& a, cmd::CommandArgs args) {
    auto book = openExisting(a);
    if (!book) return book.error();
    return book->execute(cmd::Command{{}, std::move(args)});
}

int printApplied(const Result<cmd::Applied>& r, const std::string& what) {
    if (!r) return reportError(r.error());
    if (r->operation == 0) {
        std::cout << "nothing changed\n";
        return kOk;
    }
    std::cout << what << " (operation " << r->operation << ", " << r->rows << " change"
              << (r->rows == 1 ? "" : "s") << ")\n";
    return kOk;
}

/// The client's household (spouse, parent, child, sibling: everyone connected through them) and
/// its other relations, with the figures a desk's book holds.
Status printRelations(services::RecordBook& book, std::int64_t ref) {
    auto h = services::loadHousehold(book.store(), book.desk(), ref);
    if (!h) return h.error();
    const auto line = [&](const services::RelatedClient& m) {
        const std::string kind =
            m.ref == ref ? std::string("(this client)") : std::string(toString(m.kind));
        std::string out = fmt::format("  {:<12} {:<10} {}", m.client_id.empty() ? "?" : m.client_id,
                                      kind.empty() ? "household" : kind, m.name);
        if (m.aum) out += "  AUM " + formatMoney(*m.aum);
        if (m.profit_12m) out += "  profit 12m " + formatMoney(*m.profit_12m);
        if (m.value_score) out += fmt::format("  value {:.2f}", *m.value_score);
        return out + "\n";
    };
    if (h->exists()) {
        std::cout << "household (" << h->members.size() << " clients";
        if (book.desk())
            std::cout << ", combined AUM " << formatMoney(h->aum) << ", profit 12m "
                      << formatMoney(h->profit_12m)
                      << fmt::format(", value {:.2f}", h->value_score);
        std::cout << "):\n";
        for (const auto& m : h->members) std::cout << line(m);
    }
    if (!h->others.empty()) std::cout << "relations:\n";
    for (const auto& m : h->others) std::cout << line(m);
    return {};
}

int showClient(const Args& a) {
    const auto id = a.get("client");
    if (!id) return reportError(makeError(ErrorCode::Usage, "name the client (--client ID)"));
    auto book = openExisting(a);
    if (!book) return reportError(book.error());
    auto* store = &book->store();
    auto found = lookupClientNamed(*store, *id); // a merged client's id opens the kept one
    if (!found) return reportError(found.error());
    const storage::ClientRecord* r = &found->record;
    auto tags = store->tagsOf(r->ref);
    auto notes = store->notesOf(r->ref);
    auto corrections = store->corrections(r->ref);
    auto conflicts = store->correctionConflicts(r->ref);
    for (const Error* e :
         {tags ? nullptr : &tags.error(), notes ? nullptr : &notes.error(),
          corrections ? nullptr : &corrections.error(), conflicts ? nullptr : &conflicts.error()})
        if (e) return reportError(*e);
    const auto corrected = [&](std::string_view key) {
        for (const auto& c : *corrections)
            if (c.field == key) return true;
        return false;
    };
    if (a.has("json")) {
        std::cout << "{\"client_id\": " << jsonString(r->client.client_id);
        if (found->merged_from)
            std::cout << ", \"merged_from\": " << jsonString(*found->merged_from);
        std::cout << ", \"version\": " << r->version;
        for (int i = 0; i < static_cast<int>(cmd::ClientField::Count); ++i) {
            const auto f = static_cast<cmd::ClientField>(i);
            std::cout << ", " << jsonString(cmd::fieldKey(f)) << ": "
                      << jsonString(cmd::fieldText(*r, f));
        }
        std::cout << ", \"tags\": "
                  << jsonArray(*tags,
                               [](const auto& t) {
                                   return "{\"name\": " + jsonString(t.name) +
                                          ", \"colour\": " + jsonString(t.colour) + "}";
                               })
                  << ", \"corrected\": "
                  << jsonArray(*corrections, [](const auto& c) { return jsonString(c.field); })
                  << ", \"notes\": "
                  << jsonArray(*notes,
                               [](const auto& n) {
                                   return "{\"id\": " + std::to_string(n.id) +
                                          ", \"at\": " + jsonString(n.at.toString()) +
                                          ", \"author\": " + jsonString(n.author) +
                                          ", \"text\": " + jsonString(n.text) + "}";
                               })
                  << "}\n";
        return kOk;
    }
    std::cout << "client " << r->client.client_id << " (version " << r->version << ")\n";
    for (int i = 0; i < static_cast<int>(cmd::ClientField::Count); ++i) {
        const auto f = static_cast<cmd::ClientField>(i);
        std::cout << fmt::format("  {:<18} {}{}\n", cmd::fieldKey(f), cmd::fieldText(*r, f),
                                 corrected(cmd::fieldKey(f)) ? "  (corrected locally)" : "");
    }
    std::cout << "  open_date          " << r->client.open_date.toString() << "\n";
    if (!tags->empty()) {
        std::cout << "tags:";
        for (const auto& t : *tags) std::cout << " " << t.name << " (" << t.colour << ")";
        std::cout << "\n";
    }
    for (const auto& c : *conflicts)
        std::cout << fmt::format("import conflict on {}: kept '{}', the import brought '{}' ({})\n",
                                 c.field, c.kept, c.incoming, c.at.toString());
    if (auto s = printRelations(*book, r->ref); !s) return reportError(s.error());
    if (!notes->empty()) std::cout << "notes:\n";
    for (const auto& n : *notes)
        std::cout << fmt::format("  {} {} [{}]: {}\n", n.id, n.at.toString(), n.author, n.text);
    return kOk;
}

int editClient(const Args& a) {
    const auto id = a.get("client");
    if (!id) return reportError(makeError(ErrorCode::Usage, "name the client (--client ID)"));
    auto values = fieldValues(a);
    if (!values) return reportError(values.error());
    if (values->empty())
        return reportError(makeError(ErrorCode::Usage, "name a field to change (field=value)"));
    cmd::EditClient e{*id, std::nullopt, std::move(*values)};
    if (a.has("version")) {
        auto v = a.getInt("version", 0);
        if (!v) return reportError(v.error());
        e.based_on_version = *v;
    }
    auto r = runCommand(a, std::move(e));
    if (r && r->operation)
        return printApplied(r,
                            "client " + *id + " edited, now version " + std::to_string(r->version));
    return printApplied(r, "");
}

int addClient(const Args& a) {
    auto values = fieldValues(a);
    if (!values) return reportError(values.error());
    auto r = runCommand(a, cmd::AddClient{a.get("client", ""), std::move(*values)});
    return printApplied(r, r ? "client " + r->client_id + " added" : "");
}

int tagClients(const Args& a) {
    const auto ids = a.get("client");
    const auto tag = a.get("tag");
    // A tag and a colour alone: the tag's colour, for every client carrying it.
    if (!ids && tag && a.has("colour") && !a.has("remove")) {
        auto r = runCommand(a, cmd::SetTagColour{*tag, a.get("colour", "")});
        return printApplied(r, "tag " + *tag + " is now " + a.get("colour", ""));
    }
    if (!ids || !tag)
        return reportError(
            makeError(ErrorCode::Usage, "name the clients (--client ID[,ID...]) and --tag T"));
    const bool remove = a.has("remove");
    auto r = runCommand(a, cmd::TagClients{splitList(*ids), *tag, a.get("colour", ""), remove});
    return printApplied(r, std::string("tag ") + *tag + (remove ? " removed" : " set"));
}

int addNote(const Args& a) {
    const auto id = a.get("client");
    const auto text = a.get("text");
    if (!id || !text)
        return reportError(makeError(ErrorCode::Usage, "name the client and the --text"));
    auto r = runCommand(a, cmd::AddNote{*id, *text, std::nullopt});
    return printApplied(r, r ? "note " + std::to_string(r->note_id) + " added" : "");
}

/// `client relate|unrelate --client A --to B [--kind K]`.
int relateClients(const Args& a, bool remove) {
    const auto id = a.get("client");
    const auto to = a.get("to");
    if (!id || !to)
        return reportError(makeError(ErrorCode::Usage, "name both clients (--client A --to B)"));
    if (remove)
        return printApplied(runCommand(a, cmd::UnrelateClients{*id, *to}),
                            "relation of " + *id + " and " + *to + " removed");
    const std::string word = a.get("kind", "");
    const auto kind = parseRelationKind(word);
    if (!kind)
        return reportError(
            expects("kind", "spouse, parent, child, sibling, colleague, referral or other", word));
    return printApplied(runCommand(a, cmd::RelateClients{*id, *to, *kind}),
                        *to + " is now " + *id + "'s " + std::string(toString(*kind)));
}

int runClient(const Args& a) {
    return runSubcommand(a, "client",
                         {{"show", showClient},
                          {"edit", editClient},
                          {"add", addClient},
                          {"tag", tagClients},
                          {"note", addNote},
                          {"relate", [](const Args& x) { return relateClients(x, false); }},
                          {"unrelate", [](const Args& x) { return relateClients(x, true); }}});
}

int runContact(const Args& a) {
    const std::string sub = a.positionals().empty() ? "" : a.positionals()[0];
    auto id = a.getInt("id", 0);
    if (!id) return reportError(id.error());
    if (*id <= 0 || (sub != "correct" && sub != "void")) {
        std::cerr << "brokerdesk-cli contact: correct|void --id N\n";
        return kUsage;
    }
    if (sub == "void")
        return printApplied(runCommand(a, cmd::VoidContact{*id, a.get("reason", "")}),
                            "contact " + std::to_string(*id) + " voided");
    cmd::CorrectContact c{*id, a.get("notes"), std::nullopt};
    if (auto o = a.get("outcome")) {
        c.outcome = parseOutcome(*o); // never Unknown
        if (!c.outcome) return reportError(expects("outcome", kOutcomeWords, *o));
    }
    return printApplied(runCommand(a, c), "contact " + std::to_string(*id) + " corrected");
}

std::string optionalJson(const std::optional<std::string>& s) {
    return s ? *s : "null";
}

/// An audit state as shown: the ID number masked (PIPL: the trail keeps it whole, for undo, but a
/// listing does not need it).
std::optional<std::string> shownState(const std::optional<std::string>& state) {
    if (!state) return state;
    auto members = cmd::readFlatJson(*state);
    if (!members) return state;
    for (auto& [key, value] : *members)
        if (key == "id_number") value = maskIdNumber(value);
    return cmd::flatJson(*members);
}

int runAudit(const Args& a) {
    auto book = openExisting(a);
    if (!book) return reportError(book.error());
    auto* store = &book->store();
    services::AuditFilter f;
    std::optional<services::ClientLookup> client;
    if (auto id = a.get("client")) {
        auto found = lookupClientNamed(*store, *id); // a merged client: both clients' history
        if (!found) return reportError(found.error());
        client = std::move(*found);
    }
    const auto since = dateOption(a, "since");
    if (!since) return reportError(since.error());
    if (*since) f.since = DateTime::fromParts(**since, 0, 0, 0);
    f.kind = a.get("kind", "");
    auto limit = a.getInt("limit", 0);
    if (!limit) return reportError(limit.error());
    f.limit = static_cast<int>(*limit);
    auto rows = client ? services::clientAudit(*store, *client, f) : store->listAudit(f);
    if (!rows) return reportError(rows.error());
    if (a.has("json")) {
        std::cout << jsonArray(*rows, [](const services::AuditRow& r) {
            return "{\"id\": " + std::to_string(r.id) +
                   ", \"operation\": " + std::to_string(r.operation) +
                   ", \"at\": " + jsonString(r.at.toString()) +
                   ", \"actor\": " + jsonString(r.actor) + ", \"kind\": " + jsonString(r.kind) +
                   ", \"entity\": " + jsonString(r.entity) +
                   ", \"entity_id\": " + jsonString(r.entity_id) +
                   ", \"before\": " + optionalJson(shownState(r.before)) +
                   ", \"after\": " + optionalJson(shownState(r.after)) +
                   ", \"undoes\": " + (r.undoes ? std::to_string(*r.undoes) : std::string("null")) +
                   "}";
        }) << "\n";
        return kOk;
    }
    for (const auto& r : *rows)
        std::cout << fmt::format("{:>6} {} {:<10} {:<16} {} {}: {} -> {}{}\n", r.operation,
                                 r.at.toString(), r.actor, r.kind, r.entity, r.entity_id,
                                 shownState(r.before).value_or("-"),
                                 shownState(r.after).value_or("-"),
                                 r.undoes ? fmt::format(" (undoes {})", *r.undoes) : "");
    return kOk;
}

int runUndo(const Args& a) {
    auto op = a.getInt("operation", 0);
    if (!op) return reportError(op.error());
    if (*op <= 0)
        return reportError(makeError(ErrorCode::Usage, "name the operation (--operation N)"));
    return printApplied(runCommand(a, cmd::UndoOperation{*op}),
                        "operation " + std::to_string(*op) + " undone");
}

} // namespace

int recordExport(ReadBook& book, const std::string& what, std::int64_t rows, bool masked,
                 const std::string& file) {
    auto r = book.records().execute(cmd::Command{{}, cmd::RecordExport{what, rows, masked, file}});
    return r ? static_cast<int>(kOk) : reportError(r.error());
}

std::vector<Command> makeClientCommands() {
    return {catalogued("client", runClient), catalogued("contact", runContact),
            catalogued("audit", runAudit), catalogued("undo", runUndo)};
}

} // namespace bd::cli
