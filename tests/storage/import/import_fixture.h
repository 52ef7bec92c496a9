#pragma once
// Shared helpers for the import/export tests: temp files in UTF-8 or GB18030, a fresh book,
// and a dump of every data table to prove "nothing changed".
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "storage/import/encoding.h"
#include "storage/import/importer.h"
#include "storage/schema/schema.h"
#include "support/rowstext.h"
#include "support/tempdir.h"

namespace bdtest {

enum class Enc { Utf8, Gb18030 };

inline std::string encName(Enc e) {
    return e == Enc::Utf8 ? "utf8" : "gb18030";
}

class ImportTest : public ::testing::TestWithParam<Enc> {
  protected:
    void SetUp() override {
        m_tmp.emplace("import");
        m_dir = m_tmp->path();
        auto db = bd::storage::openBook((m_dir / "book.bdbook").string());
        ASSERT_TRUE(db.ok()) << db.error().toString();
        m_db.emplace(std::move(*db));
    }
    void TearDown() override {
        m_db.reset();
        m_tmp.reset();
    }
    Enc enc() const { return GetParam(); }
    bd::storage::Database& db() { return *m_db; }

    /// Writes UTF-8 `text` to `name` in the test's encoding; returns the path.
    std::string write(const std::string& name, const std::string& text) {
        std::string bytes = text;
        if (enc() == Enc::Gb18030) {
            auto gb = bd::storage::utf8ToGb18030(text);
            EXPECT_TRUE(gb.ok());
            bytes = *gb;
        }
        return writeBytes(name, bytes);
    }
    std::string writeBytes(const std::string& name, const std::string& bytes) {
        const std::string path = (m_dir / name).string();
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    bd::storage::ImportReport run(const bd::storage::ImportFiles& files,
                                  bd::storage::ImportOptions o = {}) {
        auto r = bd::storage::importFiles(db(), files, o);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().toString());
        return r.ok() ? *r : bd::storage::ImportReport{};
    }

    /// The rows of `sql`, a line each, columns ended by '|'.
    std::string rows(const std::string& sql) { return bdtest::rowsText(db(), sql); }
    /// Every row of every data table, as text, for before/after comparisons.
    std::string dump() {
        std::string out;
        for (const char* t : {"branches", "brokers", "clients", "securities", "trades", "assets",
                              "contacts", "positions", "import_log"}) {
            out += std::string("[") + t + "]\n";
            out += rows(std::string("SELECT * FROM ") + t + " ORDER BY 1, 2");
        }
        return out;
    }
    std::int64_t count(const std::string& table) {
        auto n = bd::storage::queryInt(db(), "SELECT count(*) FROM " + table);
        return n.ok() ? *n : -1;
    }

  private:
    std::optional<TempDir> m_tmp; // unique per process and test, removed afterwards
    std::filesystem::path m_dir;
    std::optional<bd::storage::Database> m_db;
};

/// The interchange headers of trades, snapshots and contacts files.
inline const std::string kTradesHeader = "trade_id,client_id,trade_time,security_code,side,"
                                         "quantity,price,amount,commission,fees,channel\n";
inline const std::string kAssetsHeader = "client_id,date,cash,market_value,net_inflow\n";
inline const std::string kContactsHeader = "client_id,broker_id,contact_time,channel,direction,"
                                           "outcome,satisfaction,notes,next_follow_up\n";

/// "C007": the id of the `i`th client of a test book.
inline std::string clientId(int i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "C%03d", i);
    return buf;
}

inline std::string encParamName(const ::testing::TestParamInfo<Enc>& i) {
    return encName(i.param);
}

#define BD_IMPORT_ENCODINGS                                                                        \
    ::testing::Values(bdtest::Enc::Utf8, bdtest::Enc::Gb18030), bdtest::encParamName

} // namespace bdtest
