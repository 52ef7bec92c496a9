#pragma once
// A small hand-built book for the follow-up plan tests: one client per trigger kind, value
// scores and a segmentation (one "proactive" segment: every 30 days by phone, then wechat).
// As-of 2026-11-20 (a Friday); the 10-working-day horizon runs to 2026-12-03.
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/date.h"
#include "core/enums.h"
#include "core/idnumber.h"
#include "storage/db/database.h"
#include "storage/schema/schema.h"
#include "storage/schema/tradelayout.h"

namespace bdtest {

class PlanBook {
  public:
    static bd::Date asOf() { return bd::Date::fromYmd(2026, 11, 20); }

    /// An empty book with branches BR1/BR2, brokers B1 (BR1), B2 (BR1), B3 (BR2), a value run
    /// and a segment run (both id 1) to which clients are added.
    explicit PlanBook(const std::string& path = ":memory:") {
        auto db = bd::storage::openBook(path);
        if (!db) throw std::runtime_error(db.error().toString());
        m_db.emplace(std::move(*db));
        exec("INSERT INTO branches(branch_id, name) VALUES ('BR1', 'North'), ('BR2', 'South');"
             "INSERT INTO brokers(broker_id, name, branch_id) VALUES ('B1', 'Li', 'BR1'), "
             "('B2', 'Wang', 'BR1'), ('B3', 'Zhao', 'BR2');"
             "INSERT INTO analytics_runs(id, kind, started_at, parameters) VALUES "
             "(1, 'value', '2026-11-20 08:00:00', '{}');"
             "INSERT INTO segment_runs(run_id, clients, k) VALUES (1, 0, 1);"
             "INSERT INTO segments(run_id, segment_id, name_zh, name_en, relationship_type, "
             "client_level, margin_level, size, client_share) VALUES "
             "(1, 0, '高价值', 'High value', 3, 1, 2, 0, 1.0);"
             "INSERT INTO securities(security_code, name, board, risk_level) VALUES "
             "('600000.SH', 'Bank', 1, 2), ('300750.SZ', 'Battery', 2, 4);");
    }
    bd::storage::Database& db() { return *m_db; }

    void exec(const std::string& sql) {
        auto s = m_db->exec(sql);
        if (!s) throw std::runtime_error(s.error().toString());
    }

    struct ClientSpec {
        std::string id;
        std::string broker = "B1";
        bd::Date open = bd::Date::fromYmd(2020, 1, 1);
        std::string name;
        std::string phone = "13812345678";
        std::string id_number;
        int risk_level = 3;
        int preferred_channel = 1; // phone
        double value_score = 50;
        double p_alive = 0.9;
        bool vip = false;
        int rank = 0; // 0: by insertion order
        bool scored = true;
        bool segmented = true;
    };

