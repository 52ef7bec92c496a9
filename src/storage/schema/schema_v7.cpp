#include "storage/schema/schema_v7.h"

#include <algorithm>
#include <array>
#include <regex>
#include <string>
#include <vector>

#include "core/facts.h"

namespace bd::storage {

// Version 7 (see schema_v7.h). plan_dropped gains `facts` (its reason_en / reason_zh go after
// the conversion), segments gain `name_fact` (a generated name; '' for a name the user edited,
// which keeps name_zh / name_en as typed).
const std::string_view kSchemaV7FactsNotWords = R"SQL(
ALTER TABLE plan_dropped ADD COLUMN facts TEXT NOT NULL DEFAULT '[]';
ALTER TABLE segments ADD COLUMN name_fact TEXT NOT NULL DEFAULT '';
)SQL";

namespace {

// The sentences version 6 wrote (analytics/triggers.cpp, scheduler.cpp, services/planservice.cpp
// as they were), read back from their English line. Each pattern is tried at the current place.
const char* const kDate = R"((\d{4}-\d{2}-\d{2}))";
const char* const kMoney = R"((-?[\d,]+\.\d{2}))";
const char* const kSigned = "(\\+|\xE2\x88\x92)(\\d+)%"; // "+12%" or "−45%" (U+2212)

std::regex re(const std::string& s) {
    return std::regex(s, std::regex::ECMAScript | std::regex::optimize);
}

Date dateOf(const std::ssub_match& m) {
    return parseDate(m.str()).value_or(Date{});
}
Money moneyOf(const std::ssub_match& m) {
    return parseMoney(m.str()).value_or(Money{});
}
std::int64_t countOf(const std::ssub_match& m) {
    return std::stoll(m.str());
}
double signedOf(const std::ssub_match& sign, const std::ssub_match& digits) {
    return (sign.str() == "+" ? 1.0 : -1.0) * static_cast<double>(std::stoll(digits.str())) / 100.0;
}

using Parser = bool (*)(const std::smatch&, Reason&);

struct Pattern {
    ReasonKind kind;
    std::regex regex;
    Parser parse;
};

const std::vector<Pattern>& patterns() {
    static const std::vector<Pattern> kPatterns = [] {
        std::vector<Pattern> p;
        p.push_back({ReasonKind::Cadence,
                     re(std::string(R"(contact every (\d+) days: last contact )") + kDate +
                        R"( \((\d+) days ago\), due )" + kDate + R"((, (\d+) days overdue)?)"),
                     [](const std::smatch& m, Reason& r) {
                         r.count(Arg::Every, countOf(m[1]))
                             .date(Arg::Last, dateOf(m[2]))
                             .count(Arg::Ago, countOf(m[3]))
                             .date(Arg::Due, dateOf(m[4]));
                         if (m[6].matched) r.count(Arg::Overdue, countOf(m[6]));
                         return true;
                     }});
        p.push_back(
            {ReasonKind::Cadence,
             re(std::string(R"(contact every (\d+) days: never contacted since opening on )") +
                kDate + ", due " + kDate + R"((, (\d+) days overdue)?)"),
             [](const std::smatch& m, Reason& r) {
                 r.count(Arg::Every, countOf(m[1]))
                     .date(Arg::Opened, dateOf(m[2]))
                     .date(Arg::Due, dateOf(m[3]));
                 if (m[5].matched) r.count(Arg::Overdue, countOf(m[5]));
                 return true;
             }});
        p.push_back(
            {ReasonKind::AssetOutflow,
             re(std::string("AUM ") + kSigned + "( since " + kDate +
                "| since the previous snapshot) \\(" + kMoney + " -> " + kMoney +
                " CNY; (net outflow " + kMoney + R"( CNY \((-?\d+)% of AUM\)|market )" + kSigned +
                R"(, so about (-?\d+)% withdrawn|flows and market move unknown)\))"),
             [](const std::smatch& m, Reason& r) {
                 r.value(Arg::Change, signedOf(m[1], m[2]))
                     .money(Arg::From, moneyOf(m[5]))
                     .money(Arg::To, moneyOf(m[6]));
                 if (m[4].matched) r.date(Arg::Since, dateOf(m[4]));
                 if (m[8].matched)
                     r.money(Arg::Outflow, moneyOf(m[8]))
                         .value(Arg::OutflowShare, static_cast<double>(countOf(m[9])) / 100.0);
                 else if (m[10].matched)
                     r.value(Arg::Market, signedOf(m[10], m[11]))
                         .value(Arg::Withdrawn, static_cast<double>(countOf(m[12])) / 100.0);
                 return true;
             }});
        p.push_back({ReasonKind::SlippingAway,
                     re(R"(slipping away: (p_alive ([\d.]+) below ([\d.]+))?(, )?)"
                        R"((no trade for (\d+) days after (\d+) trade days in 12 months)?)"),
                     [](const std::smatch& m, Reason& r) {
                         if (m[1].matched)
                             r.value(Arg::PAlive, std::stod(m[2].str()))
                                 .value(Arg::PAliveMin, std::stod(m[3].str()));
                         if (m[5].matched)
                             r.count(Arg::Idle, countOf(m[6])).count(Arg::TradeDays, countOf(m[7]));
                         return m[1].matched || m[5].matched;
                     }});
        p.push_back({ReasonKind::LargeLoss,
                     re(std::string(R"(large loss: (drawdown (\d+)% from peak)?(, )?(loss of )") +
                        kMoney + " CNY in the last period)?"),
                     [](const std::smatch& m, Reason& r) {
                         if (m[1].matched)
                             r.value(Arg::Drawdown, static_cast<double>(countOf(m[2])) / 100.0);
                         if (m[4].matched) r.money(Arg::Loss, moneyOf(m[5]));
                         return m[1].matched || m[4].matched;
                     }});
        p.push_back({ReasonKind::Birthday,
                     re(std::string("birthday on ") + kDate + R"( \(turns (\d+)\))"),
                     [](const std::smatch& m, Reason& r) {
                         r.date(Arg::On, dateOf(m[1])).count(Arg::Age, countOf(m[2]));
                         return true;
                     }});
        p.push_back({ReasonKind::SuitabilityMismatch,
                     re(R"(suitability: (\d+) holding\(s\) above the client's risk level)"),
                     [](const std::smatch& m, Reason& r) {
                         r.count(Arg::Count, countOf(m[1]));
                         return true;
                     }});
        p.push_back({ReasonKind::Complaint,
                     re(std::string("complaint on ") + kDate +
                        R"( \((\d+) days ago\) not yet followed up)"),
                     [](const std::smatch& m, Reason& r) {
                         r.date(Arg::On, dateOf(m[1])).count(Arg::Ago, countOf(m[2]));
                         return true;
                     }});
        p.push_back({ReasonKind::LowSatisfaction,
                     re(std::string(R"(satisfaction (\d)/5 on )") + kDate),
                     [](const std::smatch& m, Reason& r) {
                         r.date(Arg::On, dateOf(m[2])).count(Arg::Score, countOf(m[1]));
                         return true;
                     }});
        p.push_back({ReasonKind::PromisedFollowUp,
                     re(std::string("promised to follow up on ") + kDate +
                        R"(( \(missed by (\d+) days\))?)"),
                     [](const std::smatch& m, Reason& r) {
                         r.date(Arg::On, dateOf(m[1]));
                         if (m[3].matched) r.count(Arg::MissedBy, countOf(m[3]));
                         return true;
                     }});
        p.push_back({ReasonKind::CallbackAsked,
                     re(std::string("asked on ") + kDate + " to be called back"),
                     [](const std::smatch& m, Reason& r) {
                         r.date(Arg::On, dateOf(m[1]));
                         return true;
                     }});
        p.push_back({ReasonKind::Onboarding,
                     re(std::string("new account opened ") + kDate +
                        R"(: working-day-(\d+) call due )" + kDate),
                     [](const std::smatch& m, Reason& r) {
                         r.date(Arg::Opened, dateOf(m[1]))
                             .count(Arg::WorkingDay, countOf(m[2]))
                             .date(Arg::Target, dateOf(m[3]));
                         return true;
                     }});
        p.push_back({ReasonKind::NoAnswer,
                     re(std::string("no answer on ") + kDate +
                        R"( \(attempt (\d+)\)(; (\d+) unanswered in a row, switching to (\w+))?)"),
                     [](const std::smatch& m, Reason& r) {
                         r.date(Arg::On, dateOf(m[1])).count(Arg::Attempt, countOf(m[2]));
                         if (m[3].matched)
                             if (auto c = parseContactChannel(m[5].str()))
                                 r.channel(Arg::Channel, *c);
                         return true;
                     }});
        return p;
    }();
    return kPatterns;
}

/// Reads one reason of `kind` at `pos` of `text`; advances past it and its "; " on success.
std::optional<Reason> readReason(ReasonKind kind, const std::string& text, std::size_t& pos) {
    for (const auto& p : patterns()) {
        if (p.kind != kind &&
            !(kind == ReasonKind::PromisedFollowUp && p.kind == ReasonKind::CallbackAsked))
            continue;
        std::smatch m;
        if (!std::regex_search(text.cbegin() + static_cast<std::ptrdiff_t>(pos), text.cend(), m,
                               p.regex, std::regex_constants::match_continuous))
            continue;
        Reason r(p.kind);
        if (!p.parse(m, r)) continue;
        pos += static_cast<std::size_t>(m.length(0));
        if (text.compare(pos, 2, "; ") == 0) pos += 2;
        return r;
    }
    return std::nullopt;
}

struct OldText {
    std::string kinds, en;
};
OldText split(std::string_view s) {
    OldText t;
    const auto a = s.find('\n');
    if (a == std::string_view::npos) {
        t.en = std::string(s);
        return t;
    }
    t.kinds = std::string(s.substr(0, a));
    const auto b = s.find('\n', a + 1);
    t.en = std::string(s.substr(a + 1, b == std::string_view::npos ? s.npos : b - a - 1));
    return t;
}

std::vector<Reason> reasonsOf(std::string_view stored) {
    if (auto already = decodeReasons(stored)) return *already;
    const OldText old = split(stored);
    std::vector<Reason> out;
    std::size_t pos = 0;
    bool reading = true;
    for (std::size_t start = 0; start < old.kinds.size();) {
        auto comma = old.kinds.find(',', start);
        if (comma == std::string::npos) comma = old.kinds.size();
        const std::string key = old.kinds.substr(start, comma - start);
        start = comma + 1;
        if (key.empty() || key == "retry") continue; // a retry's words follow the reasons
        const ReasonKind kind = reasonKindOf(key);
        std::optional<Reason> r = reading ? readReason(kind, old.en, pos) : std::nullopt;
        reading = reading && r.has_value(); // a sentence it cannot read hides where the next begins
        out.push_back(r ? std::move(*r) : Reason(kind));
    }
    while (reading && pos < old.en.size()) { // "no answer on ..." appended by each retry
        auto r = readReason(ReasonKind::NoAnswer, old.en, pos);
        if (!r) break;
        out.push_back(std::move(*r));
    }
    if (out.empty() && old.kinds == "retry") out.push_back(Reason(ReasonKind::NoAnswer));
    return out;
}

/// Runs `update` once per row of `select`; fill(row, update) binds the update's parameters, or
/// returns false to leave the row as it is. `select` must end in an ORDER BY on an expression
/// ("ORDER BY +id"): the sort reads every row before the first update, so an updated row of a
/// WITHOUT ROWID table (rewritten in its b-tree) is not met a second time.
template <typename Fill>
Status rewriteEachRow(Database& db, const char* select, const char* update, Fill&& fill) {
    auto read = db.prepare(select);
    if (!read) return read.error();
    auto write = db.prepare(update);
    if (!write) return write.error();
    while (true) {
        auto row = read->step();
        if (!row) return row.error();
        if (!*row) return {};
        if (!fill(*read, *write)) continue;
        if (auto s = write->run(); !s) return s;
    }
}

} // namespace

