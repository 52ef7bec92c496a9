// The pieces of the streamed bulk load: rows filed by month and handed on in key order, and the
// trade days gathered month by month put back in client order.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <vector>

#include "storage/book/tradedays.h"
#include "storage/import/import_engine.h"

namespace {

using bd::storage::TradeDayRow;

struct Row {
    std::int64_t month = 0, client = 0, time = 0;
    int id = 0;
};

bool rowLess(const Row& a, const Row& b) {
    return std::tie(a.month, a.client, a.time, a.id) < std::tie(b.month, b.client, b.time, b.id);
}

const bd::storage::imp::KindDef<Row>& def() {
    static const bd::storage::imp::KindDef<Row> d = [] {
        bd::storage::imp::KindDef<Row> k;
        k.bulkBucket = [](const Row& r) { return r.month; };
        k.bulkClient = [](const Row& r) { return r.client; };
        k.keyLess = rowLess;
        return k;
    }();
    return d;
}

std::uint64_t next(std::uint64_t& state) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
}

/// Feeds `rows` in order, taking the closed buckets after every `batch` rows as the load does;
/// returns what was handed on, in hand-on order.
std::vector<Row> handOn(const std::vector<Row>& rows, std::size_t batch, std::int64_t lo,
                        std::int64_t hi, std::vector<std::size_t>* chunkEnds = nullptr) {
    bd::storage::imp::BucketedRows<Row> buckets(def(), lo, hi);
    std::vector<Row> parsed = rows; // where the parser left them: filed rows stay in place
    std::vector<Row> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        buckets.add(&parsed[i]);
        if ((i + 1) % batch == 0) {
            const std::size_t before = out.size();
            const std::size_t closed = buckets.closedRows();
            buckets.takeClosed(out);
            EXPECT_EQ(out.size() - before, closed);
            if (chunkEnds) chunkEnds->push_back(out.size());
        }
    }
    buckets.takeAll(out);
    return out;
}

TEST(BucketedRows, TimeOrderedRowsComeOutMonthByMonthInKeyOrder) {
    // Six months, 40 clients, in time order; equal times ordered by id within a client.
    std::vector<Row> rows;
    std::uint64_t state = 3;
    int id = 0;
    for (std::int64_t month = 100; month < 106; ++month)
        for (std::int64_t t = 0; t < 500; ++t)
            rows.push_back({month, 10 + static_cast<std::int64_t>(next(state) % 40),
                            month * 1000 + t / 2, 1000 - ++id});
    std::vector<std::size_t> ends;
    const auto out = handOn(rows, 64, 10, 49, &ends);
    auto want = rows;
    std::sort(want.begin(), want.end(), rowLess);
    ASSERT_EQ(out.size(), want.size());
    for (std::size_t i = 0; i < out.size(); ++i) ASSERT_EQ(out[i].id, want[i].id) << i;
    // Months were handed on while later ones were still coming in: by the time the last
    // month's first batch is in, the first five are out.
    EXPECT_TRUE(std::find(ends.begin(), ends.end(), std::size_t{2500}) != ends.end());
}

TEST(BucketedRows, AnyOrderAndClientsOutsideTheRangeStillComeOutComplete) {
    std::uint64_t state = 9;
    for (int round = 0; round < 20; ++round) {
        std::vector<Row> rows;
        const int n = 1 + static_cast<int>(next(state) % 3000);
        for (int i = 0; i < n; ++i)
            rows.push_back({static_cast<std::int64_t>(next(state) % 12) - 3,
                            // mostly in [0, 99]; some outside, which the counting sort refuses
                            static_cast<std::int64_t>(next(state) % 110) - (round % 2 ? 5 : 0),
                            static_cast<std::int64_t>(next(state) % 50), i});
        const auto out = handOn(rows, 1 + next(state) % 200, 0, 99);
        ASSERT_EQ(out.size(), rows.size());
        // Each month's rows are handed on in key order; a month handed on again (rows that
        // came after it was written) follows later, but nothing is lost or duplicated.
        std::vector<int> ids;
        for (const Row& r : out) ids.push_back(r.id);
        std::sort(ids.begin(), ids.end());
        for (int i = 0; i < n; ++i) ASSERT_EQ(ids[static_cast<std::size_t>(i)], i);
        // Rows that arrive before their month is written are in key order among themselves
        // and with their month: the hand-on order is sorted except where a late row restarts.
        std::size_t restarts = 0;
        for (std::size_t i = 1; i < out.size(); ++i)
            if (rowLess(out[i], out[i - 1])) ++restarts;
        EXPECT_LE(restarts, 1u) << "round " << round; // the kept-back rows, sorted, come last
    }
}

