// GroupedRows: the bulk load's ordering, done alongside the write.
#include <gtest/gtest.h>

#include <random>
#include <thread>
#include <tuple>
#include <vector>

#include "storage/import_gather.h"

using bd::storage::imp::GroupedRows;

namespace {

struct Row {
    std::int64_t group = 0, time = 0, id = 0;
    bool operator==(const Row&) const = default;
};
bool less(const Row& a, const Row& b) {
    return std::tie(a.group, a.time, a.id) < std::tie(b.group, b.time, b.id);
}

/// Rows of `groups` groups in a shuffled file order; every fifth group also out of time order.
std::vector<Row> fileRows(std::int64_t base, std::int64_t groups, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<Row> rows;
    for (std::int64_t i = 0; i < 20000; ++i) {
        const auto g = base + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(groups));
        const std::int64_t t = (g % 5 == 0) ? static_cast<std::int64_t>(rng() % 1000) : i / 7;
        rows.push_back({g, t, i});
    }
    return rows;
}

/// Gathers on a helper thread while this thread reads each row as soon as it is published.
std::vector<Row> gatherWhileReading(GroupedRows<Row>& grouped) {
    std::vector<Row> out;
    out.reserve(grouped.size());
    const Row* base = out.data();
    std::thread helper([&] { grouped.gather(out); });
    std::vector<Row> seen;
    for (std::size_t i = 0; i < grouped.size(); ++i) {
        grouped.waitFor(i);
        seen.push_back(base[i]);
    }
    helper.join();
    EXPECT_EQ(seen, out);
    return seen;
}

} // namespace

TEST(ImportGather, ChainedGroupsComeOutInKeyOrderWhileBeingRead) {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        std::vector<Row> rows = fileRows(1000, 300, seed);
        std::vector<Row> want = rows;
        std::stable_sort(want.begin(), want.end(), less);
        GroupedRows<Row> grouped(1000, 1299, less);
        for (Row& r : rows) grouped.add(&r, r.group);
        EXPECT_EQ(gatherWhileReading(grouped), want);
    }
}

TEST(ImportGather, GroupsOutsideTheRangeOrSparseIdsFallBackToOneSort) {
    std::vector<Row> rows = fileRows(0, 50, 9);
    std::vector<Row> want = rows;
    std::stable_sort(want.begin(), want.end(), less);
    {
        std::vector<Row> copy = rows;
        GroupedRows<Row> narrow(0, 10, less); // groups 11..49 fall outside
        for (Row& r : copy) narrow.add(&r, r.group);
        EXPECT_EQ(gatherWhileReading(narrow), want);
    }
    {
        std::vector<Row> copy = rows;
        GroupedRows<Row> sparse(0, std::int64_t{1} << 40, less); // too wide to chain
        for (Row& r : copy) sparse.add(&r, r.group);
        EXPECT_EQ(gatherWhileReading(sparse), want);
    }
    {
        GroupedRows<Row> none(5, 4, less); // no clients at all
        EXPECT_EQ(none.size(), 0u);
        EXPECT_TRUE(gatherWhileReading(none).empty());
    }
}
