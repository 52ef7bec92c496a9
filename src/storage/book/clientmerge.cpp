#include "storage/book/clientmerge.h"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "storage/book/clientsummary.h"
#include "storage/book/tradedays.h"
#include "storage/db/query.h"

namespace bd::storage {
namespace {

/// What a row of client_merge_rows records (its `side`; stored codes, never renumbered).
enum class MergeRowSide : std::int64_t {
    Moved = 0,     // a row of the absorbed client, moved to the kept one (its key)
    Removed = 1,   // a row of the absorbed client removed as a copy (in full)
    KeptAsWas = 2, // a row of the kept client as it was before a row was added into it
};

// Every statement below takes ?1 the operation, ?2 the kept client, ?3 the absorbed client and
// the record's sides as parameters, ?4 Moved, ?5 Removed, ?6 KeptAsWas (each binds the ones
// it names, up to the highest). The order matters: rows as they were are recorded before
// they change, plan items are pointed away from a contact before it is removed.
constexpr std::string_view kMerge[] = {
    // Trades: all move (a trade id is unique in a book, so none meets one of the kept client's).
    "INSERT INTO client_merge_rows(operation, tbl, side, row) SELECT ?1, 'trades', ?4, "
    "json_array(trade_id) FROM trades WHERE client_ref = ?3",
    "UPDATE trades SET client_ref = ?2 WHERE client_ref = ?3",

    // Snapshots: one on a day the kept client has too is added into it.
    "INSERT INTO client_merge_rows(operation, tbl, side, row) SELECT ?1, 'assets', ?6, "
    "json_array(k.date, k.cash, k.market_value, k.net_inflow) FROM assets k "
    "WHERE k.client_ref = ?2 AND EXISTS (SELECT 1 FROM assets a WHERE a.client_ref = ?3 AND "
    "a.date = k.date)",
    "INSERT INTO client_merge_rows(operation, tbl, side, row) SELECT ?1, 'assets', ?4, "
    "json_array(date, cash, market_value, net_inflow) FROM assets WHERE client_ref = ?3",
    "UPDATE assets SET cash = assets.cash + a.cash, market_value = assets.market_value + "
    "a.market_value, net_inflow = CASE WHEN assets.net_inflow IS NULL AND a.net_inflow IS NULL "
    "THEN NULL ELSE COALESCE(assets.net_inflow, 0) + COALESCE(a.net_inflow, 0) END "
    "FROM (SELECT date, cash, market_value, net_inflow FROM assets WHERE client_ref = ?3) AS a "
    "WHERE assets.client_ref = ?2 AND assets.date = a.date",
    "DELETE FROM assets WHERE client_ref = ?3 AND date IN "
    "(SELECT date FROM assets WHERE client_ref = ?2)",
    "UPDATE assets SET client_ref = ?2 WHERE client_ref = ?3",

    // Positions: the same security on the same day is one holding.
    "INSERT INTO client_merge_rows(operation, tbl, side, row) SELECT ?1, 'positions', ?6, "
    "json_array(k.date, k.security_code, k.quantity, k.cost_price, k.close_price) "
    "FROM positions k WHERE k.client_ref = ?2 AND EXISTS (SELECT 1 FROM positions a WHERE "
    "a.client_ref = ?3 AND a.date = k.date AND a.security_code = k.security_code)",
    "INSERT INTO client_merge_rows(operation, tbl, side, row) SELECT ?1, 'positions', ?4, "
    "json_array(date, security_code, quantity, cost_price, close_price) FROM positions "
    "WHERE client_ref = ?3",
    "UPDATE positions SET quantity = positions.quantity + a.quantity, cost_price = CASE "
    "WHEN positions.cost_price IS NOT NULL AND a.cost_price IS NOT NULL AND positions.quantity + "
    "a.quantity <> 0 THEN CAST(round((positions.quantity * positions.cost_price + a.quantity * "
    "a.cost_price) * 1.0 / (positions.quantity + a.quantity)) AS INTEGER) ELSE "
    "COALESCE(positions.cost_price, a.cost_price) END "
    "FROM (SELECT date, security_code, quantity, cost_price FROM positions WHERE client_ref = ?3)"
    " AS a WHERE positions.client_ref = ?2 AND positions.date = a.date AND "
    "positions.security_code = a.security_code",
    "DELETE FROM positions WHERE client_ref = ?3 AND (date, security_code) IN "
    "(SELECT date, security_code FROM positions WHERE client_ref = ?2)",
    "UPDATE positions SET client_ref = ?2 WHERE client_ref = ?3",

    // Contacts: a copy of one of the kept client's (same time, same channel) is removed, in
    // full, with the kept contact's id last; the others move.
    "INSERT INTO client_merge_rows(operation, tbl, side, row) SELECT ?1, 'contacts', ?5, "
    "json_array(a.id, a.broker_id, a.contact_time, a.channel, a.direction, a.outcome, "
    "a.satisfaction, a.notes, a.next_follow_up, a.void_reason, k.id) FROM contacts a "
    "JOIN contacts k ON k.client_ref = ?2 AND k.contact_time = a.contact_time AND "
    "k.channel = a.channel WHERE a.client_ref = ?3",
    "INSERT INTO client_merge_rows(operation, tbl, side, row) SELECT ?1, 'contacts', ?4, "
    "json_array(a.id) FROM contacts a WHERE a.client_ref = ?3 AND NOT EXISTS (SELECT 1 FROM "
    "contacts k WHERE k.client_ref = ?2 AND k.contact_time = a.contact_time AND "
    "k.channel = a.channel)",
    // Plan items: all move, each with the contact it named.
    "INSERT INTO client_merge_rows(operation, tbl, side, row) SELECT ?1, 'follow_up_tasks', ?4, "
    "json_array(id, contact_id) FROM follow_up_tasks WHERE client_ref = ?3",
    "UPDATE follow_up_tasks SET client_ref = ?2, contact_id = COALESCE((SELECT "
    "json_extract(m.row, '$[10]') FROM client_merge_rows m WHERE m.operation = ?1 AND "
    "m.tbl = 'contacts' AND m.side = ?5 AND json_extract(m.row, '$[0]') = "
    "follow_up_tasks.contact_id), contact_id) WHERE client_ref = ?3",
    "DELETE FROM contacts WHERE client_ref = ?3 AND id IN (SELECT json_extract(row, '$[0]') "
    "FROM client_merge_rows WHERE operation = ?1 AND tbl = 'contacts' AND side = ?5)",
    "UPDATE contacts SET client_ref = ?2 WHERE client_ref = ?3",

    // Tags: a tag both carry stays once.
    "INSERT INTO client_merge_rows(operation, tbl, side, row) SELECT ?1, 'client_tags', ?6, "
    "json_array(k.tag) FROM client_tags k WHERE k.client_ref = ?2 AND EXISTS (SELECT 1 FROM "
    "client_tags a WHERE a.client_ref = ?3 AND a.tag = k.tag)",
    "INSERT INTO client_merge_rows(operation, tbl, side, row) SELECT ?1, 'client_tags', ?4, "
    "json_array(tag) FROM client_tags WHERE client_ref = ?3",
    "DELETE FROM client_tags WHERE client_ref = ?3 AND tag IN "
    "(SELECT tag FROM client_tags WHERE client_ref = ?2)",
    "UPDATE client_tags SET client_ref = ?2 WHERE client_ref = ?3",

    // Notes: all move.
    "INSERT INTO client_merge_rows(operation, tbl, side, row) SELECT ?1, 'client_notes', ?4, "
    "json_array(id) FROM client_notes WHERE client_ref = ?3",
    "UPDATE client_notes SET client_ref = ?2 WHERE client_ref = ?3",

    "UPDATE clients SET merged_into = ?2, version = version + 1 WHERE id = ?3",
};

// The rows a Moved record names (the moved rows' keys), for the undo.
#define BD_MOVED(tbl, key)                                                                         \
    "(SELECT " key " FROM client_merge_rows WHERE operation = ?1 AND tbl = '" tbl "' AND side = "  \
    "?4)"

constexpr std::string_view kUnmerge[] = {
    "UPDATE clients SET merged_into = NULL, version = version + 1 WHERE id = ?3 AND "
    "merged_into = ?2",

    "UPDATE client_notes SET client_ref = ?3 WHERE client_ref = ?2 AND id IN " BD_MOVED(
        "client_notes", "json_extract(row, '$[0]')"),

    "DELETE FROM client_tags WHERE client_ref = ?2 AND tag IN " BD_MOVED(
        "client_tags", "json_extract(row, '$[0]')"),
    "INSERT INTO client_tags(client_ref, tag) SELECT CASE side WHEN ?6 THEN ?2 ELSE ?3 END, "
    "json_extract(row, '$[0]') FROM client_merge_rows WHERE operation = ?1 AND "
    "tbl = 'client_tags' ORDER BY side, id",

    // Contacts: the removed copies come back first (plan items may name them again).
    "INSERT INTO contacts(id, client_ref, broker_id, contact_time, channel, direction, outcome, "
    "satisfaction, notes, next_follow_up, void_reason) SELECT json_extract(row, '$[0]'), ?3, "
    "json_extract(row, '$[1]'), json_extract(row, '$[2]'), json_extract(row, '$[3]'), "
    "json_extract(row, '$[4]'), json_extract(row, '$[5]'), json_extract(row, '$[6]'), "
    "json_extract(row, '$[7]'), json_extract(row, '$[8]'), json_extract(row, '$[9]') "
    "FROM client_merge_rows WHERE operation = ?1 AND tbl = 'contacts' AND side = ?5 ORDER BY id",
    "UPDATE contacts SET client_ref = ?3 WHERE client_ref = ?2 AND id IN " BD_MOVED(
        "contacts", "json_extract(row, '$[0]')"),
    "UPDATE follow_up_tasks SET client_ref = ?3, contact_id = (SELECT json_extract(m.row, "
    "'$[1]') FROM client_merge_rows m WHERE m.operation = ?1 AND m.tbl = 'follow_up_tasks' AND "
    "m.side = ?4 AND json_extract(m.row, '$[0]') = follow_up_tasks.id) WHERE client_ref = ?2 AND "
    "id IN " BD_MOVED("follow_up_tasks", "json_extract(row, '$[0]')"),

    "DELETE FROM positions WHERE client_ref = ?2 AND (date, security_code) IN " BD_MOVED(
        "positions", "json_extract(row, '$[0]'), json_extract(row, '$[1]')"),
    "INSERT INTO positions(client_ref, date, security_code, quantity, cost_price, close_price) "
    "SELECT CASE side WHEN ?6 THEN ?2 ELSE ?3 END, json_extract(row, '$[0]'), "
    "json_extract(row, '$[1]'), json_extract(row, '$[2]'), json_extract(row, '$[3]'), "
    "json_extract(row, '$[4]') FROM client_merge_rows WHERE operation = ?1 AND "
    "tbl = 'positions' ORDER BY side, id",

    "DELETE FROM assets WHERE client_ref = ?2 AND date IN " BD_MOVED("assets",
                                                                     "json_extract(row, '$[0]')"),
    "INSERT INTO assets(client_ref, date, cash, market_value, net_inflow) SELECT CASE side "
    "WHEN ?6 THEN ?2 ELSE ?3 END, json_extract(row, '$[0]'), json_extract(row, '$[1]'), "
    "json_extract(row, '$[2]'), json_extract(row, '$[3]') FROM client_merge_rows WHERE "
    "operation = ?1 AND tbl = 'assets' ORDER BY side, id",

    "UPDATE trades SET client_ref = ?3 WHERE client_ref = ?2 AND trade_id IN " BD_MOVED(
        "trades", "json_extract(row, '$[0]')"),

    "DELETE FROM client_merge_rows WHERE operation = ?1 AND ?2 IS NOT NULL AND ?3 IS NOT NULL",
};

// Relations (client_relations: client_a, client_b, kind; one row per pair, never a client with
// itself), moved only when the book has the table. The other client of a row of the absorbed
// client: kOther.
#define BD_OTHER "CASE WHEN r.client_a = ?3 THEN r.client_b ELSE r.client_a END"
#define BD_MEETS                                                                                   \
    "(" BD_OTHER " = ?2 OR EXISTS (SELECT 1 FROM client_relations k WHERE (k.client_a = ?2 AND "   \
    "k.client_b = " BD_OTHER ") OR (k.client_b = ?2 AND k.client_a = " BD_OTHER ")))"

constexpr std::string_view kMergeRelations[] = {
    "INSERT INTO client_merge_rows(operation, tbl, side, row) SELECT ?1, 'client_relations', ?5, "
    "json_array(r.client_a, r.client_b, r.kind) FROM client_relations r WHERE (r.client_a = ?3 "
    "OR r.client_b = ?3) AND " BD_MEETS,
    "INSERT INTO client_merge_rows(operation, tbl, side, row) SELECT ?1, 'client_relations', ?4, "
    "json_array(r.client_a, r.client_b, r.kind) FROM client_relations r WHERE (r.client_a = ?3 "
    "OR r.client_b = ?3) AND NOT " BD_MEETS,
    "DELETE FROM client_relations WHERE (client_a, client_b) IN (SELECT json_extract(row, "
    "'$[0]'), json_extract(row, '$[1]') FROM client_merge_rows WHERE operation = ?1 AND "
    "tbl = 'client_relations' AND side = ?5) AND ?2 IS NOT NULL AND ?3 IS NOT NULL",
    "UPDATE client_relations SET client_a = CASE WHEN client_a = ?3 THEN ?2 ELSE client_a END, "
    "client_b = CASE WHEN client_b = ?3 THEN ?2 ELSE client_b END WHERE client_a = ?3 OR "
    "client_b = ?3",
};

constexpr std::string_view kUnmergeRelations[] = {
    "DELETE FROM client_relations WHERE (client_a, client_b) IN (SELECT CASE WHEN "
    "json_extract(row, '$[0]') = ?3 THEN ?2 ELSE json_extract(row, '$[0]') END, CASE WHEN "
    "json_extract(row, '$[1]') = ?3 THEN ?2 ELSE json_extract(row, '$[1]') END FROM "
    "client_merge_rows WHERE operation = ?1 AND tbl = 'client_relations' AND side = ?4)",
    "INSERT INTO client_relations(client_a, client_b, kind) SELECT json_extract(row, '$[0]'), "
    "json_extract(row, '$[1]'), json_extract(row, '$[2]') FROM client_merge_rows WHERE "
    "operation = ?1 AND tbl = 'client_relations' AND ?2 IS NOT NULL AND ?3 IS NOT NULL "
    "ORDER BY side, id",
};

#undef BD_MEETS
#undef BD_OTHER
#undef BD_MOVED

/// Whether the book has relations between clients (schema v11; a book may come without).
Result<bool> hasRelations(Database& db) {
    auto n = queryInt(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = "
                          "'client_relations'");
    if (!n) return n.error();
    return *n > 0;
}

/// Runs each statement with the parameters it names of (operation, keep, absorb).
Status runAll(Database& db, const std::string_view* sql, std::size_t n, std::int64_t operation,
              std::int64_t keep, std::int64_t absorb) {
    for (std::size_t i = 0; i < n; ++i) {
        auto st = db.prepare(sql[i]);
        if (!st) return st.error();
        const std::int64_t values[] = {operation,
                                       keep,
                                       absorb,
                                       static_cast<std::int64_t>(MergeRowSide::Moved),
                                       static_cast<std::int64_t>(MergeRowSide::Removed),
                                       static_cast<std::int64_t>(MergeRowSide::KeptAsWas)};
        const int bound = std::min<int>(st->parameterCount(), std::size(values));
        for (int p = 1; p <= bound; ++p) st->bind(p, values[p - 1]);
        if (auto s = st->run(); !s) return s;
    }
    return {};
}

/// How many rows of `operation`'s record of `tbl` on `side`.
Result<std::int64_t> recorded(Database& db, std::int64_t operation, std::string_view tbl,
                              MergeRowSide side) {
    auto n = queryFirst(db,
                        "SELECT count(*) FROM client_merge_rows WHERE operation = ?1 AND "
                        "tbl = ?2 AND side = ?3",
                        firstInt64, operation, tbl, static_cast<std::int64_t>(side));
    if (!n) return n.error();
    return n->value_or(0);
}

/// The newest contact id of the book (before a merge or its undo changes the contacts).
Result<std::int64_t> newestContact(Database& db) {
    return queryInt(db, "SELECT COALESCE(max(id), 0) FROM contacts");
}

/// What the summary's fingerprint counts that a merge removes (`sign` -1) or its undo puts back
/// (+1): the absorbed snapshots added into the kept client's, the copies of contacts.
Result<SummaryShift> shiftOf(Database& db, std::int64_t operation, int sign,
                             std::int64_t newestContactBefore) {
    SummaryShift shift;
    shift.newest_contact_before = newestContactBefore;
    auto assets = recorded(db, operation, "assets", MergeRowSide::KeptAsWas);
    if (!assets) return assets.error();
    auto contacts = recorded(db, operation, "contacts", MergeRowSide::Removed);
    if (!contacts) return contacts.error();
    shift.assets = sign * *assets;
    shift.contacts = sign * *contacts;
    return shift;
}

} // namespace

void countMergeRows(MergeCounts& n, std::string_view tbl, std::int64_t side, std::int64_t count) {
    const auto kind = static_cast<MergeRowSide>(side);
    if (kind != MergeRowSide::Moved) {
        n.combined += count;
        if (kind == MergeRowSide::KeptAsWas) return; // counted through the absorbed rows
    }
    (tbl == "trades"             ? n.trades
     : tbl == "assets"           ? n.snapshots
     : tbl == "positions"        ? n.positions
     : tbl == "contacts"         ? n.contacts
     : tbl == "follow_up_tasks"  ? n.tasks
     : tbl == "client_tags"      ? n.tags
     : tbl == "client_relations" ? n.relations
                                 : n.notes) += count;
}

Result<std::optional<std::int64_t>> mergedInto(Database& db, std::int64_t ref) {
    auto into = queryFirst(
        db, "SELECT merged_into FROM clients WHERE id = ?1",
        [](const Statement& r) { return r.optInt64(0); }, ref);
    if (!into) return into.error();
    return into->value_or(std::nullopt); // no such client, or not merged
}

Result<MergeCounts> mergeClientRows(Database& db, std::int64_t keep, std::int64_t absorb,
                                    std::int64_t operation) {
    auto newest = newestContact(db);
    if (!newest) return newest.error();
    // trade_days must be current before trades move: the dirty list then names just these two.
    if (auto s = syncTradeDays(db); !s) return s.error();
    auto relations = hasRelations(db);
    if (!relations) return relations.error();
    if (*relations)
        if (auto s =
                runAll(db, kMergeRelations, std::size(kMergeRelations), operation, keep, absorb);
            !s)
            return s.error();
    if (auto s = runAll(db, kMerge, std::size(kMerge), operation, keep, absorb); !s)
        return s.error();
    auto shift = shiftOf(db, operation, -1, *newest);
    if (!shift) return shift.error();
    if (auto s = syncTradeDays(db); !s) return s.error();
    if (auto s = updateClientSummaryRows(db, {keep, absorb}, *shift); !s) return s.error();
    MergeCounts n;
    auto st = prepareBound(db,
                           "SELECT tbl, side, count(*) FROM client_merge_rows WHERE operation = ?1 "
                           "GROUP BY tbl, side",
                           operation);
    if (!st) return st.error();
    auto counted = st->forEach(
        [&](const Statement& r) { countMergeRows(n, r.text(0), r.int64(1), r.int64(2)); });
    if (!counted) return counted.error();
    return n;
}

Status unmergeClientRows(Database& db, std::int64_t keep, std::int64_t absorb,
                         std::int64_t operation) {
    auto newest = newestContact(db);
    if (!newest) return newest.error();
    auto shift = shiftOf(db, operation, +1, *newest); // before the record goes
    if (!shift) return shift.error();
    if (auto s = syncTradeDays(db); !s) return s;
    auto relations = hasRelations(db);
    if (!relations) return relations.error();
    if (*relations)
        if (auto s = runAll(db, kUnmergeRelations, std::size(kUnmergeRelations), operation, keep,
                            absorb);
            !s)
            return s;
    if (auto s = runAll(db, kUnmerge, std::size(kUnmerge), operation, keep, absorb); !s) return s;
    if (auto s = syncTradeDays(db); !s) return s;
    return updateClientSummaryRows(db, {keep, absorb}, *shift);
}

} // namespace bd::storage
