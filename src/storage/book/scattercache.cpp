#include "storage/book/scattercache.h"

#include <cstring>
#include <string_view>

namespace bd::storage {

namespace {

constexpr std::string_view kDdl = R"SQL(
CREATE TABLE IF NOT EXISTS segment_scatter_cache (
  run_id INTEGER PRIMARY KEY,
  max_points INTEGER NOT NULL,
  x_axis TEXT NOT NULL,
  y_axis TEXT NOT NULL,
  factors INTEGER NOT NULL,
  labelled INTEGER NOT NULL,
  points BLOB NOT NULL
);
)SQL";

// A point in the blob: client_ref, x, y, segment id, in this machine's byte order (the cache is
// only ever read where it was written; a foreign one would fail the size check or be rebuilt
// by the next refresh's run).
struct Point {
    std::int64_t ref;
    double x, y;
    std::int64_t segment;
};

} // namespace

Result<std::optional<FactorScatterCacheRow>>
loadFactorScatterCache(Database& db, std::int64_t runId, std::int64_t maxPoints) {
    auto exists = queryInt(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                               "name = 'segment_scatter_cache'");
    if (!exists) return exists.error();
    if (*exists == 0) return std::optional<FactorScatterCacheRow>{};
    auto st = db.prepare("SELECT x_axis, y_axis, factors, labelled, points FROM "
                         "segment_scatter_cache WHERE run_id = ?1 AND max_points = ?2");
    if (!st) return st.error();
    st->bindAll(runId, maxPoints);
    std::optional<FactorScatterCacheRow> out;
    auto found = st->first([&](const Statement& r) {
        const std::string_view blob = r.blob(4);
        if (blob.size() % sizeof(Point) != 0) return; // not ours: rebuilt
        FactorScatterCacheRow row;
        row.run_id = runId;
        row.max_points = maxPoints;
        row.x_axis = r.text(0);
        row.y_axis = r.text(1);
        row.factors = r.boolean(2);
        row.labelled = r.int64(3);
        const std::size_t n = blob.size() / sizeof(Point);
        row.client_ref.reserve(n);
        row.x.reserve(n);
        row.y.reserve(n);
        row.segment_id.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            Point p;
            std::memcpy(&p, blob.data() + i * sizeof(Point), sizeof(Point));
            row.client_ref.push_back(p.ref);
            row.x.push_back(p.x);
            row.y.push_back(p.y);
            row.segment_id.push_back(static_cast<int>(p.segment));
        }
        out = std::move(row);
    });
    if (!found) return found.error();
    return out;
}

Status saveFactorScatterCache(Database& db, const FactorScatterCacheRow& row) {
    const std::size_t n = row.client_ref.size();
    if (row.x.size() != n || row.y.size() != n || row.segment_id.size() != n)
        return makeError(ErrorCode::Internal, "a factor scatter's columns differ in length");
    std::string blob(n * sizeof(Point), '\0');
    for (std::size_t i = 0; i < n; ++i) {
        const Point p{row.client_ref[i], row.x[i], row.y[i], row.segment_id[i]};
        std::memcpy(blob.data() + i * sizeof(Point), &p, sizeof(Point));
    }
    Transaction tx(db);
    if (!tx.began()) return tx.began();
    if (auto s = db.exec(kDdl); !s) return s;
    if (auto s = db.exec("DELETE FROM segment_scatter_cache"); !s) return s;
    auto st = db.prepare("INSERT INTO segment_scatter_cache(run_id, max_points, x_axis, y_axis, "
                         "factors, labelled, points) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!st) return st.error();
    st->bindAll(row.run_id, row.max_points, row.x_axis, row.y_axis, row.factors, row.labelled);
    st->bindBlob(7, blob);
    if (auto s = st->run(); !s) return s;
    return tx.commit();
}

} // namespace bd::storage
