#include "demo/demogenerator.h"
#include "demo/demosurvey.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <thread>

#include "core/boundedqueue.h"
#include "core/clock.h"
#include "core/domain.h"
#include "core/fileerror.h"
#include "demo/demonames.h"
#include "demo/randomdist.h"
#include "storage/book/clientqueries.h"
#include "storage/book/demobookwriter.h"
#include "storage/schema/schema.h"

namespace bd::demo {
namespace {

using rnd::Engine;

// Streams of the per-seed engines (see rnd::engineFor).
enum Stream : std::uint64_t { kWorldStream = 0, kClientStream = 1 };

constexpr std::int64_t kUnitsPerCent = kMoneyScale / 100;
constexpr int kBatchClients = 256;

/// Rounds num/den units to the cent (half up, non-negative inputs) and returns units.
std::int64_t roundToCent(std::int64_t num, std::int64_t den) {
    const std::int64_t d = den * kUnitsPerCent;
    return (num + d / 2) / d * kUnitsPerCent;
}

std::int64_t yuanToUnits(double yuan) {
    return static_cast<std::int64_t>(std::llround(yuan * static_cast<double>(kMoneyScale)));
}

/// A lognormal draw with a floor, or a Pareto draw with a cap (a heavy tail of large books).
struct WealthLaw {
    enum class Kind : std::uint8_t { Lognormal, Pareto } kind = Kind::Lognormal;
    double median_cny = 0, sigma = 0, floor_cny = 0; // Lognormal
    double minimum_cny = 0, alpha = 0, cap_cny = 0;  // Pareto
};

/// A Gamma draw with the given shape and mean; shape 0 means exactly the mean (no draw).
struct GammaDraw {
    double shape = 0, mean = 0;
};

/// One kind of client: who they are, how they trade and how the branch serves them. Drawn in
/// the order the fields are listed, so the book of a seed depends on that order.
struct ArchetypeProfile {
    DemoArchetype archetype;
    std::string_view name; // English identifier ("active_trader")
    double share;          // of generated clients (all shares sum to 1)
    // the person
    std::array<double, 5> risk;         // C1..C5 weights
    std::array<double, 5> preferred;    // phone, sms, wechat, email, visit
    std::array<double, 4> orderChannel; // online, mobile, phone, counter
    std::array<double, 6> contactMix;   // phone, sms, wechat, email, visit, seminar
    double male, ageMean, ageSd, ageMin, ageMax;
    double openedBeforeHistory;
    double emailShare;
    double contactsPerYear;
    double satisfactionMean; // of rated contacts, 1..5
    // trading (BG/NBD): trade days per week while alive, drop-out after each trade day
    GammaDraw tradeDaysPerWeek;
    double dropoutA, dropoutB; // Beta(a, b)
    GammaDraw extraOrders;     // orders beyond the first on a trade day
    double ticketShareMin, ticketShareMax;
    std::int64_t ratePpmMin, ratePpmMax; // commission rate, parts per million
    double depositOnShortfall;
    // money
    WealthLaw wealth; // CNY the client brings
    double cashShareMin, cashShareMax;
};

using Law = WealthLaw::Kind;

constexpr ArchetypeProfile kProfiles[kDemoArchetypeCount] = {
    {.archetype = DemoArchetype::ActiveTrader,
     .name = "active_trader",
     .share = 0.45,
     .risk = {.02, .08, .35, .35, .20},
     .preferred = {.25, .12, .50, .08, .05},
     .orderChannel = {.20, .72, .04, .04},
     .contactMix = {.22, .35, .30, .06, .02, .05},
     .male = .57,
     .ageMean = 41,
     .ageSd = 10,
     .ageMin = 20,
     .ageMax = 75,
     .openedBeforeHistory = .70,
     .emailShare = .35,
     .contactsPerYear = 2.5,
     .satisfactionMean = 3.8,
     .tradeDaysPerWeek = {.shape = 2.0, .mean = 0.55},
     .dropoutA = 1.0,
     .dropoutB = 160.0,
     .extraOrders = {.shape = 2.0, .mean = 0.6},
     .ticketShareMin = 0.15,
     .ticketShareMax = 0.40,
     .ratePpmMin = 200,
     .ratePpmMax = 300,
     .depositOnShortfall = 0.25,
     .wealth = {.kind = Law::Lognormal, .median_cny = 90000.0, .sigma = 0.9, .floor_cny = 5000.0},
     .cashShareMin = 0.05,
     .cashShareMax = 0.35},
    {.archetype = DemoArchetype::AffluentTrader,
     .name = "affluent_trader",
     .share = 0.08,
     .risk = {.01, .05, .30, .39, .25},
     .preferred = {.30, .05, .45, .10, .10},
     .orderChannel = {.32, .60, .05, .03},
     .contactMix = {.30, .10, .35, .08, .07, .10},
     .male = .62,
     .ageMean = 46,
     .ageSd = 9,
     .ageMin = 25,
     .ageMax = 78,
     .openedBeforeHistory = .80,
     .emailShare = .50,
     .contactsPerYear = 7.0,
     .satisfactionMean = 4.0,
     .tradeDaysPerWeek = {.shape = 3.0, .mean = 1.3},
     .dropoutA = 1.0,
     .dropoutB = 300.0,
     .extraOrders = {.shape = 2.0, .mean = 1.0},
     .ticketShareMin = 0.06,
     .ticketShareMax = 0.15,
     .ratePpmMin = 150,
     .ratePpmMax = 250,
     .depositOnShortfall = 0.35,
     .wealth = {.kind = Law::Lognormal, .median_cny = 1.5e6, .sigma = 0.6, .floor_cny = 300000.0},
     .cashShareMin = 0.1,
     .cashShareMax = 0.3},
    {.archetype = DemoArchetype::PassiveWealthy,
     .name = "passive_wealthy",
     .share = 0.05,
     .risk = {.10, .30, .40, .15, .05},
     .preferred = {.35, .02, .25, .08, .30},
     .orderChannel = {.20, .35, .30, .15},
     .contactMix = {.30, .05, .25, .08, .20, .12},
     .male = .60,
     .ageMean = 58,
     .ageSd = 10,
     .ageMin = 30,
     .ageMax = 86,
     .openedBeforeHistory = .90,
     .emailShare = .60,
     .contactsPerYear = 9.0,
     .satisfactionMean = 4.3,
     .tradeDaysPerWeek = {.shape = 2.0, .mean = 0.05},
     .dropoutA = 1.0,
     .dropoutB = 60.0,
     .extraOrders = {.mean = 0.4},
     .ticketShareMin = 0.03,
     .ticketShareMax = 0.08,
     .ratePpmMin = 150,
     .ratePpmMax = 200,
     .depositOnShortfall = 0.6,
     .wealth = {.kind = Law::Pareto, .minimum_cny = 2.5e6, .alpha = 1.5, .cap_cny = 3e8},
     .cashShareMin = 0.25,
     .cashShareMax = 0.5},
    {.archetype = DemoArchetype::Dormant,
     .name = "dormant",
     .share = 0.30,
     .risk = {.10, .25, .40, .18, .07},
     .preferred = {.40, .35, .20, .05, .00},
     .orderChannel = {.25, .60, .10, .05},
     .contactMix = {.35, .50, .10, .05, .00, .00},
     .male = .55,
     .ageMean = 50,
     .ageSd = 14,
     .ageMin = 22,
     .ageMax = 88,
     .openedBeforeHistory = .92,
     .emailShare = .15,
     .contactsPerYear = 0.8,
     .satisfactionMean = 3.2,
     .tradeDaysPerWeek = {.shape = 2.0, .mean = 0.25},
     .dropoutA = 2.0,
     .dropoutB = 8.0,
     .extraOrders = {.mean = 0.2},
     .ticketShareMin = 0.3,
     .ticketShareMax = 0.6,
     .ratePpmMin = 250,
     .ratePpmMax = 300,
     .depositOnShortfall = 0.1,
     .wealth = {.kind = Law::Lognormal, .median_cny = 6000.0, .sigma = 1.4, .floor_cny = 50.0},
     .cashShareMin = 0.3,
     .cashShareMax = 1.0},
    {.archetype = DemoArchetype::Newcomer,
     .name = "newcomer",
     .share = 0.12,
     .risk = {.03, .12, .45, .30, .10},
     .preferred = {.20, .10, .60, .10, .00},
     .orderChannel = {.10, .85, .03, .02},
     .contactMix = {.35, .15, .40, .05, .02, .03},
     .male = .55,
     .ageMean = 31,
     .ageSd = 8,
     .ageMin = 18.6,
     .ageMax = 65,
     .openedBeforeHistory = 0,
     .emailShare = .45,
     .contactsPerYear = 6.0,
     .satisfactionMean = 3.8,
     .tradeDaysPerWeek = {.shape = 2.0, .mean = 0.8},
     .dropoutA = 1.0,
     .dropoutB = 40.0,
     .extraOrders = {.mean = 0.5},
     .ticketShareMin = 0.2,
     .ticketShareMax = 0.5,
     .ratePpmMin = 180,
     .ratePpmMax = 300,
     .depositOnShortfall = 0.4,
     .wealth = {.kind = Law::Lognormal, .median_cny = 40000.0, .sigma = 1.1, .floor_cny = 2000.0},
     .cashShareMin = 0.05,
     .cashShareMax = 0.35},
};

// The table is indexed by the enum: each row must sit at its archetype's value.
constexpr bool profilesInEnumOrder() {
    for (int i = 0; i < kDemoArchetypeCount; ++i)
        if (static_cast<int>(kProfiles[i].archetype) != i) return false;
    return true;
}
static_assert(profilesInEnumOrder());

const ArchetypeProfile& profile(DemoArchetype a) {
    return kProfiles[static_cast<int>(a)];
}

double draw(Engine& g, const GammaDraw& d) {
    return d.shape > 0 ? rnd::gammaMean(g, d.shape, d.mean) : d.mean;
}

double draw(Engine& g, const WealthLaw& w) {
    if (w.kind == WealthLaw::Kind::Pareto)
        return std::min(w.cap_cny, rnd::pareto(g, w.minimum_cny, w.alpha));
    return std::max(w.floor_cny, rnd::lognormal(g, std::log(w.median_cny), w.sigma));
}

constexpr ContactChannel kPreferredChannels[] = {ContactChannel::Phone, ContactChannel::Sms,
                                                 ContactChannel::Wechat, ContactChannel::Email,
                                                 ContactChannel::Visit};
constexpr ContactChannel kContactChannels[] = {ContactChannel::Phone,  ContactChannel::Sms,
                                               ContactChannel::Wechat, ContactChannel::Email,
                                               ContactChannel::Visit,  ContactChannel::Seminar};
constexpr OrderChannel kOrderChannels[] = {OrderChannel::Online, OrderChannel::Mobile,
                                           OrderChannel::Phone, OrderChannel::Counter};

struct HoursOption {
    std::string_view text;
    int from, to; // seconds after midnight
};
constexpr HoursOption kHours[] = {
    {"09:00-11:30", 9 * 3600, 11 * 3600 + 1800},  {"13:00-15:00", 13 * 3600, 15 * 3600},
    {"15:30-18:00", 15 * 3600 + 1800, 18 * 3600}, {"18:30-21:00", 18 * 3600 + 1800, 21 * 3600},
    {"12:00-13:30", 12 * 3600, 13 * 3600 + 1800}, {"09:00-17:00", 9 * 3600, 17 * 3600},
};
// Traders avoid calls during trading hours; retirees with large books take them any time.
constexpr std::array<double, 6> kTraderHours = {.05, .03, .40, .30, .17, .05};
constexpr std::array<double, 6> kDaytimeHours = {.30, .22, .15, .08, .05, .20};

// ---- the world: calendar, securities and their prices, branches, brokers ---------------------

struct World {
    DemoOptions options;
    Date historyStart;
    std::vector<Date> days; // trading days (weekdays) from historyStart to as_of
    std::vector<std::uint8_t> monthEnd, monthStart;
    std::vector<demo::SecuritySeed> securities;
    std::vector<std::vector<std::int64_t>> close; // [security][day] price in units (whole cents)
    std::array<std::vector<int>, 6> suitable;     // [C level] securities with risk <= C
    std::vector<int> core; // large caps, ETFs and money funds wealthy clients favour
    std::vector<Branch> branches;
    std::vector<int> branchCity;
    std::vector<Broker> brokers;
    std::vector<int> brokerBranch;
    std::vector<double> brokerCumulative;  // for weighted broker choice
    std::vector<double> brokerServiceBias; // how much a broker leans towards large accounts
};

Date yearsBefore(Date d, int years) {
    int y = 0, m = 0, dd = 0;
    d.toYmd(y, m, dd);
    y -= years;
    dd = std::min(dd, daysInMonth(y, m));
    return Date::fromYmd(y, m, dd).addDays(1);
}

World buildWorld(const DemoOptions& options) {
    World w;
    w.options = options;
    Engine g = rnd::engineFor(options.seed, kWorldStream, 0);
    w.historyStart = yearsBefore(options.as_of, options.history_years);
    for (Date d = w.historyStart; d <= options.as_of; d = d.addDays(1))
        if (!d.isWeekend()) w.days.push_back(d);
    const std::size_t n = w.days.size();
    w.monthEnd.assign(n, 0);
    w.monthStart.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        int y = 0, m = 0, d = 0, y2 = 0, m2 = 0, d2 = 0;
        w.days[i].toYmd(y, m, d);
        if (i + 1 == n) {
            w.monthEnd[i] = 1;
        } else {
            w.days[i + 1].toYmd(y2, m2, d2);
            if (m2 != m) w.monthEnd[i] = 1;
        }
        if (i == 0) {
            w.monthStart[i] = 1;
        } else {
            w.days[i - 1].toYmd(y2, m2, d2);
            if (m2 != m) w.monthStart[i] = 1;
        }
    }

