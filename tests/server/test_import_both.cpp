// The nightly import on both stores: the same files give the same counts, the same rejections
// and the same rows on a desk's SQLite book and on a branch server (storage/pg/pgimport.cpp,
// which shares the desk importer's parse and checks). Then what only a server has: a person's
// login refused, a connection cut mid-import, one announcement per import, the bulk audit.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "storage/db/database.h"
#include "storage/import/encoding.h"
#include "storage/import/importer.h"
#include "storage/pg/pgimport.h"
#include "storage/pg/pgschema.h"
#include "storage/schema/schema.h"
#include "support/pgserver.h"
#include "support/tempdir.h"

namespace {

using bd::ErrorCode;
using bd::storage::FileReport;
using bd::storage::ImportFiles;
using bd::storage::ImportKind;
using bd::storage::ImportOptions;
using bd::storage::ImportReport;

// A branch and a broker the files do not create (the broker has a login on the server).
constexpr const char* kSeed = "INSERT INTO branches(branch_id, name) VALUES ('BR1', 'East');"
                              "INSERT INTO brokers(broker_id, name, branch_id) VALUES "
                              "('B1', 'Zhang', 'BR1');";

const std::string kClientsHeader = "client_id,name,gender,birth_date,id_number,phone,email,"
                                   "broker_id,branch_id,open_date,risk_level,status,"
                                   "preferred_channel\n";
const std::string kTradesHeader = "trade_id,client_id,trade_time,security_code,side,quantity,"
                                  "price,amount,commission,fees,channel\n";

std::string clientsCsv(const std::string& c1Name = "Zhang San") {
    return kClientsHeader + "C1," + c1Name +
           ",M,1980-05-01,,13800138000,,B1,BR1,2020-01-02,C3,active,wechat\n"
           "C2,Li Si,F,,,,,B2,BR1,2021-03-04,C1,active,\n"
           "C3,Wang Wu,,,,,,B3,BR2,2022-01-01,,,\n";
}

std::string trade(const std::string& id, const std::string& client, int qty) {
    return id + "," + client + ",2024-01-02 09:30:00,600519.SH,buy," + std::to_string(qty) +
           ",10," + std::to_string(qty * 10) + ",5,,online\n";
}

std::string tradesCsv() {
    return kTradesHeader + trade("T1", "C1", 10) + trade("T2", "C1", 20) + trade("T3", "C2", 30) +
           trade("T4", "C3", 40);
}

/// A book of either kind; import() runs the importer of its store, as the nightly batch.
class ImportStore {
  public:
    virtual ~ImportStore() = default;
    virtual bool available() const = 0;
    virtual bd::Result<ImportReport> import(const ImportFiles& files,
                                            const ImportOptions& options = {}) = 0;
    /// The first column of the first row of `sql`, as text ("" when none or NULL).
    virtual std::string value(const std::string& sql) = 0;
    std::int64_t count(const std::string& table) {
        return std::stoll(value("SELECT count(*) FROM " + table));
    }
    /// Every table's row count and a few stored values: equal before and after means unchanged.
    std::string snapshot() {
        std::string out;
        for (const char* t : {"branches", "brokers", "clients", "securities", "trades", "assets",
                              "contacts", "positions"})
            out += std::string(t) + "=" + std::to_string(count(t)) + " ";
        out += value("SELECT name FROM clients WHERE client_id = 'C2'") + " ";
        out += value("SELECT quantity FROM trades WHERE trade_id = 'T1'");
        return out;
    }
    std::string write(const std::string& name, const std::string& bytes) {
        const std::string path = (m_dir.path() / name).string();
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }
    std::string path(const std::string& name) const { return (m_dir.path() / name).string(); }

