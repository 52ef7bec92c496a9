#pragma once
// Internal to the importer: a bulk load into an empty table whose key starts with a time bucket
// and then the client (trades: trade_month, client_ref, ...; storage/schema/tradelayout.h), written
// while the file is still being parsed. Three threads: one parses the records; one checks
// duplicate keys in file order, files each row under its bucket and, as soon as a newer bucket
// shows up, puts the older ones in key order and hands them on; the calling thread (which owns
// the SQLite connection) writes each handed-on chunk with one INSERT ... SELECT, at the right
// edge of the table's tree. A time-ordered export thus keeps SQLite busy from its first month
// on instead of after the whole file; any other order is still imported correctly: a row whose
// bucket was already written is kept back and written last, in key order, into the middle of
// the tree. Rows held past a limit (an order that keeps every bucket open: grouped by client)
// go to sorted runs in a temporary file and come back merged in key order (SpilledRuns).
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "storage/import/import_engine.h"
#include "storage/import/slotsort.h"

#include <unistd.h>

namespace bd::storage::imp {

/// A file body at least this long has its first stretch parsed on two threads (tests lower
/// it to compare the outcome either way: setStreamSplitFrom).
inline std::atomic<std::size_t> g_streamSplitFrom{std::size_t{4} << 20};

/// What the ordering thread hands to the writer: rows in key order (none for a report of
/// progress only).
template <typename Row>
struct KeyedChunk {
    std::vector<Row> rows;
    std::size_t bytesDone = 0;
    std::int64_t records = 0;
};

/// Rows filed by bucket until the bucket is closed, then copied out in key order. A filed row
/// stays where the parser put it (the caller keeps its batch until the bucket is taken): each
/// row is copied once, into the chunk the writer reads.
template <typename Row>
class BucketedRows {
  public:
    /// Client references are expected in [lo, hi] (a counting sort); others are sorted too.
    BucketedRows(const KindDef<Row>& def, std::int64_t lo, std::int64_t hi)
        : m_def(def), m_lo(lo), m_hi(hi) {}

    /// Files `row`. A row whose bucket was already taken is copied aside at once (it is
    /// handed on last, by takeAll). Returns its bucket.
    std::int64_t add(Row* row) {
        const std::int64_t b = m_def.bulkBucket(*row);
        if (m_takenAny && b <= m_takenUpTo) {
            m_late.push_back(*row);
            return b;
        }
        ++m_openRows;
        if (m_current == nullptr || b != m_currentBucket) {
            m_current = &m_open[b];
            m_currentBucket = b;
        }
        m_current->push_back(row);
        if (!m_seenAny || b > m_newest) m_newest = b;
        m_seenAny = true;
        return b;
    }

    /// Rows filed and not yet taken (open buckets and rows copied aside).
    std::size_t heldRows() const { return m_openRows + m_late.size(); }

    /// Every row held, in key order (rows copied aside are of buckets already taken, so they
    /// come first; then bucket by bucket, each sorted unless its rows came in key order, as in
    /// a file grouped by client), as pointers valid until forget(); nothing counts as taken.
    void held(std::vector<const Row*>& out) const {
        out.clear();
        const auto less = [this](const Row* a, const Row* b) { return m_def.keyLess(*a, *b); };
        const auto sortFrom = [&](std::size_t from, std::size_t to) {
            const auto b = out.begin() + static_cast<std::ptrdiff_t>(from);
            const auto e = out.begin() + static_cast<std::ptrdiff_t>(to);
            if (!std::is_sorted(b, e, less)) std::sort(b, e, less);
        };
        // Rows copied aside: bucket by bucket too (in a file grouped by client nearly every
        // row is, its bucket taken early on with the first client's rows).
        std::vector<std::pair<std::int64_t, const Row*>> late;
        late.reserve(m_late.size());
        for (const Row& r : m_late) late.emplace_back(m_def.bulkBucket(r), &r);
        std::stable_sort(late.begin(), late.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [bucket, row] : late) out.push_back(row);
        for (std::size_t from = 0, i = 1; i <= late.size(); ++i) {
            if (i < late.size() && late[i].first == late[from].first) continue;
            sortFrom(from, i);
            from = i;
        }
        for (const auto& [bucket, rows] : m_open) {
            const std::size_t from = out.size();
            out.insert(out.end(), rows.begin(), rows.end());
            sortFrom(from, out.size());
        }
    }
    /// Drops every row held (after held(): they are written elsewhere); the rows copied aside
    /// go to `late` (held()'s pointers to them stay valid there), and `reuse` (a vector done
    /// with, its memory already faulted in) takes their place.
    void forget(std::vector<Row>& late, std::vector<Row> reuse) {
        m_open.clear();
        m_current = nullptr;
        m_openRows = 0;
        late = std::move(m_late);
        m_late = std::move(reuse);
        m_late.clear();
    }

