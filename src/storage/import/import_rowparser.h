#pragma once
// Internal to the importer: header mapping and typed, located parsing of one CSV record.
#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/filewords.h"
#include "core/money.h"
#include "core/refusal.h"
#include "core/result.h"
#include "storage/import/csvreader.h"
#include "storage/import/import_keyset.h"

namespace bd::storage::imp {

/// client_id -> clients.id. Every trade row looks its client up, so this is open addressing
/// over one character arena, searched with a view: no allocation, few cache misses.
class ClientIndex {
  public:
    void clear() {
        m_keys = KeySet();
        m_refs.clear();
        m_min = INT64_MAX;
        m_max = INT64_MIN;
    }
    /// Adds a client (the first entry of an id wins).
    void add(std::string_view id, std::int64_t ref) {
        if (m_keys.insert(id, static_cast<std::int64_t>(m_refs.size()) + 1) == 0) {
            m_refs.push_back(ref);
            m_min = std::min(m_min, ref);
            m_max = std::max(m_max, ref);
        }
    }
    /// The smallest and largest clients.id (max < min when empty).
    std::int64_t minRef() const { return m_min; }
    std::int64_t maxRef() const { return m_max; }
    void prefetch(std::string_view id) const { m_keys.prefetch(id); }
    /// The clients.id of `id`, nullptr when unknown.
    const std::int64_t* find(std::string_view id) const {
        const std::int64_t ordinal = m_keys.find(id);
        return ordinal ? &m_refs[static_cast<std::size_t>(ordinal - 1)] : nullptr;
    }

  private:
    KeySet m_keys;
    std::vector<std::int64_t> m_refs;
    std::int64_t m_min = INT64_MAX, m_max = INT64_MIN;
};

/// One column of an interchange file: English name, Chinese (or other) aliases, required?
struct ColumnSpec {
    std::string_view name;
    std::vector<std::string_view> aliases;
    bool required = false;
    /// The key its problems name it by (Arg::Field), when not `name`: a name another kind's
    /// column of another meaning has too (a security's "name" is not a client's).
    std::string_view fact = {};
    std::string_view factKey() const { return fact.empty() ? name : fact; }
};

/// An import problem as a fact the readers word in their language (phrase::refusal), with the
/// English words of `message` for logs, toString() and the rejects file. Storage does not link
/// the phrasebook (layers: core <- phrasebook <- services, cli, ui), so the English is its own.
Error importProblem(RefusalFact fact, std::string message);
/// A file without even a header row, located at its first line (the import and its preview).
Error emptyFileProblem(const std::string& path);
/// The English words of a list in a refused word's message, as the rejects file has always
/// read them ("buy, sell (买入, 卖出)"); its fact names the list, for the readers' words.
std::string_view fileWordsMessage(FileWords words);

/// Where each spec column sits in the file.
struct HeaderMap {
    std::vector<int> field;            // per spec column: 0-based field index, -1 when absent
    std::vector<std::string_view> key; // per spec column: its factKey() (the fact's field)
    std::vector<std::string> header;   // per spec column: header text as written in the file
    std::size_t fieldCount = 0;
    std::vector<std::string> unknown; // ignored header names
};

/// Matches header names (case-insensitive, trimmed) against names and aliases. Appends one
/// error per missing required column or duplicated column to `errors`.
/// `aliases` (header -> spec name, empty: ignore) are the user's own names for this kind.
HeaderMap mapHeader(const CsvRecord& header, const std::vector<ColumnSpec>& specs,
                    const std::string& file, std::vector<Error>& errors,
                    const std::vector<std::pair<std::string, std::string>>& aliases = {});

/// Keeps field values alive for a whole file so parsed rows can hold views instead of strings:
/// a view into the file text is kept as it is, anything else (an unescaped or normalised value)
/// is copied once.
class TextStore {
  public:
    explicit TextStore(std::string_view text) : m_text(text) {}
    std::string_view keep(std::string_view v) {
        const std::less<const char*> before;
        if (!before(v.data(), m_text.data()) &&
            !before(m_text.data() + m_text.size(), v.data() + v.size()))
            return v;
        m_owned.emplace_back(v);
        return m_owned.back();
    }
    /// keep() for a value that repeats across the file (a security code): every occurrence
    /// gets the same view, so rows that are later sorted and written read one hot copy
    /// instead of following each view to a cold place in a file of hundreds of MB.
    std::string_view intern(std::string_view v) {
        if (const std::int64_t id = m_internIds.find(v))
            return m_interned[static_cast<std::size_t>(id - 1)];
        m_interned.push_back(keep(v));
        (void)m_internIds.insert(v, static_cast<std::int64_t>(m_interned.size()));
        return m_interned.back();
    }