  private:
    bdtest::TempDir m_dir;
};

class SqliteImportStore final : public ImportStore {
  public:
    SqliteImportStore() {
        auto db = bd::storage::openBook(path("book.bdbook"));
        EXPECT_TRUE(db) << (db ? "" : db.error().toString());
        if (!db) return;
        m_db.emplace(std::move(*db));
        EXPECT_TRUE(m_db->exec(kSeed));
    }
    bool available() const override { return m_db.has_value(); }
    bd::Result<ImportReport> import(const ImportFiles& files,
                                    const ImportOptions& options) override {
        return bd::storage::importFiles(*m_db, files, options);
    }
    std::string value(const std::string& sql) override {
        auto st = m_db->prepare(sql);
        EXPECT_TRUE(st) << sql;
        if (!st) return "";
        auto r = st->step();
        return r && *r && !st->isNull(0) ? st->text(0) : "";
    }

  private:
    std::optional<bd::storage::Database> m_db;
};

class ServerImportStore final : public ImportStore {
  public:
    ServerImportStore() {
        if (!m_book.available()) return;
        auto admin = m_book.admin();
        auto init = bd::storage::initServer(admin);
        EXPECT_TRUE(init) << (init ? "" : init.error().toString());
        EXPECT_TRUE(admin.script(std::string("SET ROLE bd_owner;") + kSeed + "RESET ROLE;"));
        for (const auto& [who, role, broker] :
             {std::tuple{"batch", "batch", ""}, std::tuple{"b1", "broker", "B1"}}) {
            auto s = bd::storage::addServerUser(admin, {login(who), role, broker, "", false},
                                                "pw-" + login(who));
            EXPECT_TRUE(s) << (s ? "" : s.error().toString());
        }
        m_admin.emplace(std::move(admin));
    }
    bool available() const override { return m_book.available(); }
    std::string login(const std::string& who) const { return m_book.login(who); }
    std::string location(const std::string& who) const {
        return m_book.url(login(who), "pw-" + login(who));
    }
    bd::Result<ImportReport> importAs(const std::string& who, const ImportFiles& files,
                                      const ImportOptions& options = {}) {
        auto c = bd::storage::PgConnection::connect(location(who));
        if (!c) return c.error();
        return bd::storage::importToServer(*c, files, options);
    }
    bd::Result<ImportReport> import(const ImportFiles& files,
                                    const ImportOptions& options) override {
        return importAs("batch", files, options);
    }
    std::string value(const std::string& sql) override {
        auto r = m_admin->query(sql);
        EXPECT_TRUE(r) << sql << ": " << (r ? "" : r.error().toString());
        return r && !r->empty() && !r->isNull(0, 0) ? r->text(0, 0) : "";
    }
    bd::storage::PgConnection& admin() { return *m_admin; }

  private:
    bdtest::PgTestBook m_book;
    std::optional<bd::storage::PgConnection> m_admin;
};

/// "new/updated/unchanged/rejected" of a file, for compact expectations.
std::string counts(const FileReport& f) {
    std::ostringstream s;
    s << f.rows_new << "/" << f.rows_updated << "/" << f.rows_unchanged << "/" << f.rows_rejected;
    return s.str();
}

std::string errorsOf(const ImportReport& r) {
    std::string all;
    for (const auto& e : r.errors) all += e.toString() + "\n";
    return all;
}

class ImportOnBothStores : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        if (GetParam() == "sqlite")
            m_store = std::make_unique<SqliteImportStore>();
        else
            m_store = std::make_unique<ServerImportStore>();
        if (!m_store->available()) GTEST_SKIP() << "no PostgreSQL cluster for this run";
    }
    ImportFiles allFiles() {
        ImportFiles f;
        f.securities = m_store->write("securities.csv", "security_code,name\n600519.SH,Moutai\n"
                                                        "000001.SZ,Ping An\n");
        f.clients = m_store->write("clients.csv", clientsCsv());
        f.trades = m_store->write("trades.csv", tradesCsv());
        f.assets = m_store->write("assets.csv", "client_id,date,cash,market_value,net_inflow\n"
                                                "C1,2024-01-31,1,2,-3\nC2,2024-01-31,5,6,\n");
        f.contacts =
            m_store->write("contacts.csv", "client_id,broker_id,contact_time,channel,notes\n"
                                           "C1,B1,2024-01-02 10:00:00,phone,hi\n");
        f.positions = m_store->write(
            "positions.csv", "client_id,date,security_code,quantity,cost_price,close_price\n"
                             "C1,2024-01-31,600519.SH,10,10,11\n");
        return f;
    }
    ImportReport run(const ImportFiles& f, const ImportOptions& o = {}) {
        auto r = m_store->import(f, o);
        EXPECT_TRUE(r) << (r ? "" : r.error().toString());
        return r ? *r : ImportReport{};
    }
    std::unique_ptr<ImportStore> m_store;
};