    /// Every bucket up to this one has been taken (valid once taken() is true).
    std::int64_t takenUpTo() const { return m_takenUpTo; }
    bool taken() const { return m_takenAny; }
    /// Rows in buckets older than the newest one seen (what takeClosed would hand on).
    std::size_t closedRows() const {
        std::size_t n = 0;
        for (auto it = m_open.begin(); it != m_open.end() && it->first < m_newest; ++it)
            n += it->second.size();
        return n;
    }

    /// Appends the rows of every bucket older than the newest one seen to `out`, in key order.
    void takeClosed(std::vector<Row>& out) {
        while (!m_open.empty() && m_open.begin()->first < m_newest) takeFirst(out);
    }

    /// Appends every row left, in key order: the open buckets, then the rows copied aside.
    void takeAll(std::vector<Row>& out) {
        while (!m_open.empty()) takeFirst(out);
        if (m_late.empty()) return;
        const std::size_t from = out.size();
        out.insert(out.end(), m_late.begin(), m_late.end());
        m_late.clear();
        std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(), m_def.keyLess);
    }

  private:
    void takeFirst(std::vector<Row>& out) {
        auto it = m_open.begin();
        m_takenUpTo = it->first;
        m_takenAny = true;
        if (m_current == &it->second) m_current = nullptr;
        m_openRows -= it->second.size();
        sortInto(it->second, out);
        m_open.erase(it);
    }

    /// One bucket into key order: a stable counting sort by client (a time-ordered file lists
    /// each client's rows in key order already), then any client whose rows are not in order
    /// is sorted on its own.
    void sortInto(const std::vector<Row*>& rows, std::vector<Row>& out) {
        const std::size_t from = out.size();
        out.reserve(from + rows.size());
        const std::uint64_t span = m_hi >= m_lo ? static_cast<std::uint64_t>(m_hi - m_lo) + 1 : 0;
        bool counting =
            span > 0 && span <= (std::uint64_t{1} << 24) && span <= rows.size() * 64 + 4096;
        m_slot.resize(rows.size());
        for (std::size_t i = 0; i < rows.size() && counting; ++i) {
            const std::int64_t c = m_def.bulkClient(*rows[i]);
            counting = c >= m_lo && c <= m_hi;
            m_slot[i] = static_cast<std::uint32_t>(c - m_lo);
        }
        if (!counting) {
            for (const Row* r : rows) out.push_back(*r);
            std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(),
                             m_def.keyLess);
            return;
        }
        m_sort.layout(rows.size(), static_cast<std::size_t>(span),
                      [&](std::size_t i) { return m_slot[i]; });
        for (const std::uint32_t i : m_sort.order()) out.push_back(*rows[i]);
        m_sort.eachGroup([&](std::size_t groupBegin, std::size_t groupEnd) {
            const auto b = out.begin() + static_cast<std::ptrdiff_t>(from + groupBegin);
            const auto e = out.begin() + static_cast<std::ptrdiff_t>(from + groupEnd);
            if (!std::is_sorted(b, e, m_def.keyLess)) std::stable_sort(b, e, m_def.keyLess);
        });
    }

    const KindDef<Row>& m_def;
    std::int64_t m_lo, m_hi;
    std::map<std::int64_t, std::vector<Row*>> m_open;
    std::vector<Row*>* m_current = nullptr;
    std::int64_t m_currentBucket = 0;
    std::int64_t m_newest = 0;
    bool m_seenAny = false;
    std::int64_t m_takenUpTo = 0;
    bool m_takenAny = false;
    std::vector<Row> m_late;
    std::size_t m_openRows = 0;
    // Scratch of the counting sort, kept between buckets.
    std::vector<std::uint32_t> m_slot;
    SlotSort m_sort;
};

/// Sorted runs of rows in an unnamed temporary file (removed by the system however the process
/// ends), merged back in key order: a file in an order that keeps every bucket open (grouped by
/// client, say) is thus loaded within bounded memory. A run is written whenever the rows held
/// reach the limit; the merge reads a block of each run at a time.
template <typename Row>
class SpilledRuns {
  public:
    explicit SpilledRuns(const KindDef<Row>& def) : m_def(def) {}
    ~SpilledRuns() {
        if (m_file) std::fclose(m_file);
    }
    SpilledRuns(const SpilledRuns&) = delete;
    SpilledRuns& operator=(const SpilledRuns&) = delete;