std::string v6ReasonsToFacts(std::string_view stored) {
    return encodeFacts(reasonsOf(stored));
}

std::string v6PointsToFacts(std::string_view stored, std::string_view storedReasons) {
    if (decodeReasons(stored)) return std::string(stored);
    // Version 6 wrote a point per reason, then the last contact unless a cadence told it.
    std::vector<Reason> points = reasonsOf(storedReasons);
    const std::string en = split(stored).en;
    static const std::regex kInDays(R"(birthday in (\d+) days)");
    std::smatch m;
    for (auto& p : points) {
        if (p.kind != ReasonKind::Birthday || !p.has(Arg::On)) continue;
        if (en.find("birthday today") != std::string::npos)
            p.count(Arg::InDays, 0);
        else if (std::regex_search(en, m, kInDays))
            p.count(Arg::InDays, countOf(m[1]));
    }
    const bool told = std::any_of(points.begin(), points.end(),
                                  [](const Reason& r) { return r.kind == ReasonKind::Cadence; });
    static const std::regex kLastCall(R"((^| · )last call (\d+) days ago)");
    if (!told && std::regex_search(en, m, kLastCall)) {
        points.push_back(Reason(ReasonKind::LastContact).count(Arg::Ago, countOf(m[2])));
    } else if (!told && en.find("never contacted") != std::string::npos) {
        points.push_back(Reason(ReasonKind::LastContact));
    }
    return encodeFacts(points);
}