    // Securities and a one-factor market: daily closes rounded to the cent, within limits.
    w.securities = demo::securityCatalogue(g, 320);
    std::vector<double> market(n);
    for (auto& r : market) r = rnd::normal(g, 0.0002, 0.011);
    w.close.resize(w.securities.size());
    for (std::size_t s = 0; s < w.securities.size(); ++s) {
        const auto& sec = w.securities[s];
        auto& path = w.close[s];
        path.resize(n);
        double p = sec.price;
        for (std::size_t i = 0; i < n; ++i) {
            if (i > 0) {
                double r = sec.beta * market[i] + rnd::normal(g, 0.0, sec.vol);
                if (sec.risk == 1) r = 0.00008 + rnd::normal(g, 0.0, sec.vol); // money funds
                r = std::clamp(r, -sec.limit * 0.98, sec.limit * 0.98);
                p = std::max(p * (1.0 + r), 0.2);
            }
            path[i] = std::max<std::int64_t>(1, std::llround(p * 100.0)) * kUnitsPerCent;
        }
        for (int c = 1; c <= 5; ++c)
            if (sec.risk <= c)
                w.suitable[static_cast<std::size_t>(c)].push_back(static_cast<int>(s));
        if (s < 56 && sec.risk <= 3 && sec.board != Board::Bond)
            w.core.push_back(static_cast<int>(s));
    }

