// `duplicates`, `merge`, `reassign`: candidate duplicates with their reasons, merging two
// clients (one undoable operation), and giving many clients another broker. The writes are
// commands of services/commands; this file reads options and prints.
#include <fmt/format.h>

#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "cli/readbook.h"
#include "core/json.h"
#include "services/clientbook.h"
#include "services/commands/command.h"
#include "services/duplicates.h"
#include "services/massupdate.h"
#include "services/recordbook.h"
#include "storage/book/recordstore.h"

namespace bd::cli {
namespace {

namespace cmd = services::cmd;

std::string sideJson(const services::DuplicateSide& s) {
    return fmt::format("{{\"client_id\": {}, \"name\": {}, \"broker_id\": {}, \"open_date\": {}}}",
                       jsonString(s.client_id), jsonString(s.name), jsonString(s.broker_id),
                       jsonString(s.open_date.toString()));
}

int runDuplicates(const Args& a) {
    auto lang = langOption(a);
    if (!lang) return reportError(lang.error());
    // On a branch server: the candidates among the clients this login may see (a working copy).
    auto book = ReadBook::open(a.get("db", ""));
    if (!book) return reportError(book.error());
    auto list = services::findDuplicates(book->db());
    if (!list) return reportError(list.error());
    if (a.has("json")) {
        std::cout << "{\"pairs\": "
                  << jsonArray(list->pairs,
                               [&](const services::DuplicatePair& p) {
                                   return "{\"keep\": " + sideJson(p.keep) +
                                          ", \"absorb\": " + sideJson(p.absorb) +
                                          ", \"reasons\": " +
                                          jsonArray(p.reasons,
                                                    [&](const DuplicateReason& r) {
                                                        return jsonString(
                                                            phrase::duplicateReason(r, *lang));
                                                    }) +
                                          "}";
                               })
                  << ", \"large_groups\": " << list->large_groups << "}\n";
        return kOk;
    }
    for (const auto& p : list->pairs)
        std::cout << fmt::format("{} {}  <-  {} {}   {}\n", p.keep.client_id, p.keep.name,
                                 p.absorb.client_id, p.absorb.name,
                                 phrase::duplicateReasons(p.reasons, *lang));
    std::cout << list->pairs.size() << " candidate pair" << (list->pairs.size() == 1 ? "" : "s");
    if (list->large_groups > 0)
        std::cout << "; " << list->large_groups
                  << " value(s) shared by more than 10 clients left out";
    std::cout << "\n";
    return kOk;
}

int runMerge(const Args& a) {
    const auto keep = a.get("keep");
    const auto absorb = a.get("absorb");
    if (!keep || !absorb)
        return reportError(makeError(ErrorCode::Usage, "name both clients: --keep A --absorb B"));
    auto book = services::RecordBook::open(a.get("db", ""));
    if (!book) return reportError(book.error());
    auto r = book->execute(cmd::Command{{}, cmd::MergeClients{*keep, *absorb}});
    if (!r) return reportError(r.error());
    const storage::MergeCounts& n = *r->merged;
    std::cout << fmt::format(
        "client {} merged into {} (operation {}): {} trades, {} snapshots, "
        "{} positions, {} contacts, {} plan items, {} tags, {} notes, {} relations moved; "
        "{} met the kept client's and were combined\n",
        *absorb, *keep, r->operation, n.trades, n.snapshots, n.positions, n.contacts, n.tasks,
        n.tags, n.notes, n.relations, n.combined);
    return kOk;
}

/// `--filter key=value,...` into a client query (branch, broker, status, risk, segment, vip,
/// tag).
Status readFilter(const std::string& text, services::ClientQuery& q) {
    for (const std::string& term : splitList(text)) {
        const auto eq = term.find('=');
        const std::string key = term.substr(0, eq);
        const std::string value = eq == std::string::npos ? "" : term.substr(eq + 1);
        const auto bad = [&](std::string_view rule) {
            return makeError(ErrorCode::Usage,
                             "--filter " + term + ": " + std::string(rule) +
                                 " (keys: branch, broker, status, risk, segment, vip, tag)");
        };
        if (value.empty()) return bad("expected key=value");
        if (key == "branch") {
            q.branch_id = value;
        } else if (key == "broker") {
            q.broker_id = value;
        } else if (key == "status") {
            auto s = parseClientStatus(value);
            if (!s) return bad("expected active, dormant, closed or prospect");
            q.status = *s;
        } else if (key == "risk") {
            auto level = parseRiskLevel(value, 'C');
            if (!level) return bad("expected C1 to C5");
            q.risk_level = *level;
        } else if (key == "segment") {
            if (value.find_first_not_of("0123456789") != std::string::npos)
                return bad("expected a segment number");
            q.segment_id = std::stoi(value);
        } else if (key == "vip") {
            if (value != "yes" && value != "no") return bad("expected yes or no");
            q.vip = value == "yes";
        } else if (key == "tag") {
            q.tag = value;
        } else {
            return bad("unknown key");
        }
    }
    return {};
}

/// The book a reassignment reads and writes: the desk's file; on a branch server the server,
/// and when the command reads (which clients match, what would move) a working copy of what
/// this login sees, so a broker's preview counts their own clients only.
struct ReassignBook {
    std::optional<ReadBook> view;
    std::optional<services::RecordBook> own;

