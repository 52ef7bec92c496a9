#pragma once
// A branch server holding a small demo book (moved in as `server load` does) with three
// logins: brokers "a" and "b" (the book's first two brokers) and a manager "m" of the whole
// firm, all with the password "pw". For the tests of desks on a server (a replica's copy and
// pulls, the workstation's session, the batch's results). 600 clients: the demo makes a broker
// per 350. The book is made at the current server schema version or at an older one (a test of
// an upgrade with data in it).
#include <filesystem>
#include <string>
#include <tuple>

#include "demo/demogenerator.h"
#include "storage/pg/pgload.h"
#include "storage/pg/pgschema.h"
#include "storage/schema/schema.h"
#include "support/pgserver.h"
#include "support/tempdir.h"

namespace bdtest {

class PgDemoBranch {
  public:
    explicit PgDemoBranch(int clients = 600, int version = bd::storage::kServerSchemaVersion) {
        if (m_pg.available()) m_error = setUp(clients, version);
    }

  private:
    /// What went wrong ("" when nothing).
    std::string setUp(int clients, int version) {
        const std::string desk = (m_dir.path() / "desk.bdbook").string();
        bd::demo::DemoOptions o;
        o.clients = clients;
        o.seed = 19;
        o.history_years = 1;
        if (auto demo = bd::demo::createDemoBook(desk, o, true); !demo)
            return fail(demo.error().toString());
        auto admin = m_pg.admin();
        if (auto s = bd::storage::initServer(admin, version); !s) return fail(s.error().toString());
        {
            auto book = bd::storage::openBook(desk, {.create = false});
            if (!book) return fail(book.error().toString());
            if (auto s = bd::storage::loadDeskBook(*book, admin); !s)
                return fail(s.error().toString());
        }
        auto brokers = admin.query("SELECT broker_id FROM clients GROUP BY 1 ORDER BY 1 LIMIT 2");
        if (!brokers || brokers->size() != 2) return fail("the demo book has no two brokers");
        m_brokerA = brokers->text(0, 0);
        m_brokerB = brokers->text(1, 0);
        for (const auto& [who, role, broker] :
             {std::tuple{"a", "broker", m_brokerA}, std::tuple{"b", "broker", m_brokerB},
              std::tuple{"m", "manager", std::string()}}) {
            if (auto s = bd::storage::addServerUser(
                    admin, {m_pg.login(who), role, broker, "", false}, std::string("pw"));
                !s)
                return fail(s.error().toString());
        }
        return {};
    }
    static std::string fail(std::string why) { return why; }

  public:
    /// False when the cluster is absent (skip) or the set-up failed (error() says why).
    bool available() const { return m_pg.available() && m_error.empty(); }
    const std::string& error() const { return m_error.empty() ? m_pg.error() : m_error; }
    /// The postgresql:// URI of login `who` ("a", "b", "m").
    std::string url(const std::string& who) const { return m_pg.url(m_pg.login(who), "pw"); }
    bd::storage::PgConnection as(const std::string& who) const {
        auto c = bd::storage::PgConnection::connect(m_pg.uri(m_pg.login(who), "pw"));
        EXPECT_TRUE(c) << (c ? "" : c.error().toString());
        return std::move(*c);
    }
    bd::storage::PgConnection admin() const { return m_pg.admin(); }
    const std::string& brokerA() const { return m_brokerA; }
    const std::string& brokerB() const { return m_brokerB; }
    const PgTestBook& pg() const { return m_pg; }
    const std::filesystem::path& dir() const { return m_dir.path(); }

  private:
    PgTestBook m_pg;
    TempDir m_dir;
    std::string m_error;
    std::string m_brokerA, m_brokerB;
};

/// Skips without the suite's cluster, fails when the set-up did.
#define BD_REQUIRE_PG_BRANCH(branch)                                                               \
    do {                                                                                           \
        if (!(branch).available()) {                                                               \
            if (!(branch).error().empty()) FAIL() << (branch).error();                             \
            GTEST_SKIP() << "no PostgreSQL cluster for this run (CTest fixture pg)";               \
        }                                                                                          \
    } while (0)

} // namespace bdtest