    // Branches (the first is always the flagship) and brokers, about one per 350 clients.
    const int brokerCount = std::max(1, (options.clients + 175) / 350);
    const auto catalogue = demo::branchCatalogue();
    std::vector<int> order(catalogue.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    for (std::size_t i = order.size() - 1; i > 1; --i)
        std::swap(order[i], order[1 + rnd::below(g, i)]);
    const int branchCount = std::min(brokerCount, 4 + static_cast<int>(rnd::below(g, 5)));
    std::vector<double> branchSize;
    std::array<int, 10> perCity{};
    for (int b = 0; b < branchCount; ++b) {
        const auto& info = catalogue[static_cast<std::size_t>(order[static_cast<std::size_t>(b)])];
        static constexpr std::string_view kCityCodes[] = {"31", "11", "44", "33",
                                                          "32", "51", "42", "44"};
        const int seq = ++perCity[static_cast<std::size_t>(info.city)] +
                        (info.city == 7 ? 10 : 0); // Guangzhou shares Shenzhen's "44"
        Branch br;
        br.branch_id =
            std::string(kCityCodes[info.city]) + (seq < 10 ? "0" : "") + std::to_string(seq);
        br.name = std::string(info.name);
        w.branches.push_back(std::move(br));
        w.branchCity.push_back(info.city);
        branchSize.push_back(rnd::gamma(g, 4.0, 1.0));
    }
    std::vector<int> brokersInBranch(w.branches.size(), 0);
    double cumulative = 0;
    for (int k = 0; k < brokerCount; ++k) {
        const int b = k < branchCount ? k : static_cast<int>(rnd::weighted(g, branchSize));
        const auto bi = static_cast<std::size_t>(b);
        Broker br;
        br.broker_id = "E" + w.branches[bi].branch_id;
        const int seq = ++brokersInBranch[bi];
        br.broker_id += (seq < 10 ? "00" : seq < 100 ? "0" : "") + std::to_string(seq);
        br.name = demo::chineseName(g, rnd::chance(g, 0.55) ? Gender::Male : Gender::Female);
        br.branch_id = w.branches[bi].branch_id;
        br.daily_capacity = static_cast<int>(rnd::between(g, 20, 40));
        w.brokers.push_back(std::move(br));
        w.brokerBranch.push_back(b);
        cumulative += rnd::gamma(g, 6.0, 1.0); // books differ in size
        w.brokerCumulative.push_back(cumulative);
        w.brokerServiceBias.push_back(rnd::uniform(g, 0.6, 1.8));
    }
    return w;
}

// ---- generated rows, handed from the generating thread to the writing thread -----------------

struct ClientRec {
    std::int64_t ref = 0;
    Client client;
    std::string_view hours;
};
struct TradeRec {
    std::int64_t id = 0;
    std::array<char, 12> tradeId{};
    std::int64_t clientRef = 0, time = 0, quantity = 0, price = 0, amount = 0, commission = 0,
                 fees = 0;
    std::int32_t security = 0;
    std::uint8_t side = 0, channel = 0;
};
struct PositionRec {
    std::int64_t clientRef = 0, quantity = 0, cost = 0, close = 0;
    std::int32_t date = 0, security = 0;
};
struct ContactRec {
    std::int64_t clientRef = 0, time = 0;
    int broker = 0, channel = 0, direction = 0, outcome = 0;
    std::optional<int> satisfaction;
    std::string notes;
    std::optional<std::int32_t> followUp;
};

struct Batch {
    std::vector<ClientRec> clients;
    std::vector<DemoArchetype> archetypes;
    std::vector<TradeRec> trades;
    std::vector<storage::AssetRow> assets;
    std::vector<PositionRec> positions;
    std::vector<ContactRec> contacts;
    void clear() {
        clients.clear();
        archetypes.clear();
        trades.clear();
        assets.clear();
        positions.clear();
        contacts.clear();
    }
};

// ---- one client's life --------------------------------------------------------------------

struct Holding {
    int security = 0;
    std::int64_t quantity = 0;
    std::int64_t cost = 0; // total cost incl. commission and fees, units
    std::int64_t boughtToday = 0;
};

class ClientSimulator {
  public:
    ClientSimulator(const World& w, Batch& out, std::int64_t& tradeSeq)
        : m_w(w), m_out(out), m_tradeSeq(tradeSeq) {}

    void run(std::int64_t ref);

  private:
    void setUpPerson(DemoArchetype a);
    void setUpBehaviour(DemoArchetype a);
    void seedHoldings(double invest);
    void tradeDay(std::size_t day);
    void order(std::size_t day, std::int64_t time, OrderChannel channel);
    void sell(std::size_t day, std::int64_t time, OrderChannel channel, std::size_t h,
              std::int64_t quantity);
    void liquidate(std::size_t day);
    std::int64_t marketValue(std::size_t day) const;
    std::int64_t tradePrice(int security, std::size_t day);
    void emitTrade(std::int64_t time, int security, Side side, std::int64_t quantity,
                   std::int64_t price, std::int64_t commission, std::int64_t fees,
                   OrderChannel channel);
    std::int64_t commissionFor(std::int64_t amount) const {
        return std::max<std::int64_t>(5 * kMoneyScale, roundToCent(amount * m_ratePpm, 1000000));
    }
    std::int64_t feesFor(int security, Side side, std::int64_t amount) const;
    void makeContacts(Date from, Date to, double avgEquity);
    std::size_t firstDayOnOrAfter(Date d) const;