std::string v6SegmentNameToFact(std::string_view nameZh) {
    // Generated names in version 6: a theme's name, then optionally （<theme word or feature
    // id>较高|较低） or " <n>" (analytics/segmentation.cpp as it was).
    static const std::array<std::pair<std::string_view, SegmentTheme>, 11> kThemes{{
        {"活跃新客户", SegmentTheme::ActiveNewcomers},
        {"新开户", SegmentTheme::Newcomers},
        {"休眠账户", SegmentTheme::Dormant},
        {"高价值活跃交易", SegmentTheme::HighValueActive},
        {"高资产低活跃", SegmentTheme::AssetRichInactive},
        {"活跃交易", SegmentTheme::ActiveTraders},
        {"高资产", SegmentTheme::AssetRich},
        {"高贡献", SegmentTheme::HighContributors},
        {"资产增长型", SegmentTheme::Growing},
        {"小额客户", SegmentTheme::Small},
        {"大众客户", SegmentTheme::Mainstream},
    }};
    static const std::array<std::pair<std::string_view, std::string_view>, 10> kFeatureThemes{{
        {"交易活跃度", "activity"},
        {"资产规模", "assets"},
        {"盈利贡献", "profitability"},
        {"资产增长", "growth"},
        {"沉寂时长", "inactivity"},
        {"客户年限", "tenure"},
        {"服务投入", "service"},
        {"风险偏好", "risk"},
        {"持仓分散度", "diversification"},
        {"客户年龄", "age"},
    }};
    for (const auto& [word, theme] : kThemes) {
        if (nameZh.substr(0, word.size()) != word) continue;
        std::string_view rest = nameZh.substr(word.size());
        SegmentName n;
        n.theme = theme;
        if (rest.empty()) return encodeSegmentName(n);
        static const std::regex kNumber(R"( (\d+))");
        static const std::regex kQualified(
            "\xEF\xBC\x88(.+)(\xE8\xBE\x83\xE9\xAB\x98|"
            "\xE8\xBE\x83\xE4\xBD\x8E)\xEF\xBC\x89"); // （…较高|较低）
        const std::string r(rest);
        std::smatch m;
        if (std::regex_match(r, m, kNumber)) {
            n.number = static_cast<int>(countOf(m[1]));
            return encodeSegmentName(n);
        }
        if (!std::regex_match(r, m, kQualified)) continue;
        const std::string what = m[1].str();
        n.direction = m[2].str() == "较高" ? 1 : -1;
        n.feature = what; // a feature id, written raw by version 6
        for (const auto& [w, key] : kFeatureThemes)
            if (what == w) n.feature = std::string(key);
        return encodeSegmentName(n);
    }
    return {};
}

