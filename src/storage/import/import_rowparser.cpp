#include "storage/import/import_rowparser.h"

#include <iterator>
#include <memory>

#include "core/domain.h"
#include "core/text.h"

namespace bd::storage::imp {

Error importProblem(RefusalFact fact, std::string message) {
    Error e = makeError(ErrorCode::InvalidInput, std::move(message));
    e.refusal = std::make_shared<const Refusal>(Refusal{std::move(fact), {}});
    return e;
}

Error emptyFileProblem(const std::string& path) {
    Error e = importProblem(RefusalFact(RefusalKind::ImportEmptyFile), "empty file: no header row");
    e.file = path;
    e.line = 1;
    return e;
}

HeaderMap mapHeader(const CsvRecord& header, const std::vector<ColumnSpec>& specs,
                    const std::string& file, std::vector<Error>& errors,
                    const std::vector<std::pair<std::string, std::string>>& aliases) {
    HeaderMap m;
    m.field.assign(specs.size(), -1);
    m.header.assign(specs.size(), std::string());
    m.key.reserve(specs.size());
    for (const ColumnSpec& spec : specs) m.key.push_back(spec.factKey());
    m.fieldCount = header.fields.size();
    for (std::size_t f = 0; f < header.fields.size(); ++f) {
        const std::string_view name = trim(header.fields[f]);
        // The user's own name for a column comes first: it may rename a known header too.
        std::string_view wanted = name;
        bool ignored = false;
        for (const auto& [from, to] : aliases)
            if (equalsIgnoreCase(name, trim(from))) {
                wanted = to;
                ignored = to.empty();
                break;
            }
        if (ignored) continue;
        int match = -1;
        for (std::size_t s = 0; s < specs.size() && match < 0; ++s) {
            if (equalsIgnoreCase(wanted, specs[s].name)) match = static_cast<int>(s);
            for (std::string_view alias : specs[s].aliases)
                if (equalsIgnoreCase(wanted, alias)) match = static_cast<int>(s);
        }
        if (match < 0) {
            if (!name.empty()) m.unknown.emplace_back(name);
            continue;
        }
        const auto s = static_cast<std::size_t>(match);
        if (m.field[s] >= 0) {
            Error e = importProblem(RefusalFact(RefusalKind::ImportDuplicateColumn)
                                        .text(Arg::Field, std::string(specs[s].factKey()))
                                        .text(Arg::Value, std::string(name)),
                                    "duplicate column: '" + m.header[s] + "' already names " +
                                        std::string(specs[s].name));
            e.file = file;
            e.line = header.line;
            e.column = static_cast<int>(f) + 1;
            e.value = std::string(name);
            errors.push_back(std::move(e));
            continue;
        }
        m.field[s] = static_cast<int>(f);
        m.header[s] = std::string(name);
    }
    for (std::size_t s = 0; s < specs.size(); ++s) {
        if (m.field[s] >= 0 || !specs[s].required) continue;
        std::string names;
        for (std::string_view a : specs[s].aliases)
            names += (names.empty() ? "" : ", ") + std::string(a);
        // The headers it may have: its own name first (what an English file writes).
        Error e = importProblem(
            RefusalFact(RefusalKind::ImportMissingColumn)
                .text(Arg::Field, std::string(specs[s].factKey()))
                .text(Arg::Note, std::string(specs[s].name) + (names.empty() ? "" : ", " + names)),
            "missing required column " + std::string(specs[s].name) +
                (names.empty() ? "" : " (or " + names + ")"));
        e.file = file;
        e.line = header.line;
        errors.push_back(std::move(e));
    }
    return m;
}

std::string_view RowParser::text(int col) const {
    return trim(field(col));
}

void RowParser::fail(int col, RefusalKind kind, std::string reason, std::string_view value,
                     std::string note) {
    RefusalFact fact(kind);
    if (!note.empty()) fact.text(Arg::Note, std::move(note));
    report(col, std::move(fact), std::move(reason), value);
}

void RowParser::report(int col, RefusalFact fact, std::string reason, std::string_view value) {
    const auto c = static_cast<std::size_t>(col);
    // A map made by hand (a test's, a harness's) may name no keys: the fact has no field then.
    const std::string_view key = c < m_map.key.size() ? m_map.key[c] : std::string_view();
    fact.text(Arg::Field, std::string(key)).text(Arg::Value, std::string(value));
    Error e = importProblem(std::move(fact), std::move(reason));
    e.line = m_rec.line;
    e.column = m_map.field[c] + 1;
    e.column_name = m_map.header[c];
    e.value = std::string(value);
    m_errors.push_back(std::move(e));
}

namespace {

/// The words of each list as the rejects file and logs have always read them (the back
/// office's English, the same whoever imports), in FileWords order.
constexpr std::string_view kFileWordsEnglish[] = {
    "",
    "M, F (男, 女)",
    "active, dormant, closed (正常, 休眠, 销户)",
    "phone, sms, wechat, email, visit",
    "buy, sell (买入, 卖出)",
    "online, mobile, phone, counter (网上, 手机, 电话, 柜台)",
    "phone, sms, wechat, email, visit, seminar, other (电话, 短信, 微信, 邮件, 拜访, 讲座, 其他)",
    "outbound, inbound (呼出, 呼入)",
    "reached, no_answer, callback, complaint, refused",
    "main, chinext, star, bse, fund, bond",
};
static_assert(std::size(kFileWordsEnglish) == kFileWordsCount);

} // namespace

std::string_view fileWordsMessage(FileWords words) {
    const auto i = static_cast<std::size_t>(words);
    return i < std::size(kFileWordsEnglish) ? kFileWordsEnglish[i] : std::string_view();
}

void RowParser::notOneOf(int col, FileWords words, std::string_view value) {
    report(col, RefusalFact(RefusalKind::ImportNotOneOf).count(Arg::Words, static_cast<int>(words)),
           "expected one of " + std::string(fileWordsMessage(words)), value);
}

bool RowParser::emptyOk(int col, bool required) {
    if (!required) return true;
    fail(col, RefusalKind::Required, "required value is empty", "");
    return false;
}

bool RowParser::str(int col, bool required, std::string& out) {
    const std::string_view v = text(col);
    if (v.empty()) return emptyOk(col, required);
    out.assign(v);
    return true;
}

bool RowParser::str(int col, bool required, TextStore& store, std::string_view& out) {
    const std::string_view v = text(col);
    if (v.empty()) return emptyOk(col, required);
    out = store.keep(v);
    return true;
}

bool RowParser::date(int col, bool required, std::optional<Date>& out) {
    return parsed(col, required, out, parseDate, RefusalKind::DateFormat,
                  "invalid date (expected YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)");
}

bool RowParser::dateTime(int col, bool required, std::optional<DateTime>& out) {
    return parsed(col, required, out, parseDateTime, RefusalKind::ImportDateTime,
                  "invalid date-time (expected YYYY-MM-DD HH:MM:SS)");
}

bool RowParser::money(int col, bool required, Sign sign, std::optional<Money>& out) {
    const std::string_view v = text(col);
    if (v.empty()) return emptyOk(col, required);
    bool outOfRange = false;
    out = parseMoney(v, true, &outOfRange);
    if (!out) {
        fail(col, outOfRange ? RefusalKind::ImportAmountTooLarge : RefusalKind::ImportAmount,
             outOfRange ? "amount out of range (at most 922,337,203,685,477.5807 in magnitude)"
                        : "invalid amount (digits with up to 4 decimals)",
             v);
        return false;
    }
    if (sign == Sign::Positive && out->units <= 0) {
        fail(col, RefusalKind::ImportNotPositive, "must be greater than 0", v);
        return false;
    }
    if (sign == Sign::NonNegative && out->units < 0) {
        fail(col, RefusalKind::ImportNegative, "must not be negative", v);
        return false;
    }
    return true;
}

namespace {

/// "greater than 0", "at least 0", "between 1 and 5": the range rule in words.
std::string rangeText(std::int64_t min, std::int64_t max) {
    if (max == INT64_MAX) return min == 1 ? "greater than 0" : "at least " + std::to_string(min);
    return "between " + std::to_string(min) + " and " + std::to_string(max);
}

} // namespace

bool RowParser::integer(int col, bool required, std::int64_t min, std::int64_t max,
                        std::optional<std::int64_t>& out) {
    const std::string_view v = text(col);
    if (v.empty()) return emptyOk(col, required);
    std::size_t i = 0;
    bool neg = false;
    if (v[0] == '-' || v[0] == '+') {
        neg = v[0] == '-';
        i = 1;
    }
    // The magnitude, unsigned: INT64_MIN's does not fit an int64. Overflow is tested before
    // each step, and the rest is still read so a huge number is told apart from a malformed one.
    const std::uint64_t limit = neg ? std::uint64_t{1} << 63 : std::uint64_t{INT64_MAX};
    std::uint64_t mag = 0;
    bool tooLarge = false;
    int digits = 0;
    int group = -1; // digits since the last thousands separator
    bool good = i < v.size();
    for (; i < v.size() && good; ++i) {
        const char c = v[i];
        if (c >= '0' && c <= '9') {
            const auto d = static_cast<std::uint64_t>(c - '0');
            if (tooLarge || mag > (limit - d) / 10)
                tooLarge = true;
            else
                mag = mag * 10 + d;
            ++digits;
            if (group >= 0) ++group;
        } else if (c == ',' && digits > 0 && (group < 0 ? digits <= 3 : group == 3)) {
            group = 0;
        } else {
            good = false;
        }
    }
    if (!good || digits == 0 || (group >= 0 && group != 3)) {
        fail(col, RefusalKind::ImportWholeNumber, "expected a whole number", v);
        return false;
    }
    const std::int64_t n = !neg           ? static_cast<std::int64_t>(mag)
                           : mag == limit ? INT64_MIN
                                          : -static_cast<std::int64_t>(mag);
    if (tooLarge && (neg ? min == INT64_MIN : max == INT64_MAX)) {
        fail(col, RefusalKind::ImportNumberTooLarge,
             neg ? "whole number too small (at least -9223372036854775808)"
                 : "whole number too large (at most 9223372036854775807)",
             v);
        return false;
    }
    if (tooLarge || n < min || n > max) {
        if (max != INT64_MAX) {
            // A bounded range (satisfaction 1..5): the fact carries its bounds.
            report(col,
                   RefusalFact(RefusalKind::OutOfRange).count(Arg::Min, min).count(Arg::Max, max),
                   "must be " + rangeText(min, max), v);
        } else {
            fail(col, min > 0 ? RefusalKind::ImportNotPositive : RefusalKind::ImportNegative,
                 "must be " + rangeText(min, max), v);
        }
        return false;
    }
    out = n;
    return true;
}

bool RowParser::riskLevel(int col, char prefix, int& out) {
    const std::string_view v = text(col);
    if (v.empty()) return true;
    const auto r = parseRiskLevel(v, prefix);
    if (!r) {
        fail(col, prefix == 'C' ? RefusalKind::RiskLevelRange : RefusalKind::ImportSecurityRisk,
             std::string("expected ") + prefix + "1 … " + prefix + "5", v);
        return false;
    }
    out = *r;
    return true;
}

bool isNormalisedCode(std::string_view v) {
    if (v.size() != 9 || v[6] != '.') return false;
    const std::string_view market = v.substr(7);
    if (market != "SH" && market != "SZ" && market != "BJ") return false;
    for (std::size_t i = 0; i < 6; ++i)
        if (v[i] < '0' || v[i] > '9') return false;
    return true;
}

bool RowParser::security(int col, bool required, std::string& out) {
    const std::string_view v = text(col);
    if (v.empty()) return emptyOk(col, required);
    // Already-normalised codes (the common case) are checked without allocating.
    if (isNormalisedCode(v)) {
        out.assign(v);
        return true;
    }
    auto code = normalizeSecurityCode(v);
    if (!code) {
        fail(col, RefusalKind::ImportSecurityCode,
             "invalid security code (expected 600519.SH, 000001.SZ, 830799.BJ or 6 digits)", v);
        return false;
    }
    out = std::move(*code);
    return true;
}

bool RowParser::security(int col, bool required, TextStore& store, std::string_view& out) {
    const std::string_view v = text(col);
    if (v.empty()) return emptyOk(col, required);
    if (isNormalisedCode(v)) {
        out = store.intern(v);
        return true;
    }
    std::string code;
    if (!security(col, required, code)) return false;
    out = store.intern(code);
    return true;
}

bool RowParser::client(int col, std::string& id, std::int64_t& ref) {
    id.assign(text(col));
    return client(col, ref);
}

bool RowParser::client(int col, std::int64_t& ref) {
    const std::string_view v = text(col);
    if (v.empty()) return emptyOk(col, true);
    const std::int64_t* found = m_clients->find(v);
    if (found == nullptr) {
        fail(col, RefusalKind::ImportUnknownClient,
             "unknown client (not in the book nor in the clients file)", v);
        return false;
    }
    ref = *found;
    return true;
}

bool RowParser::client(int col, std::int64_t& ref, std::size_t errorAt) {
    const std::size_t before = m_errors.size();
    const bool ok = client(col, ref);
    if (!ok && errorAt < before)
        std::rotate(m_errors.begin() + static_cast<std::ptrdiff_t>(errorAt),
                    m_errors.begin() + static_cast<std::ptrdiff_t>(before), m_errors.end());
    return ok;
}

} // namespace bd::storage::imp