TEST_P(ImportOnBothStores, EveryKindIsCountedAndAReimportChangesNothing) {
    ImportReport first = run(allFiles());
    ASSERT_TRUE(first.committed) << errorsOf(first);
    ASSERT_EQ(first.files.size(), 6u);
    const char* expected[] = {"2/0/0/0", "3/0/0/0", "4/0/0/0", "2/0/0/0", "1/0/0/0", "1/0/0/0"};
    for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(counts(first.files[i]), expected[i]) << i;
    EXPECT_EQ(m_store->count("trades"), 4);
    EXPECT_EQ(m_store->count("brokers"), 3); // B1 seeded, B2 and B3 made for their clients
    EXPECT_EQ(m_store->count("branches"), 2);
    EXPECT_EQ(m_store->value("SELECT broker_id FROM brokers WHERE broker_id = 'B3'"), "B3");
    EXPECT_EQ(m_store->value("SELECT c.client_id FROM trades t JOIN clients c ON c.id = "
                             "t.client_ref WHERE t.trade_id = 'T4'"),
              "C3");
    const std::string before = m_store->snapshot();

    ImportReport again = run(allFiles());
    ASSERT_TRUE(again.committed) << errorsOf(again);
    const char* same[] = {"0/0/2/0", "0/0/3/0", "0/0/4/0", "0/0/2/0", "0/0/1/0", "0/0/1/0"};
    for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(counts(again.files[i]), same[i]) << i;
    EXPECT_EQ(m_store->snapshot(), before);

    // A nightly: one client renamed, one trade corrected, one new.
    ImportFiles nightly;
    nightly.clients = m_store->write("clients2.csv", clientsCsv("Zhang Sanfeng"));
    nightly.trades =
        m_store->write("trades2.csv", kTradesHeader + trade("T1", "C1", 11) +
                                          trade("T2", "C1", 20) + trade("T5", "C2", 5));
    ImportReport n = run(nightly);
    ASSERT_TRUE(n.committed) << errorsOf(n);
    EXPECT_EQ(counts(n.files[0]), "0/1/2/0");
    EXPECT_EQ(counts(n.files[1]), "1/1/1/0");
    EXPECT_EQ(m_store->value("SELECT name FROM clients WHERE client_id = 'C1'"), "Zhang Sanfeng");
    EXPECT_EQ(m_store->value("SELECT quantity FROM trades WHERE trade_id = 'T1'"), "11");
    EXPECT_EQ(m_store->count("trades"), 5);
}

TEST_P(ImportOnBothStores, AStrictRunWithOneBadRowChangesNothing) {
    ASSERT_TRUE(run(allFiles()).committed);
    const std::string before = m_store->snapshot();
    ImportFiles f;
    f.clients = m_store->write("clients2.csv", clientsCsv("Renamed"));
    f.trades = m_store->write("trades2.csv", kTradesHeader + trade("T1", "C1", 99) +
                                                 trade("T9", "C9", 1) + trade("T8", "C2", 1));
    ImportReport r = run(f);
    EXPECT_FALSE(r.committed);
    ASSERT_EQ(r.errors.size(), 1u) << errorsOf(r);
    EXPECT_EQ(r.errors[0].line, 3);
    EXPECT_EQ(r.errors[0].column, 2);
    EXPECT_EQ(r.errors[0].value, "C9");
    EXPECT_NE(r.errors[0].message.find("unknown client"), std::string::npos);
    EXPECT_EQ(r.errors[0].file, *f.trades);
    EXPECT_EQ(m_store->snapshot(), before);
    EXPECT_EQ(m_store->value("SELECT name FROM clients WHERE client_id = 'C1'"), "Zhang San");
}

