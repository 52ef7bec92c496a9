#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "storage/book/clientqueries.h"
#include "storage/book/clientsummary.h"
#include "storage/schema/schema.h"
#include "storage/schema/tradelayout.h"
#include "support/syntheticbook.h"

using namespace bd;
using namespace bd::storage;

namespace {

// Independently loaded reference values for every client (plain SQL + C++ sorting).
struct Ref {
    std::int64_t ref;
    std::string client_id, name, broker_id, phone;
    std::optional<std::string> branch_id;
    std::int64_t open_date, aum, trades_12m, last_contact;
};

class ClientQueries : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        auto db = openBook(":memory:");
        ASSERT_TRUE(db) << db.error().toString();
        s_db = new Database(std::move(*db));
        bdtest::SyntheticBookSpec spec;
        spec.clients = 2000;
        spec.brokers = 7;
        ASSERT_TRUE(bdtest::fillSyntheticBook(*s_db, spec));
        // NULL branches, clients without snapshots (AUM ties at 0) and duplicate names exercise
        // the NULL and tie handling of keyset paging.
        ASSERT_TRUE(s_db->exec("UPDATE clients SET branch_id = NULL WHERE id % 11 = 0"));
        ASSERT_TRUE(s_db->exec("DELETE FROM assets WHERE client_ref % 13 = 0"));
        ASSERT_TRUE(refreshClientSummary(*s_db));
        s_refs = loadRefs(*s_db);
    }
    static void TearDownTestSuite() {
        delete s_db;
        s_db = nullptr;
    }

    static std::vector<Ref> loadRefs(Database& db) {
        auto asOf = readClientSummaryState(db);
        EXPECT_TRUE(asOf && *asOf && (*asOf)->as_of);
        const std::int64_t from = DateTime::fromParts((*asOf)->as_of->addDays(-364), 0, 0, 0).secs;
        auto st = db.prepare(
            "SELECT c.id, c.client_id, c.name, c.broker_id, c.phone, c.branch_id, c.open_date,"
            " (SELECT cash + market_value FROM assets a WHERE a.client_ref = c.id"
            "  ORDER BY date DESC LIMIT 1),"
            " (SELECT count(*) FROM trades t WHERE t.client_ref = c.id AND t.trade_time >= ?),"
            " (SELECT max(contact_time) FROM contacts k WHERE k.client_ref = c.id) FROM clients c");
        EXPECT_TRUE(st);
        st->bind(1, from);
        std::vector<Ref> out;
        while (*st->step()) {
            out.push_back({st->int64(0), st->text(1), st->text(2), st->text(3), st->text(4),
                           st->optText(5), st->int64(6), st->optInt64(7).value_or(0), st->int64(8),
                           st->optInt64(9).value_or(0)});
        }
        return out;
    }

    // All pages of a query, concatenated.
    static std::vector<ClientRow> allPages(const ClientQuery& q, int* pages = nullptr) {
        std::vector<ClientRow> rows;
        std::optional<ClientCursor> cursor;
        int n = 0;
        for (;;) {
            auto page = fetchClientPage(*s_db, q, cursor);
            EXPECT_TRUE(page) << page.error().toString();
            if (!page || page->empty()) break;
            ++n;
            EXPECT_LE(static_cast<int>(page->size()), q.page_size);
            cursor = cursorAfter(page->back(), q.sort);
            rows.insert(rows.end(), page->begin(), page->end());
            if (static_cast<int>(page->size()) < q.page_size) break;
        }
        if (pages) *pages = n;
        return rows;
    }

    static inline Database* s_db = nullptr;
    static inline std::vector<Ref> s_refs;
};

// Expected order of refs under a sort key, computed in C++ (NULL first ascending).
std::vector<std::int64_t> expectedOrder(std::vector<Ref> refs, ClientSortKey key, bool desc) {
    auto keyOf = [key](const Ref& r) -> std::tuple<int, std::string, std::int64_t> {
        switch (key) {
        case ClientSortKey::ClientId:
            return {1, r.client_id, 0};
        case ClientSortKey::Name:
            return {1, r.name, 0};
        case ClientSortKey::Broker:
            return {1, r.broker_id, 0};
        case ClientSortKey::Branch:
            return {r.branch_id ? 1 : 0, r.branch_id.value_or(""), 0};
        case ClientSortKey::OpenDate:
            return {1, "", r.open_date};
        case ClientSortKey::Aum:
            return {1, "", r.aum};
        case ClientSortKey::Trades12m:
            return {1, "", r.trades_12m};
        case ClientSortKey::LastContact:
            return {1, "", r.last_contact};
        }
        return {};
    };
    std::sort(refs.begin(), refs.end(), [&](const Ref& a, const Ref& b) {
        const auto ka = std::tuple_cat(keyOf(a), std::make_tuple(a.ref));
        const auto kb = std::tuple_cat(keyOf(b), std::make_tuple(b.ref));
        return desc ? kb < ka : ka < kb;
    });
    std::vector<std::int64_t> ids;
    for (const auto& r : refs) ids.push_back(r.ref);
    return ids;
}

