#pragma once
// Hand-built books for value-model tests: a tiny SQL builder over a fresh schema.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/date.h"
#include "core/enums.h"
#include "storage/db/database.h"
#include "storage/schema/schema.h"
#include "storage/schema/tradelayout.h"

namespace bdtest {

class ValueBook {
  public:
    /// A new book at `path` (":memory:" by default), with branch BR1/BR2 and brokers B1/B2/B3.
    explicit ValueBook(const std::string& path = ":memory:") {
        auto db = bd::storage::openBook(path);
        if (!db) throw std::runtime_error(db.error().toString());
        m_db.emplace(std::move(*db));
        exec("INSERT INTO branches(branch_id, name) VALUES ('BR1', 'North'), ('BR2', 'South');"
             "INSERT INTO brokers(broker_id, name, branch_id) VALUES ('B1', 'Li', 'BR1'), "
             "('B2', 'Wang', 'BR1'), ('B3', 'Zhao', 'BR2');");
    }
    bd::storage::Database& db() { return *m_db; }

    void exec(const std::string& sql) {
        auto s = m_db->exec(sql);
        if (!s) throw std::runtime_error(s.error().toString());
    }

    /// Adds a client and returns its client_ref.
    std::int64_t client(const std::string& id, bd::Date open, const std::string& broker = "B1") {
        auto st = m_db->prepare(
            "INSERT INTO clients(client_id, name, broker_id, open_date) VALUES (?1, ?2, ?3, ?4)");
        st->bind(1, std::string_view(id)).bind(2, std::string_view("Client " + id));
        st->bind(3, std::string_view(broker)).bind(4, static_cast<std::int64_t>(open.days));
        check(st->run());
        return m_db->lastInsertRowId();
    }

    /// A trade: amount and commission in CNY (exact to 0.0001 via rounding of the literal).
    void trade(std::int64_t ref, bd::DateTime t, double amount, double commission) {
        auto st = m_db->prepare(
            "INSERT INTO trades(trade_id, client_ref, trade_time, security_code, side, quantity, "
            "price, amount, commission, trade_month) VALUES (?1, ?2, ?3, '600000', 1, 100, 100000,"
            " ?4, ?5, ?6)");
        st->bind(1, std::string_view("T" + std::to_string(++m_trades)));
        st->bind(2, ref).bind(3, t.secs).bind(4, units(amount)).bind(5, units(commission));
        st->bind(6, bd::storage::tradeMonthOf(t.secs));
        check(st->run());
    }

    void snapshot(std::int64_t ref, bd::Date d, double cash, double marketValue,
                  double inflow = 0) {
        auto st = m_db->prepare(
            "INSERT INTO assets(client_ref, date, cash, market_value, net_inflow) VALUES "
            "(?1, ?2, ?3, ?4, ?5)");
        st->bind(1, ref).bind(2, static_cast<std::int64_t>(d.days)).bind(3, units(cash));
        st->bind(4, units(marketValue)).bind(5, units(inflow));
        check(st->run());
    }

    void contact(std::int64_t ref, bd::DateTime t, bd::ContactChannel ch, int satisfaction = 0) {
        auto st = m_db->prepare(
            "INSERT INTO contacts(client_ref, broker_id, contact_time, channel, satisfaction) "
            "VALUES (?1, 'B1', ?2, ?3, ?4)");
        st->bind(1, ref).bind(2, t.secs).bind(3, static_cast<std::int64_t>(ch));
        if (satisfaction > 0)
            st->bind(4, static_cast<std::int64_t>(satisfaction));
        else
            st->bindNull(4);
        check(st->run());
    }

    static std::int64_t units(double yuan) { return std::llround(yuan * 10000.0); }

  private:
    static void check(const bd::Status& s) {
        if (!s) throw std::runtime_error(s.error().toString());
    }
    std::optional<bd::storage::Database> m_db;
    int m_trades = 0;
};

inline bd::DateTime at(bd::Date d, int hh = 10, int mm = 0, int ss = 0) {
    return bd::DateTime::fromParts(d, hh, mm, ss);
}

} // namespace bdtest