TEST_P(ImportOnBothStores, ALenientRunImportsTheGoodRowsAndWritesTheRejected) {
    ASSERT_TRUE(run(allFiles()).committed);
    ImportFiles f;
    f.trades =
        m_store->write("trades2.csv", kTradesHeader + trade("T5", "C1", 1) + trade("T6", "C9", 1) +
                                          trade("T5", "C2", 2) + trade("T7", "C2", 3));
    ImportOptions o;
    o.lenient = true;
    o.rejects_path = m_store->path("rejects.csv");
    ImportReport r = run(f, o);
    ASSERT_TRUE(r.committed) << errorsOf(r);
    EXPECT_EQ(counts(r.files[0]), "2/0/0/2");
    ASSERT_EQ(r.errors.size(), 2u) << errorsOf(r);
    EXPECT_EQ(r.errors[0].line, 3); // unknown client
    EXPECT_EQ(r.errors[1].line, 4); // T5 again
    EXPECT_NE(r.errors[1].message.find("duplicate"), std::string::npos);
    EXPECT_EQ(m_store->count("trades"), 6);
    std::ifstream in(o.rejects_path);
    const std::string rejects((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(rejects.find("T6,C9"), std::string::npos) << rejects;
    EXPECT_NE(rejects.find("T5,C2"), std::string::npos) << rejects;
}

TEST_P(ImportOnBothStores, Gb18030FilesWithChineseHeadersAreRead) {
    const std::string utf8 = "客户号,客户姓名,性别,客户经理,营业部,开户日期,状态\n"
                             "C1,张三,男,B1,BR1,2020-01-02,正常\n"
                             "C2,李四,女,B2,BR1,2021-03-04,休眠\n";
    auto gb = bd::storage::utf8ToGb18030(utf8);
    ASSERT_TRUE(gb);
    ImportFiles f;
    f.clients = m_store->write("clients.csv", *gb);
    ImportReport r = run(f);
    ASSERT_TRUE(r.committed) << errorsOf(r);
    EXPECT_EQ(r.files[0].encoding, "gb18030");
    EXPECT_EQ(counts(r.files[0]), "2/0/0/0");
    EXPECT_EQ(m_store->value("SELECT name FROM clients WHERE client_id = 'C1'"), "张三");
    EXPECT_EQ(m_store->value("SELECT status FROM clients WHERE client_id = 'C2'"), "2");
    ImportReport again = run(f);
    ASSERT_TRUE(again.committed);
    EXPECT_EQ(counts(again.files[0]), "0/0/2/0");
}

INSTANTIATE_TEST_SUITE_P(Stores, ImportOnBothStores, ::testing::Values("sqlite", "server"),
                         [](const auto& p) { return p.param; });

// ---- What only a server has ----

class ServerImport : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!m_store.available()) GTEST_SKIP() << "no PostgreSQL cluster for this run";
    }
    ServerImportStore m_store;
};

TEST_F(ServerImport, ABrokerLoginIsRefusedAndNothingIsRead) {
    ImportFiles f;
    f.clients = m_store.write("clients.csv", clientsCsv());
    auto r = m_store.importAs("b1", f);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::NotPermitted) << r.error().toString();
    EXPECT_NE(r.error().message.find("batch login"), std::string::npos) << r.error().toString();
    EXPECT_EQ(m_store.count("clients"), 0);
}