std::vector<std::int64_t> refsOf(const std::vector<ClientRow>& rows) {
    std::vector<std::int64_t> ids;
    for (const auto& r : rows) ids.push_back(r.ref);
    return ids;
}

} // namespace

TEST_F(ClientQueries, EverySortKeyPagesInExactOrderBothDirections) {
    for (auto key : {ClientSortKey::ClientId, ClientSortKey::Name, ClientSortKey::Broker,
                     ClientSortKey::Branch, ClientSortKey::OpenDate, ClientSortKey::Aum,
                     ClientSortKey::Trades12m, ClientSortKey::LastContact}) {
        for (bool desc : {false, true}) {
            ClientQuery q;
            q.sort = key;
            q.descending = desc;
            q.page_size = 137; // pages end inside runs of equal keys
            int pages = 0;
            const auto rows = allPages(q, &pages);
            EXPECT_EQ(pages, (2000 + 136) / 137);
            EXPECT_EQ(refsOf(rows), expectedOrder(s_refs, key, desc))
                << "key " << static_cast<int>(key) << " desc " << desc;
        }
    }
}

TEST_F(ClientQueries, RowsCarrySummaryValues) {
    ClientQuery q;
    q.page_size = 5000;
    const auto rows = allPages(q);
    ASSERT_EQ(rows.size(), s_refs.size());
    std::map<std::int64_t, const Ref*> byRef;
    for (const auto& r : s_refs) byRef[r.ref] = &r;
    for (const auto& row : rows) {
        const Ref& r = *byRef.at(row.ref);
        EXPECT_EQ(row.client_id, r.client_id);
        EXPECT_EQ(row.trades_12m, r.trades_12m);
        EXPECT_EQ(row.aum.has_value(), row.ref % 13 != 0);
        EXPECT_EQ(row.aum ? row.aum->units : 0, r.aum);
        EXPECT_EQ(row.last_contact ? row.last_contact->secs : 0, r.last_contact);
        EXPECT_EQ(row.branch_null, !r.branch_id.has_value());
        EXPECT_FALSE(row.broker_name.empty());
    }
}

TEST_F(ClientQueries, SearchMatchesNameIdAndPhonePrefixes) {
    auto check = [&](const std::string& search, auto pred) {
        ClientQuery q;
        q.search = search;
        q.sort = ClientSortKey::ClientId;
        q.page_size = 50;
        std::set<std::int64_t> expected;
        for (const auto& r : s_refs)
            if (pred(r)) expected.insert(r.ref);
        const auto rows = allPages(q);
        const auto ids = refsOf(rows);
        EXPECT_EQ(std::set<std::int64_t>(ids.begin(), ids.end()), expected) << search;
        EXPECT_EQ(ids.size(), expected.size()) << search;
        EXPECT_EQ(*countClients(*s_db, q), static_cast<std::int64_t>(expected.size())) << search;
        return expected.size();
    };
    auto startsWith = [](const std::string& s, const std::string& p) {
        return s.compare(0, p.size(), p) == 0;
    };
    EXPECT_GT(check("王", [&](const Ref& r) { return startsWith(r.name, "王"); }), 20u);
    EXPECT_EQ(check("C00001", [&](const Ref& r) { return startsWith(r.client_id, "C00001"); }),
              100u);
    EXPECT_EQ(check(" c00001 ", [&](const Ref& r) { return startsWith(r.client_id, "C00001"); }),
              100u);
    const std::string phone = s_refs[1234].phone;
    EXPECT_GE(check(phone.substr(0, 3) + "-" + phone.substr(3, 5),
                    [&](const Ref& r) { return startsWith(r.phone, phone.substr(0, 8)); }),
              1u);
    EXPECT_EQ(check("zzz", [](const Ref&) { return false; }), 0u);
    // Not a substring search: the middle of a client id matches nothing.
    EXPECT_EQ(check("00001", [](const Ref&) { return false; }), 0u);
}