    bool any() const { return !m_runs.empty(); }
    std::size_t count() const { return m_runs.size(); }

    /// Writes `rows` (in key order) as one run.
    Status add(const std::vector<const Row*>& rows) {
        if (rows.empty()) return {};
        if (!m_file && !(m_file = std::tmpfile()))
            return makeError(ErrorCode::Io, "cannot create a temporary file for sorted rows");
        const std::uint64_t from = m_end;
        std::string buf, one;
        for (const Row* r : rows) {
            one.clear();
            m_def.spill(*r, one);
            const auto length = static_cast<std::uint32_t>(one.size());
            buf.append(reinterpret_cast<const char*>(&length), sizeof length);
            buf += one;
            if (buf.size() >= (std::size_t{1} << 20) && !write(buf))
                return makeError(ErrorCode::Io, "cannot write sorted rows to a temporary file");
        }
        if (!write(buf) || std::fflush(m_file) != 0)
            return makeError(ErrorCode::Io, "cannot write sorted rows to a temporary file");
        m_runs.push_back({from, m_end});
        return {};
    }

    /// Merges the runs in key order, handing on chunks of up to `chunkRows` rows through
    /// `next` (a vector to fill; nullopt: stop) and `send` (false: stop). Strings the rows
    /// view are kept by `store`.
    template <typename Next, typename Send>
    Status merge(TextStore& store, std::size_t chunkRows, Next next, Send send) {
        struct Reader {
            std::uint64_t at, end;
            std::string buf;
            std::size_t pos = 0;
            Row row{};
        };
        std::vector<Reader> readers;
        for (const Run& r : m_runs) readers.push_back({r.from, r.to, {}, 0, {}});
        const auto advance = [&](Reader& rd) -> int { // 1: a row, 0: run done, -1: error
            std::uint32_t length = 0;
            const auto need = [&](std::size_t n) {
                while (rd.buf.size() - rd.pos < n) {
                    rd.buf.erase(0, rd.pos);
                    rd.pos = 0;
                    const auto more = static_cast<std::size_t>(
                        std::min<std::uint64_t>(std::size_t{1} << 20, rd.end - rd.at));
                    if (more == 0) return false;
                    const std::size_t old = rd.buf.size();
                    rd.buf.resize(old + more);
                    if (!read(rd.at, more, rd.buf.data() + old)) return false;
                    rd.at += more;
                }
                return true;
            };
            if (rd.buf.size() == rd.pos && rd.at == rd.end) return 0;
            if (!need(sizeof length)) return -1;
            std::memcpy(&length, rd.buf.data() + rd.pos, sizeof length);
            if (!need(sizeof length + length)) return -1;
            std::string_view in(rd.buf.data() + rd.pos + sizeof length, length);
            rd.pos += sizeof length + length;
            return m_def.unspill(in, store, rd.row) ? 1 : -1;
        };
        const auto ioError = [] {
            return makeError(ErrorCode::Io, "cannot read sorted rows back from a temporary file");
        };
        const auto later = [&](std::size_t a, std::size_t b) {
            return m_def.keyLess(readers[b].row, readers[a].row);
        };
        std::vector<std::size_t> heap;
        for (std::size_t i = 0; i < readers.size(); ++i) {
            const int got = advance(readers[i]);
            if (got < 0) return ioError();
            if (got > 0) heap.push_back(i);
        }
        std::make_heap(heap.begin(), heap.end(), later);
        while (!heap.empty()) {
            auto chunk = next();
            if (!chunk) return {};
            while (!heap.empty() && chunk->size() < chunkRows) {
                std::pop_heap(heap.begin(), heap.end(), later);
                const std::size_t r = heap.back();
                heap.pop_back();
                Reader& rd = readers[r];
                // Runs of a file grouped by client take turns in long stretches: the run on
                // top goes on while its rows come before every other run's next one.
                int got = 0;
                do {
                    chunk->push_back(rd.row);
                    got = advance(rd);
                    if (got < 0) return ioError();
                } while (got > 0 && chunk->size() < chunkRows &&
                         (heap.empty() || m_def.keyLess(rd.row, readers[heap.front()].row)));
                if (got > 0) {
                    heap.push_back(r);
                    std::push_heap(heap.begin(), heap.end(), later);
                }
            }
            if (!send(std::move(*chunk))) return {};
        }
        return {};
    }