// A first load takes a table's key, indexes and foreign keys off (bd_first_load_begin, run as the
// owner): only the batch may, only on an empty trades, assets or positions table, and a load
// begun and not ended cannot commit, so the table never keeps them off.
TEST_F(ServerImport, AFirstLoadIsTheBatchsOnAnEmptyBulkTableAndCannotCommitUnended) {
    auto batch = bd::storage::PgConnection::connect(m_store.location("batch"));
    ASSERT_TRUE(batch) << batch.error().toString();
    // The key, by client and time, by writer (server schema v14).
    const std::string indexes = "SELECT count(*) FROM pg_indexes WHERE tablename = 'trades'";
    const std::string keys = "SELECT count(*) FROM pg_constraint WHERE conrelid = "
                             "'trades'::regclass AND contype IN ('p', 'f')";
    ASSERT_EQ(m_store.value(indexes), "3");
    ASSERT_EQ(m_store.value(keys), "2");
    auto other = batch->query("SELECT bd_first_load_begin('clients')");
    ASSERT_FALSE(other);
    EXPECT_NE(other.error().message.find("no first load for table clients"), std::string::npos)
        << other.error().toString();
    ASSERT_TRUE(batch->run("BEGIN"));
    ASSERT_TRUE(batch->run("SELECT bd_first_load_begin('trades')"));
    EXPECT_EQ(m_store.value("SELECT count(*) FROM bd_first_load_pending"), "0"); // not committed
    auto commit = batch->run("COMMIT");
    ASSERT_FALSE(commit);
    EXPECT_NE(commit.error().message.find("not ended"), std::string::npos)
        << commit.error().toString();
    EXPECT_EQ(m_store.value(indexes), "3");
    EXPECT_EQ(m_store.value(keys), "2");
    EXPECT_EQ(m_store.value("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'trades'::regclass "
                            "AND tgname = 'audit_bulk_insert' AND tgenabled <> 'D'"),
              "1");
    // Ending a load never begun does nothing.
    auto unbegun = batch->query("SELECT bd_first_load_end('trades')");
    ASSERT_FALSE(unbegun);
    EXPECT_NE(unbegun.error().message.find("no first load"), std::string::npos);
    // A table that holds rows is merged, never loaded this way.
    ImportFiles f;
    f.clients = m_store.write("clients.csv", clientsCsv());
    f.trades = m_store.write("trades.csv", tradesCsv());
    ASSERT_TRUE(m_store.importAs("batch", f));
    auto full = batch->query("SELECT bd_first_load_begin('trades')");
    ASSERT_FALSE(full);
    EXPECT_NE(full.error().message.find("not empty"), std::string::npos) << full.error().toString();
    EXPECT_EQ(m_store.value(indexes), "3");
}

// Server schema v10: a first load truncates the empty table in its transaction and COPYs its
// rows frozen, so that its pages are all visible as soon as it commits (the index builds record
// it: relallvisible = relpages); a staged load (no bypass of row-level security) is not frozen.
TEST_F(ServerImport, AFirstLoadWritesItsRowsFrozenAndAStagedOneDoesNot) {
    ImportFiles f;
    f.clients = m_store.write("clients.csv", clientsCsv());
    f.trades = m_store.write("trades.csv", tradesCsv());
    ASSERT_TRUE(m_store.importAs("batch", f));
    const std::string allVisible =
        "SELECT relpages > 0 AND relallvisible = relpages FROM pg_class WHERE relname = 'trades'";
    EXPECT_EQ(m_store.value(allVisible), "t");
    EXPECT_EQ(m_store.count("trades"), 4);
    // The same load staged: the rows are inserted from the staging table, unfrozen.
    ASSERT_TRUE(m_store.admin().run("TRUNCATE trades"));
    ASSERT_TRUE(m_store.admin().run("ALTER ROLE " + m_store.login("batch") + " NOBYPASSRLS"));
    ASSERT_TRUE(m_store.importAs("batch", f));
    EXPECT_EQ(m_store.value(allVisible), "f");
    EXPECT_EQ(m_store.count("trades"), 4);
}