    const World& m_w;
    Batch& m_out;
    std::int64_t& m_tradeSeq;
    Engine m_g;
    std::int64_t m_ref = 0;
    DemoArchetype m_arch = DemoArchetype::ActiveTrader;
    Client m_client;
    int m_broker = 0;
    int m_hours = -1; // index into kHours, -1 unknown
    // behaviour
    double m_lambdaPerDay = 0, m_dropout = 0, m_extraOrders = 0, m_ticketShare = 0;
    std::int64_t m_ratePpm = 250;
    double m_depositOnShortfall = 0.3;
    std::vector<int> m_favourites;
    // state
    std::int64_t m_cash = 0;
    std::int64_t m_inflow = 0; // since the previous snapshot
    // Money the client keeps outside the account: deposits come from it and withdrawals go
    // back to it, so an account cannot grow without bound by topping up every large order.
    std::int64_t m_outside = 0;
    std::int64_t m_savingsPerMonth = 0;
    std::vector<Holding> m_holdings;
    std::optional<std::size_t> m_lastTradeDay;
};

/// When a client's risk assessment (风险测评) was taken, for a default 24-month validity: 2% of
/// clients have none, 3% expired up to 6 months ago, 4% expire within 30 days, the others were
/// assessed within the last 22 months (never before the account was opened). Drawn from its
/// own hash of the client, not from the simulation's stream, so that every other figure of a
/// seed's book stays as it was.
std::optional<Date> assessmentDate(std::uint64_t seed, std::int64_t ref, Date open, Date asOf) {
    auto mix = [](std::uint64_t z) { // splitmix64
        z += 0x9e3779b97f4a7c15ULL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    };
    const std::uint64_t h1 = mix(seed * 0x2545f4914f6cdd1dULL ^ static_cast<std::uint64_t>(ref));
    const std::uint64_t h2 = mix(h1);
    const double u = static_cast<double>(h1 >> 11) * 0x1.0p-53;
    constexpr int kValidityMonths = 24;
    Date assessed;
    if (u < 0.02) return std::nullopt;
    if (u < 0.05)
        assessed = addMonths(asOf.addDays(-static_cast<int>(h2 % 180)), -kValidityMonths);
    else if (u < 0.09)
        assessed = addMonths(asOf.addDays(1 + static_cast<int>(h2 % 30)), -kValidityMonths);
    else
        assessed = asOf.addDays(-static_cast<int>(h2 % 670));
    return std::max(assessed, open);
}

std::size_t ClientSimulator::firstDayOnOrAfter(Date d) const {
    return static_cast<std::size_t>(std::lower_bound(m_w.days.begin(), m_w.days.end(), d) -
                                    m_w.days.begin());
}

void ClientSimulator::setUpPerson(DemoArchetype a) {
    const ArchetypeProfile& p = profile(a);
    const Date asOf = m_w.options.as_of;
    auto it = std::upper_bound(m_w.brokerCumulative.begin(), m_w.brokerCumulative.end(),
                               rnd::uniform01(m_g) * m_w.brokerCumulative.back());
    m_broker = static_cast<int>(
        std::min<std::ptrdiff_t>(it - m_w.brokerCumulative.begin(),
                                 static_cast<std::ptrdiff_t>(m_w.brokerCumulative.size()) - 1));
    const auto& broker = m_w.brokers[static_cast<std::size_t>(m_broker)];
    const int branch = m_w.brokerBranch[static_cast<std::size_t>(m_broker)];

    Client& c = m_client;
    c = Client{};
    c.gender = rnd::chance(m_g, p.male) ? Gender::Male : Gender::Female;
    const double age = std::clamp(rnd::normal(m_g, p.ageMean, p.ageSd), p.ageMin, p.ageMax);
    const Date birth = asOf.addDays(-static_cast<int>(age * 365.2425));
    c.birth_date = birth;
    int by = 0, bm = 0, bd = 0;
    birth.toYmd(by, bm, bd);
    const Date adult = Date::fromYmd(by + 18, bm, std::min(bd, daysInMonth(by + 18, bm)));

    Date open;
    if (a == DemoArchetype::Newcomer) {
        open = asOf.addDays(-static_cast<int>(rnd::between(m_g, 1, 180)));
    } else if (rnd::chance(m_g, p.openedBeforeHistory)) {
        open = m_w.historyStart.addDays(-1 - static_cast<int>(rnd::exponential(m_g, 1.0 / 1800.0)));
        open = std::max(open, Date::fromYmd(2000, 1, 4));
    } else {
        const int span = std::max(1, asOf.addDays(-181) - m_w.historyStart);
        open = m_w.historyStart.addDays(
            static_cast<int>(rnd::below(m_g, static_cast<std::uint64_t>(span))));
    }
    if (open < adult) open = adult.addDays(static_cast<int>(rnd::between(m_g, 0, 400)));
    if (open > asOf) open = asOf;
    // To a weekday: forward only when one follows before the as-of day, else back (an as-of day
    // on a weekend made a day flip between Saturday and Sunday for ever).
    const int step = open.addDays(2) < asOf ? 1 : -1;
    while (open.isWeekend()) open = open.addDays(step);
    if (open > asOf) open = asOf.addDays(-1);
    c.open_date = open;

    c.name = demo::chineseName(m_g, c.gender);
    c.id_number =
        demo::idNumber(m_g, demo::areaCode(m_g, m_w.branchCity[static_cast<std::size_t>(branch)]),
                       birth, c.gender);
    c.phone = demo::mobilePhone(m_g);
    if (rnd::chance(m_g, p.emailShare)) c.email = demo::emailAddress(m_g);
    c.broker_id = broker.broker_id;
    c.branch_id = broker.branch_id;
    c.client_id = broker.branch_id;
    std::array<char, 8> digits{};
    auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), m_ref);
    (void)ec;
    c.client_id.append(8 - static_cast<std::size_t>(end - digits.data()), '0');
    c.client_id.append(digits.data(), end);
    c.risk_level = 1 + static_cast<int>(rnd::weighted(m_g, p.risk));
    c.preferred_channel = kPreferredChannels[rnd::weighted(m_g, p.preferred)];
    c.risk_assessed_on = assessmentDate(m_w.options.seed, m_ref, open, asOf);
    if (rnd::chance(m_g, 0.85)) {
        const bool trader = a == DemoArchetype::ActiveTrader ||
                            a == DemoArchetype::AffluentTrader ||
                            (a == DemoArchetype::Newcomer && age < 40);
        m_hours = static_cast<int>(rnd::weighted(m_g, trader ? kTraderHours : kDaytimeHours));
    } else {
        m_hours = -1;
    }
}

void ClientSimulator::setUpBehaviour(DemoArchetype a) {
    // BG/NBD: while alive a client has trade days at Poisson rate lambda (per week, Gamma across
    // clients) and drops out after each trade day with probability p (Beta across clients).
    const ArchetypeProfile& p = profile(a);
    const double lambdaPerWeek = draw(m_g, p.tradeDaysPerWeek);
    m_dropout = rnd::beta(m_g, p.dropoutA, p.dropoutB);
    m_extraOrders = draw(m_g, p.extraOrders);
    m_ticketShare = rnd::uniform(m_g, p.ticketShareMin, p.ticketShareMax);
    m_ratePpm = rnd::between(m_g, p.ratePpmMin, p.ratePpmMax);
    m_depositOnShortfall = p.depositOnShortfall;
    m_lambdaPerDay = lambdaPerWeek / 5.0;

    // A handful of favourite securities, suitable for the client's risk level.
    const auto& pool = m_w.suitable[static_cast<std::size_t>(m_client.risk_level)];
    m_favourites.clear();
    const int favourites = static_cast<int>(rnd::between(m_g, 3, 10));
    for (int i = 0; i < favourites && !pool.empty(); ++i) {
        int s = pool[rnd::below(m_g, pool.size())];
        if (a == DemoArchetype::PassiveWealthy && rnd::chance(m_g, 0.7)) {
            const int c = m_w.core[rnd::below(m_g, m_w.core.size())];
            if (m_w.securities[static_cast<std::size_t>(c)].risk <= m_client.risk_level) s = c;
        }
        m_favourites.push_back(s);
    }
}

std::int64_t ClientSimulator::marketValue(std::size_t day) const {
    std::int64_t mv = 0;
    for (const auto& h : m_holdings)
        mv += h.quantity * m_w.close[static_cast<std::size_t>(h.security)][day];
    return mv;
}

std::int64_t ClientSimulator::tradePrice(int security, std::size_t day) {
    const auto& sec = m_w.securities[static_cast<std::size_t>(security)];
    const auto& path = m_w.close[static_cast<std::size_t>(security)];
    const double prev = static_cast<double>(path[day > 0 ? day - 1 : day]);
    const double close = static_cast<double>(path[day]);
    double p = close * (1.0 + rnd::normal(m_g, 0.0, sec.vol * 0.35));
    p = std::clamp(p, prev * (1.0 - sec.limit), prev * (1.0 + sec.limit));
    const auto cents =
        std::max<std::int64_t>(1, std::llround(p / static_cast<double>(kUnitsPerCent)));
    return cents * kUnitsPerCent;
}

std::int64_t ClientSimulator::feesFor(int security, Side side, std::int64_t amount) const {
    const Board b = m_w.securities[static_cast<std::size_t>(security)].board;
    if (b == Board::Fund || b == Board::Bond) return 0;             // no stamp duty or transfer fee
    std::int64_t fees = roundToCent(amount, 100000);                // transfer fee 0.001%
    if (side == Side::Sell) fees += roundToCent(amount * 5, 10000); // stamp duty 0.05%
    return fees;
}

void ClientSimulator::emitTrade(std::int64_t time, int security, Side side, std::int64_t quantity,
                                std::int64_t price, std::int64_t commission, std::int64_t fees,
                                OrderChannel channel) {
    TradeRec t;
    t.id = ++m_tradeSeq;
    std::to_chars(t.tradeId.data(), t.tradeId.data() + t.tradeId.size(),
                  100000000000LL + t.id); // 12 digits, ascending with id
    t.clientRef = m_ref;
    t.time = time;
    t.security = security;
    t.side = static_cast<std::uint8_t>(side);
    t.quantity = quantity;
    t.price = price;
    t.amount = quantity * price;
    t.commission = commission;
    t.fees = fees;
    t.channel = static_cast<std::uint8_t>(channel);
    m_out.trades.push_back(t);
}

