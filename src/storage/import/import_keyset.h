#pragma once
// Internal to the importer: the natural keys seen so far in a file, to reject duplicates.
// Open addressing over one character arena: no allocation per row (millions of trades).
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace bd::storage::imp {

/// Eight bytes at a time (keys are ids of ~8-20 bytes looked up millions of times), each
/// word mixed by a multiply and shift (constants of MurmurHash3's finaliser).
inline std::uint64_t keyHash(std::string_view s) {
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
        const std::uint64_t h = keyHash(key);
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
        const std::uint64_t h = keyHash(key);
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
        __builtin_prefetch(&m_slots[keyHash(key) & (m_slots.size() - 1)]);
    }

  private:
    struct Slot {
        std::uint64_t hash = 0;
        std::size_t offset = 0;
        std::uint32_t length = 0;
        std::int64_t line = 0; // 0 = empty slot (lines are 1-based)
    };
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

/// Keys seen in a file, compact: eight bytes a key in memory (24 bits of its hash and where it
/// lies in a spill file) instead of the key itself. Each key is appended with its line to an
/// unnamed temporary file (removed by the system however the process ends), read back only
/// to confirm a slot whose hash bits match, and read again in order when the table grows.
/// Millions of out-of-order keys (a file grouped by client) take 8-16 bytes each in memory
/// instead of 70 or more. Without a temporary file at the start it keeps the keys in memory;
/// a file that fails later is reported (failed()) for the import to fail.
class SpilledKeySet {
  public:
    /// `tagBits`: hash bits kept per slot (tests lower them to confirm through the file).
    explicit SpilledKeySet(int tagBits = 24)
        : m_tagBits(tagBits), m_slots(1024, 0), m_file(std::tmpfile()) {}
    ~SpilledKeySet() {
        if (m_file) std::fclose(m_file);
    }
    SpilledKeySet(const SpilledKeySet&) = delete;
    SpilledKeySet& operator=(const SpilledKeySet&) = delete;
    /// The temporary file could not be written or read: the answers so far are unsound.
    bool failed() const { return m_failed; }

    /// Adds `key` first seen on `line`; returns 0 when new, else the line it was first seen on.
    std::int64_t insert(std::string_view key, std::int64_t line) {
        if (!m_file) return m_memory.insert(key, line);
        if (m_failed) return 0;
        if ((m_size + 1) * 4 > m_slots.size() * 3 && !grow()) return fallBack();
        const std::uint64_t h = keyHash(key);
        std::size_t i = 0;
        if (const std::int64_t first = probe(key, h, i)) return first;
        if (m_failed) return 0;
        const std::uint64_t at = m_end;
        appendRecord(key, line);
        m_slots[i] = (tag(h) << kOffsetBits) | (at + 1);
        ++m_size;
        return 0;
    }
    /// The line `key` was first seen on; 0 when absent.
    std::int64_t find(std::string_view key) {
        if (!m_file) return m_memory.find(key);
        std::size_t i = 0;
        return m_failed ? 0 : probe(key, keyHash(key), i);
    }

  private:
    static constexpr int kOffsetBits = 40; // spill files up to 1 TB
    static constexpr std::uint64_t kOffsetMask = (std::uint64_t{1} << kOffsetBits) - 1;
    static constexpr std::size_t kFlushAt = std::size_t{1} << 20;

    /// The first line of `key` (hash `h`), or 0 with `i` at the free slot where it belongs.
    std::int64_t probe(std::string_view key, std::uint64_t h, std::size_t& i) {
        for (i = h & (m_slots.size() - 1);; i = (i + 1) & (m_slots.size() - 1)) {
            const std::uint64_t s = m_slots[i];
            if (s == 0) return 0;
            if ((s >> kOffsetBits) != tag(h)) continue;
            std::int64_t first = 0;
            if (!readKey((s & kOffsetMask) - 1, m_scratch, first)) return fallBack();
            if (m_scratch == key) return first;
        }
    }
    std::uint64_t tag(std::uint64_t h) const {
        return m_tagBits == 0 ? 0 : (h >> (64 - m_tagBits));
    }
    /// Record: line (8 bytes), key length (4), key.
    void appendRecord(std::string_view key, std::int64_t line) {
        const auto length = static_cast<std::uint32_t>(key.size());
        m_pending.append(reinterpret_cast<const char*>(&line), sizeof line);
        m_pending.append(reinterpret_cast<const char*>(&length), sizeof length);
        m_pending.append(key);
        m_end += sizeof line + sizeof length + key.size();
        if (m_pending.size() >= kFlushAt) flush();
    }
    void flush() {
        if (m_pending.empty() || m_failed) return;
        m_failed = std::fwrite(m_pending.data(), 1, m_pending.size(), m_file) != m_pending.size() ||
                   std::fflush(m_file) != 0;
        m_flushed += m_pending.size();
        m_pending.clear();
    }
    /// Reads `size` bytes at `offset` (in the file or still pending) into `out`.
    bool readAt(std::uint64_t offset, std::size_t size, char* out) {
        if (offset >= m_flushed) {
            std::memcpy(out, m_pending.data() + (offset - m_flushed), size);
            return true;
        }
        if (offset + size > m_flushed) flush();
        std::size_t done = 0;
        while (done < size && !m_failed) {
            const ssize_t n = ::pread(::fileno(m_file), out + done, size - done,
                                      static_cast<off_t>(offset + done));
            if (n <= 0) return false;
            done += static_cast<std::size_t>(n);
        }
        return !m_failed;
    }
    bool readKey(std::uint64_t offset, std::string& key, std::int64_t& line) {
        std::uint32_t length = 0;
        char head[sizeof line + sizeof length];
        if (!readAt(offset, sizeof head, head)) return false;
        std::memcpy(&line, head, sizeof line);
        std::memcpy(&length, head + sizeof line, sizeof length);
        key.resize(length);
        return readAt(offset + sizeof head, length, key.data());
    }
    /// Twice the slots, filled again from the file read in order (slots keep no whole hash).
    bool grow() {
        flush();
        if (m_failed) return false;
        const std::size_t cap = m_slots.size() * 2;
        std::vector<std::uint64_t>().swap(m_slots);
        m_slots.assign(cap, 0);
        constexpr std::size_t kHead = sizeof(std::int64_t) + sizeof(std::uint32_t);
        std::string buf;
        std::uint64_t fileAt = 0, bufAt = 0; // next byte to read; file offset of buf[0]
        std::size_t pos = 0;
        const auto need = [&](std::size_t n) {
            while (buf.size() - pos < n) {
                buf.erase(0, pos);
                bufAt += pos;
                pos = 0;
                const auto more =
                    static_cast<std::size_t>(std::min<std::uint64_t>(kFlushAt, m_end - fileAt));
                const std::size_t old = buf.size();
                buf.resize(old + more);
                if (more == 0 || !readAt(fileAt, more, buf.data() + old)) return false;
                fileAt += more;
            }
            return true;
        };
        while (bufAt + pos < m_end) {
            std::uint32_t length = 0;
            if (!need(kHead)) return false;
            std::memcpy(&length, buf.data() + pos + sizeof(std::int64_t), sizeof length);
            if (!need(kHead + length)) return false;
            const std::uint64_t h = keyHash(std::string_view(buf.data() + pos + kHead, length));
            std::size_t i = h & (m_slots.size() - 1);
            while (m_slots[i] != 0) i = (i + 1) & (m_slots.size() - 1);
            m_slots[i] = (tag(h) << kOffsetBits) | (bufAt + pos + 1);
            pos += kHead + length;
        }
        return true;
    }
    /// The file failed: the answers are no longer sound, and the import is told (failed()).
    std::int64_t fallBack() {
        m_failed = true;
        return 0;
    }

    int m_tagBits;
    std::vector<std::uint64_t> m_slots; // 0: empty; else tag << 40 | (offset + 1)
    std::size_t m_size = 0;
    std::FILE* m_file;
    std::string m_pending;       // records not yet written
    std::uint64_t m_flushed = 0; // bytes written to the file
    std::uint64_t m_end = 0;     // offset of the next record
    bool m_failed = false;
    std::string m_scratch;
    KeySet m_memory; // without a usable temporary file
};

/// The natural keys of one file, to reject duplicates in file order. Exports usually list their
/// keys in ascending order (trade ids grow with time), or nearly so: a file grouped by client
/// whose ids were handed out client by client ascends but for the odd late trade of a client. So
/// the keys are kept as a few ascending runs. A key above the current run's last one is appended
/// to it with no hashing and no random memory access: each older run is checked through a finger
/// that only moves forward (the current run ascends), and in the hash set below when it is not
/// above every key there. A key below it, looked up by binary search in every run, starts a new
/// run while the current one is long and the runs are few; otherwise (a file in no order) it goes
/// to a hash set of out-of-order keys.
class SeenKeys {
  public:
    /// Adds `key` first seen on `line`; returns 0 when new, else the line it was first seen on.
    std::int64_t insert(std::string_view key, std::int64_t line) {
        if (m_runs.empty()) {
            startRun(key, line);
            return 0;
        }
        Run& current = m_runs.back();
        if (key > current.last()) {
            if (m_anyOthers && key <= m_othersMax)
                if (const std::int64_t first = m_others.find(key)) return first;
            for (std::size_t r = 0; r + 1 < m_runs.size(); ++r) {
                Run& older = m_runs[r];
                while (older.finger < older.entries.size() && older.key(older.finger) < key)
                    ++older.finger;
                if (older.finger < older.entries.size() && older.key(older.finger) == key)
                    return older.entries[older.finger].line;
            }
            current.append(key, line);
            return 0;
        }
        for (const Run& run : m_runs)
            if (const std::int64_t first = run.find(key)) return first;
        if (current.entries.size() >= kMinRun && m_runs.size() < kMaxRuns) {
            if (m_anyOthers && key <= m_othersMax)
                if (const std::int64_t first = m_others.find(key)) return first;
            startRun(key, line);
            return 0;
        }
        if (!m_anyOthers || key > m_othersMax) m_othersMax.assign(key);
        m_anyOthers = true;
        return m_others.insert(key, line);
    }
    /// The spill file of the out-of-order keys failed (an I/O error for the import).
    bool failed() const { return m_others.failed(); }
    /// Ascending runs kept (tests).
    std::size_t runs() const { return m_runs.size(); }

    /// A run is started for an out-of-order key only after this many keys in the current one,
    /// and only this many runs (every key above the current run is checked against the others).
    static constexpr std::size_t kMinRun = 4096;
    static constexpr std::size_t kMaxRuns = 32;

  private:
    struct Entry {
        std::uint64_t offset; // in the run's arena; the key ends where the next one starts
        std::int64_t line;
    };
    struct Run {
        std::vector<Entry> entries; // ascending keys
        std::string arena;          // their characters, one after another
        std::size_t finger = 0;     // first key not below the current run's last (older runs)

        std::string_view key(std::size_t i) const {
            const std::uint64_t end = i + 1 < entries.size() ? entries[i + 1].offset : arena.size();
            return std::string_view(arena).substr(entries[i].offset, end - entries[i].offset);
        }
        std::string_view last() const { return key(entries.size() - 1); }
        void append(std::string_view k, std::int64_t line) {
            entries.push_back({arena.size(), line});
            arena.append(k);
        }
        /// The line `k` was added on, 0 when absent.
        std::int64_t find(std::string_view k) const {
            const std::size_t i = lowerBound(k);
            return i < entries.size() && key(i) == k ? entries[i].line : 0;
        }
        std::size_t lowerBound(std::string_view k) const {
            std::size_t lo = 0, hi = entries.size();
            while (lo < hi) {
                const std::size_t mid = lo + (hi - lo) / 2;
                if (key(mid) < k)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            return lo;
        }
    };
    void startRun(std::string_view key, std::int64_t line) {
        for (Run& run : m_runs) run.finger = run.lowerBound(key);
        m_runs.emplace_back().append(key, line);
    }

    std::vector<Run> m_runs;
    bool m_anyOthers = false;
    std::string m_othersMax; // the largest out-of-order key (valid when m_anyOthers)
    SpilledKeySet m_others;  // keys that came out of order
};

} // namespace bd::storage::imp