  private:
    std::string_view m_text;
    std::deque<std::string> m_owned; // a deque never moves its elements
    KeySet m_internIds{64};          // interned value -> 1-based index into m_interned
    std::vector<std::string_view> m_interned;
};

/// 600519.SH, 000001.SZ, 830799.BJ: a security code already in the stored form.
bool isNormalisedCode(std::string_view v);

/// Range rule for amounts.
enum class Sign { Any, NonNegative, Positive };

/// Typed access to the fields of one record; every problem is recorded as a located error
/// (line, 1-based field, header name, value) and parsing continues so all problems show.
class RowParser {
  public:
    RowParser(const HeaderMap& map, const CsvRecord& rec, std::vector<Error>& errors,
              const ClientIndex* clients)
        : m_map(map), m_rec(rec), m_errors(errors), m_clients(clients) {}

    /// The trimmed value of spec column `col` ("" when the column is absent).
    std::string_view text(int col) const;
    /// The value as written, untrimmed ("" when the column is absent).
    std::string_view field(int col) const {
        const int f = m_map.field[static_cast<std::size_t>(col)];
        if (f < 0 || static_cast<std::size_t>(f) >= m_rec.fields.size()) return {};
        return m_rec.fields[static_cast<std::size_t>(f)];
    }
    const ClientIndex& clients() const { return *m_clients; }
    /// Records a problem with column `col`: a `kind` of fact about its value (and `note`, when
    /// the kind has one), worded `reason` in English.
    void fail(int col, RefusalKind kind, std::string reason, std::string_view value,
              std::string note = {});
    bool ok() const { return m_errors.empty(); }

    /// Text; when `required`, an empty value is an error.
    bool str(int col, bool required, std::string& out);
    /// Text kept alive by `store` (no copy for plain fields).
    bool str(int col, bool required, TextStore& store, std::string_view& out);
    bool date(int col, bool required, std::optional<Date>& out);
    bool dateTime(int col, bool required, std::optional<DateTime>& out);
    bool money(int col, bool required, Sign sign, std::optional<Money>& out);
    /// Whole number (thousands separators allowed) within [min, max].
    bool integer(int col, bool required, std::int64_t min, std::int64_t max,
                 std::optional<std::int64_t>& out);
    /// A word of the list `words`, as `parse` reads it; a word it does not take is refused
    /// naming the list.
    template <typename E>
    bool enumeration(int col, bool required, std::optional<E> (*parse)(std::string_view),
                     FileWords words, E& out) {
        const std::string_view v = text(col);
        if (v.empty()) return emptyOk(col, required);
        const auto e = parse(v);
        if (!e) {
            notOneOf(col, words, v);
            return false;
        }
        out = *e;
        return true;
    }
    /// C1..C5 / R1..R5 -> 1..5 (0 when empty).
    bool riskLevel(int col, char prefix, int& out);
    /// Security code, normalised ("600519" -> "600519.SH").
    bool security(int col, bool required, std::string& out);
    /// Security code kept alive by `store` (no copy when already normalised).
    bool security(int col, bool required, TextStore& store, std::string_view& out);
    /// Client id that must exist in the book (or earlier in the run); sets the row reference.
    bool client(int col, std::string& id, std::int64_t& ref);
    /// The same check when only the reference is needed.
    bool client(int col, std::int64_t& ref);
    /// Starts the lookup of client column `col`; finish it with client(col, ref, errorAt) after
    /// the row's other fields, with errorAt = errorCount() where the column would have been
    /// checked, so its error keeps its place in the row's list.
    void prefetchClient(int col) const { m_clients->prefetch(text(col)); }
    bool client(int col, std::int64_t& ref, std::size_t errorAt);
    std::size_t errorCount() const { return m_errors.size(); }

  private:
    bool emptyOk(int col, bool required);
    void notOneOf(int col, FileWords words, std::string_view value);
    /// fail() with the fact made: adds the column's key and the value, and the location.
    void report(int col, RefusalFact fact, std::string reason, std::string_view value);
    /// A value of `col` as `parse` reads it (nullopt: not valid, the error says `invalid`).
    template <typename T>
    bool parsed(int col, bool required, std::optional<T>& out,
                std::optional<T> (*parse)(std::string_view), RefusalKind kind,
                const char* invalid) {
        const std::string_view v = text(col);
        if (v.empty()) return emptyOk(col, required);
        out = parse(v);
        if (!out) fail(col, kind, invalid, v);
        return out.has_value();
    }
    const HeaderMap& m_map;
    const CsvRecord& m_rec;
    std::vector<Error>& m_errors;
    const ClientIndex* m_clients;
};

} // namespace bd::storage::imp