void ClientSimulator::sell(std::size_t day, std::int64_t time, OrderChannel channel, std::size_t h,
                           std::int64_t quantity) {
    Holding& hold = m_holdings[h];
    const std::int64_t price = tradePrice(hold.security, day);
    const std::int64_t amount = quantity * price;
    const std::int64_t commission = commissionFor(amount);
    const std::int64_t fees = feesFor(hold.security, Side::Sell, amount);
    emitTrade(time, hold.security, Side::Sell, quantity, price, commission, fees, channel);
    m_cash += amount - commission - fees;
    hold.cost -= hold.cost / hold.quantity * quantity +
                 (hold.cost % hold.quantity) * quantity / hold.quantity;
    hold.quantity -= quantity;
    if (hold.quantity == 0) m_holdings.erase(m_holdings.begin() + static_cast<std::ptrdiff_t>(h));
}

void ClientSimulator::order(std::size_t day, std::int64_t time, OrderChannel channel) {
    // T+1: only shares held before today can be sold.
    std::vector<std::size_t> sellable;
    for (std::size_t i = 0; i < m_holdings.size(); ++i)
        if (m_holdings[i].quantity > m_holdings[i].boughtToday) sellable.push_back(i);
    const std::int64_t mv = marketValue(day);
    const double equity = static_cast<double>(m_cash + mv);
    double sellProbability = sellable.empty() ? 0.0 : 0.45;
    if (!sellable.empty() && static_cast<double>(m_cash) < 0.05 * equity) sellProbability = 0.85;
    if (rnd::chance(m_g, sellProbability)) {
        const std::size_t h = sellable[rnd::below(m_g, sellable.size())];
        const Holding& hold = m_holdings[h];
        const int lot = m_w.securities[static_cast<std::size_t>(hold.security)].lot;
        const std::int64_t available = hold.quantity - hold.boughtToday;
        std::int64_t quantity = available;
        if (!rnd::chance(m_g, 0.45) && available > lot) {
            const std::int64_t lots = available / lot;
            quantity = rnd::between(m_g, 1, lots) * lot;
        }
        sell(day, time, channel, h, quantity);
        return;
    }

    for (int attempt = 0; attempt < 3; ++attempt) {
        const int s = (!m_favourites.empty() && rnd::chance(m_g, 0.75))
                          ? m_favourites[rnd::below(m_g, m_favourites.size())]
                          : [&] {
                                const auto& pool =
                                    m_w.suitable[static_cast<std::size_t>(m_client.risk_level)];
                                return pool[rnd::below(m_g, pool.size())];
                            }();
        const auto& sec = m_w.securities[static_cast<std::size_t>(s)];
        const std::int64_t price = tradePrice(s, day);
        const std::int64_t lotCost = price * sec.lot;
        const double target = rnd::gammaMean(m_g, 2.0, m_ticketShare * std::max(equity, 1.0));
        std::int64_t lots = std::max<std::int64_t>(
            1, static_cast<std::int64_t>(target / static_cast<double>(lotCost)));
        auto totalCost = [&](std::int64_t l) {
            const std::int64_t amount = l * lotCost;
            return amount + commissionFor(amount) + feesFor(s, Side::Buy, amount);
        };
        if (totalCost(lots) > m_cash) {
            // Transfer in the shortfall, rounded up to a thousand yuan, when the client has it.
            const std::int64_t need = totalCost(lots) - m_cash;
            const std::int64_t step = 1000 * kMoneyScale;
            const std::int64_t deposit = (need + step - 1) / step * step;
            if (deposit <= m_outside && rnd::chance(m_g, m_depositOnShortfall)) {
                m_cash += deposit;
                m_inflow += deposit;
                m_outside -= deposit;
            } else {
                // The most lots the cash covers with commission and fees (at most 0.0301%
                // plus the 5-yuan minimum), then a step or two down if rounding says so.
                const double perLot = static_cast<double>(lotCost) *
                                      (1.0 + static_cast<double>(m_ratePpm) / 1e6 + 0.00002);
                lots = std::max<std::int64_t>(
                    0, static_cast<std::int64_t>(static_cast<double>(m_cash - 5 * kMoneyScale) /
                                                 perLot));
                while (lots > 0 && totalCost(lots) > m_cash) --lots;
                if (lots == 0) continue; // too dear for the cash at hand: look at another
            }
        }
        const std::int64_t quantity = lots * sec.lot;
        const std::int64_t amount = quantity * price;
        const std::int64_t commission = commissionFor(amount);
        const std::int64_t fees = feesFor(s, Side::Buy, amount);
        emitTrade(time, s, Side::Buy, quantity, price, commission, fees, channel);
        m_cash -= amount + commission + fees;
        auto it = std::find_if(m_holdings.begin(), m_holdings.end(),
                               [&](const Holding& h) { return h.security == s; });
        if (it == m_holdings.end()) {
            m_holdings.push_back({s, 0, 0, 0});
            it = m_holdings.end() - 1;
        }
        it->quantity += quantity;
        it->cost += amount + commission + fees;
        it->boughtToday += quantity;
        return;
    }
}

void ClientSimulator::tradeDay(std::size_t day) {
    for (auto& h : m_holdings) h.boughtToday = 0;
    const int orders =
        1 + static_cast<int>(std::min<std::int64_t>(11, rnd::poisson(m_g, m_extraOrders)));
    std::array<std::int64_t, 12> seconds{};
    for (int i = 0; i < orders; ++i) {
        // Continuous auction: 09:30-11:30 and 13:00-15:00 (4 hours = 14400 s).
        const auto s = static_cast<std::int64_t>(rnd::below(m_g, 14400));
        seconds[static_cast<std::size_t>(i)] =
            s < 7200 ? 9 * 3600 + 1800 + s : 13 * 3600 + (s - 7200);
    }
    std::sort(seconds.begin(), seconds.begin() + orders);
    const OrderChannel usual = kOrderChannels[rnd::weighted(m_g, profile(m_arch).orderChannel)];
    const std::int64_t base = static_cast<std::int64_t>(m_w.days[day].days) * 86400;
    for (int i = 0; i < orders; ++i) {
        const OrderChannel ch =
            rnd::chance(m_g, 0.85)
                ? usual
                : kOrderChannels[rnd::weighted(m_g, profile(m_arch).orderChannel)];
        order(day, base + seconds[static_cast<std::size_t>(i)], ch);
    }
    m_lastTradeDay = day;
}

void ClientSimulator::liquidate(std::size_t day) {
    const std::int64_t base = static_cast<std::int64_t>(m_w.days[day].days) * 86400;
    std::int64_t t = base + 10 * 3600 + static_cast<std::int64_t>(rnd::below(m_g, 3600));
    for (auto& h : m_holdings) h.boughtToday = 0;
    while (!m_holdings.empty()) {
        sell(day, t, OrderChannel::Counter, m_holdings.size() - 1, m_holdings.back().quantity);
        t += 30 + static_cast<std::int64_t>(rnd::below(m_g, 120));
    }
    if (!m_out.trades.empty() && m_out.trades.back().clientRef == m_ref) m_lastTradeDay = day;
    m_inflow -= m_cash;
    m_cash = 0;
}

void ClientSimulator::seedHoldings(double invest) {
    // Positions bought before the history starts, at a cost somewhat off today's price.
    if (m_favourites.empty() || invest <= 0) return;
    const int k = static_cast<int>(rnd::between(
        m_g, 1, std::min<std::int64_t>(6, static_cast<std::int64_t>(m_favourites.size()))));
    std::vector<double> weights(static_cast<std::size_t>(k));
    double total = 0;
    for (auto& x : weights) total += (x = rnd::gamma(m_g, 1.5, 1.0));
    for (int i = 0; i < k; ++i) {
        const int s = m_favourites[static_cast<std::size_t>(i)];
        const auto& sec = m_w.securities[static_cast<std::size_t>(s)];
        const std::int64_t price = m_w.close[static_cast<std::size_t>(s)][0];
        const double alloc = invest * weights[static_cast<std::size_t>(i)] / total;
        const std::int64_t lots =
            static_cast<std::int64_t>(alloc * kMoneyScale / static_cast<double>(price * sec.lot));
        if (lots <= 0) continue;
        const std::int64_t qty = lots * sec.lot;
        const double costPrice = static_cast<double>(price) * std::exp(rnd::normal(m_g, 0.0, 0.2));
        auto it = std::find_if(m_holdings.begin(), m_holdings.end(),
                               [&](const Holding& h) { return h.security == s; });
        if (it == m_holdings.end()) {
            m_holdings.push_back({s, 0, 0, 0});
            it = m_holdings.end() - 1;
        }
        it->quantity += qty;
        it->cost += static_cast<std::int64_t>(std::llround(costPrice)) * qty;
    }
}