// bd_first_load_fresh truncates only a table whose first load the batch began in its own
// transaction, and the foreign key checked along the index at the load's end still refuses a
// trade of no client: the transaction fails and leaves the table as it was.
TEST_F(ServerImport, TheFreshTableIsTheBatchsBegunLoadsAndItsForeignKeyIsStillChecked) {
    ImportFiles f;
    f.clients = m_store.write("clients.csv", clientsCsv());
    ASSERT_TRUE(m_store.importAs("batch", f));
    auto broker = bd::storage::PgConnection::connect(m_store.location("b1"));
    ASSERT_TRUE(broker);
    auto refused = broker->query("SELECT bd_first_load_fresh('trades')");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::NotPermitted) << refused.error().toString();
    auto batch = bd::storage::PgConnection::connect(m_store.location("batch"));
    ASSERT_TRUE(batch) << batch.error().toString();
    auto unbegun = batch->query("SELECT bd_first_load_fresh('trades')");
    ASSERT_FALSE(unbegun);
    EXPECT_NE(unbegun.error().message.find("no first load of trades was begun"), std::string::npos)
        << unbegun.error().toString();
    const std::string ref = m_store.value("SELECT max(id) FROM clients");
    const std::string good = "T1\t" + ref + "\t1\t600519.SH\t0\t1\t1\t1\t0\n";
    const std::string stray = "T2\t987654321\t1\t600519.SH\t0\t1\t1\t1\t0\n";
    // Begins a first load, makes the table fresh (or not) and COPYs `rows` in.
    auto load = [&](bool fresh, const std::string& rows) {
        ASSERT_TRUE(batch->run("BEGIN"));
        ASSERT_TRUE(batch->run("SELECT bd_first_load_begin('trades')"));
        if (fresh) {
            ASSERT_TRUE(batch->run("SELECT bd_first_load_fresh('trades')"));
        }
        ASSERT_TRUE(batch->copyBegin("COPY trades(trade_id, client_ref, trade_time, "
                                     "security_code, side, quantity, price, amount, commission) "
                                     "FROM STDIN" +
                                     std::string(fresh ? " (FREEZE)" : "")));
        ASSERT_TRUE(batch->copyPut(rows));
        auto copied = batch->copyEnd();
        ASSERT_TRUE(copied) << copied.error().toString();
    };
    // Rows COPYed before the table is made fresh are refused, never truncated away.
    load(false, good);
    auto late = batch->query("SELECT bd_first_load_fresh('trades')");
    ASSERT_FALSE(late);
    EXPECT_NE(late.error().message.find("wrote rows before its table was fresh"), std::string::npos)
        << late.error().toString();
    ASSERT_TRUE(batch->run("ROLLBACK"));
    load(true, good + stray);
    auto ended = batch->query("SELECT bd_first_load_end('trades')");
    ASSERT_FALSE(ended);
    EXPECT_NE(ended.error().message.find("trades_client_ref_fkey"), std::string::npos)
        << ended.error().toString();
    ASSERT_TRUE(batch->run("ROLLBACK"));
    EXPECT_EQ(m_store.count("trades"), 0);
    EXPECT_EQ(m_store.value("SELECT count(*) FROM pg_indexes WHERE tablename = 'trades'"), "3");
    EXPECT_EQ(m_store.value("SELECT count(*) FROM pg_constraint WHERE conrelid = "
                            "'trades'::regclass AND contype IN ('p', 'f')"),
              "2");
    // Without the stray trade the same load ends and commits.
    load(true, good);
    ASSERT_TRUE(batch->run("SELECT bd_first_load_end('trades')"));
    ASSERT_TRUE(batch->run("COMMIT"));
    EXPECT_EQ(m_store.count("trades"), 1);
}