std::vector<TradeDayRow> reference(std::vector<TradeDayRow> rows) {
    std::sort(rows.begin(), rows.end(), [](const TradeDayRow& a, const TradeDayRow& b) {
        return std::tie(a.client_ref, a.day) < std::tie(b.client_ref, b.day);
    });
    std::vector<TradeDayRow> out;
    for (const TradeDayRow& r : rows) {
        if (!out.empty() && out.back().client_ref == r.client_ref && out.back().day == r.day) {
            out.back().trades += r.trades;
            out.back().amount += r.amount;
            out.back().commission += r.commission;
        } else {
            out.push_back(r);
        }
    }
    return out;
}

TEST(TradeDayRows, SortedByClientAndDayWithRepeatedDaysMerged) {
    std::uint64_t state = 5;
    for (int round = 0; round < 30; ++round) {
        std::vector<TradeDayRow> rows;
        const int n = static_cast<int>(next(state) % 2000);
        // Month by month (days ascend within a client), then a few late days anywhere; some
        // rounds with client references too far apart for the counting sort.
        const std::int64_t spread = round % 3 == 0 ? 100000000 : 1;
        for (int i = 0; i < n; ++i) {
            const std::int64_t day = i / 50 * 30 + static_cast<std::int64_t>(next(state) % 30);
            rows.push_back({static_cast<std::int64_t>(next(state) % 60) * spread - 7, day,
                            1 + static_cast<std::int64_t>(next(state) % 3),
                            static_cast<std::int64_t>(next(state) % 100000) - 20000,
                            static_cast<std::int64_t>(next(state) % 500)});
            if (i % 97 == 0 && !rows.empty()) rows.push_back(rows[next(state) % rows.size()]);
        }
        const auto want = reference(rows);
        bd::storage::sortTradeDayRows(rows);
        ASSERT_EQ(rows.size(), want.size()) << "round " << round;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            EXPECT_EQ(rows[i].client_ref, want[i].client_ref);
            EXPECT_EQ(rows[i].day, want[i].day);
            EXPECT_EQ(rows[i].trades, want[i].trades);
            EXPECT_EQ(rows[i].amount, want[i].amount);
            EXPECT_EQ(rows[i].commission, want[i].commission);
        }
    }
}

TEST(TradeDayGatherer, PacksTheSameBlocksAsSortingEveryDay) {
    // Trades one by one as a bulk load hands them on: month by month in key order (days ascend
    // within a client), then some late ones older than their client's latest day; client
    // references dense, negative or far apart.
    std::uint64_t state = 9;
    for (int round = 0; round < 30; ++round) {
        std::vector<TradeDayRow> trades;
        const int n = static_cast<int>(next(state) % 3000);
        const std::int64_t spread = round % 3 == 0 ? (std::int64_t{1} << 40) : 1;
        for (int month = 0; month * 200 < n; ++month) {
            std::vector<TradeDayRow> batch;
            for (int i = month * 200; i < std::min(n, month * 200 + 200); ++i)
                batch.push_back({static_cast<std::int64_t>(next(state) % 40) * spread - 3,
                                 month * 31 + static_cast<std::int64_t>(next(state) % 31), 1,
                                 static_cast<std::int64_t>(next(state) % 100000) - 20000,
                                 static_cast<std::int64_t>(next(state) % 500)});
            std::sort(batch.begin(), batch.end(), [](const TradeDayRow& a, const TradeDayRow& b) {
                return std::tie(a.client_ref, a.day) < std::tie(b.client_ref, b.day);
            });
            trades.insert(trades.end(), batch.begin(), batch.end());
        }
        for (int late = 0; late < n / 50 && !trades.empty(); ++late) {
            TradeDayRow r = trades[next(state) % trades.size()];
            r.day -= static_cast<std::int64_t>(next(state) % 300);
            trades.push_back(r);
        }
        bd::storage::TradeDayGatherer gatherer;
        for (const TradeDayRow& t : trades)
            gatherer.add(t.client_ref, t.day, t.amount, t.commission);
        const auto got = gatherer.finish();
        std::vector<TradeDayRow> days = trades;
        bd::storage::sortTradeDayRows(days);
        const auto want = bd::storage::packTradeDayBlocks(days);
        ASSERT_EQ(got.size(), want.size()) << "round " << round;
        for (std::size_t i = 0; i < got.size(); ++i) {
            EXPECT_EQ(got[i].client_ref, want[i].client_ref) << "round " << round;
            EXPECT_EQ(got[i].block, want[i].block);
            EXPECT_EQ(got[i].day_count, want[i].day_count);
            EXPECT_EQ(got[i].last_day, want[i].last_day);
            EXPECT_EQ(got[i].packed, want[i].packed);
        }
    }
}

} // namespace
