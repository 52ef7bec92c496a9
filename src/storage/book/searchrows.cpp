#include "storage/book/searchrows.h"

#include "storage/db/columns.h"

namespace bd::storage {

namespace {

// A client as search reads it: clients c with its broker b and its score s in the run.
constexpr auto kSearchColumns = columnList(
    column("c.id", &ClientSearchRow::ref), column("c.client_id", &ClientSearchRow::client_id),
    column("c.name", &ClientSearchRow::name),
    column("COALESCE(c.phone, '')", &ClientSearchRow::phone),
    column("COALESCE(c.id_number, '')", &ClientSearchRow::id_number),
    column("c.broker_id", &ClientSearchRow::broker_id),
    column("COALESCE(b.name, '')", &ClientSearchRow::broker_name),
    column("COALESCE(s.vip, 0)", &ClientSearchRow::vip),
    column("COALESCE(s.value_rank, 0)", &ClientSearchRow::value_rank));

} // namespace

Result<std::vector<ClientSearchRow>> readClientSearchRows(Database& db,
                                                          std::optional<std::int64_t> runId) {
    auto out = selectRows(db, kSearchColumns,
                          "FROM clients c LEFT JOIN brokers b ON b.broker_id = c.broker_id"
                          " LEFT JOIN client_scores s ON s.run_id = ?1 AND s.client_ref = c.id"
                          " WHERE c.merged_into IS NULL ORDER BY c.id",
                          runId);
    if (!out) return out.error();
    // Tags in client order, walked beside the clients (both ordered by the client's id).
    auto tags = db.prepare("SELECT client_ref, tag FROM client_tags ORDER BY client_ref, tag");
    if (!tags) return tags.error();
    std::vector<ClientSearchRow>& rows = *out;
    std::size_t at = 0;
    auto s = tags->forEach([&](const Statement& row) {
        const std::int64_t ref = row.int64(0);
        while (at < rows.size() && rows[at].ref < ref) ++at;
        if (at < rows.size() && rows[at].ref == ref) rows[at].tags.push_back(row.text(1));
    });
    if (!s) return s.error();
    // A merged client's id finds the client it was merged into.
    auto former = db.prepare("SELECT merged_into, client_id FROM clients WHERE merged_into IS NOT "
                             "NULL ORDER BY merged_into, client_id");
    if (!former) return former.error();
    at = 0;
    s = former->forEach([&](const Statement& row) {
        const std::int64_t ref = row.int64(0);
        while (at < rows.size() && rows[at].ref < ref) ++at;
        if (at < rows.size() && rows[at].ref == ref) rows[at].former_ids.push_back(row.text(1));
    });
    if (!s) return s.error();
    return out;
}

} // namespace bd::storage
