#pragma once
// Internal to the importer: puts the rows of a bulk load into the table's key order while they
// are being written. The key starts with a dense integer (trades: client_ref), so rows are
// chained per group as they are checked, in file order; then a helper thread gathers them group
// by group into one array, sorting a group only when the file did not list it in key order,
// and publishes how far it got. The writer pulls row i as soon as it is in place: the ordering
// runs on the core that would otherwise idle during the write instead of before it.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
#include <vector>

namespace bd::storage::imp {

template <typename Row>
class GroupedRows {
  public:
    using Less = bool (*)(const Row&, const Row&);

    /// Groups are integers in [lo, hi]. A range too wide to keep a chain head per group (or a
    /// row outside it) makes the rows be sorted whole instead.
    GroupedRows(std::int64_t lo, std::int64_t hi, Less less) : m_lo(lo), m_less(less) {
        const std::uint64_t span = hi >= lo ? static_cast<std::uint64_t>(hi - lo) + 1 : 0;
        if (span > 0 && span <= (std::uint64_t{1} << 26)) {
            m_head.assign(static_cast<std::size_t>(span), kNone);
            m_tail.assign(static_cast<std::size_t>(span), kNone);
        }
    }

    /// Adds a row (pointer stable until gather() is done) of `group`, in file order.
    void add(Row* row, std::int64_t group) {
        const auto k = static_cast<std::uint32_t>(m_rows.size());
        m_rows.push_back(row);
        if (!m_chained) return;
        const std::int64_t slot = group - m_lo;
        if (m_head.empty() || slot < 0 || slot >= static_cast<std::int64_t>(m_head.size()) ||
            m_rows.size() >= kNone) {
            m_chained = false;
            return;
        }
        m_next.push_back(kNone);
        const auto s = static_cast<std::size_t>(slot);
        if (m_tail[s] == kNone)
            m_head[s] = k;
        else
            m_next[m_tail[s]] = k;
        m_tail[s] = k;
    }
    std::size_t size() const { return m_rows.size(); }

    /// Moves every row into `out` (reserve()d to size() by the caller beforehand, so its
    /// storage never moves) in key order, publishing each finished group. Call once.
    void gather(std::vector<Row>& out) {
        if (!m_chained) {
            for (Row* r : m_rows) out.push_back(std::move(*r));
            std::stable_sort(out.begin(), out.end(), m_less);
            publish(out.size());
            return;
        }
        // A group's rows lie all over the parsed batches: its chain is walked first and every
        // row asked for, so the copies wait for memory in parallel rather than one by one.
        std::vector<Row*> members;
        for (std::size_t g = 0; g < m_head.size(); ++g) {
            if (m_head[g] == kNone) continue;
            const std::size_t from = out.size();
            members.clear();
            for (std::uint32_t k = m_head[g]; k != kNone; k = m_next[k]) {
                Row* r = m_rows[k];
                __builtin_prefetch(r);
                __builtin_prefetch(reinterpret_cast<const char*>(r) + sizeof(Row) - 1);
                members.push_back(r);
            }
            for (Row* r : members) out.push_back(std::move(*r));
            // A time-ordered export lists each client's rows in key order already.
            const auto b = out.begin() + static_cast<std::ptrdiff_t>(from);
            if (!std::is_sorted(b, out.end(), m_less)) std::stable_sort(b, out.end(), m_less);
            if (out.size() - m_published >= kPublishEvery) publish(out.size());
        }
        publish(out.size());
    }

    /// Blocks until row `i` of the gathered array is in place.
    void waitFor(std::size_t i) const {
        std::size_t ready = m_ready.load(std::memory_order_acquire);
        while (ready <= i) {
            m_ready.wait(ready, std::memory_order_acquire);
            ready = m_ready.load(std::memory_order_acquire);
        }
    }

  private:
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
    static constexpr std::size_t kPublishEvery = 4096;

    void publish(std::size_t n) {
        m_published = n;
        m_ready.store(n, std::memory_order_release);
        m_ready.notify_all();
    }

    std::int64_t m_lo;
    Less m_less;
    bool m_chained = true;
    std::vector<Row*> m_rows;
    std::vector<std::uint32_t> m_head, m_tail, m_next;
    std::size_t m_published = 0;
    mutable std::atomic<std::size_t> m_ready{0};
};

} // namespace bd::storage::imp
