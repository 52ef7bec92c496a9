#pragma once
// The one bounded queue between two threads of the engine: a producer blocks while it is full,
// a consumer while it is empty; either side can stop the other (close, cancel).
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace bd {

template <typename T>
class BoundedQueue {
  public:
    explicit BoundedQueue(std::size_t capacity) : m_capacity(capacity) {}

    /// Blocks while full; false when the consumer cancelled.
    bool push(T item) {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_items.size() < m_capacity || m_cancelled; });
        if (m_cancelled) return false;
        m_items.push_back(std::move(item));
        m_notEmpty.notify_one();
        return true;
    }
    /// Blocks while empty; nullopt once closed and drained (or cancelled).
    std::optional<T> pop() {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_items.empty() || m_closed || m_cancelled; });
        if (m_cancelled || m_items.empty()) return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return item;
    }
    /// Never blocks: an item if one is waiting, else nullopt.
    std::optional<T> tryPop() {
        std::lock_guard lock(m_mutex);
        if (m_cancelled || m_items.empty()) return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return item;
    }
    /// Producer: no more items.
    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notEmpty.notify_all();
    }
    /// Consumer: stop the producer.
    void cancel() {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_notFull.notify_all();
        m_notEmpty.notify_all();
    }

  private:
    std::size_t m_capacity;
    std::deque<T> m_items;
    std::mutex m_mutex;
    std::condition_variable m_notFull, m_notEmpty;
    bool m_closed = false;
    bool m_cancelled = false;
};

} // namespace bd