TEST_F(ClientQueries, BrokerFilterCombinesWithSearchAndSort) {
    ClientQuery q;
    q.broker_id = "B003";
    q.sort = ClientSortKey::Aum;
    q.descending = true;
    q.page_size = 40;
    std::vector<Ref> mine;
    for (const auto& r : s_refs)
        if (r.broker_id == "B003") mine.push_back(r);
    EXPECT_EQ(refsOf(allPages(q)), expectedOrder(mine, ClientSortKey::Aum, true));
    EXPECT_EQ(*countClients(*s_db, q), static_cast<std::int64_t>(mine.size()));

    q.search = "李";
    std::size_t both = 0;
    for (const auto& r : mine) both += r.name.rfind("李", 0) == 0;
    EXPECT_EQ(allPages(q).size(), both);
}

TEST_F(ClientQueries, RefsReadOnlyThoseClientsUnderTheOtherFilters) {
    ClientQuery q;
    q.sort = ClientSortKey::LastContact;
    q.refs = {1, 5, 8, 12};
    q.page_size = 10;
    auto rows = fetchClientPage(*s_db, q, std::nullopt);
    ASSERT_TRUE(rows) << rows.error().toString();
    std::set<std::int64_t> refs;
    for (const auto& r : *rows) {
        refs.insert(r.ref);
        const auto want = std::find_if(s_refs.begin(), s_refs.end(),
                                       [&](const Ref& x) { return x.ref == r.ref; });
        ASSERT_NE(want, s_refs.end());
        EXPECT_EQ(r.last_contact ? r.last_contact->secs : 0, want->last_contact);
    }
    EXPECT_EQ(refs, (std::set<std::int64_t>{1, 5, 8, 12}));
    EXPECT_EQ(*countClients(*s_db, q), 4);
    // Under a broker filter, only the broker's: client i has broker (i % 7) + 1.
    q.broker_id = "B001";
    auto mine = fetchClientPage(*s_db, q, std::nullopt);
    ASSERT_TRUE(mine);
    ASSERT_EQ(mine->size(), 2u);
    for (const auto& r : *mine) EXPECT_TRUE(r.ref == 1 || r.ref == 8) << r.ref;
    EXPECT_EQ(*countClients(*s_db, q), 2);
}

TEST_F(ClientQueries, ListsBrokersWithClientCounts) {
    auto brokers = listBrokers(*s_db);
    ASSERT_TRUE(brokers);
    ASSERT_EQ(brokers->size(), 7u);
    std::int64_t total = 0;
    for (const auto& b : *brokers) total += b.clients;
    EXPECT_EQ(total, 2000);
    EXPECT_EQ((*brokers)[0].broker_id, "B001");
    EXPECT_EQ((*brokers)[0].clients, 286); // clients 0, 7, 14, ... of 2000
}

TEST_F(ClientQueries, DetailHasProfileLatestAssetsAndNewestActivity) {
    auto ref = findClientRef(*s_db, "C0000042");
    ASSERT_TRUE(ref);
    auto d = loadClientDetail(*s_db, *ref, 3, 2);
    ASSERT_TRUE(d) << d.error().toString();
    EXPECT_EQ(d->client.client_id, "C0000042");
    EXPECT_EQ(d->client.phone, bdtest::syntheticPhone(41));
    EXPECT_TRUE(isValidIdNumber(d->client.id_number));
    EXPECT_EQ(d->branch_name.empty(), d->client.branch_id.empty());
    EXPECT_FALSE(d->broker_name.empty());
    ASSERT_TRUE(d->latest_assets);
    EXPECT_EQ(d->latest_assets->date, Date::fromYmd(2024, 6, 28));
    EXPECT_LE(d->recent_trades.size(), 3u);
    EXPECT_EQ(d->recent_trades.size(),
              std::min<std::size_t>(3, static_cast<std::size_t>(d->trades_total)));
    for (std::size_t i = 1; i < d->recent_trades.size(); ++i)
        EXPECT_GE(d->recent_trades[i - 1].time, d->recent_trades[i].time);
    for (std::size_t i = 1; i < d->recent_contacts.size(); ++i)
        EXPECT_GE(d->recent_contacts[i - 1].time, d->recent_contacts[i].time);
    for (const auto& t : d->recent_trades) EXPECT_FALSE(t.security_name.empty());

    auto missing = loadClientDetail(*s_db, 999999);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    EXPECT_EQ(findClientRef(*s_db, "nope").error().code, ErrorCode::NotFound);
}

namespace {

// An in-memory book filled from `spec`.
Database smallBook(const bdtest::SyntheticBookSpec& spec) {
    auto db = openBook(":memory:");
    EXPECT_TRUE(db);
    EXPECT_TRUE(bdtest::fillSyntheticBook(*db, spec));
    return std::move(*db);
}

bdtest::SyntheticBookSpec fiftyClients() {
    bdtest::SyntheticBookSpec spec;
    spec.clients = 50;
    return spec;
}

} // namespace

