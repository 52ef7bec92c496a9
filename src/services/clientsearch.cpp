#include "services/clientsearch.h"

#include <spdlog/spdlog.h>
#include <unicode/coll.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>
#include <tuple>

#include "core/privacy.h"
#include "core/text.h"
#include "storage/book/analyticsstore.h"
#include "storage/book/searchrows.h"

namespace bd::services {

namespace {

/// Substring matches of pinyin, initials and the client id need this many characters (one
/// letter is in almost every pinyin); a name matches by one character (晓).
constexpr std::size_t kMinPartLength = 2;
constexpr std::size_t kMinPhoneDigits = 4;
constexpr std::size_t kIdTailKept = 6;
constexpr std::size_t kMinIdTail = 4;

std::string asciiLower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool startsWith(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}
bool contains(std::string_view s, std::string_view p) {
    return s.find(p) != std::string_view::npos;
}

/// What a query can match, worked out once per keystroke.
struct Query {
    std::string text;   // trimmed, ASCII lower-cased
    std::string pinyin; // letters only (spaces and apostrophes dropped, v -> u); "" otherwise
    std::string digits; // the digits of a phone-like query with at least 4; "" otherwise
    std::string tail;   // an ID-number tail (4-6 of 0-9 X, upper-cased); "" otherwise
};

Query parseQuery(std::string_view raw) {
    Query q;
    q.text = asciiLower(trim(raw));
    bool letters = true, phoneLike = true;
    for (char c : q.text) {
        if (c >= 'a' && c <= 'z')
            q.pinyin += c == 'v' ? 'u' : c; // pinyin has no v: typists write lv for lü
        else if (c != ' ' && c != '\'')
            letters = false;
        if (c >= '0' && c <= '9')
            q.digits += c;
        else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '+')
            phoneLike = false;
    }
    if (!letters) q.pinyin.clear();
    if (!phoneLike || q.digits.size() < kMinPhoneDigits) q.digits.clear();
    if (q.text.size() >= kMinIdTail && q.text.size() <= kIdTailKept &&
        std::all_of(q.text.begin(), q.text.end(),
                    [](char c) { return (c >= '0' && c <= '9') || c == 'x'; }))
        q.tail = idNumberTail(q.text);
    return q;
}

/// Collation keys of names in Chinese (pinyin) order, as ranks 0..n-1; byte order when ICU's
/// collator is unavailable.
std::vector<std::int32_t> nameOrder(const std::vector<SearchClient>& clients) {
    std::vector<std::string> keys(clients.size());
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> collator(icu::Collator::createInstance(icu::Locale("zh"), err));
    if (U_FAILURE(err)) {
        spdlog::warn("search: no ICU collator for zh ({}); names tie in byte order",
                     u_errorName(err));
        collator.reset();
    }
    std::vector<std::uint8_t> buffer(256);
    for (std::size_t i = 0; i < clients.size(); ++i) {
        if (!collator) {
            keys[i] = clients[i].name;
            continue;
        }
        const auto text = icu::UnicodeString::fromUTF8(clients[i].name);
        auto n = collator->getSortKey(text, buffer.data(), static_cast<int32_t>(buffer.size()));
        if (n > static_cast<int32_t>(buffer.size())) {
            buffer.resize(static_cast<std::size_t>(n));
            n = collator->getSortKey(text, buffer.data(), n);
        }
        keys[i].assign(reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(n));
    }
    std::vector<std::int32_t> byKey(clients.size());
    std::iota(byKey.begin(), byKey.end(), 0);
    std::sort(byKey.begin(), byKey.end(), [&](std::int32_t a, std::int32_t b) {
        return std::tie(keys[static_cast<std::size_t>(a)], a) <
               std::tie(keys[static_cast<std::size_t>(b)], b);
    });
    std::vector<std::int32_t> order(clients.size());
    for (std::size_t r = 0; r < byKey.size(); ++r)
        order[static_cast<std::size_t>(byKey[r])] = static_cast<std::int32_t>(r);
    return order;
}

} // namespace

// What a keystroke scans, kept apart from what a hit shows (SearchClient, m_clients).
struct ClientSearchIndex::Entry {
    std::string name_key; // ASCII lower-cased
    std::string id_key;   // lower-cased client id
    std::string phone_digits;
    std::string id_tail;
    std::vector<PinyinReading> pinyin;
    std::vector<std::string> tag_keys;    // lower-cased
    std::vector<std::string> former_keys; // lower-cased ids of clients merged into this one
    std::int64_t value_rank = 0;
    std::int32_t name_order = 0;
    bool vip = false;

    /// The best way `q` finds this client; which tag matched goes to `tag`.
    std::optional<MatchKind> match(const Query& q, std::size_t& tag) const {
        const std::string& t = q.text;
        if (id_key == t) return MatchKind::ClientId;
        for (const auto& k : former_keys)
            if (k == t) return MatchKind::ClientId;
        if (name_key == t) return MatchKind::Name;
        if (startsWith(name_key, t)) return MatchKind::NamePrefix;
        const std::string& p = q.pinyin;
        if (!p.empty()) {
            for (const auto& r : pinyin)
                if (startsWith(r.initials, p)) return MatchKind::InitialsPrefix;
            for (const auto& r : pinyin)
                if (startsWith(r.full, p)) return MatchKind::PinyinPrefix;
        }
        if (startsWith(id_key, t)) return MatchKind::ClientIdPrefix;
        if (contains(name_key, t)) return MatchKind::NameSubstring;
        if (p.size() >= kMinPartLength) {
            for (const auto& r : pinyin)
                if (contains(r.initials, p)) return MatchKind::InitialsSubstring;
            for (const auto& r : pinyin)
                if (contains(r.full, p)) return MatchKind::PinyinSubstring;
        }
        if (t.size() >= kMinPartLength && contains(id_key, t)) return MatchKind::ClientIdSubstring;
        for (std::size_t i = 0; i < tag_keys.size(); ++i)
            if (startsWith(tag_keys[i], t)) {
                tag = i;
                return MatchKind::Tag;
            }
        if (!q.tail.empty() && id_tail.size() >= q.tail.size() &&
            id_tail.compare(id_tail.size() - q.tail.size(), q.tail.size(), q.tail) == 0)
            return MatchKind::IdNumberTail;
        if (!q.digits.empty() && contains(phone_digits, q.digits)) return MatchKind::Phone;
        return std::nullopt;
    }
};