// A batch login added before server schema v6 (no bypass of row-level security yet, until
// `server init` runs) cannot COPY into the table: its first load goes through staging, with
// the same counts, trail and indexes.
TEST_F(ServerImport, ABatchLoginWithoutTheBypassLoadsThroughStagingAlike) {
    ASSERT_TRUE(m_store.admin().run("ALTER ROLE " + m_store.login("batch") + " NOBYPASSRLS"));
    ImportFiles f;
    f.clients = m_store.write("clients.csv", clientsCsv());
    f.trades = m_store.write("trades.csv", tradesCsv());
    auto r = m_store.importAs("batch", f);
    ASSERT_TRUE(r) << r.error().toString();
    ASSERT_TRUE(r->committed);
    EXPECT_EQ(counts(r->files[1]), "4/0/0/0");
    EXPECT_EQ(m_store.value("SELECT string_agg(operation || ' ' || rows, ',') FROM row_audit "
                            "WHERE table_name = 'trades'"),
              "INSERT 4");
    EXPECT_EQ(m_store.value("SELECT count(*) FROM pg_indexes WHERE tablename = 'trades'"), "3");
    // `server init` brings the login up: the next first load COPYs straight in.
    auto init = bd::storage::initServer(m_store.admin());
    ASSERT_TRUE(init) << init.error().toString();
    EXPECT_EQ(m_store.value("SELECT rolbypassrls FROM pg_roles WHERE rolname = '" +
                            m_store.login("batch") + "'"),
              "t");
}

TEST_F(ServerImport, AConnectionCutMidImportLeavesTheBookAsItWasAndARerunLoads) {
    ImportFiles base;
    base.clients = m_store.write("clients.csv", clientsCsv());
    auto first = m_store.importAs("batch", base);
    ASSERT_TRUE(first && first->committed);
    const std::string before = m_store.snapshot();
    // Enough trades for several batches: the cut comes after the first.
    std::string csv = kTradesHeader;
    for (int i = 0; i < 20000; ++i) csv += trade("N" + std::to_string(100000 + i), "C2", 1);
    ImportFiles f;
    f.clients = m_store.write("clients2.csv", clientsCsv("Cut Short"));
    f.trades = m_store.write("trades.csv", csv);
    ImportOptions o;
    bool cut = false;
    o.progress = [&](const bd::storage::ImportProgress& p) {
        if (cut || p.kind != ImportKind::Trades) return;
        cut = true;
        // The server ends the batch's session, as a restart or a network cut would.
        EXPECT_TRUE(m_store.admin().run(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1",
            bd::storage::PgParams(m_store.login("batch"))));
    };
    auto lost = m_store.importAs("batch", f, o);
    ASSERT_TRUE(cut);
    ASSERT_FALSE(lost);
    EXPECT_EQ(lost.error().code, ErrorCode::Unavailable) << lost.error().toString();
    EXPECT_EQ(m_store.snapshot(), before);
    auto rerun = m_store.importAs("batch", f);
    ASSERT_TRUE(rerun) << rerun.error().toString();
    ASSERT_TRUE(rerun->committed);
    EXPECT_EQ(counts(rerun->files[1]), "20000/0/0/0");
    EXPECT_EQ(m_store.value("SELECT name FROM clients WHERE client_id = 'C1'"), "Cut Short");
}

