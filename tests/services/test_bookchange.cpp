// The words of change the book session announces (services/bookchange.h), and the services'
// writes behind them: what they report and what they leave consistent.
#include <gtest/gtest.h>

#include "services/bookchange.h"
#include "services/clientbook.h"
#include "services/contactlog.h"
#include "services/servicepolicies.h"
#include "support/planbook.h"

using namespace bd;
using bdtest::PlanBook;

TEST(ClientSet, HoldsSortedRefsOrEveryone) {
    const auto some = services::ClientSet::of({9, 3, 9, 5});
    EXPECT_EQ(some.refs, (std::vector<std::int64_t>{3, 5, 9}));
    EXPECT_TRUE(some.contains(5));
    EXPECT_FALSE(some.contains(4));
    EXPECT_FALSE(some.empty());
    const auto all = services::ClientSet::all();
    EXPECT_TRUE(all.contains(123456));
    EXPECT_FALSE(all.empty());
    EXPECT_TRUE(services::ClientSet{}.empty());
}

TEST(PlanChange, TouchesItsBrokersOrEveryBroker) {
    const services::PlanChange one{services::ClientSet::of({1}), {"B1"}};
    EXPECT_TRUE(one.touchesBroker("B1"));
    EXPECT_FALSE(one.touchesBroker("B2"));
    const services::PlanChange rebuild{services::ClientSet::all(), {}};
    EXPECT_TRUE(rebuild.touchesBroker("B2"));
}

TEST(PlanService, LoggingAContactNamesTheClientAndKeepsTheClientListFresh) {
    PlanBook book;
    const auto ref = book.client("CAD");
    book.contact("CAD", 40);
    ASSERT_TRUE(services::ensureClientSummaryFresh(book.db()));
    services::ContactLog log;
    log.client_id = "CAD";
    log.at = DateTime::fromParts(PlanBook::asOf(), 10, 0, 0);
    auto r = services::logContact(book.db(), log);
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_EQ(r->client_ref, ref);
    EXPECT_EQ(r->broker_id, "B1");
    // The client list shows the contact without rebuilding its summary.
    services::ClientQuery q;
    q.refs = {ref};
    auto rows = services::fetchClientPage(book.db(), q, std::nullopt);
    ASSERT_TRUE(rows && rows->size() == 1);
    ASSERT_TRUE(rows->front().last_contact);
    EXPECT_EQ(*rows->front().last_contact, *log.at);
    auto rebuilt = services::ensureClientSummaryFresh(book.db());
    ASSERT_TRUE(rebuilt);
    EXPECT_FALSE(*rebuilt);
}

TEST(ServicePolicies, SavingSeveralStoresAllOrNone) {
    PlanBook book;
    auto policies = services::loadServicePolicies(book.db());
    ASSERT_TRUE(policies);
    auto changed = *policies;
    changed[0].contact_cadence_days = 77;
    changed[1].contact_cadence_days = 0; // invalid: nothing is stored
    EXPECT_FALSE(services::saveServicePolicies(book.db(), changed));
    EXPECT_EQ(services::loadServicePolicies(book.db())->at(0).contact_cadence_days,
              (*policies)[0].contact_cadence_days);
    changed[1].contact_cadence_days = 66;
    ASSERT_TRUE(services::saveServicePolicies(book.db(), changed));
    auto stored = services::loadServicePolicies(book.db());
    EXPECT_EQ(stored->at(0).contact_cadence_days, 77);
    EXPECT_EQ(stored->at(1).contact_cadence_days, 66);
}