ClientSearchIndex::ClientSearchIndex() = default;
ClientSearchIndex::~ClientSearchIndex() = default;
ClientSearchIndex::ClientSearchIndex(ClientSearchIndex&&) noexcept = default;
ClientSearchIndex& ClientSearchIndex::operator=(ClientSearchIndex&&) noexcept = default;

std::size_t ClientSearchIndex::size() const {
    return m_entries.size();
}

std::string idNumberTail(std::string_view idNumber) {
    const auto t = trim(idNumber);
    std::string tail(t.substr(t.size() > kIdTailKept ? t.size() - kIdTailKept : 0));
    for (char& c : tail)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return tail;
}

ClientSearchIndex ClientSearchIndex::build(std::vector<SearchClient> clients) {
    const std::atomic<bool> never{false};
    return *build(std::move(clients), never);
}

std::optional<ClientSearchIndex> ClientSearchIndex::build(std::vector<SearchClient> clients,
                                                          const std::atomic<bool>& cancel) {
    ClientSearchIndex index;
    const auto order = nameOrder(clients);
    index.m_entries.resize(clients.size());
    PinyinReader reader;
    for (std::size_t i = 0; i < clients.size(); ++i) {
        if (i % 1024 == 0 && cancel.load(std::memory_order_relaxed)) return std::nullopt;
        const SearchClient& c = clients[i];
        Entry& e = index.m_entries[i];
        e.name_key = asciiLower(trim(c.name));
        e.id_key = asciiLower(trim(c.client_id));
        for (char ch : c.phone)
            if (ch >= '0' && ch <= '9') e.phone_digits += ch;
        e.id_tail = idNumberTail(c.id_tail);
        e.pinyin = reader.readings(c.name);
        for (const auto& tag : c.tags) e.tag_keys.push_back(asciiLower(trim(tag)));
        for (const auto& id : c.former_ids) e.former_keys.push_back(asciiLower(trim(id)));
        e.value_rank = c.value_rank > 0 ? c.value_rank : std::numeric_limits<std::int64_t>::max();
        e.name_order = order[i];
        e.vip = c.vip;
    }
    index.m_clients = std::move(clients);
    return index;
}

SearchResult ClientSearchIndex::search(std::string_view query, std::size_t limit) const {
    SearchResult result;
    const Query q = parseQuery(query);
    if (q.text.empty()) return result;
    struct Found {
        MatchKind kind;
        std::uint32_t index;
        std::uint32_t tag;
    };
    std::vector<Found> found;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        std::size_t tag = 0;
        if (const auto kind = m_entries[i].match(q, tag))
            found.push_back(
                {*kind, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(tag)});
    }
    result.total = found.size();
    const auto better = [this](const Found& a, const Found& b) {
        const Entry& x = m_entries[a.index];
        const Entry& y = m_entries[b.index];
        return std::tuple(a.kind, !x.vip, x.value_rank, x.name_order, a.index) <
               std::tuple(b.kind, !y.vip, y.value_rank, y.name_order, b.index);
    };
    const auto shown = std::min(limit, found.size());
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(shown),
                      found.end(), better);
    result.hits.reserve(shown);
    for (std::size_t k = 0; k < shown; ++k) {
        const Found& f = found[k];
        const SearchClient& c = m_clients[f.index];
        SearchHit h;
        h.ref = c.ref;
        h.match = f.kind;
        h.client_id = c.client_id;
        h.name = c.name;
        h.phone_masked = maskPhone(c.phone);
        h.id_masked = c.id_masked;
        h.broker_id = c.broker_id;
        h.broker_name = c.broker_name;
        if (f.kind == MatchKind::Tag) h.tag = c.tags[f.tag];
        h.vip = c.vip;
        h.value_rank = c.value_rank;
        result.hits.push_back(std::move(h));
    }
    return result;
}

Result<std::vector<SearchClient>> readSearchClients(Database& db) {
    auto run = storage::latestScoredRunId(db, "value");
    if (!run) return run.error();
    auto rows = storage::readClientSearchRows(db, *run);
    if (!rows) return rows.error();
    std::vector<SearchClient> out;
    out.reserve(rows->size());
    for (auto& r : *rows) {
        SearchClient c;
        c.ref = r.ref;
        c.client_id = std::move(r.client_id);
        c.name = std::move(r.name);
        c.phone = std::move(r.phone);
        // The whole ID number stops here: search keeps its tail and its masked form.
        c.id_tail = idNumberTail(r.id_number);
        c.id_masked = maskIdNumber(trim(r.id_number));
        c.broker_id = std::move(r.broker_id);
        c.broker_name = std::move(r.broker_name);
        c.vip = r.vip;
        c.value_rank = r.value_rank;
        c.tags = std::move(r.tags);
        c.former_ids = std::move(r.former_ids);
        out.push_back(std::move(c));
    }
    return out;
}

Result<ClientSearchIndex> buildClientSearchIndex(Database& db) {
    auto clients = readSearchClients(db);
    if (!clients) return clients.error();
    return ClientSearchIndex::build(std::move(*clients));
}

} // namespace bd::services