void ClientSimulator::makeContacts(Date from, Date to, double avgEquity) {
    if (to < from) return;
    const ArchetypeProfile& p = profile(m_arch);
    // Service follows assets more than value: the study's "big-capital clients cost much".
    const double wealth = std::max(0.0, std::log10(std::max(avgEquity, 1.0) / 200000.0));
    const double rate =
        p.contactsPerYear *
        (1.0 + 0.6 * wealth * m_w.brokerServiceBias[static_cast<std::size_t>(m_broker)]);
    const double years = static_cast<double>(to - from + 1) / 365.25;
    std::int64_t n = rnd::poisson(m_g, rate * years);
    std::vector<std::pair<std::int64_t, int>> when; // time, channel index
    std::array<double, 6> mix = p.contactMix;
    for (std::size_t i = 0; i < 6; ++i)
        if (kContactChannels[i] == m_client.preferred_channel) mix[i] *= 3.0;
    const int span = to - from + 1;
    auto emit = [&](Date d, int ch) {
        const ContactChannel channel = kContactChannels[static_cast<std::size_t>(ch)];
        if (channel == ContactChannel::Seminar) {
            // Strategy meetings: Saturday afternoons or weekday evenings at the branch.
            if (rnd::chance(m_g, 0.5)) {
                while (d.isoWeekday() != 6) d = d.addDays(1);
                when.emplace_back(DateTime::fromParts(d, 14, 0, 0).secs, ch);
            } else {
                while (d.isWeekend()) d = d.addDays(1);
                when.emplace_back(DateTime::fromParts(d, 19, 0, 0).secs, ch);
            }
            return;
        }
        while (d.isWeekend() && (channel != ContactChannel::Wechat || rnd::chance(m_g, 0.7)))
            d = d.addDays(1);
        std::int64_t sec = 0;
        const bool timed = channel == ContactChannel::Phone || channel == ContactChannel::Wechat ||
                           channel == ContactChannel::Visit;
        if (timed && m_hours >= 0 && rnd::chance(m_g, 0.6)) {
            const auto& h = kHours[m_hours];
            sec = h.from + static_cast<std::int64_t>(
                               rnd::below(m_g, static_cast<std::uint64_t>(h.to - h.from)));
        } else {
            sec = 9 * 3600 + static_cast<std::int64_t>(rnd::below(m_g, 9 * 3600));
        }
        when.emplace_back(static_cast<std::int64_t>(d.days) * 86400 + sec, ch);
    };
    if (m_arch == DemoArchetype::Newcomer && from == m_client.open_date)
        emit(from.addDays(static_cast<int>(rnd::between(m_g, 0, 3))), 0); // welcome call
    for (std::int64_t i = 0; i < n; ++i)
        emit(from.addDays(static_cast<int>(rnd::below(m_g, static_cast<std::uint64_t>(span)))),
             static_cast<int>(rnd::weighted(m_g, mix)));
    std::sort(when.begin(), when.end());
    const std::int64_t limit = static_cast<std::int64_t>(m_w.options.as_of.days) * 86400 + 86399;
    std::int64_t prev = -1;
    const double satisfactionMean = p.satisfactionMean;
    for (auto [t, ch] : when) {
        if (t <= prev) t = prev + 60; // one contact per moment and channel
        if (t > limit) break;
        prev = t;
        const ContactChannel channel = kContactChannels[static_cast<std::size_t>(ch)];
        const Date d = DateTime{t}.date();
        const int secOfDay = static_cast<int>(t - static_cast<std::int64_t>(d.days) * 86400);
        const bool inWindow =
            m_hours >= 0 && secOfDay >= kHours[m_hours].from && secOfDay < kHours[m_hours].to;
        const bool preferred = channel == m_client.preferred_channel;
        ContactRec r;
        r.clientRef = m_ref;
        r.time = t;
        r.broker = m_broker;
        r.channel = static_cast<int>(channel);
        Direction dir = Direction::Outbound;
        if ((channel == ContactChannel::Phone && rnd::chance(m_g, 0.15)) ||
            (channel == ContactChannel::Wechat && rnd::chance(m_g, 0.2)) ||
            (channel == ContactChannel::Visit && rnd::chance(m_g, 0.3)))
            dir = Direction::Inbound;
        r.direction = static_cast<int>(dir);
        Outcome out = Outcome::Reached;
        if (dir == Direction::Inbound) {
            const double u = rnd::uniform01(m_g);
            out = u < 0.88 ? Outcome::Reached : u < 0.97 ? Outcome::Complaint : Outcome::Callback;
        } else if (channel == ContactChannel::Phone || channel == ContactChannel::Wechat) {
            // Calls inside the client's hours and on the channel they asked for get through.
            double reach = inWindow ? 0.82 : 0.5;
            if (channel == ContactChannel::Wechat) reach += 0.1;
            if (preferred) reach += 0.06;
            if (m_arch == DemoArchetype::Dormant) reach -= 0.15;
            if (!rnd::chance(m_g, reach)) {
                const double u = rnd::uniform01(m_g);
                out = u < 0.7 ? Outcome::NoAnswer : u < 0.9 ? Outcome::Callback : Outcome::Refused;
            } else if (rnd::chance(m_g, 0.01)) {
                out = Outcome::Complaint;
            }
        } else if (channel == ContactChannel::Visit && rnd::chance(m_g, 0.03)) {
            out = Outcome::Refused;
        }
        r.outcome = static_cast<int>(out);
        const bool personal =
            channel == ContactChannel::Phone || channel == ContactChannel::Wechat ||
            channel == ContactChannel::Visit || channel == ContactChannel::Seminar;
        if (personal && (out == Outcome::Reached || out == Outcome::Complaint) &&
            rnd::chance(m_g, 0.6)) {
            const double s = out == Outcome::Complaint ? rnd::uniform(m_g, 0.6, 2.4)
                                                       : rnd::normal(m_g, satisfactionMean, 0.8);
            r.satisfaction = static_cast<int>(std::clamp(std::lround(s), 1L, 5L));
        }
        const int fav =
            m_favourites.empty() ? 0 : m_favourites[rnd::below(m_g, m_favourites.size())];
        const auto& sec = m_w.securities[static_cast<std::size_t>(fav)];
        int y = 0, mo = 0, dd = 0;
        d.toYmd(y, mo, dd);
        r.notes = demo::contactNote(m_g, channel, out, sec.name, sec.industry, mo);
        if (out == Outcome::Callback)
            r.followUp = d.addDays(static_cast<int>(rnd::between(m_g, 1, 3))).days;
        else if (out == Outcome::Complaint)
            r.followUp = d.addDays(static_cast<int>(rnd::between(m_g, 1, 5))).days;
        else if (personal && out == Outcome::Reached && rnd::chance(m_g, 0.2))
            r.followUp = d.addDays(static_cast<int>(rnd::between(m_g, 7, 45))).days;
        m_out.contacts.push_back(std::move(r));
    }
}

