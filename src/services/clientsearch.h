#pragma once
// Instant client search (issue 18 item 9): one query finds clients by any part of the name, its
// pinyin (full or initials, services/pinyin.h), the client id, four or more consecutive phone
// digits, the last 4-6 characters of the ID number, or a tag. The index is built once from
// plain rows (no database handle; buildClientSearchIndex reads them from a book) and answers
// each keystroke by one pass over memory. It keeps only the ID number's tail and its masked
// form, never the whole number, and hands out phones masked (PIPL; core/privacy.h).
//
// Ranking: by the best way a client was found (MatchKind, declared best first: exact client id,
// exact name, name prefix, pinyin initials prefix, full pinyin prefix, client id prefix, the
// substring matches, tag, ID-number tail, phone digits); ties by the newest value run (VIPs
// first, then value rank), then the name in Chinese collation order (ICU, pinyin order), then
// the row id.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/matchkind.h"
#include "core/result.h"
#include "services/book.h"
#include "services/pinyin.h"

namespace bd::services {

/// One client as search sees it (plain data: from the book, a test or a branch server).
struct SearchClient {
    std::int64_t ref = 0; // clients.id
    std::string client_id;
    std::string name;
    std::string phone;     // as stored; matched by its digits, handed out masked
    std::string id_tail;   // the ID number's last characters (6 are kept), "" when none
    std::string id_masked; // the ID number masked (core/privacy.h maskIdNumber)
    std::string broker_id;
    std::string broker_name;
    std::vector<std::string> tags;
    bool vip = false;
    std::int64_t value_rank = 0; // 1 = most valuable; 0 = not scored (ranks after the scored)
    /// The ids of clients merged into this one: typing one whole finds this client by id.
    std::vector<std::string> former_ids;
};

/// A found client, ready to show.
struct SearchHit {
    std::int64_t ref = 0;
    MatchKind match = MatchKind::Name; // the best way it was found
    std::string client_id;
    std::string name;
    std::string phone_masked; // 138****5678
    std::string id_masked;    // 310***********123X; "" when the book has no ID number
    std::string broker_id;
    std::string broker_name;
    std::string tag; // the tag that matched (MatchKind::Tag), else ""
    bool vip = false;
    std::int64_t value_rank = 0;
};

struct SearchResult {
    std::vector<SearchHit> hits; // best first, at most the limit asked for
    std::size_t total = 0;       // every client found
};

class ClientSearchIndex {
  public:
    ClientSearchIndex();
    ~ClientSearchIndex();
    ClientSearchIndex(ClientSearchIndex&&) noexcept;
    ClientSearchIndex& operator=(ClientSearchIndex&&) noexcept;

    /// Builds the index: reads every name's pinyin (ICU) and orders names by Chinese collation.
    static ClientSearchIndex build(std::vector<SearchClient> clients);
    /// The same, given up (nullopt) once `cancel` is set: a window that closes does not wait for
    /// the rest of a build (about a second on 100,000 clients).
    static std::optional<ClientSearchIndex> build(std::vector<SearchClient> clients,
                                                  const std::atomic<bool>& cancel);

    /// The clients `query` finds, best first (at most `limit`). Case does not matter; spaces
    /// and apostrophes in pinyin are ignored ("zhang xiao'rong"), v stands for ü ("lv" finds 吕).
    /// An empty query finds nobody.
    SearchResult search(std::string_view query, std::size_t limit = 20) const;

    std::size_t size() const;

  private:
    struct Entry;
    std::vector<Entry> m_entries;
    std::vector<SearchClient> m_clients; // what hits show, in the same order
};

/// The tail of an ID number search keeps (its last 6 characters, letters upper-cased).
std::string idNumberTail(std::string_view idNumber);

/// The book's clients as search sees them, with their newest value scores and their tags.
Result<std::vector<SearchClient>> readSearchClients(Database& db);
/// readSearchClients, then build: what the workstation runs off its UI thread and the CLI runs.
Result<ClientSearchIndex> buildClientSearchIndex(Database& db);

} // namespace bd::services
