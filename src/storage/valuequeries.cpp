#include "storage/valuequeries.h"

namespace bd::storage {

Result<std::optional<ScoredClient>> readClientScore(Database& db, std::int64_t runId,
                                                    std::int64_t clientRef) {
    auto st = db.prepare(
        "SELECT s.client_ref, s.aum, s.trades_12m, s.commission_12m, s.interest_12m, "
        "s.handling_cost_12m, s.service_cost_12m, s.maintenance_12m, s.profit_12m, "
        "s.recency_days, s.frequency, s.p_alive, s.expected_trades_12m, "
        "s.expected_commission_per_trade_day, s.clv_12m, s.value_score, s.value_rank, s.vip, "
        "s.aum_rich_low_value, s.churn_risk, s.explanation, s.explanation_zh, s.flag_reason, "
        "c.client_id, c.name, c.broker_id, COALESCE(c.branch_id, b.branch_id, '') "
        "FROM client_scores s JOIN clients c ON c.id = s.client_ref "
        "LEFT JOIN brokers b ON b.broker_id = c.broker_id "
        "WHERE s.run_id = ?1 AND s.client_ref = ?2");
    if (!st) return st.error();
    st->bind(1, runId).bind(2, clientRef);
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) return std::optional<ScoredClient>{};
    ScoredClient c;
    ClientScoreRow& s = c.score;
    const Statement& q = *st;
    s.client_ref = q.int64(0);
    s.aum = Money::fromUnits(q.int64(1));
    s.trades_12m = q.int64(2);
    s.commission_12m = Money::fromUnits(q.int64(3));
    s.interest_12m = Money::fromUnits(q.int64(4));
    s.handling_cost_12m = Money::fromUnits(q.int64(5));
    s.service_cost_12m = Money::fromUnits(q.int64(6));
    s.maintenance_12m = Money::fromUnits(q.int64(7));
    s.profit_12m = Money::fromUnits(q.int64(8));
    s.recency_days = q.int64(9);
    s.frequency = q.int64(10);
    s.p_alive = q.real(11);
    s.expected_trades_12m = q.real(12);
    s.expected_commission_per_trade_day = Money::fromUnits(q.int64(13));
    s.clv_12m = Money::fromUnits(q.int64(14));
    s.value_score = q.real(15);
    s.value_rank = q.int64(16);
    s.vip = q.int64(17) != 0;
    s.aum_rich_low_value = q.int64(18) != 0;
    s.churn_risk = q.real(19);
    s.explanation = q.text(20);
    s.explanation_zh = q.text(21);
    s.flag_reason = q.text(22);
    c.client_id = q.text(23);
    c.name = q.text(24);
    c.broker_id = q.text(25);
    c.branch_id = q.text(26);
    return std::optional<ScoredClient>{std::move(c)};
}

Result<std::vector<BranchEntry>> listBranches(Database& db) {
    // A client belongs to its own branch, else to its broker's (as in readScores).
    auto st = db.prepare(
        "SELECT br.branch_id, br.name, "
        "(SELECT count(*) FROM clients c LEFT JOIN brokers b ON b.broker_id = c.broker_id "
        " WHERE COALESCE(c.branch_id, b.branch_id) = br.branch_id) "
        "FROM branches br ORDER BY br.branch_id");
    if (!st) return st.error();
    std::vector<BranchEntry> out;
    for (;;) {
        auto r = st->step();
        if (!r) return r.error();
        if (!*r) break;
        out.push_back({st->text(0), st->text(1), st->int64(2)});
    }
    return out;
}

} // namespace bd::storage
