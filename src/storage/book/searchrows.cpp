#include "storage/book/searchrows.h"

namespace bd::storage {

Result<std::vector<ClientSearchRow>> readClientSearchRows(Database& db,
                                                          std::optional<std::int64_t> runId) {
    auto st = db.prepare(
        "SELECT c.id, c.client_id, c.name, COALESCE(c.phone, ''), COALESCE(c.id_number, ''),"
        " c.broker_id, COALESCE(b.name, ''), COALESCE(s.vip, 0), COALESCE(s.value_rank, 0)"
        " FROM clients c LEFT JOIN brokers b ON b.broker_id = c.broker_id"
        " LEFT JOIN client_scores s ON s.run_id = ?1 AND s.client_ref = c.id"
        " WHERE c.merged_into IS NULL ORDER BY c.id");
    if (!st) return st.error();
    st->bind(1, runId);
    std::vector<ClientSearchRow> out;
    auto s = st->forEach([&](const Statement& row) {
        ClientSearchRow r;
        r.ref = row.int64(0);
        r.client_id = row.text(1);
        r.name = row.text(2);
        r.phone = row.text(3);
        r.id_number = row.text(4);
        r.broker_id = row.text(5);
        r.broker_name = row.text(6);
        r.vip = row.boolean(7);
        r.value_rank = row.int64(8);
        out.push_back(std::move(r));
    });
    if (!s) return s.error();
    // Tags in client order, walked beside the clients (both ordered by the client's id).
    auto tags = db.prepare("SELECT client_ref, tag FROM client_tags ORDER BY client_ref, tag");
    if (!tags) return tags.error();
    std::size_t at = 0;
    s = tags->forEach([&](const Statement& row) {
        const std::int64_t ref = row.int64(0);
        while (at < out.size() && out[at].ref < ref) ++at;
        if (at < out.size() && out[at].ref == ref) out[at].tags.push_back(row.text(1));
    });
    if (!s) return s.error();
    // A merged client's id finds the client it was merged into.
    auto former = db.prepare("SELECT merged_into, client_id FROM clients WHERE merged_into IS NOT "
                             "NULL ORDER BY merged_into, client_id");
    if (!former) return former.error();
    at = 0;
    s = former->forEach([&](const Statement& row) {
        const std::int64_t ref = row.int64(0);
        while (at < out.size() && out[at].ref < ref) ++at;
        if (at < out.size() && out[at].ref == ref) out[at].former_ids.push_back(row.text(1));
    });
    if (!s) return s.error();
    return out;
}

} // namespace bd::storage
