#pragma once
// A database of the test's own on the suite's throwaway PostgreSQL cluster (started by the CTest
// fixture "pg", tests/server/pgcluster.sh, which writes its socket directory to the file named
// by BD_PG_STATE). Each PgTestBook creates a fresh database and drops it when destroyed; login
// roles a test makes carry the database's name, so tests run side by side (-j8) never meet.
// Without the fixture (the binary run by hand, no BD_PG_STATE) the test is skipped.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include "storage/pg/pgconnection.h"
#include "support/tempdir.h"

namespace bdtest {

/// Drops the tables server schema v3 added (the nightly batch's result tables), children first,
/// and v6's (the first load's pending restores): a book taken back to an older version to test
/// its upgrade.
inline constexpr const char* kDropSchemaV3Tables =
    "DROP TABLE plan_dropped, plan_tasks, follow_up_tasks, plan_runs, kpi_vip_changes, "
    "kpi_contacts, kpi_months, segment_migrations, segment_k_choices, segment_factor_loadings, "
    "segment_factors, segment_labels, segments, segment_runs, clv_models, client_scores, "
    "analytics_results, analytics_runs; DROP TABLE bd_first_load_pending; ";

/// The same for the settings and survey tables of version 5 (pgschema_v5.cpp).
inline constexpr const char* kDropSchemaV5Tables =
    "DROP TABLE survey_answers, survey_calls, survey_campaigns, survey_items, survey_templates, "
    "settings, calendar_days, channel_limits, service_policies; ";

/// The socket directory of the suite's cluster, none when it was not started.
inline std::optional<std::string> pgSocketDir() {
    const char* state = std::getenv("BD_PG_STATE");
    if (state == nullptr || *state == '\0') return std::nullopt;
    std::ifstream in(state);
    std::string dir;
    if (!std::getline(in, dir) || dir.empty()) return std::nullopt;
    return dir;
}

/// The first column of the first row `sql` returns as an integer (a failure and -1 on an error).
inline std::int64_t pgCount(bd::storage::PgConnection& c, const std::string& sql,
                            const bd::storage::PgParams& p = bd::storage::PgParams()) {
    auto r = c.query(sql, p);
    EXPECT_TRUE(r) << sql << ": " << (r ? "" : r.error().toString());
    return r ? r->int64(0, 0) : -1;
}

class PgTestBook {
  public:
    PgTestBook() {
        static std::atomic<int> counter{0};
        m_socket = pgSocketDir().value_or("");
        std::string name = "t" + std::to_string(::getpid()) + "_" + std::to_string(counter++) +
                           "_" + currentTestName();
        for (char& c : name)
            c = (std::isalnum(static_cast<unsigned char>(c)) != 0)
                    ? static_cast<char>(std::tolower(c))
                    : '_';
        m_db = name.substr(0, 50);
        if (m_socket.empty()) return;
        auto admin = bd::storage::PgConnection::connect(uri("postgres", "", "postgres"));
        if (!admin) {
            m_error = admin.error().toString();
            return;
        }
        if (auto s = admin->run("CREATE DATABASE " + m_db); !s) m_error = s.error().toString();
    }
    ~PgTestBook() {
        if (m_socket.empty() || !m_error.empty()) return;
        if (auto admin = bd::storage::PgConnection::connect(uri("postgres", "", "postgres"))) {
            (void)admin->run("DROP DATABASE IF EXISTS " + m_db + " WITH (FORCE)");
            // The logins this test made (named <db>_...), now that nothing of theirs is left.
            auto roles = admin->query("SELECT rolname FROM pg_roles WHERE rolname LIKE $1",
                                      bd::storage::PgParams(m_db + "\\_%"));
            if (roles)
                for (int i = 0; i < roles->size(); ++i)
                    (void)admin->run("DROP ROLE IF EXISTS " + roles->text(i, 0));
        }
    }
    PgTestBook(const PgTestBook&) = delete;
    PgTestBook& operator=(const PgTestBook&) = delete;

    /// False (with why) when the suite runs without its cluster: the test should GTEST_SKIP.
    bool available() const { return !m_socket.empty() && m_error.empty(); }
    const std::string& error() const { return m_error; }
    const std::string& database() const { return m_db; }
    const std::string& socketDir() const { return m_socket; }
    /// A login name of this test's own.
    std::string login(const std::string& who) const { return m_db + "_" + who; }

    /// key=value connection string for `user` (password when not empty) to `db` (default:
    /// this test's database).
    std::string uri(const std::string& user, const std::string& password = "",
                    const std::string& db = "") const {
        std::string s =
            "host=" + m_socket + " port=5432 dbname=" + (db.empty() ? m_db : db) + " user=" + user;
        if (!password.empty()) s += " password=" + password;
        return s;
    }
    /// The same as a postgresql:// URI, the form desks and the CLI are given (the socket
    /// directory percent-encoded as the host).
    std::string url(const std::string& user, const std::string& password = "") const {
        std::string host;
        for (char c : m_socket) host += c == '/' ? std::string("%2F") : std::string(1, c);
        std::string u = "postgresql:///" + m_db + "?host=" + host + "&port=5432&user=" + user;
        if (!password.empty()) u += "&password=" + password;
        return u;
    }
    /// A connection as the administrator (superuser), to this test's database.
    bd::storage::PgConnection admin() const {
        auto c = bd::storage::PgConnection::connect(uri("postgres"));
        EXPECT_TRUE(c) << (c ? "" : c.error().toString());
        return std::move(*c);
    }

  private:
    std::string m_socket;
    std::string m_db;
    std::string m_error;
};

/// Skips the test when the suite's cluster is absent (never under scripts/test or CI, where
/// the fixture fails instead).
#define BD_REQUIRE_PG(book)                                                                        \
    do {                                                                                           \
        if (!(book).available()) {                                                                 \
            if (!(book).error().empty()) FAIL() << (book).error();                                 \
            GTEST_SKIP() << "no PostgreSQL cluster for this run (CTest fixture pg)";               \
        }                                                                                          \
    } while (0)

} // namespace bdtest