void ClientSimulator::run(std::int64_t ref) {
    m_ref = ref;
    m_g = rnd::engineFor(m_w.options.seed, kClientStream, static_cast<std::uint64_t>(ref));
    m_arch = static_cast<DemoArchetype>(rnd::weighted(
        m_g, m_w.options.archetype_shares ? *m_w.options.archetype_shares : demoArchetypeShares()));
    setUpPerson(m_arch);
    setUpBehaviour(m_arch);
    m_holdings.clear();
    m_cash = 0;
    m_inflow = 0;
    m_lastTradeDay.reset();

    const Date asOf = m_w.options.as_of;
    const bool preexisting = m_client.open_date < m_w.historyStart;
    const ArchetypeProfile& arch = profile(m_arch);
    const double wealth = draw(m_g, arch.wealth); // CNY the client brings
    const double cashShare = rnd::uniform(m_g, arch.cashShareMin, arch.cashShareMax);

    m_outside = yuanToUnits(wealth * rnd::uniform(m_g, 0.2, 0.6));
    m_savingsPerMonth = yuanToUnits(wealth * 0.01);

    const std::size_t first = firstDayOnOrAfter(std::max(m_client.open_date, m_w.historyStart));
    const std::size_t n = m_w.days.size();
    bool alive = true;
    std::optional<std::size_t> closeDay;
    if (preexisting) {
        seedHoldings(wealth * (1.0 - cashShare));
        m_cash = yuanToUnits(wealth) - (m_holdings.empty() ? 0 : marketValue(0));
        m_cash = std::max<std::int64_t>(m_cash, yuanToUnits(wealth * cashShare)) / kUnitsPerCent *
                 kUnitsPerCent;
        if (m_arch == DemoArchetype::Dormant && rnd::chance(m_g, 0.55)) alive = false;
        if (m_arch == DemoArchetype::Dormant && rnd::chance(m_g, 0.2) && n > 0)
            closeDay = first + rnd::below(m_g, n - first);
    }
    std::size_t nextTrade = first;
    auto gap = [&] {
        if (m_lambdaPerDay <= 0) return n + 1;
        const double x = std::ceil(rnd::exponential(m_g, m_lambdaPerDay));
        return x > static_cast<double>(n) ? n + 1
                                          : std::max<std::size_t>(1, static_cast<std::size_t>(x));
    };
    if (preexisting) {
        nextTrade = first + gap() - 1; // memoryless: the process was already running
    } else {
        nextTrade = first + static_cast<std::size_t>(rnd::between(m_g, 0, 10)); // first purchase
    }

    bool firstSnapshot = true;
    bool closed = false;
    double equitySum = 0;
    int snapshots = 0;
    for (std::size_t day = first; day < n; ++day) {
        if (!preexisting && day == first) {
            const std::int64_t deposit = yuanToUnits(std::round(wealth / 100.0) * 100.0);
            m_cash += deposit;
            m_inflow += deposit;
        } else if (m_w.monthStart[day] && !closed) {
            // Salary top-ups and withdrawals, more often while the client is still trading.
            m_outside += m_savingsPerMonth;
            if (rnd::chance(m_g, alive ? 0.12 : 0.02)) {
                const auto dep = std::min(
                    m_outside,
                    yuanToUnits(
                        std::round(rnd::gammaMean(m_g, 2.0, 0.05 * wealth + 2000.0) / 100.0) *
                        100.0));
                m_cash += dep;
                m_inflow += dep;
                m_outside -= dep;
            } else if (m_cash > 0 && rnd::chance(m_g, alive ? 0.06 : 0.04)) {
                const auto out = std::min(
                    m_cash,
                    yuanToUnits(std::round(rnd::uniform(m_g, 0.1, 0.6) *
                                           static_cast<double>(m_cash) / kMoneyScale / 100.0) *
                                100.0));
                m_cash -= out;
                m_inflow -= out;
                m_outside += out;
            }
        }
        if (closeDay && day == *closeDay && !closed) {
            liquidate(day);
            closed = true;
            alive = false;
        }
        if (alive && day == nextTrade) {
            tradeDay(day);
            if (rnd::chance(m_g, m_dropout)) alive = false; // BG/NBD drop-out after a trade day
            nextTrade = day + gap();
        }
        if (m_w.monthEnd[day]) {
            storage::AssetRow a;
            a.client_ref = ref;
            a.date = m_w.days[day].days;
            a.cash = m_cash;
            a.market_value = marketValue(day);
            if (!(firstSnapshot && preexisting)) a.net_inflow = m_inflow;
            m_inflow = 0;
            firstSnapshot = false;
            equitySum += static_cast<double>(a.cash + a.market_value) / kMoneyScale;
            ++snapshots;
            m_out.assets.push_back(a);
            if (closed) break;
        }
    }

    // Positions at the last trading day on or before the as-of date.
    if (!closed && n > 0) {
        std::sort(m_holdings.begin(), m_holdings.end(), [&](const Holding& a, const Holding& b) {
            return m_w.securities[static_cast<std::size_t>(a.security)].code <
                   m_w.securities[static_cast<std::size_t>(b.security)].code;
        });
        for (const auto& h : m_holdings) {
            PositionRec p;
            p.clientRef = ref;
            p.date = m_w.days[n - 1].days;
            p.security = h.security;
            p.quantity = h.quantity;
            p.cost = (h.cost + h.quantity / 2) / h.quantity;
            p.close = m_w.close[static_cast<std::size_t>(h.security)][n - 1];
            m_out.positions.push_back(p);
        }
    }

    const Date lastDay = n > 0 ? m_w.days[n - 1] : asOf;
    if (closed)
        m_client.status = ClientStatus::Closed;
    else if (m_client.open_date < asOf.addDays(-365) &&
             (!m_lastTradeDay || m_w.days[*m_lastTradeDay] <= asOf.addDays(-365)))
        m_client.status = ClientStatus::Dormant;
    else
        m_client.status = ClientStatus::Active;
    const Date contactTo = closed ? m_w.days[*closeDay] : lastDay;
    makeContacts(std::max(m_client.open_date, m_w.historyStart), contactTo,
                 snapshots > 0 ? equitySum / snapshots : wealth);

    ClientRec rec;
    rec.ref = ref;
    rec.client = std::move(m_client);
    rec.hours = m_hours >= 0 ? kHours[m_hours].text : std::string_view();
    m_out.clients.push_back(std::move(rec));
    m_out.archetypes.push_back(m_arch);
}

Status writeBatch(storage::DemoBookWriter& w, const World& world, const Batch& b,
                  DemoSummary& sum) {
    for (const auto& c : b.clients)
        if (auto s = w.client(c.ref, c.client, c.hours); !s) return s;
    for (const auto& t : b.trades) {
        const storage::TradeRow r{.trade_id = std::string_view(t.tradeId.data(), t.tradeId.size()),
                                  .client_ref = t.clientRef,
                                  .trade_time = t.time,
                                  .security_code =
                                      world.securities[static_cast<std::size_t>(t.security)].code,
                                  .side = t.side,
                                  .quantity = t.quantity,
                                  .price = t.price,
                                  .amount = t.amount,
                                  .commission = t.commission,
                                  .fees = t.fees,
                                  .channel = t.channel};
        if (auto s = w.trade(r); !s) return s;
    }
    for (const auto& a : b.assets)
        if (auto s = w.asset(a); !s) return s;
    for (const auto& p : b.positions) {
        const storage::PositionRow r{
            .client_ref = p.clientRef,
            .date = p.date,
            .security_code = world.securities[static_cast<std::size_t>(p.security)].code,
            .quantity = p.quantity,
            .cost_price = p.cost,
            .close_price = p.close};
        if (auto s = w.position(r); !s) return s;
    }
    for (const auto& c : b.contacts) {
        const storage::ContactRow r{.client_ref = c.clientRef,
                                    .broker_id =
                                        world.brokers[static_cast<std::size_t>(c.broker)].broker_id,
                                    .contact_time = c.time,
                                    .channel = c.channel,
                                    .direction = c.direction,
                                    .outcome = c.outcome,
                                    .satisfaction = c.satisfaction,
                                    .notes = c.notes,
                                    .next_follow_up = c.followUp};
        if (auto s = w.contact(r); !s) return s;
    }
    // The rows point into this batch, which goes back to the generator after this call.
    if (auto s = w.flush(); !s) return s;
    sum.clients += static_cast<std::int64_t>(b.clients.size());
    sum.trades += static_cast<std::int64_t>(b.trades.size());
    sum.assets += static_cast<std::int64_t>(b.assets.size());
    sum.positions += static_cast<std::int64_t>(b.positions.size());
    sum.contacts += static_cast<std::int64_t>(b.contacts.size());
    for (auto a : b.archetypes) {
        ++sum.archetype_counts[static_cast<std::size_t>(a)];
        sum.archetypes.push_back(a);
    }
    for (const ClientRec& c : b.clients) sum.client_ids.push_back(c.client.client_id);
    return {};
}

} // namespace