    services::RecordBook& records() { return view ? view->records() : *own; }
    /// The book to read: the desk's, or the working copy of the server's.
    storage::Database& reads() { return view ? view->db() : *own->desk(); }
};

Result<ReassignBook> openReassignBook(const std::string& location, bool reads) {
    ReassignBook b;
    if (reads) {
        auto view = ReadBook::open(location);
        if (!view) return view.error();
        b.view.emplace(std::move(*view));
    } else {
        auto own = services::RecordBook::open(location);
        if (!own) return own.error();
        b.own.emplace(std::move(*own));
    }
    return b;
}

int runReassign(const Args& a) {
    const auto to = a.get("to");
    const auto ids = a.get("clients");
    const auto from = a.get("from-broker");
    const auto filter = a.get("filter");
    if (!to || (!!ids + !!from + !!filter) != 1)
        return reportError(makeError(ErrorCode::Usage,
                                     "name the broker (--to B) and the clients by one of "
                                     "--clients A,B,... | --from-broker X | --filter key=value"));
    const bool dryRun = a.has("dry-run");
    auto book = openReassignBook(a.get("db", ""), dryRun || !ids);
    if (!book) return reportError(book.error());
    std::vector<std::string> clients;
    std::vector<std::int64_t> refs;
    if (ids) {
        clients = splitList(*ids);
    } else {
        services::ClientQuery q;
        if (from) q.broker_id = *from;
        if (filter)
            if (auto s = readFilter(*filter, q); !s) return reportError(s.error());
        auto found = services::matchingClients(book->reads(), q);
        if (!found) return reportError(found.error());
        for (const auto& [ref, id] : *found) {
            refs.push_back(ref);
            clients.push_back(id);
        }
        if (clients.empty()) {
            std::cout << "no client matches; nothing changed\n";
            return kOk;
        }
    }
    if (dryRun) {
        if (refs.empty()) {
            // A named client the book (the login's view) does not hold is refused as the
            // reassignment itself would refuse it: unknown, or on a server not permitted.
            auto view = storage::sqliteRecordStore(book->reads());
            for (const auto& id : clients) {
                auto r = view->loadClient(id);
                if (r) {
                    refs.push_back(r->ref);
                    continue;
                }
                if (r.error().code != ErrorCode::NotFound) return reportError(r.error());
                if (auto s = cmd::clientNamed(book->records().store(), id); !s)
                    return reportError(s.error());
            }
        }
        auto p = services::previewReassign(book->reads(), refs, *to);
        if (!p) return reportError(p.error());
        std::string fromText;
        for (const auto& [broker, n] : p->from)
            if (broker != *to)
                fromText += (fromText.empty() ? "" : ", ") + fmt::format("{} ({})", broker, n);
        std::cout << fmt::format("{} client{} would be reassigned from {} to {}; {} already "
                                 "there; {} would move to {}'s branch; nothing changed "
                                 "(--dry-run)\n",
                                 p->changing, p->changing == 1 ? "" : "s",
                                 fromText.empty() ? "-" : fromText, *to, p->clients - p->changing,
                                 p->changing_branch, *to);
        return kOk;
    }
    auto r = book->records().execute(cmd::Command{{}, cmd::ReassignClients{clients, *to}});
    if (!r) return reportError(r.error());
    if (r->operation == 0) {
        std::cout << "nothing changed: every client is with " << *to << " already\n";
        return kOk;
    }
    std::cout << r->clients.size() << " client" << (r->clients.size() == 1 ? "" : "s")
              << " reassigned to " << *to << " (operation " << r->operation << "; undo --operation "
              << r->operation << " takes it back)\n";
    return kOk;
}

} // namespace

std::vector<Command> makeMergeCommands() {
    return {catalogued("duplicates", runDuplicates), catalogued("merge", runMerge),
            catalogued("reassign", runReassign)};
}

} // namespace bd::cli