  private:
    struct Run {
        std::uint64_t from, to;
    };
    bool write(std::string& buf) {
        const bool ok = std::fwrite(buf.data(), 1, buf.size(), m_file) == buf.size();
        m_end += buf.size();
        buf.clear();
        return ok;
    }
    bool read(std::uint64_t at, std::size_t n, char* out) const {
        std::size_t done = 0;
        while (done < n) {
            const ssize_t got =
                ::pread(::fileno(m_file), out + done, n - done, static_cast<off_t>(at + done));
            if (got <= 0) return false;
            done += static_cast<std::size_t>(got);
        }
        return true;
    }
    const KindDef<Row>& m_def;
    std::FILE* m_file = nullptr;
    std::uint64_t m_end = 0;
    std::vector<Run> m_runs;
};

/// Rows a streamed load holds before it writes them to a sorted run on disk, unless
/// ImportOptions::memory_rows says otherwise.
constexpr std::size_t kDefaultMemoryRows = std::size_t{1} << 20;

/// The streamed bulk load of the records `reader` yields (the file after its header; see the
/// top of this file). Fills the problems of the parse and of the duplicate check for runKind to
/// report.
template <typename Row>
Status runStreamed(const KindDef<Row>& def, ImportContext& ctx, const std::string& path,
                   const HeaderMap& map, std::string_view text, CsvReader& reader, TextStore& store,
                   FileReport& rep, ParseProblems& parsed, ParseProblems& dups) {
    const bool lenient = ctx.options.lenient;
    const StageClock tStart;
    // Deep enough that the parser goes on while the ordering sorts the rows of a run.
    BoundedQueue<ParsedBatch<Row>> batches(16);
    // Unbounded: the writer must never hold up the ordering (and with it the parse) while it
    // writes a bucket; every row is in memory anyway, and most chunks report progress only.
    BoundedQueue<KeyedChunk<Row>> chunks(static_cast<std::size_t>(-1));
    // Vectors done with go back for reuse (parser <- orderer <- writer): fresh memory for
    // every batch and chunk cost more in page faults than the copies themselves.
    BoundedQueue<std::vector<Row>> spareBatches(static_cast<std::size_t>(-1));
    BoundedQueue<std::vector<Row>> spareChunks(static_cast<std::size_t>(-1));
    // Nothing can be written before the first bucket is complete, so the file's first stretch
    // is parsed on both cores: its second half by a helper, into a queue of its own that is
    // read after the first half's (only when the stretch holds no quote, so that every line
    // end in it ends a record). The helper's problems join the others' in line order.
    const std::size_t base = reader.offset();
    const std::string_view body = text.substr(base);
    std::size_t cut1 = 0, cut2 = 0;
    const std::size_t splitFrom = g_streamSplitFrom.load(std::memory_order_relaxed);
    if (body.size() >= splitFrom) {
        const std::size_t stretch = std::max<std::size_t>(body.size() / 16, splitFrom / 4);
        if (body.substr(0, stretch).find('"') == std::string_view::npos) {
            const std::size_t a = body.find('\n', stretch / 2);
            const std::size_t b = a == std::string_view::npos ? a : body.find('\n', stretch);
            if (b != std::string_view::npos) {
                cut1 = a + 1;
                cut2 = b + 1;
            }
        }
    }
    const auto linesIn = [&](std::size_t to) {
        return static_cast<std::int64_t>(
            std::count(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(to), '\n'));
    };
    CsvReader first(body.substr(0, cut2 ? cut1 : body.size()), reader.line());
    CsvReader second(body.substr(cut1, cut2 - cut1), reader.line() + linesIn(cut1));
    CsvReader third(body.substr(cut2), reader.line() + linesIn(cut2));
    TextStore helperStore(text);
    ParseProblems helperParsed;
    BoundedQueue<ParsedBatch<Row>> helperBatches(static_cast<std::size_t>(-1));
    BoundedQueue<ParsedBatch<Row>> restBatches(4);
    std::thread parser([&] {
        parseRecords(def, ctx, path, map, first, base, store, batches, parsed, &spareBatches);
        if (cut2)
            parseRecords(def, ctx, path, map, third, base + cut2, store, restBatches, parsed,
                         &spareBatches);
    });
    std::optional<std::thread> helper;
    if (cut2) {
        helper.emplace([&] {
            parseRecords(def, ctx, path, map, second, base + cut1, helperStore, helperBatches,
                         helperParsed, &spareBatches);
        });
    } else {
        helperBatches.close();
        restBatches.close();
    }

    Status afterStatus;
    // Rows read back from sorted runs view their strings here (alive until the writer is done).
    TextStore mergeStore{std::string_view{}};
    std::int64_t kept = 0; // rows past the checks: written, or counted as if (a doomed run)
    double alongside = 0;
    std::size_t mergedRuns = 0; // sorted runs merged back (a load past its memory_rows)
    double mergeWall = 0;
    const bool doomedAtStart = !lenient && !ctx.errors.empty();
    std::thread orderer([&] {
        const StageClock tOrder;
        BucketedRows<Row> buckets(def, ctx.clients.minRef(), ctx.clients.maxRef());
        // Batches whose rows are filed, oldest first, with the newest bucket among their rows;
        // handed back to the parser once every bucket they hold has been taken.
        std::deque<std::pair<std::vector<Row>, std::int64_t>> held;
        SpilledRuns<Row> runs(def);
        const std::size_t spillRows = !(def.spill && def.unspill) ? static_cast<std::size_t>(-1)
                                      : ctx.options.memory_rows   ? ctx.options.memory_rows
                                                                  : kDefaultMemoryRows;
        // Every row held goes to a sorted run, written on a thread of its own while the rows
        // that follow are filed (at most one run at a time: half the rows held each); the
        // batches they came in then go back for reuse.
        struct SpillJob {
            std::vector<const Row*> rows;
            std::vector<Row> late;
            std::deque<std::pair<std::vector<Row>, std::int64_t>> batches;
        };
        std::thread spiller;
        Status spillStatus;
        BoundedQueue<std::vector<Row>> spareLate(static_cast<std::size_t>(-1));
        const auto spillDone = [&] {
            if (spiller.joinable()) spiller.join();
            if (!spillStatus) afterStatus = spillStatus;
            return spillStatus.ok();
        };
        const auto spill = [&](bool background) {
            if (!spillDone()) return false;
            auto job = std::make_unique<SpillJob>();
            buckets.held(job->rows);
            buckets.forget(job->late, spareLate.tryPop().value_or(std::vector<Row>{}));
            job->batches.swap(held);
            auto write = [&, job = std::move(job)] {
                spillStatus = runs.add(job->rows);
                for (auto& b : job->batches) spareBatches.push(std::move(b.first));
                job->late.clear();
                spareLate.push(std::move(job->late));
            };
            if (background) {
                spiller = std::thread(std::move(write));
                return true;
            }
            write();
            return spillDone();
        };
        // natural key -> first line; file order, so the first occurrence wins (let go once the
        // file is read: it holds every key)
        std::optional<SeenKeys> seen(std::in_place);
        bool doomed = doomedAtStart;
        std::int64_t records = 0;
        std::size_t bytesDone = 0;
        bool cancelled = false;
        const auto chunkFor = [&](std::size_t rows) {
            std::vector<Row> v;
            if (rows == 0) return v;
            if (auto spare = spareChunks.tryPop()) v = std::move(*spare);
            v.clear();
            v.reserve(rows);
            return v;
        };
        const auto send = [&](std::vector<Row>&& rows) {
            if (!rows.empty() && def.bulkChunk) def.bulkChunk(ctx, rows);
            KeyedChunk<Row> c{std::move(rows), bytesDone, records};
            records = 0;
            return chunks.push(std::move(c));
        };
        const auto release = [&] {
            while (!held.empty() && buckets.taken() && held.front().second <= buckets.takenUpTo()) {
                spareBatches.push(std::move(held.front().first));
                held.pop_front();
            }
        };
        BoundedQueue<ParsedBatch<Row>>* const sources[] = {&batches, &helperBatches, &restBatches};
        std::size_t source = 0;
        const auto anyRejected = [&] {
            return parsed.any.load(std::memory_order_relaxed) ||
                   helperParsed.any.load(std::memory_order_relaxed) || dups.rejected > 0;
        };
        for (;;) {
            auto batch = sources[source]->pop();
            if (!batch) {
                if (++source < std::size(sources)) continue;
                break;
            }
            // A strict run with a rejected row is rolled back: nothing more is worth writing.
            doomed = doomed || (!lenient && anyRejected());
            std::int64_t newest = std::numeric_limits<std::int64_t>::min();
            for (std::size_t i = 0; i < batch->rows.size(); ++i) {
                Row& row = batch->rows[i];
                const std::string key = rowKey(row);
                if (const std::int64_t firstLine = seen->insert(key, batch->lines[i])) {
                    recordDuplicate(path, map, lenient, key, batch->lines[i], firstLine,
                                    lenient ? batch->raw[i] : "", dups);
                    continue;
                }
                ++kept;
                if (!doomed) newest = std::max(newest, buckets.add(&row));
            }
            records += batch->records;
            bytesDone = batch->bytesDone;
            std::vector<Row> closed;
            if (!doomed) {
                held.emplace_back(std::move(batch->rows), newest);
                closed = chunkFor(buckets.closedRows());
                buckets.takeClosed(closed);
                release();
                if (buckets.heldRows() >= std::max<std::size_t>(spillRows / 2, 1) && !spill(true))
                    doomed = true;
            }
            if (!send(std::move(closed))) { // the writer failed
                cancelled = true;
                break;
            }
        }
        doomed = doomed || (!lenient && anyRejected());
        afterStatus = seenStatus(*seen);
        seen.reset();
        const bool spilled = spillDone(); // always joins the run being written
        if (!afterStatus || !spilled) doomed = true;
        if (!doomed && !cancelled && runs.any()) {
            // The rows left join the runs, and all of them come back merged in key order.
            if (spill(false)) {
                const StageClock tMerge;
                mergedRuns = runs.count();
                std::size_t inFlight = 0;
                const auto next = [&]() -> std::optional<std::vector<Row>> {
                    // At most a few chunks ahead of the writer (it hands each one back).
                    std::optional<std::vector<Row>> v;
                    if (inFlight < 4) {
                        ++inFlight;
                        v.emplace();
                    } else {
                        v = spareChunks.pop();
                    }
                    if (v) v->clear();
                    return v;
                };
                afterStatus =
                    runs.merge(mergeStore, std::size_t{1} << 16, next,
                               [&](std::vector<Row>&& rows) { return send(std::move(rows)); });
                mergeWall = tMerge.done("").wall;
            }
            if (afterStatus && def.afterBulk) afterStatus = def.afterBulk(ctx);
        } else if (!doomed && !cancelled) {
            std::vector<Row> rest;
            buckets.takeAll(rest);
            held.clear();
            send(std::move(rest));
            if (def.afterBulk) afterStatus = def.afterBulk(ctx);
        }
        chunks.close();
        alongside = tOrder.done("").wall;
    });

    Status failure;
    ImportProgress progress;
    progress.kind = def.kind;
    progress.file = path;
    progress.bytes_total = text.size();
    for (;;) {
        auto chunk = chunks.pop();
        if (!chunk) break;
        if (!chunk->rows.empty()) {
            const std::vector<Row>& rows = chunk->rows;
            const RowFill fill = [&](std::size_t i, Values& out) { rowValues(rows[i], out); };
            failure = insertRowsInRun(ctx.db, def.table, def.dbColumns, rows.size(), fill);
            if (!failure) break;
            spareChunks.push(std::move(chunk->rows));
        }
        if (ctx.options.progress) {
            progress.bytes_done = chunk->bytesDone;
            progress.rows += chunk->records;
            ctx.options.progress(progress);
        }
        failure = cancelled(ctx);
        if (!failure) break;
    }
    if (!failure) {
        for (auto* q : {&batches, &helperBatches, &restBatches}) q->cancel();
        chunks.cancel();
        spareBatches.cancel();
        spareChunks.cancel();
    }
    parser.join();
    if (helper) helper->join();
    orderer.join();
    // The helper's stretch lies between the parser's two: merged in line order.
    mergeByLine(parsed.errors, std::move(helperParsed.errors),
                [](const Error& e) { return e.line; });
    mergeByLine(parsed.rejects, std::move(helperParsed.rejects),
                [](const std::pair<std::int64_t, std::string>& r) { return r.first; });
    parsed.rejected += helperParsed.rejected;
    if (!failure) return failure;
    if (!afterStatus) return afterStatus;
    rep.rows_new += kept;
    rep.stages.push_back(tStart.done("parse+check+write"));
    rep.stages.push_back({"order (alongside)", alongside, 0.0});
    // Shown, so that a slow load grouped by client says why (and tests see that it spilled).
    if (mergedRuns > 0)
        rep.stages.push_back({"merge of " + std::to_string(mergedRuns) + " sorted runs (alongside)",
                              mergeWall, 0.0});
    return {};
}

} // namespace bd::storage::imp
