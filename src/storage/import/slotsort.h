#pragma once
// Internal to the storage layer: a stable counting sort by a small integer slot (a dense client
// reference, say), as the importer and the trade-day aggregation use it. The scratch is kept
// between sorts, so sorting bucket after bucket allocates once.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace bd::storage {

class SlotSort {
  public:
    /// Lays out items 0 .. n-1 by `slotOf(i)`, a slot in [0, span): order() lists them slot by
    /// slot, items of one slot in their given order.
    template <typename SlotOf>
    void layout(std::size_t n, std::size_t span, SlotOf slotOf) {
        m_start.assign(span + 1, 0);
        for (std::size_t i = 0; i < n; ++i) ++m_start[slotOf(i) + 1];
        for (std::size_t s = 1; s <= span; ++s) m_start[s] += m_start[s - 1];
        m_next.assign(m_start.begin(), m_start.end() - 1);
        m_order.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            m_order[m_next[slotOf(i)]++] = static_cast<std::uint32_t>(i);
    }
    const std::vector<std::uint32_t>& order() const { return m_order; }
    /// Calls fn(from, to) with the positions in order() of every slot that holds two items or
    /// more (to fix the order within a slot, say).
    template <typename Fn>
    void eachGroup(Fn fn) const {
        for (std::size_t s = 0; s + 1 < m_start.size(); ++s)
            if (m_start[s + 1] - m_start[s] >= 2) fn(m_start[s], m_start[s + 1]);
    }

  private:
    std::vector<std::uint32_t> m_start, m_next, m_order;
};

} // namespace bd::storage