TEST(ClientSummary, RefreshesOnlyWhenTheBookChanged) {
    const auto spec = fiftyClients();
    auto book = smallBook(spec);
    auto* db = &book;
    auto first = ensureClientSummaryFresh(*db);
    ASSERT_TRUE(first) << first.error().toString();
    EXPECT_TRUE(*first);
    EXPECT_FALSE(*ensureClientSummaryFresh(*db));
    auto state = readClientSummaryState(*db);
    ASSERT_TRUE(state && *state);
    EXPECT_EQ((*state)->as_of.value_or(Date{}) <= spec.last_day, true);

    // A new trade for client 1 on the as-of day raises its 12-month count by one.
    ClientQuery q;
    q.search = "C0000001";
    const auto before = fetchClientPage(*db, q, std::nullopt)->at(0).trades_12m;
    auto st =
        db->prepare("INSERT INTO trades(trade_id, client_ref, trade_time, security_code, side,"
                    " quantity, price, amount, commission, trade_month) VALUES ('X1', 1, ?1,"
                    " '600519.SH', 1, 100, 10000, 1000000, 50000, ?2)");
    ASSERT_TRUE(st);
    const std::int64_t secs = DateTime::fromParts(spec.last_day, 15, 0, 0).secs;
    st->bind(1, secs).bind(2, tradeMonthOf(secs));
    ASSERT_TRUE(st->run());
    EXPECT_TRUE(*ensureClientSummaryFresh(*db));
    EXPECT_EQ(fetchClientPage(*db, q, std::nullopt)->at(0).trades_12m, before + 1);
    state = readClientSummaryState(*db);
    EXPECT_EQ((*state)->as_of, spec.last_day);
}

TEST(ClientSummary, ContactsAddedKeepAFreshSummaryFreshAndAStaleOneStale) {
    const auto spec = fiftyClients();
    auto book = smallBook(spec);
    auto* db = &book;
    ASSERT_TRUE(refreshClientSummary(*db));
    // A contact written as services::logContact writes it, with the summary's update.
    const auto addContact = [&](std::int64_t ref, std::int64_t secs) {
        auto before = contactsFingerprint(*db);
        ASSERT_TRUE(before);
        auto st = db->prepare("INSERT INTO contacts(client_ref, broker_id, contact_time, channel,"
                              " outcome) VALUES (?1, 'B001', ?2, 1, 1)");
        ASSERT_TRUE(st);
        st->bind(1, ref).bind(2, secs);
        ASSERT_TRUE(st->run());
        ASSERT_TRUE(updateClientSummaryContacts(*db, {ref}, *before));
    };
    const auto lastContact = [&](std::int64_t ref) {
        ClientQuery q;
        q.refs = {ref};
        auto rows = fetchClientPage(*db, q, std::nullopt);
        return rows && rows->size() == 1 && rows->front().last_contact
                   ? rows->front().last_contact->secs
                   : std::int64_t{0};
    };
    const std::int64_t late = DateTime::fromParts(spec.last_day.addDays(30), 9, 0, 0).secs;
    addContact(3, late);
    EXPECT_EQ(lastContact(3), late);
    EXPECT_FALSE(*ensureClientSummaryFresh(*db)) << "fresh without a rebuild";

    // Behind the book (a client came): still behind after a contact, rebuilt by its reader.
    ASSERT_TRUE(db->exec("INSERT INTO clients(client_id, name, broker_id, open_date) VALUES "
                         "('C9999999', 'New', 'B001', 19000)"));
    addContact(4, late + 60);
    EXPECT_EQ(lastContact(4), late + 60);
    EXPECT_TRUE(*ensureClientSummaryFresh(*db));
    EXPECT_EQ(lastContact(4), late + 60);
}

TEST(ClientSummary, EmptyBookHasNoRowsAndNoAsOf) {
    auto db = openBook(":memory:");
    ASSERT_TRUE(db);
    ASSERT_TRUE(refreshClientSummary(*db));
    auto state = readClientSummaryState(*db);
    ASSERT_TRUE(state && *state);
    EXPECT_FALSE((*state)->as_of);
    auto page = fetchClientPage(*db, ClientQuery{}, std::nullopt);
    ASSERT_TRUE(page);
    EXPECT_TRUE(page->empty());
    EXPECT_EQ(*countClients(*db, ClientQuery{}), 0);
}