DropFact v6DropToFact(int reason, const std::string& en) {
    static const std::array<std::regex, 4> kDrops{
        re(R"(capacity: (\d+) higher-priority calls fill broker (.+)'s (\d+) working days )"
           R"(\(priority ([\d.]+)\)(; channel (\w+) is limited)?)"),
        re(std::string("already booked on ") + kDate + R"( \(cadence (\d+) days\))"),
        re(std::string("not before ") + kDate + ", after the horizon ends " + kDate),
        re(R"(a second item for this client \(input item (\d+) is planned instead\))")};
    DropFact f(static_cast<DropKind>(reason));
    std::smatch m;
    if (reason < 1 || reason > 4 ||
        !std::regex_match(en, m, kDrops[static_cast<std::size_t>(reason - 1)]))
        return f;
    if (f.kind == DropKind::Capacity) {
        f.count(Arg::Calls, countOf(m[1]))
            .text(Arg::Broker, m[2].str())
            .count(Arg::Days, countOf(m[3]))
            .value(Arg::Priority, std::stod(m[4].str()));
        if (m[5].matched)
            if (auto c = parseContactChannel(m[6].str())) f.channel(Arg::Channel, *c);
    } else if (f.kind == DropKind::AlreadyBooked) {
        f.date(Arg::On, dateOf(m[1])).count(Arg::Every, countOf(m[2]));
    } else if (f.kind == DropKind::NotInHorizon) {
        f.date(Arg::On, dateOf(m[1])).date(Arg::Due, dateOf(m[2]));
    } else {
        f.count(Arg::Item, countOf(m[1]));
    }
    return f;
}

