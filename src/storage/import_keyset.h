#pragma once
// Internal to the importer: the natural keys seen so far in a file, to reject duplicates.
// Open addressing over one character arena: no allocation per row (millions of trades).
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace bd::storage::imp {

class KeySet {
  public:
    explicit KeySet(std::size_t expected = 1024) {
        std::size_t cap = 1024;
        while (cap < expected * 2) cap <<= 1;
        m_slots.assign(cap, Slot{});
        m_arena.reserve(expected * 12);
    }

    /// Adds `key` first seen on `line`; returns 0 when new, else the line it was first seen on.
    std::int64_t insert(std::string_view key, std::int64_t line) {
        if ((m_size + 1) * 2 > m_slots.size()) grow();
        const std::uint64_t h = hash(key);
        std::size_t i = h & (m_slots.size() - 1);
        for (;;) {
            Slot& s = m_slots[i];
            if (s.line == 0) {
                s = Slot{h, m_arena.size(), static_cast<std::uint32_t>(key.size()), line};
                m_arena.append(key);
                ++m_size;
                return 0;
            }
            if (equal(s, h, key)) return s.line;
            i = (i + 1) & (m_slots.size() - 1);
        }
    }

    /// The line (or other non-zero value) `key` was inserted with; 0 when absent.
    std::int64_t find(std::string_view key) const {
        const std::uint64_t h = hash(key);
        std::size_t i = h & (m_slots.size() - 1);
        for (;;) {
            const Slot& s = m_slots[i];
            if (s.line == 0) return 0;
            if (equal(s, h, key)) return s.line;
            i = (i + 1) & (m_slots.size() - 1);
        }
    }
    std::size_t size() const { return m_size; }
    /// Starts loading the slot `key` hashes to, for a find() a few hundred instructions later:
    /// a table of tens of thousands of ids is not in the nearest caches.
    void prefetch(std::string_view key) const {
        __builtin_prefetch(&m_slots[hash(key) & (m_slots.size() - 1)]);
    }

  private:
    struct Slot {
        std::uint64_t hash = 0;
        std::size_t offset = 0;
        std::uint32_t length = 0;
        std::int64_t line = 0; // 0 = empty slot (lines are 1-based)
    };
    /// Eight bytes at a time (keys are ids of ~8-20 bytes looked up millions of times), each
    /// word mixed by a multiply and shift (constants of MurmurHash3's finaliser).
    static std::uint64_t hash(std::string_view s) {
        std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ s.size();
        std::size_t i = 0;
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
            h ^= h >> 32;
        }
        std::uint64_t w = 0;
        if (i < s.size()) std::memcpy(&w, s.data() + i, s.size() - i);
        h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
        return h ^ (h >> 29);
    }
    bool equal(const Slot& slot, std::uint64_t h, std::string_view key) const {
        return slot.hash == h && slot.length == key.size() &&
               std::memcmp(m_arena.data() + slot.offset, key.data(), key.size()) == 0;
    }
    void grow() {
        std::vector<Slot> old(m_slots.size() * 2, Slot{});
        old.swap(m_slots);
        for (const Slot& s : old) {
            if (s.line == 0) continue;
            std::size_t i = s.hash & (m_slots.size() - 1);
            while (m_slots[i].line != 0) i = (i + 1) & (m_slots.size() - 1);
            m_slots[i] = s;
        }
    }
    std::vector<Slot> m_slots;
    std::string m_arena;
    std::size_t m_size = 0;
};

/// The natural keys of one file, to reject duplicates in file order. Exports usually list their
/// keys in ascending order (trade ids grow with time): a key above every key so far cannot be a
/// duplicate and is appended to a sorted run, with no hashing and no random memory access. Any
/// other key is looked up in that run (binary search) and in a hash set of the out-of-order
/// keys, which are all below the run's last key.
class SeenKeys {
  public:
    /// Adds `key` first seen on `line`; returns 0 when new, else the line it was first seen on.
    std::int64_t insert(std::string_view key, std::int64_t line) {
        if (m_run.empty() || key > runKey(m_run.back())) {
            m_run.push_back({m_arena.size(), key.size(), line});
            m_arena.append(key);
            return 0;
        }
        std::size_t lo = 0, hi = m_run.size();
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            if (runKey(m_run[mid]) < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < m_run.size() && runKey(m_run[lo]) == key) return m_run[lo].line;
        return m_others.insert(key, line);
    }

  private:
    struct Entry {
        std::size_t offset;
        std::size_t length;
        std::int64_t line;
    };
    std::string_view runKey(const Entry& e) const {
        return std::string_view(m_arena).substr(e.offset, e.length);
    }
    std::vector<Entry> m_run; // ascending keys
    std::string m_arena;      // their characters
    KeySet m_others;          // keys that came out of order
};

} // namespace bd::storage::imp
