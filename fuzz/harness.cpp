#include "harness.h"

#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <system_error>

#include "storage/import/csvreader.h"
#include "storage/import/encoding.h"
#include "storage/schema/schema.h"

namespace bd::fuzz {
namespace {

namespace fs = std::filesystem;
using storage::Database;
using storage::ImportKind;
using storage::ImportReport;

// The book every input starts from: a few securities, clients (with their brokers and
// branches) and one row of each other kind, so rows that refer to them, or update them, get
// past the lookups.
constexpr std::string_view kSeedSecurities = "security_code,name,board,risk_level,industry\n"
                                             "600519.SH,贵州茅台,main,R3,白酒\n"
                                             "000001.SZ,平安银行,main,R2,银行\n"
                                             "830799.BJ,艾融软件,bse,R4,软件\n";
constexpr std::string_view kSeedClients =
    "client_id,name,gender,birth_date,id_number,phone,email,broker_id,branch_id,open_date,"
    "risk_level,status,preferred_channel\n"
    "C001,张三,M,1980-05-01,,13800138000,zs@example.com,B01,BR1,2020-01-02,C3,active,wechat\n"
    "C002,李四,F,,,+8613900000000,,B02,,2021-03-04,C1,dormant,\n"
    "C003,王五,,,,,,B01,BR1,2022-07-08,C5,active,phone\n";
constexpr std::string_view kSeedTrades =
    "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,commission,fees,"
    "channel\n"
    "T1,C001,2024-01-02 09:30:00,600519.SH,buy,100,1700.5,170050,5,1.2,online\n"
    "T2,C002,2024-01-03 14:00:00,000001.SZ,sell,2000,10.01,20020,5,,mobile\n";
constexpr std::string_view kSeedAssets = "client_id,date,cash,market_value,net_inflow\n"
                                         "C001,2024-01-31,1000.5,170050,0\n";
constexpr std::string_view kSeedContacts =
    "client_id,broker_id,contact_time,channel,direction,outcome,satisfaction,notes,"
    "next_follow_up\n"
    "C001,B01,2024-01-05 10:00:00,phone,outbound,reached,4,回访,2024-02-01\n";
constexpr std::string_view kSeedPositions =
    "client_id,date,security_code,quantity,cost_price,close_price\n"
    "C001,2024-01-31,600519.SH,100,1700.5,1688\n";

std::string describe(const std::vector<Error>& errors) {
    std::string out;
    for (std::size_t i = 0; i < errors.size() && i < 5; ++i) out += "\n  " + errors[i].toString();
    if (errors.size() > 5) out += "\n  ...";
    return out;
}

Status writeFile(const fs::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        Error e = makeError(ErrorCode::Io, "cannot write fuzz input");
        e.file = path.string();
        return e;
    }
    return {};
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Every row of every table and the schema itself (a rollback must also restore triggers the
/// bulk load drops), as sorted text. `withLog` false leaves out the import log, whose times
/// and counts differ between runs that store the same data.
std::string dump(Database& db, bool withLog = true) {
    std::vector<std::string> tables;
    std::string out;
    {
        auto st = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name");
        if (!st) return "error: " + st.error().toString();
        while (true) {
            auto row = st->step();
            if (!row) return "error: " + row.error().toString();
            if (!*row) break;
            const std::string sql = st->optText(3).value_or("");
            out += st->text(0) + " " + st->text(1) + " " + st->text(2) + " " + sql + "\n";
            if (st->text(0) == "table" && sql.rfind("CREATE VIRTUAL", 0) != 0)
                tables.push_back(st->text(1));
        }
    }
    for (const std::string& t : tables) {
        if (!withLog && (t == "import_log" || t.rfind("sqlite_stat", 0) == 0)) continue;
        // Table names come from the schema itself, not from the input.
        auto st = db.prepare("SELECT * FROM \"" + t + "\"");
        if (!st) return "error: " + st.error().toString();
        std::vector<std::string> rows;
        while (true) {
            auto row = st->step();
            if (!row) return "error: " + row.error().toString();
            if (!*row) break;
            std::string line;
            for (int c = 0; c < st->columnCount(); ++c)
                line += (st->isNull(c) ? std::string("NULL") : st->text(c)) + "|";
            rows.push_back(std::move(line));
        }
        std::sort(rows.begin(), rows.end());
        out += "[" + t + "]\n";
        for (const std::string& r : rows) out += r + "\n";
    }
    return out;
}

/// The rows `PRAGMA foreign_key_check` finds: the importer writes with foreign keys off, so
/// nothing else would notice a reference it failed to resolve.
std::string danglingReferences(Database& db) {
    auto st = db.prepare("PRAGMA foreign_key_check");
    if (!st) return "error: " + st.error().toString();
    std::string out;
    while (true) {
        auto row = st->step();
        if (!row) return "error: " + row.error().toString();
        if (!*row) break;
        out += st->text(0) + " row " + st->text(1) + " -> " + st->text(2) + "; ";
    }
    return out;
}

/// The importer harnesses: the kind each one imports and the slot of its file.
struct ImportHarness {
    Harness harness;
    ImportKind kind;
    std::optional<std::string> storage::ImportFiles::*file;
};
constexpr ImportHarness kImportHarnesses[] = {
    {Harness::Securities, ImportKind::Securities, &storage::ImportFiles::securities},
    {Harness::Clients, ImportKind::Clients, &storage::ImportFiles::clients},
    {Harness::Trades, ImportKind::Trades, &storage::ImportFiles::trades},
    {Harness::Assets, ImportKind::Assets, &storage::ImportFiles::assets},
    {Harness::Contacts, ImportKind::Contacts, &storage::ImportFiles::contacts},
    {Harness::Positions, ImportKind::Positions, &storage::ImportFiles::positions}};

/// nullptr for the CSV harness.
const ImportHarness* importHarness(Harness h) {
    for (const ImportHarness& i : kImportHarnesses)
        if (i.harness == h) return &i;
    return nullptr;
}

/// Checks one decoded text record by record: lines and offsets only move forward, the reader
/// ends, and every well-quoted record written back with appendCsvField reads back the same.
void checkRecords(std::string_view text, std::vector<std::string>& broken) {
    storage::CsvReader reader(text);
    storage::CsvRecord rec;
    std::int64_t lastLine = 0;
    std::size_t lastOffset = 0, records = 0;
    while (reader.next(rec)) {
        if (++records > text.size() + 1) {
            broken.push_back("csv: more records than bytes (the reader does not advance)");
            return;
        }
        if (rec.line <= lastLine)
            broken.push_back("csv: record line " + std::to_string(rec.line) + " after line " +
                             std::to_string(lastLine));
        if (reader.offset() < lastOffset || reader.offset() > text.size())
            broken.push_back("csv: offset " + std::to_string(reader.offset()) + " after " +
                             std::to_string(lastOffset) + " of " + std::to_string(text.size()));
        if (!rec.raw.empty() && (rec.raw.data() < text.data() ||
                                 rec.raw.data() + rec.raw.size() > text.data() + text.size()))
            broken.push_back("csv: record text outside the input at line " +
                             std::to_string(rec.line));
        lastLine = rec.line;
        lastOffset = reader.offset();
        if (!rec.error.empty() || rec.fields.empty()) continue;
        if (rec.fields.size() == 1 && rec.fields[0].empty()) continue; // written back: blank
        std::string again;
        for (std::size_t i = 0; i < rec.fields.size(); ++i) {
            if (i > 0) again += ',';
            storage::appendCsvField(again, rec.fields[i]);
        }
        again += '\n';
        storage::CsvReader back(again);
        storage::CsvRecord r2;
        if (!back.next(r2) || !r2.error.empty() || r2.fields.size() != rec.fields.size() ||
            !std::equal(r2.fields.begin(), r2.fields.end(), rec.fields.begin())) {
            broken.push_back("csv: record at line " + std::to_string(rec.line) +
                             " does not read back the same once written");
            return;
        }
    }
}

void runCsv(std::string_view input, std::vector<std::string>& broken) {
    // Any bytes at all, as the reader would meet them with a forced encoding.
    checkRecords(input, broken);
    auto decoded = storage::decodeText(input, storage::Encoding::Auto, "input.csv");
    if (!decoded) {
        if (decoded.error().code != ErrorCode::InvalidInput)
            broken.push_back("decode: not an input error: " + decoded.error().toString());
        return;
    }
    const std::string_view text = decoded->text();
    if (storage::firstInvalidUtf8(text) != std::string_view::npos)
        broken.push_back("decode: the text handed on is not UTF-8");
    if (decoded->converted) {
        // GB18030 covers all of Unicode: the converted text goes back and forth unchanged.
        auto gb = storage::utf8ToGb18030(text);
        if (!gb) {
            broken.push_back("gb18030: converted text does not convert back: " +
                             gb.error().toString());
        } else if (auto utf8 = storage::gb18030ToUtf8(*gb); !utf8 || *utf8 != text) {
            broken.push_back("gb18030: round trip changes the text");
        }
    }
    checkRecords(text, broken);
}

} // namespace

std::string_view harnessName(Harness h) {
    const ImportHarness* i = importHarness(h);
    return i != nullptr ? storage::importKindName(i->kind) : "csv";
}

namespace {

/// A book made as openBook makes one, but with the smallest pages (each input copies and
/// compares the whole image, and the schema alone is dozens of B-trees), seeded through the
/// importer itself.
Result<Runner::SeedBook> seedBook(const fs::path& dir, bool withTrades) {
    auto db = Database::open(":memory:");
    if (!db) return db.error();
    if (auto s =
            db->exec("PRAGMA page_size=512; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;");
        !s)
        return s.error();
    if (auto s = storage::migrate(*db, false); !s) return s.error();
    const std::pair<std::optional<std::string> storage::ImportFiles::*, std::string_view> seeds[] =
        {{&storage::ImportFiles::securities, kSeedSecurities},
         {&storage::ImportFiles::clients, kSeedClients},
         {&storage::ImportFiles::trades, kSeedTrades},
         {&storage::ImportFiles::assets, kSeedAssets},
         {&storage::ImportFiles::contacts, kSeedContacts},
         {&storage::ImportFiles::positions, kSeedPositions}};
    storage::ImportFiles files;
    int n = 0;
    for (const auto& [file, text] : seeds) {
        if (!withTrades && file == &storage::ImportFiles::trades) continue;
        const fs::path path = dir / ("seed_" + std::to_string(n++) + ".csv");
        if (auto s = writeFile(path, text); !s) return s.error();
        files.*file = path.string();
    }
    auto r = storage::importFiles(*db, files, {});
    if (!r) return r.error();
    if (!r->committed)
        return makeError(ErrorCode::Internal,
                         "fuzz: the seed book was rejected" + describe(r->errors));
    sqlite3_int64 size = 0;
    const std::unique_ptr<unsigned char, void (*)(void*)> image(
        sqlite3_serialize(db->handle(), "main", &size, 0), sqlite3_free);
    if (!image) return db->lastError("fuzz: image of the seed book");
    Runner::SeedBook book;
    book.image.assign(reinterpret_cast<const char*>(image.get()), static_cast<std::size_t>(size));
    book.dump = dump(*db);
    return book;
}

/// A private in-memory copy of `book`: a spare connection, or its image loaded as is (faster
/// than a backup, and no schema to create).
Result<Database> take(Runner::SeedBook& book) {
    if (!book.spare.empty()) {
        Database db = std::move(book.spare.back());
        book.spare.pop_back();
        return db;
    }
    auto db = Database::open(":memory:");
    if (!db) return db.error();
    auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(book.image.size()));
    if (copy == nullptr) return makeError(ErrorCode::Internal, "fuzz: out of memory");
    std::memcpy(copy, book.image.data(), book.image.size());
    const auto size = static_cast<sqlite3_int64>(book.image.size());
    if (sqlite3_deserialize(db->handle(), "main", copy, size, size,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) !=
        SQLITE_OK)
        return db->lastError("fuzz: load of the seed book");
    // As openBook sets them.
    if (auto s = db->exec("PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"); !s)
        return s.error();
    return db;
}

/// True when `db` holds exactly `book` (rows and schema); then it is kept as a spare.
bool unchanged(Runner::SeedBook& book, Database& db) {
    // A rollback restores every page, so the image is the book's again; should it differ in
    // some byte, the rows and schema decide.
    sqlite3_int64 size = 0;
    const std::unique_ptr<unsigned char, void (*)(void*)> image(
        sqlite3_serialize(db.handle(), "main", &size, 0), sqlite3_free);
    const bool same = (image && static_cast<std::size_t>(size) == book.image.size() &&
                       std::memcmp(image.get(), book.image.data(), book.image.size()) == 0) ||
                      dump(db) == book.dump;
    if (same && book.spare.size() < 2) book.spare.push_back(std::move(db));
    return same;
}

} // namespace

Result<Runner> Runner::create(fs::path workDir) {
    auto full = seedBook(workDir, true);
    if (!full) return full.error();
    auto noTrades = seedBook(workDir, false);
    if (!noTrades) return noTrades.error();
    return Runner(std::move(workDir), std::move(*full), std::move(*noTrades));
}

Outcome Runner::run(Harness h, std::string_view input) {
    if (const ImportHarness* i = importHarness(h)) return runImport(i->kind, i->file, input);
    Outcome o;
    runCsv(input, o.broken);
    return o;
}

Outcome Runner::runImport(ImportKind kind, std::optional<std::string> storage::ImportFiles::*file,
                          std::string_view input) {
    Outcome o;
    auto& broken = o.broken;
    const std::string path =
        (m_dir / (std::string(storage::importKindName(kind)) + ".csv")).string();
    if (auto s = writeFile(path, input); !s) {
        broken.push_back(s.error().toString());
        return o;
    }
    storage::ImportFiles files;
    files.*file = path;

    SeedBook& book = kind == ImportKind::Trades && input.size() % 2 == 0 ? m_noTrades : m_full;

    // Strict: accepted with no error, or rejected with errors and nothing changed.
    auto a = take(book);
    if (!a) {
        broken.push_back(a.error().toString());
        return o;
    }
    auto strict = storage::importFiles(*a, files, {});
    if (!strict) {
        broken.push_back("strict: failed instead of rejecting: " + strict.error().toString());
        if (!unchanged(book, *a)) broken.push_back("strict: a failed import changed the book");
        return o;
    }
    o.strict = *strict;
    // Located: a reason, and a place inside the file (a line of it, a field of that line).
    const auto lines = static_cast<std::int64_t>(std::count(input.begin(), input.end(), '\n')) + 1;
    for (const Error& e : strict->errors)
        if (e.message.empty() || e.line < 0 || e.line > lines || e.column < 0)
            broken.push_back("strict: an error without a reason or outside the file: " +
                             e.toString());
    if (strict->committed) {
        if (!strict->errors.empty())
            broken.push_back("strict: committed with errors" + describe(strict->errors));
        if (const std::string d = danglingReferences(*a); !d.empty())
            broken.push_back("strict: dangling references: " + d);
    } else {
        if (strict->errors.empty()) broken.push_back("strict: rejected without an error");
        if (!unchanged(book, *a))
            broken.push_back("strict: a rejected import changed the book" +
                             describe(strict->errors));
    }

    // Lenient: the good rows in, the rejected ones in the rejects file.
    auto b = take(book);
    if (!b) {
        broken.push_back(b.error().toString());
        return o;
    }
    storage::ImportOptions lenientOptions;
    lenientOptions.lenient = true;
    lenientOptions.rejects_path = (m_dir / "rejects.csv").string();
    std::error_code ec;
    fs::remove(lenientOptions.rejects_path, ec);
    auto lenient = storage::importFiles(*b, files, lenientOptions);
    if (!lenient) {
        broken.push_back("lenient: failed instead of rejecting: " + lenient.error().toString());
        return o;
    }
    const std::string rejects = readFile(lenientOptions.rejects_path);
    if (rejects.rfind("file,line,column,", 0) != 0) broken.push_back("lenient: no rejects file");
    if (lenient->rejectedRows() > 0 && rejects.find('\n') + 1 == rejects.size())
        broken.push_back("lenient: rows rejected but none written to the rejects file");
    if (lenient->committed) {
        if (const std::string d = danglingReferences(*b); !d.empty())
            broken.push_back("lenient: dangling references: " + d);
    } else if (!unchanged(book, *b)) {
        broken.push_back("lenient: a rejected import changed the book");
    }
    if (strict->committed) {
        // Nothing to reject: lenient stores exactly what strict stored.
        if (!lenient->committed || lenient->rejectedRows() != 0 || !lenient->errors.empty())
            broken.push_back("lenient: rejects what strict accepted" + describe(lenient->errors));
        else if (dump(*a, false) != dump(*b, false))
            broken.push_back("lenient: stores other data than strict from the same file");

        // Idempotent by natural key: the same file again is accepted and changes no data.
        const std::string before = dump(*a, false);
        auto again = storage::importFiles(*a, files, {});
        if (!again)
            broken.push_back("again: failed: " + again.error().toString());
        else if (!again->committed)
            broken.push_back("again: rejected the second time" + describe(again->errors));
        else if (dump(*a, false) != before)
            broken.push_back("again: the second import changed the data");
    }
    return o;
}

int fuzzOne(Harness h, const std::uint8_t* data, std::size_t size) {
    // One work directory per process, removed at exit (a crash leaves it under $TMPDIR, which
    // scripts/fuzz points at a directory of its own).
    struct Process {
        fs::path dir;
        std::optional<Runner> runner;
        explicit Process(Harness harness) {
            spdlog::set_level(spdlog::level::off);
            dir = fs::temp_directory_path() / ("bd_fuzz_" + std::string(harnessName(harness)) +
                                               "_" + std::to_string(::getpid()));
            fs::create_directories(dir);
        }
        ~Process() {
            runner.reset();
            std::error_code ec;
            fs::remove_all(dir, ec);
        }
        Process(const Process&) = delete;
        Process& operator=(const Process&) = delete;
    };
    static Process process(h); // a fuzz target runs one harness
    if (!process.runner) {
        auto r = Runner::create(process.dir);
        if (!r) {
            std::fprintf(stderr, "fuzz: set-up failed: %s\n", r.error().toString().c_str());
            std::abort();
        }
        process.runner.emplace(std::move(*r));
    }
    const Outcome o =
        process.runner->run(h, std::string_view(reinterpret_cast<const char*>(data), size));
    if (o.broken.empty()) return 0;
    for (const std::string& b : o.broken) std::fprintf(stderr, "fuzz: %s\n", b.c_str());
    std::abort();
}

} // namespace bd::fuzz