    /// Adds a client (scored and labelled unless told otherwise); returns its ref.
    std::int64_t client(const ClientSpec& c) {
        auto st = m_db->prepare(
            "INSERT INTO clients(client_id, name, phone, id_number, broker_id, open_date, "
            "risk_level, preferred_channel) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        st->bind(1, std::string_view(c.id))
            .bind(2, std::string_view(c.name.empty() ? "Client " + c.id : c.name))
            .bind(3, std::string_view(c.phone));
        if (c.id_number.empty())
            st->bindNull(4);
        else
            st->bind(4, std::string_view(c.id_number));
        st->bind(5, std::string_view(c.broker))
            .bind(6, static_cast<std::int64_t>(c.open.days))
            .bind(7, c.risk_level)
            .bind(8, c.preferred_channel);
        check(st->run());
        const std::int64_t ref = m_db->lastInsertRowId();
        m_refs[c.id] = ref;
        ++m_count;
        if (c.scored) {
            auto sc = m_db->prepare(
                "INSERT INTO client_scores(run_id, client_ref, aum, trades_12m, commission_12m, "
                "interest_12m, handling_cost_12m, service_cost_12m, maintenance_12m, profit_12m, "
                "recency_days, frequency, p_alive, expected_trades_12m, "
                "expected_commission_per_trade_day, clv_12m, value_score, value_rank, vip, "
                "churn_risk) VALUES (1, ?1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?2, 0, 0, 0, ?3, ?4, ?5, "
                "0)");
            sc->bind(1, ref).bind(2, c.p_alive).bind(3, c.value_score);
            sc->bind(4, c.rank > 0 ? c.rank : m_count).bind(5, c.vip ? 1 : 0);
            check(sc->run());
        }
        if (c.segmented) {
            auto sl = m_db->prepare(
                "INSERT INTO segment_labels(run_id, client_ref, segment_id) VALUES (1, ?1, 0)");
            sl->bind(1, ref);
            check(sl->run());
        }
        return ref;
    }

    std::int64_t client(const std::string& id, const std::string& broker = "B1") {
        ClientSpec c;
        c.id = id;
        c.broker = broker;
        return client(c);
    }

    std::int64_t ref(const std::string& id) const { return m_refs.at(id); }

    /// Puts client `id` in segment `segment` of relationship type `type` (run 1; the segment is
    /// made when new).
    void segmentOf(const std::string& id, int segment, int type) {
        exec("INSERT OR IGNORE INTO segments(run_id, segment_id, name_zh, name_en, "
             "relationship_type, client_level, margin_level, size, client_share) VALUES (1, " +
             std::to_string(segment) + ", 'S', 'S', " + std::to_string(type) +
             ", 1, 1, 0, 0.1); UPDATE segment_labels SET segment_id = " + std::to_string(segment) +
             " WHERE client_ref = " + std::to_string(ref(id)));
    }

    /// A contact `daysAgo` days before as-of at 10:00.
    void contact(const std::string& id, int daysAgo, bd::Outcome outcome = bd::Outcome::Reached,
                 std::optional<int> satisfaction = std::nullopt,
                 std::optional<bd::Date> next = std::nullopt,
                 bd::ContactChannel ch = bd::ContactChannel::Phone) {
        auto st = m_db->prepare(
            "INSERT INTO contacts(client_ref, broker_id, contact_time, channel, outcome, "
            "satisfaction, next_follow_up) VALUES (?1, 'B1', ?2, ?3, ?4, ?5, ?6)");
        st->bind(1, ref(id))
            .bind(2, bd::DateTime::fromParts(asOf().addDays(-daysAgo), 10, 0, 0).secs)
            .bind(3, static_cast<int>(ch))
            .bind(4, static_cast<int>(outcome));
        st->bind(5, satisfaction);
        if (next)
            st->bind(6, static_cast<std::int64_t>(next->days));
        else
            st->bindNull(6);
        check(st->run());
    }

    /// An asset snapshot (CNY amounts).
    void snapshot(const std::string& id, bd::Date d, double aum,
                  std::optional<double> inflow = std::nullopt) {
        auto st = m_db->prepare("INSERT INTO assets(client_ref, date, cash, market_value, "
                                "net_inflow) VALUES (?1, ?2, ?3, 0, ?4)");
        st->bind(1, ref(id)).bind(2, static_cast<std::int64_t>(d.days));
        st->bind(3, static_cast<std::int64_t>(aum * 10000.0));
        if (inflow)
            st->bind(4, static_cast<std::int64_t>(*inflow * 10000.0));
        else
            st->bindNull(4);
        check(st->run());
    }

    /// A small buy on `d` at 10:00 (the client has traded: trade_days follow on the next read).
    void trade(const std::string& id, bd::Date d) {
        const std::int64_t secs = bd::DateTime::fromParts(d, 10, 0, 0).secs;
        auto st = m_db->prepare(
            "INSERT INTO trades(trade_id, client_ref, trade_time, trade_month, security_code, "
            "side, "
            "quantity, price, amount, commission, fees) VALUES (?1, ?2, ?3, ?4, '600000.SH', 1, "
            "100, 100000, 10000000, 50000, 0)");
        st->bind(1, std::string_view("T" + id + std::to_string(d.days)))
            .bind(2, ref(id))
            .bind(3, secs)
            .bind(4, bd::storage::tradeMonthOf(secs));
        check(st->run());
    }
    void position(const std::string& id, bd::Date d, const std::string& code) {
        auto st = m_db->prepare("INSERT INTO positions(client_ref, date, security_code, quantity, "
                                "close_price) VALUES (?1, ?2, ?3, 100, 100000)");
        st->bind(1, ref(id)).bind(2, static_cast<std::int64_t>(d.days));
        st->bind(3, std::string_view(code));
        check(st->run());
    }

    /// A valid 18-character ID number for someone born on `birth`.
    static std::string idNumber(bd::Date birth) {
        std::string s = "110101" + birth.toString().substr(0, 4) + birth.toString().substr(5, 2) +
                        birth.toString().substr(8, 2) + "001";
        return s + bd::idNumberCheckChar(s);
    }

    /// One client per trigger kind on broker B1, each contacted recently enough that only its
    /// own trigger fires (except the cadence and onboarding clients).
    void addOnePerTrigger() {
        const bd::Date a = asOf();
        client("CAD");
        contact("CAD", 40); // cadence 30 days: 10 days overdue

        client("OUT");
        contact("OUT", 5);
        snapshot("OUT", a.addDays(-20), 1000000);
        snapshot("OUT", a.addDays(-1), 500000, -500000); // half withdrawn

        ClientSpec slip;
        slip.id = "SLIP";
        slip.p_alive = 0.2;
        client(slip);
        contact("SLIP", 5);
        trade("SLIP", a.addDays(-200)); // traded once, long ago: p_alive is about something

        client("LOSS");
        contact("LOSS", 5);
        snapshot("LOSS", a.addDays(-20), 1000000);
        snapshot("LOSS", a.addDays(-1), 800000, 0); // 200,000 lost in the market

        ClientSpec bday;
        bday.id = "BDAY";
        bday.id_number = idNumber(bd::Date::fromYmd(1980, 11, 24)); // no birth_date column
        client(bday);
        contact("BDAY", 5);

        ClientSpec suit;
        suit.id = "SUIT";
        suit.risk_level = 2; // C2 holding an R4 ChiNext share
        client(suit);
        contact("SUIT", 5);
        position("SUIT", a.addDays(-1), "300750.SZ");
        position("SUIT", a.addDays(-1), "600000.SH");

        client("COMP");
        contact("COMP", 3, bd::Outcome::Complaint);

        client("SAT");
        contact("SAT", 10, bd::Outcome::Reached, 2);

        client("PROM");
        contact("PROM", 5, bd::Outcome::Reached, std::nullopt, bd::Date::fromYmd(2026, 11, 25));

        ClientSpec fresh;
        fresh.id = "NEW";
        fresh.open = bd::Date::fromYmd(2026, 11, 17); // working day 3 after it: 2026-11-20
        client(fresh);

        client("QUIET"); // contacted recently, nothing to say
        contact("QUIET", 2);
    }

  private:
    static void check(const bd::Status& s) {
        if (!s) throw std::runtime_error(s.error().toString());
    }
    std::optional<bd::storage::Database> m_db;
    std::map<std::string, std::int64_t> m_refs;
    int m_count = 0;
};

} // namespace bdtest
