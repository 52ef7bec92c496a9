// Every kind `server check` reports, in both languages: located (the subject named), with what
// to do, no placeholder left; a transaction id ahead of the server with its figures and the
// repair; a kind this build does not know in general words.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "core/serverfinding.h"
#include "phrasebook/phrasebook.h"

using namespace bd;
using phrase::Lang;

namespace {

bool hasChinese(const std::string& s) {
    static const std::regex cjk("[\\xE4-\\xE9][\\x80-\\xBF][\\x80-\\xBF]");
    return std::regex_search(s, cjk);
}

} // namespace

TEST(ServerFindingWords, EveryKindIsLocatedAndSaysWhatToDoInBothLanguages) {
    for (const char* kind :
         {"rls_not_forced", "not_owned_by_owner", "no_policy", "owner_held_by_person",
          "person_bypasses_rls", "public_can_execute", "public_can_create", "audit_trigger_missing",
          "notify_trigger_missing", "partition_policy_missing", "partition_writable",
          "tracking_column_missing", "tracking_trigger_missing", "xid_markers_unchecked"}) {
        const ServerFinding f{kind, "subject_x"};
        const std::string en = phrase::serverFinding(f, Lang::En);
        const std::string zh = phrase::serverFinding(f, Lang::Zh);
        SCOPED_TRACE(kind);
        EXPECT_NE(en.find("subject_x"), std::string::npos) << en;
        EXPECT_NE(zh.find("subject_x"), std::string::npos) << zh;
        EXPECT_EQ(en.find('{'), std::string::npos) << en;
        EXPECT_EQ(zh.find('{'), std::string::npos) << zh;
        EXPECT_EQ(en.find(kind), std::string::npos) << "the kind in words, not as the code: " << en;
        EXPECT_FALSE(hasChinese(en)) << en;
        EXPECT_TRUE(hasChinese(zh)) << zh;
        EXPECT_GT(en.size(), 60u) << "what it lets happen and what to do: " << en;
    }
}

TEST(ServerFindingWords, AMarkerAheadGivesItsFiguresAndTheRepair) {
    ServerFinding rows{"xid_marker_ahead", "clients.bd_xid", "12884902649", "812", 5};
    EXPECT_EQ(phrase::serverFinding(rows, Lang::En),
              "clients.bd_xid: 5 rows hold ids ahead of this server: transaction ids up to "
              "12884902649, and the server's next is 812. The book was restored from a logical "
              "dump (pg_dump) into a new cluster. Until the server passes them the nightly batch "
              "makes its copy whole every night and the change log is not pruned. Reset them as "
              "the administrator (audited), before the desks connect: brokerdesk-cli server "
              "check --repair --db URI, then VACUUM ANALYZE.");
    rows.rows = 1;
    EXPECT_NE(phrase::serverFinding(rows, Lang::En).find("1 row holds ids ahead"),
              std::string::npos);
    const std::string zh = phrase::serverFinding(rows, Lang::Zh);
    EXPECT_NE(zh.find("clients.bd_xid：1 行记录的事务号超前于本服务器：最大为 12884902649，而服务器"
                      "的下一个事务号是 812"),
              std::string::npos)
        << zh;
    EXPECT_NE(zh.find("server check --repair"), std::string::npos) << zh;
    EXPECT_NE(zh.find("在工作站连接之前"), std::string::npos) << zh;
    EXPECT_NE(zh.find("VACUUM ANALYZE"), std::string::npos) << zh;

    const ServerFinding value{"xid_marker_ahead", "bd_meta.changes_tracked_from", "12884902649",
                              "812", 1};
    const std::string en = phrase::serverFinding(value, Lang::En);
    EXPECT_EQ(en.rfind("bd_meta.changes_tracked_from: transaction 12884902649 is ahead of this "
                       "server, whose next is 812.",
                       0),
              0u)
        << en;
    EXPECT_NE(en.find("--repair"), std::string::npos) << en;
    EXPECT_NE(en.find("before the desks connect"), std::string::npos) << en;
    EXPECT_TRUE(hasChinese(phrase::serverFinding(value, Lang::Zh)));
}

TEST(ServerFindingWords, AKindThisBuildDoesNotKnowIsSaidSo) {
    const ServerFinding f{"new_kind_later", "t"};
    EXPECT_EQ(phrase::serverFinding(f, Lang::En),
              "t: a finding this build does not know (new_kind_later).");
    EXPECT_TRUE(hasChinese(phrase::serverFinding(f, Lang::Zh)));
}