std::string_view toString(DemoArchetype a) {
    return profile(a).name;
}

const std::array<double, kDemoArchetypeCount>& demoArchetypeShares() {
    static const std::array<double, kDemoArchetypeCount> kShares = [] {
        std::array<double, kDemoArchetypeCount> shares{};
        for (int i = 0; i < kDemoArchetypeCount; ++i)
            shares[static_cast<std::size_t>(i)] = kProfiles[i].share;
        return shares;
    }();
    return kShares;
}

Status writeArchetypes(const DemoSummary& summary, const std::string& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "client_id,archetype\n";
    const std::size_t n = std::min(summary.client_ids.size(), summary.archetypes.size());
    for (std::size_t i = 0; i < n; ++i)
        out << summary.client_ids[i] << ',' << toString(summary.archetypes[i]) << '\n';
    out.close();
    if (!out) return fileError(ErrorCode::Io, "cannot write the archetypes file", path);
    return {};
}

Result<DemoSummary> generateDemoBook(storage::Database& db, const DemoOptions& options) {
    if (options.clients < 1 || options.clients > 5'000'000)
        return makeError(ErrorCode::Usage, "the number of clients must be between 1 and 5000000");
    if (options.history_years < 1 || options.history_years > 20)
        return makeError(ErrorCode::Usage, "history must be between 1 and 20 years");
    const auto started = std::chrono::steady_clock::now();
    auto empty = storage::bookIsEmpty(db);
    if (!empty) return empty.error();
    if (!*empty) return makeError(ErrorCode::InvalidInput, "the book already holds data");

    const World world = buildWorld(options);
    if (world.days.empty()) return makeError(ErrorCode::Usage, "the history holds no trading day");
    auto writer = storage::DemoBookWriter::begin(db);
    if (!writer) return writer.error();
    storage::DemoBookWriter& w = **writer;

    DemoSummary sum;
    sum.archetypes.reserve(static_cast<std::size_t>(options.clients));
    for (const auto& b : world.branches)
        if (auto s = w.branch(b); !s) return s.error();
    for (const auto& b : world.brokers)
        if (auto s = w.broker(b); !s) return s.error();
    for (const auto& sec : world.securities) {
        const Security s{.security_code = sec.code,
                         .name = sec.name,
                         .board = sec.board,
                         .risk_level = sec.risk,
                         .industry = sec.industry};
        if (auto st = w.security(s); !st) return st.error();
    }
    sum.branches = static_cast<std::int64_t>(world.branches.size());
    sum.brokers = static_cast<std::int64_t>(world.brokers.size());
    sum.securities = static_cast<std::int64_t>(world.securities.size());

    // Generate on a second thread while this one writes; batches keep their order, so the
    // book does not depend on timing.
    // Six batches go round: the generator takes a free one and hands it over full; the writer
    // gives it back once written. Either side stops both on an error.
    constexpr std::size_t kBatches = 6;
    BoundedQueue<std::unique_ptr<Batch>> freeBatches(kBatches), fullBatches(kBatches);
    for (std::size_t i = 0; i < kBatches; ++i) (void)freeBatches.push(std::make_unique<Batch>());
    auto cancel = [&] {
        freeBatches.cancel();
        fullBatches.cancel();
    };
    std::optional<Error> generatorError;
    std::thread generator([&] {
        try {
            std::int64_t tradeSeq = 0;
            for (std::int64_t ref = 1; ref <= options.clients;) {
                auto batch = freeBatches.pop();
                if (!batch) return;
                (*batch)->clear();
                ClientSimulator sim(world, **batch, tradeSeq);
                for (int k = 0; k < kBatchClients && ref <= options.clients; ++k, ++ref)
                    sim.run(ref);
                if (!fullBatches.push(std::move(*batch))) return;
            }
        } catch (const std::exception& ex) {
            generatorError =
                makeError(ErrorCode::Internal, std::string("demo generator: ") + ex.what());
            cancel();
            return;
        }
        fullBatches.close();
    });

    Status status;
    std::int64_t reported = 0;
    const std::int64_t step = std::max<std::int64_t>(1, options.clients / 100);
    while (auto batch = fullBatches.pop()) {
        status = writeBatch(w, world, **batch, sum);
        if (!status) {
            cancel();
            break;
        }
        (void)freeBatches.push(std::move(*batch));
        if (options.progress && sum.clients - reported >= step) {
            reported = sum.clients;
            options.progress(sum.clients, options.clients, sum.trades);
        }
    }
    generator.join();
    if (generatorError) return *generatorError;
    if (!status) return status.error();
    if (sum.clients != options.clients)
        return makeError(ErrorCode::Internal, "demo generator stopped early");
    const auto written = std::chrono::steady_clock::now();
    if (auto s = w.finish(); !s) return s.error();
    sum.finish_seconds = secondsSince(written);
    if (options.progress && reported != sum.clients)
        options.progress(sum.clients, options.clients, sum.trades);
    sum.seconds = secondsSince(started);
    return sum;
}

namespace {

/// The demo book, then its survey campaign when asked for.
Result<DemoSummary> generateWithSurvey(storage::Database& db, const DemoOptions& options) {
    auto sum = generateDemoBook(db, options);
    if (!sum || !options.survey_campaign) return sum;
    auto survey = addDemoSurvey(db, options.as_of, options.seed);
    if (!survey) return survey.error();
    sum->survey_calls = survey->calls;
    sum->survey_answers = survey->answered;
    return sum;
}

} // namespace

Result<DemoSummary> createDemoBook(const std::string& path, const DemoOptions& options,
                                   bool force) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(path, ec)) {
        bool replace = false;
        {
            auto db = storage::openBook(path, {.create = false});
            if (!db) {
                if (db.error().code == ErrorCode::Version) return db.error();
                return fileError(ErrorCode::InvalidInput,
                                 "the file exists and is not a BrokerDesk book (" +
                                     db.error().message + "); refusing to overwrite it",
                                 path);
            }
            auto empty = storage::bookIsEmpty(*db);
            if (!empty) return empty.error();
            if (*empty) return generateWithSurvey(*db, options);
            if (!force) {
                auto clients = storage::countClients(*db, {});
                return fileError(ErrorCode::InvalidInput,
                                 "the book already holds data (" +
                                     std::to_string(clients ? *clients : 0) +
                                     " clients); use --force to replace it",
                                 path);
            }
            replace = true;
        } // the book is closed here, before its files are removed
        if (replace) {
            for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
                fs::remove(path + suffix, ec);
                if (ec) {
                    Error e =
                        makeError(ErrorCode::Io, "cannot remove the old book: " + ec.message());
                    e.file = path + suffix;
                    return e;
                }
            }
        }
    }
    auto db = storage::openBook(path);
    if (!db) return db.error();
    return generateWithSurvey(*db, options);
}

} // namespace bd::demo
