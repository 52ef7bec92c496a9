// readFeatures' on_trade_days hook: the refresh starts its lifetime-value fit from it while the
// asset and contact passes still read, so what it is handed must already be final.
#include <gtest/gtest.h>

#include "storage/book/features.h"
#include "support/valuebook.h"

using namespace bd;
using bdtest::at;

TEST(FeaturesEarly, TradeDaysHookSeesTheFinalTradeDaysAndAsOfOnce) {
    bdtest::ValueBook book;
    const Date d0 = Date::fromYmd(2024, 3, 1);
    auto c1 = book.client("C1", Date::fromYmd(2019, 1, 1));
    auto c2 = book.client("C2", Date::fromYmd(2020, 6, 1));
    book.client("C3", Date::fromYmd(2021, 1, 1)); // never trades
    book.trade(c1, at(d0, 9, 30), 1000, 1.5);
    book.trade(c1, at(d0, 14, 0), 3000, 3.25); // same day: one trade day
    book.trade(c2, at(d0.addDays(-400), 10), 500, 0.5);
    book.trade(c1, at(d0.addDays(7), 10), 800, 2);
    book.snapshot(c1, d0, 1000, 2000, 0);
    for (const bool asOfGiven : {false, true}) {
        storage::FeatureOptions o;
        if (asOfGiven) o.as_of = d0.addDays(3);
        int calls = 0;
        storage::TradeDays seen;
        Date seenAsOf;
        o.on_trade_days = [&](const storage::TradeDays& days, Date asOf) {
            ++calls;
            seen = days;
            seenAsOf = asOf;
        };
        auto f = storage::readFeatures(book.db(), o);
        ASSERT_TRUE(f.ok()) << f.error().toString();
        EXPECT_EQ(calls, 1);
        EXPECT_EQ(seenAsOf.days, f->as_of.days);
        EXPECT_EQ(seen, f->trade_days);
        // Known answer: C1 has one trade day up to A (two without an as-of date), C2 one.
        EXPECT_EQ(f->as_of.days, asOfGiven ? d0.days + 3 : d0.days + 7);
        EXPECT_EQ(f->trade_days.count(0), asOfGiven ? 1u : 2u);
        EXPECT_EQ(f->trade_days.count(1), 1u);
        EXPECT_EQ(f->trade_days.count(2), 0u);
        EXPECT_EQ(f->trade_days.first_commission[0], 4'7500); // 1.5 + 3.25 CNY on one day
        EXPECT_EQ(f->trade_days.commission[0], asOfGiven ? 4'7500 : 6'7500);
        EXPECT_EQ(f->trade_days.last[0], asOfGiven ? d0.days : d0.days + 7);
    }
}