std::string v6FactorNameToThemes(const std::string& words) {
    // Version 6 wrote a factor's theme words joined by " & " ("trading activity & asset size"),
    // or the top feature's id when no theme matched.
    static const std::array<std::pair<std::string_view, std::string_view>, 10> kThemes{{
        {"trading activity", "activity"},
        {"asset size", "assets"},
        {"profit contribution", "profitability"},
        {"asset growth", "growth"},
        {"inactivity", "inactivity"},
        {"tenure", "tenure"},
        {"service intensity", "service"},
        {"risk appetite", "risk"},
        {"portfolio breadth", "diversification"},
        {"client age", "age"},
    }};
    std::string themes;
    for (std::size_t pos = 0; pos <= words.size();) {
        auto amp = words.find(" & ", pos);
        if (amp == std::string::npos) amp = words.size();
        std::string part = words.substr(pos, amp - pos);
        for (const auto& [w, key] : kThemes)
            if (part == w) part = std::string(key);
        themes += (themes.empty() ? "" : "&") + part;
        pos = amp + 3;
    }
    return themes;
}

Status convertV6WordsToFacts(Database& db) {
    auto tasks = rewriteEachRow(
        db,
        "SELECT id, coalesce(reasons, ''), coalesce(talking_points, '') FROM follow_up_tasks "
        "ORDER BY +id",
        "UPDATE follow_up_tasks SET reasons = ?2, talking_points = ?3 WHERE id = ?1",
        [](Statement& row, Statement& write) {
            const std::string reasons = row.text(1);
            write.bind(1, row.int64(0))
                .bind(2, std::string_view(v6ReasonsToFacts(reasons)))
                .bind(3, std::string_view(v6PointsToFacts(row.text(2), reasons)));
            return true;
        });
    if (!tasks) return tasks;
    auto dropped =
        rewriteEachRow(db,
                       "SELECT run_id, client_ref, reason, reason_en FROM plan_dropped ORDER BY "
                       "+run_id, +client_ref",
                       "UPDATE plan_dropped SET facts = ?3 WHERE run_id = ?1 AND client_ref = ?2",
                       [](Statement& row, Statement& write) {
                           const DropFact f = v6DropToFact(row.int32(2), row.text(3));
                           write.bind(1, row.int64(0))
                               .bind(2, row.int64(1))
                               .bind(3, std::string_view(encodeFacts(std::vector<DropFact>{f})));
                           return true;
                       });
    if (!dropped) return dropped;
    // A generated name becomes its fact; an edited one, or one it cannot read, stays text.
    auto segments = rewriteEachRow(
        db,
        "SELECT run_id, segment_id, name_zh FROM segments WHERE name_edited = 0 "
        "ORDER BY +run_id, +segment_id",
        "UPDATE segments SET name_fact = ?3, name_zh = '', name_en = '' WHERE run_id = ?1 AND "
        "segment_id = ?2",
        [](Statement& row, Statement& write) {
            const std::string fact = v6SegmentNameToFact(row.text(2));
            if (fact.empty()) return false;
            write.bind(1, row.int64(0)).bind(2, row.int64(1)).bind(3, std::string_view(fact));
            return true;
        });
    if (!segments) return segments;
    // A factor's name becomes its theme keys ("activity&assets").
    auto factors = rewriteEachRow(
        db, "SELECT run_id, factor, name_en FROM segment_factors ORDER BY +run_id, +factor",
        "UPDATE segment_factors SET theme = ?3, name_en = '', name_zh = '' WHERE run_id = ?1 AND "
        "factor = ?2",
        [](Statement& row, Statement& write) {
            write.bind(1, row.int64(0))
                .bind(2, row.int64(1))
                .bind(3, std::string_view(v6FactorNameToThemes(row.text(2))));
            return true;
        });
    if (!factors) return factors;
    return db.exec("ALTER TABLE plan_dropped DROP COLUMN reason_en;"
                   "ALTER TABLE plan_dropped DROP COLUMN reason_zh;");
}

} // namespace bd::storage
