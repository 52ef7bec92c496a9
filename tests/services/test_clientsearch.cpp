// Instant client search (services/clientsearch.h) on plain rows: names, pinyin, ids, phone
// digits, ID-number tails, tags, and the ranking order.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "services/clientsearch.h"
#include "services/commands/command.h"
#include "services/pinyin.h"
#include "storage/schema/schema.h"
#include "support/tempdir.h"

using namespace bd;
using bd::services::ClientSearchIndex;
using bd::services::SearchClient;
using bd::services::SearchResult;

namespace {

SearchClient client(std::int64_t ref, std::string id, std::string name, std::string phone = "",
                    std::string idNumber = "") {
    SearchClient c;
    c.ref = ref;
    c.client_id = std::move(id);
    c.name = std::move(name);
    c.phone = std::move(phone);
    c.id_tail = services::idNumberTail(idNumber);
    c.id_masked = idNumber.empty() ? "" : "masked";
    c.broker_id = "E01";
    return c;
}

/// A small book: two 晓蓉, a 张 who is not 晓蓉, a 单 (surname shan), 吕 (lü), a Latin name.
ClientSearchIndex smallIndex() {
    std::vector<SearchClient> c;
    c.push_back(client(1, "C0001", "张晓蓉", "138-0013-4244", "31011519800101123X"));
    c.push_back(client(2, "C0002", "胡晓蓉", "13900139000", "110101199003074518"));
    c.push_back(client(3, "C0003", "张伟", "13700137000"));
    c.push_back(client(4, "C0004", "单田芳", "13600136000"));
    c.push_back(client(5, "C0005", "吕布", "13500135000"));
    c.push_back(client(6, "C1234", "John Smith", "13400134000"));
    c.back().tags = {"Golf", "高净值"};
    return ClientSearchIndex::build(std::move(c));
}

std::vector<std::string> names(const SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.name);
    return out;
}

/// The first hit is `name`, found as `kind`.
void expectFirst(const SearchResult& r, const std::string& name, MatchKind kind) {
    ASSERT_FALSE(r.hits.empty()) << name;
    EXPECT_EQ(r.hits[0].name, name);
    EXPECT_EQ(r.hits[0].match, kind) << name;
}

MatchKind kindOf(const SearchResult& r, const std::string& name) {
    for (const auto& h : r.hits)
        if (h.name == name) return h.match;
    ADD_FAILURE() << name << " not found";
    return MatchKind::Phone;
}

/// Exactly the two 晓蓉 are found, both as `kind`.
void expectBothXiaorong(const SearchResult& r, MatchKind kind) {
    EXPECT_EQ(r.total, 2u);
    EXPECT_EQ(kindOf(r, "张晓蓉"), kind);
    EXPECT_EQ(kindOf(r, "胡晓蓉"), kind);
}

} // namespace

TEST(Pinyin, ReadsHanNamesSyllableBySyllable) {
    const auto r = services::pinyinReadings("张晓蓉");
    ASSERT_FALSE(r.empty());
    EXPECT_EQ(r[0].full, "zhangxiaorong");
    EXPECT_EQ(r[0].initials, "zxr");
    EXPECT_EQ(r.size(), 1u); // 张 is not a polyphonic surname
    // Read character by character: ICU's phrase rules would run 曾国 together.
    const auto zeng = services::pinyinReadings("曾国藩");
    ASSERT_EQ(zeng.size(), 2u);
    EXPECT_EQ(zeng[0].full, "cengguofan");
    EXPECT_EQ(zeng[1].full, "zengguofan");
    EXPECT_EQ(zeng[1].initials, "zgf");
    EXPECT_EQ(services::pinyinReadings("吕布")[0].full, "lubu");
    EXPECT_EQ(services::pinyinReadings("John Smith")[0].initials, "js");
    EXPECT_TRUE(services::pinyinReadings("·  12").empty());
}

TEST(ClientSearch, PinyinInitialsAndFullPinyinFindTheName) {
    const auto index = smallIndex();
    auto zxr = index.search("zxr");
    expectFirst(zxr, "张晓蓉", MatchKind::InitialsPrefix);
    EXPECT_EQ(zxr.total, 1u);

    auto full = index.search("zhangxiaorong");
    ASSERT_EQ(full.total, 1u);
    EXPECT_EQ(full.hits[0].name, "张晓蓉");
    EXPECT_EQ(full.hits[0].match, MatchKind::PinyinPrefix);
    // Spaces, apostrophes and capitals do not matter.
    EXPECT_EQ(names(index.search("Zhang Xiao'rong")), std::vector<std::string>{"张晓蓉"});

    // Part of the pinyin finds both 晓蓉 (substring), never 张伟.
    expectBothXiaorong(index.search("xiaorong"), MatchKind::PinyinSubstring);
    expectBothXiaorong(index.search("xr"), MatchKind::InitialsSubstring);
    // v stands for ü.
    EXPECT_EQ(names(index.search("lvbu")), std::vector<std::string>{"吕布"});
}

