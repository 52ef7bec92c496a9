#pragma once
// Deterministic synthetic books for storage/UI tests and benchmarks: branches, brokers,
// clients with Chinese names, phones and ID numbers, monthly asset snapshots, trades and
// contacts, inserted through prepared statements in one transaction.
#include <cstdint>
#include <random>
#include <string>

#include "core/date.h"
#include "core/idnumber.h"
#include "storage/db/database.h"
#include "storage/schema/tradelayout.h"

namespace bdtest {

struct SyntheticBookSpec {
    int clients = 1000;
    int brokers = 10;
    int trades_per_client = 4;    // average; actual 0 .. 2x
    int contacts_per_client = 2;  // average; actual 0 .. 2x
    int snapshots_per_client = 2; // monthly, ending at `last_day`
    bd::Date last_day = bd::Date::fromYmd(2024, 6, 28);
    std::uint64_t seed = 42;
};

/// Client i (0-based) gets client id "C" + 7-digit (i + 1), phone "13" + 9-digit pattern.
inline std::string syntheticClientId(int i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "C%07d", i + 1);
    return buf;
}

inline std::string syntheticPhone(int i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "13%09d", (i * 7919) % 1000000000);
    return buf;
}

/// Fills an empty, migrated book. Returns false (and leaves it empty) on any error.
inline bool fillSyntheticBook(bd::storage::Database& db, const SyntheticBookSpec& spec) {
    using bd::Date;
    using bd::DateTime;
    static const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                      "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"};
    static const char* kGiven[] = {"伟", "芳",   "娜", "敏", "静", "丽",   "强",   "磊",
                                   "军", "洋",   "勇", "艳", "杰", "娟",   "涛",   "明",
                                   "超", "秀英", "霞", "平", "刚", "桂英", "建华", "文",
                                   "华", "鹏",   "红", "晨", "雪", "浩"};
    static const char* kBranches[][2] = {
        {"BR01", "上海浦东营业部"}, {"BR02", "北京金融街营业部"}, {"BR03", "深圳福田营业部"}};
    static const char* kSecurities[][2] = {{"600519.SH", "贵州茅台"}, {"000001.SZ", "平安银行"},
                                           {"300750.SZ", "宁德时代"}, {"601318.SH", "中国平安"},
                                           {"000858.SZ", "五粮液"},   {"688981.SH", "中芯国际"}};
    std::mt19937_64 rng(spec.seed);
    auto pick = [&](std::uint64_t n) { return static_cast<int>(rng() % n); };

    bd::storage::Transaction tx(db);
    if (!tx.began()) return false;
    for (const auto& b : kBranches) {
        auto st = db.prepare("INSERT INTO branches(branch_id, name) VALUES (?, ?)");
        if (!st || !st->bind(1, std::string_view(b[0])).bind(2, std::string_view(b[1])).run())
            return false;
    }
    for (const auto& s : kSecurities) {
        auto st = db.prepare("INSERT INTO securities(security_code, name, board, risk_level)"
                             " VALUES (?, ?, 1, 3)");
        if (!st || !st->bind(1, std::string_view(s[0])).bind(2, std::string_view(s[1])).run())
            return false;
    }
    auto broker = db.prepare("INSERT INTO brokers(broker_id, name, branch_id) VALUES (?, ?, ?)");
    if (!broker) return false;
    for (int b = 0; b < spec.brokers; ++b) {
        char id[16];
        std::snprintf(id, sizeof id, "B%03d", b + 1);
        const std::string name = std::string(kSurnames[(b * 3) % 20]) + kGiven[(b * 7) % 30] +
                                 (b >= 30 ? std::to_string(b) : "");
        broker->bind(1, std::string_view(id))
            .bind(2, std::string_view(name))
            .bind(3, std::string_view(kBranches[b % 3][0]));
        if (!broker->run()) return false;
    }
    auto client = db.prepare(
        "INSERT INTO clients(id, client_id, name, gender, birth_date, id_number, phone, email,"
        " broker_id, branch_id, open_date, risk_level, status, preferred_channel)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto asset =
        db.prepare("INSERT INTO assets(client_ref, date, cash, market_value) VALUES (?, ?, ?, ?)");
    auto trade = db.prepare(
        "INSERT INTO trades(trade_id, client_ref, trade_time, security_code, side, quantity, price,"
        " amount, commission, channel, trade_month) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto contact = db.prepare(
        "INSERT INTO contacts(client_ref, broker_id, contact_time, channel, direction, outcome,"
        " satisfaction, notes) VALUES (?, ?, ?, ?, 1, 1, ?, ?)");
    if (!client || !asset || !trade || !contact) return false;
    std::int64_t tradeNo = 0;
    for (int i = 0; i < spec.clients; ++i) {
        const std::int64_t ref = i + 1;
        const std::string name = std::string(kSurnames[pick(20)]) + kGiven[pick(30)];
        const Date birth = Date::fromYmd(1950 + pick(50), 1 + pick(12), 1 + pick(28));
        int y, m, d;
        birth.toYmd(y, m, d);
        char first17[18];
        std::snprintf(first17, sizeof first17, "310115%04d%02d%02d%03d", y, m, d, pick(1000));
        const std::string idNumber = std::string(first17) + bd::idNumberCheckChar(first17);
        char brokerId[16];
        std::snprintf(brokerId, sizeof brokerId, "B%03d", (i % spec.brokers) + 1);
        const int brokerNo = i % spec.brokers;
        const Date open = spec.last_day.addDays(-30 - pick(3650));
        client->bind(1, ref)
            .bind(2, std::string_view(syntheticClientId(i)))
            .bind(3, std::string_view(name))
            .bind(4, 1 + pick(2))
            .bind(5, static_cast<std::int64_t>(birth.days))
            .bind(6, std::string_view(idNumber))
            .bind(7, std::string_view(syntheticPhone(i)))
            .bind(8, std::string_view("c" + std::to_string(ref) + "@example.cn"))
            .bind(9, std::string_view(brokerId))
            .bind(10, std::string_view(kBranches[brokerNo % 3][0]))
            .bind(11, static_cast<std::int64_t>(open.days))
            .bind(12, 1 + pick(5))
            .bind(13, 1 + pick(2))
            .bind(14, 1 + pick(5));
        if (!client->run()) return false;
        // Log-uniform-ish AUM from 10,000 to ~10,000,000 CNY, in units of 0.0001 CNY.
        const std::int64_t base = (10000 + static_cast<std::int64_t>(pick(1000)) *
                                               static_cast<std::int64_t>(1 + pick(10000)));
        for (int s = 0; s < spec.snapshots_per_client; ++s) {
            const Date day = spec.last_day.addDays(-30 * s);
            const std::int64_t cash = (base / 3 + pick(10000)) * 10000;
            const std::int64_t mv = (base - base / 3 + pick(10000)) * 10000;
            asset->bind(1, ref)
                .bind(2, static_cast<std::int64_t>(day.days))
                .bind(3, cash)
                .bind(4, mv);
            if (!asset->run()) return false;
        }
        const int nTrades = spec.trades_per_client > 0 ? pick(2 * spec.trades_per_client + 1) : 0;
        for (int t = 0; t < nTrades; ++t) {
            const auto& sec = kSecurities[pick(6)];
            const Date day = spec.last_day.addDays(-pick(730));
            const auto when = DateTime::fromParts(day, 9 + pick(5), pick(60), pick(60));
            const std::int64_t qty = 100 * (1 + pick(50));
            const std::int64_t price = (5 + pick(300)) * 10000 + pick(100) * 100;
            const std::int64_t amount = qty * price;
            trade->bind(1, std::string_view("T" + std::to_string(++tradeNo)))
                .bind(2, ref)
                .bind(3, when.secs)
                .bind(4, std::string_view(sec[0]))
                .bind(5, 1 + pick(2))
                .bind(6, qty)
                .bind(7, price)
                .bind(8, amount)
                .bind(9, std::max<std::int64_t>(50000, amount / 4000))
                .bind(10, 1 + pick(4))
                .bind(11, bd::storage::tradeMonthOf(when.secs));
            if (!trade->run()) return false;
        }
        const int nContacts =
            spec.contacts_per_client > 0 ? pick(2 * spec.contacts_per_client + 1) : 0;
        for (int k = 0; k < nContacts; ++k) {
            const Date day = spec.last_day.addDays(-pick(365));
            const auto when = DateTime::fromParts(day, 9 + pick(9), pick(60), 0);
            contact->bind(1, ref)
                .bind(2, std::string_view(brokerId))
                .bind(3, when.secs)
                .bind(4, 1 + pick(5))
                .bind(5, 1 + pick(5))
                .bind(6, std::string_view("回访：持仓沟通"));
            // The (client, time, channel) key may collide for random times; skip duplicates.
            if (!contact->run()) contact->reset();
        }
    }
    return static_cast<bool>(tx.commit());
}

} // namespace bdtest
