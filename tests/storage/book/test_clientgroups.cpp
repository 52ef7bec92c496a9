// Reads over a set of clients by ref: groups by broker and status for a bulk action's preview,
// and the client ids of a list's rows, each one statement however many refs.
#include <gtest/gtest.h>

#include "storage/book/clientgroups.h"
#include "storage/schema/schema.h"

using namespace bd;
using namespace bd::storage;

namespace {

Database threeClients() {
    auto db = openBook(":memory:");
    EXPECT_TRUE(db);
    EXPECT_TRUE(db->exec("INSERT INTO branches(branch_id, name) VALUES ('BR', 'Branch');"
                         "INSERT INTO brokers(broker_id, name, branch_id) VALUES "
                         "('B1', 'One', 'BR'), ('B2', 'Two', 'BR');"
                         "INSERT INTO clients(id, client_id, name, broker_id, branch_id, "
                         "open_date, status) VALUES (1, 'C1', 'a', 'B1', 'BR', 0, 1), "
                         "(2, 'C2', 'b', 'B1', 'BR', 0, 2), (3, 'C3', 'c', 'B2', 'BR', 0, 1)"));
    return std::move(*db);
}

} // namespace

TEST(ClientGroups, GroupByBrokerAndStatusCountsOnlyTheNamedClients) {
    auto db = threeClients();
    auto brokers = groupClientsByBroker(db, {1, 2, 3, 99}, "B2");
    ASSERT_TRUE(brokers) << brokers.error().toString();
    ASSERT_EQ(brokers->size(), 2u);
    EXPECT_EQ((*brokers)[0].value, "B1");
    EXPECT_EQ((*brokers)[0].clients, 2);
    EXPECT_FALSE((*brokers)[0].at_target);
    EXPECT_EQ((*brokers)[1].value, "B2");
    EXPECT_EQ((*brokers)[1].clients, 1);
    EXPECT_TRUE((*brokers)[1].at_target);
    auto statuses = groupClientsByStatus(db, {1, 2}, 2);
    ASSERT_TRUE(statuses);
    ASSERT_EQ(statuses->size(), 2u);
    EXPECT_EQ((*statuses)[0].value, 1);
    EXPECT_FALSE((*statuses)[0].at_target);
    EXPECT_TRUE((*statuses)[1].at_target);
    auto none = groupClientsByBroker(db, {}, "B1");
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
}

TEST(ClientGroups, ClientIdsOfTheRefsThatAreClients) {
    auto db = threeClients();
    auto ids = clientIdsOf(db, {3, 1, 42});
    ASSERT_TRUE(ids) << ids.error().toString();
    ASSERT_EQ(ids->size(), 2u);
    EXPECT_EQ(ids->at(1), "C1");
    EXPECT_EQ(ids->at(3), "C3");
}