TEST(ClientSearch, AnyPartOfTheChineseNameFindsIt) {
    const auto index = smallIndex();
    expectBothXiaorong(index.search("晓蓉"), MatchKind::NameSubstring);
    auto exact = index.search("胡晓蓉");
    ASSERT_EQ(exact.total, 1u);
    EXPECT_EQ(exact.hits[0].match, MatchKind::Name);
    auto zhang = index.search("张");
    EXPECT_EQ(zhang.total, 2u);
    EXPECT_EQ(zhang.hits[0].match, MatchKind::NamePrefix);
    EXPECT_EQ(index.search("smi").hits.at(0).name, "John Smith");
}

TEST(ClientSearch, PolyphonicSurnamesAreFoundByEitherReading) {
    const auto index = smallIndex();
    EXPECT_EQ(names(index.search("stf")), std::vector<std::string>{"单田芳"});
    EXPECT_EQ(names(index.search("shantian")), std::vector<std::string>{"单田芳"});
    EXPECT_EQ(names(index.search("dtf")), std::vector<std::string>{"单田芳"}); // ICU's reading
}

TEST(ClientSearch, FourOrMorePhoneDigitsFindThePhoneAnywhereThreeDoNot) {
    const auto index = smallIndex();
    auto tail = index.search("4244");
    ASSERT_EQ(tail.total, 1u);
    EXPECT_EQ(tail.hits[0].name, "张晓蓉");
    EXPECT_EQ(tail.hits[0].match, MatchKind::Phone);
    EXPECT_EQ(tail.hits[0].phone_masked, "138-****-4244"); // handed out masked
    auto middle = index.search("0013-42");                 // separators are ignored
    ASSERT_EQ(middle.total, 1u);
    EXPECT_EQ(middle.hits[0].match, MatchKind::Phone);
    // Three digits are in several phones, but match none of them.
    EXPECT_EQ(index.search("424").total, 0u);
    EXPECT_EQ(index.search("139").total, 0u);
}

TEST(ClientSearch, IdNumberTailFindsTheClientAndIsNeverShownWhole) {
    const auto index = smallIndex();
    for (const char* q : {"123x", "123X", "01123X", "4518"}) {
        auto r = index.search(q);
        ASSERT_EQ(r.total, 1u) << q;
        EXPECT_EQ(r.hits[0].match, MatchKind::IdNumberTail) << q;
        EXPECT_EQ(r.hits[0].id_masked, "masked");
    }
    EXPECT_EQ(index.search("1123X").hits.at(0).name, "张晓蓉");
    // Not the tail (and fewer than 4 characters).
    EXPECT_EQ(index.search("0101123X").total, 0u);
    EXPECT_EQ(index.search("23X").total, 0u);
    EXPECT_EQ(services::idNumberTail(" 31011519800101123x "), "01123X");
}

TEST(ClientSearch, ClientIdAndTags) {
    const auto index = smallIndex();
    expectFirst(index.search("c0002"), "胡晓蓉", MatchKind::ClientId);
    auto prefix = index.search("C000");
    EXPECT_EQ(prefix.total, 5u);
    EXPECT_EQ(prefix.hits[0].match, MatchKind::ClientIdPrefix);
    EXPECT_EQ(kindOf(index.search("1234"), "John Smith"), MatchKind::ClientIdSubstring);
    auto golf = index.search("golf");
    ASSERT_EQ(golf.total, 1u);
    EXPECT_EQ(golf.hits[0].match, MatchKind::Tag);
    EXPECT_EQ(golf.hits[0].tag, "Golf");
    EXPECT_EQ(index.search("高净").hits.at(0).tag, "高净值");
    EXPECT_EQ(index.search("").total, 0u);
    EXPECT_EQ(index.search("   ").total, 0u);
    EXPECT_EQ(index.search("nobody").total, 0u);
}