TEST_F(ServerImport, ACancelledImportChangesNothingAndTheConnectionGoesOn) {
    ImportFiles base;
    base.clients = m_store.write("clients.csv", clientsCsv());
    ASSERT_TRUE(m_store.importAs("batch", base));
    const std::string before = m_store.snapshot();
    std::string csv = kTradesHeader;
    for (int i = 0; i < 20000; ++i) csv += trade("N" + std::to_string(100000 + i), "C2", 1);
    ImportFiles f;
    f.trades = m_store.write("trades.csv", csv);
    std::atomic<bool> stop{false};
    ImportOptions o;
    o.cancel = &stop;
    o.progress = [&](const bd::storage::ImportProgress&) { stop = true; };
    auto c = bd::storage::PgConnection::connect(m_store.location("batch"));
    ASSERT_TRUE(c);
    auto stopped = bd::storage::importToServer(*c, f, o);
    ASSERT_TRUE(stopped) << stopped.error().toString();
    EXPECT_TRUE(stopped->cancelled);
    EXPECT_EQ(m_store.snapshot(), before);
    // The stopped COPY was abandoned and rolled back: the same connection imports at once.
    auto rerun = bd::storage::importToServer(*c, f, {});
    ASSERT_TRUE(rerun) << rerun.error().toString();
    EXPECT_TRUE(rerun->committed);
    EXPECT_EQ(counts(rerun->files[0]), "20000/0/0/0");
}

TEST_F(ServerImport, OneAnnouncementPerImportAndTheBulkTablesCountedPerStatement) {
    auto& admin = m_store.admin();
    ASSERT_TRUE(admin.run("LISTEN bd_book"));
    ImportFiles f;
    f.clients = m_store.write("clients.csv", clientsCsv());
    f.trades = m_store.write("trades.csv", tradesCsv());
    auto r = m_store.importAs("batch", f);
    ASSERT_TRUE(r && r->committed);
    auto heard = admin.waitForNotifications(1000);
    ASSERT_TRUE(heard);
    ASSERT_EQ(heard->size(), 1u);
    EXPECT_EQ((*heard)[0].payload, "import:clients,trades");
    // Clients are a person's table: a trail row each. Trades: one count per statement.
    EXPECT_EQ(m_store.value("SELECT count(*) FROM row_audit WHERE table_name = 'clients' AND "
                            "operation = 'INSERT' AND login = '" +
                            m_store.login("batch") + "'"),
              "3");
    EXPECT_EQ(m_store.value("SELECT string_agg(operation || ' ' || rows, ',') FROM row_audit "
                            "WHERE table_name = 'trades'"),
              "INSERT 4");
    // The first load built the trades' key, index and foreign key afterwards: all are back,
    // and the book passes its check.
    EXPECT_EQ(m_store.value("SELECT count(*) FROM pg_indexes WHERE tablename = 'trades'"), "3");
    EXPECT_EQ(
        m_store.value("SELECT string_agg(contype::text, '' ORDER BY contype) FROM pg_constraint "
                      "WHERE conrelid = 'trades'::regclass AND contype IN ('f', 'p')"),
        "fp");
    auto findings = bd::storage::checkServer(admin);
    ASSERT_TRUE(findings);
    EXPECT_TRUE(findings->empty()) << (*findings)[0].kind << " " << (*findings)[0].subject;
    // Nobody else may load that way.
    auto broker = bd::storage::PgConnection::connect(m_store.location("b1"));
    ASSERT_TRUE(broker);
    auto refused = broker->query("SELECT bd_first_load_begin('trades')");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::NotPermitted);
    // A second run updates one trade in the staged merge: counted as one UPDATE statement.
    f.trades = m_store.write("trades2.csv", kTradesHeader + trade("T1", "C1", 12) +
                                                trade("T2", "C1", 20) + trade("T9", "C3", 1));
    auto again = m_store.importAs("batch", f);
    ASSERT_TRUE(again && again->committed);
    EXPECT_EQ(m_store.value("SELECT string_agg(operation || ' ' || rows, ',' ORDER BY id) FROM "
                            "row_audit WHERE table_name = 'trades'"),
              "INSERT 4,UPDATE 1,INSERT 1");
    auto heardAgain = admin.waitForNotifications(1000);
    ASSERT_TRUE(heardAgain);
    EXPECT_EQ(heardAgain->size(), 1u);
}

} // namespace