// Ranking: the best way found, then VIPs, value rank, Chinese collation (pinyin order).
TEST(ClientSearch, RankingOrdersByMatchKindThenValueThenName) {
    std::vector<SearchClient> c;
    c.push_back(client(1, "ZH01", "周张", "13000000001"));  // name part only
    c.push_back(client(2, "C0002", "张三", "13000000002")); // name prefix
    c.push_back(client(3, "C0003", "张", "13000000003"));   // exact name
    c.push_back(client(4, "C0004", "赵海", "13000000004")); // zh... initials z h
    c.push_back(client(5, "C0005", "张安", "13000000005")); // name prefix, VIP
    c.back().vip = true;
    c.back().value_rank = 9;
    c.push_back(client(6, "C0006", "张北", "13000000006")); // name prefix, rank 3
    c.back().value_rank = 3;
    c.push_back(client(7, "C0007", "张丁", "13000000007")); // name prefix, unscored
    const auto index = ClientSearchIndex::build(std::move(c));
    auto r = index.search("张");
    EXPECT_EQ(names(r), (std::vector<std::string>{"张", "张安", "张北", "张丁", "张三", "周张"}));
    // Unscored ties fall back to pinyin order: 张丁 (ding) before 张三 (san).
    EXPECT_EQ(r.hits[0].match, MatchKind::Name);
    EXPECT_EQ(r.hits.back().match, MatchKind::NameSubstring);

    // A property over every query: kinds never get worse-then-better down the list.
    for (const char* q : {"z", "zh", "zha", "c000", "000", "0000", "张", "zhang"}) {
        const auto all = index.search(q, 100);
        for (std::size_t i = 1; i < all.hits.size(); ++i)
            EXPECT_LE(static_cast<int>(all.hits[i - 1].match), static_cast<int>(all.hits[i].match))
                << q;
        EXPECT_EQ(all.hits.size(), all.total) << q;
        const auto top2 = index.search(q, 2);
        EXPECT_EQ(top2.total, all.total);
        for (std::size_t i = 0; i < top2.hits.size(); ++i)
            EXPECT_EQ(top2.hits[i].ref, all.hits[i].ref) << q; // the limit cuts, not reorders
    }
    // initials "zh" (赵海) beat a full-pinyin prefix (zhang...).
    auto zh = index.search("zh");
    EXPECT_EQ(kindOf(zh, "赵海"), MatchKind::InitialsPrefix);
    EXPECT_EQ(kindOf(zh, "张三"), MatchKind::PinyinPrefix);
    EXPECT_EQ(zh.hits[0].name, "赵海");
}

TEST(ClientSearch, ReadsTheBookKeepingOnlyTheIdNumbersTail) {
    bdtest::TempDir dir;
    auto db = storage::openBook((dir.path() / "search.bdbook").string());
    ASSERT_TRUE(db) << db.error().toString();
    ASSERT_TRUE(db->exec("INSERT INTO brokers(broker_id, name) VALUES ('E01', 'Wang');"
                         "INSERT INTO clients(id, client_id, name, broker_id, open_date, phone,"
                         " id_number) VALUES (1, 'C1', '胡晓蓉', 'E01', 19000, '13812344244',"
                         " '31011519800101123X'), (2, 'C2', '张伟', 'E01', 19000, NULL, NULL);"));
    auto clients = services::readSearchClients(*db);
    ASSERT_TRUE(clients) << clients.error().toString();
    ASSERT_EQ(clients->size(), 2u);
    EXPECT_EQ((*clients)[0].id_tail, "01123X");
    EXPECT_EQ((*clients)[0].id_masked, "310***********123X");
    EXPECT_EQ((*clients)[0].broker_name, "Wang");
    EXPECT_EQ((*clients)[1].id_masked, "");
    auto index = services::buildClientSearchIndex(*db);
    ASSERT_TRUE(index);
    auto r = index->search("hxr");
    ASSERT_EQ(r.total, 1u);
    EXPECT_EQ(r.hits[0].client_id, "C1");
    EXPECT_EQ(r.hits[0].phone_masked, "138****4244");

    // A tag set through the command layer is found once the index is built again.
    services::cmd::Command tag;
    tag.args = services::cmd::TagClients{{"C2"}, "高尔夫", "#2e7d32", false};
    auto applied = services::cmd::execute(*db, tag);
    ASSERT_TRUE(applied) << applied.error().toString();
    index = services::buildClientSearchIndex(*db);
    ASSERT_TRUE(index);
    r = index->search("高尔夫");
    ASSERT_EQ(r.total, 1u);
    EXPECT_EQ(r.hits[0].client_id, "C2");
    EXPECT_EQ(r.hits[0].match, MatchKind::Tag);
}
