// import -> export -> import: the same rows come back and the second import changes nothing.
#include "core/idnumber.h"
#include "import_fixture.h"
#include "storage/book/exporter.h"

namespace {

using bd::storage::ImportFiles;
using bd::storage::ImportKind;

class ExportRoundTrip : public bdtest::ImportTest {};

TEST_P(ExportRoundTrip, ImportExportImportIsUnchanged) {
    const std::string id17 = "44030419900101002";
    ImportFiles f;
    f.securities = write(
        "s.csv", "证券代码,证券名称,板块,风险等级,行业\n600519,贵州茅台,主板,R3,\"白酒, 饮料\"\n"
                 "000001.SZ,平安银行,,,\n");
    f.clients = write("c.csv", "客户号,姓名,性别,出生日期,身份证号,手机,邮箱,客户经理,营业部,"
                               "开户日期,风险等级,状态,偏好渠道\n"
                               "C1,\"王 \"\"五\"\"\",女,1990-01-01," +
                                   id17 + bd::idNumberCheckChar(id17) +
                                   ",+8613800000000,w@x.cn,B1,BR1,20200102,c2,休眠,email\n"
                                   "C2,赵六,,,,,,B2,,2021/02/03,,,\n");
    f.trades =
        write("t.csv", "成交编号,客户号,成交时间,证券代码,买卖方向,成交数量,成交价格,成交金额,佣金,"
                       "其他费用,委托方式\n"
                       "T1,C1,20240102 09:30:00,600519,买入,100,1700.1234,170012.34,5.10,0.1,网上\n"
                       "T2,C2,2024-01-03T14:00:00,000001.SZ,sell,\"1,000\",10.5,10500,5,,\n");
    f.assets = write("a.csv", "client_id,date,cash,market_value,net_inflow\nC1,2024-01-31,\"1,000."
                              "5\",2,-3.25\nC2,2024-01-31,0,0,\n");
    f.contacts =
        write("k.csv",
              "client_id,broker_id,contact_time,channel,direction,outcome,satisfaction,notes,next_"
              "follow_up\n"
              "C1,B1,2024-01-02 10:00:00,拜访,呼入,callback,4,\"多行\n备注, 含逗号\",2024-02-01\n"
              "C2,B2,2024-01-02 10:00:00,other,,,,,\n");
    f.positions = write(
        "p.csv", "client_id,date,security_code,quantity,cost_price,close_price\n"
                 "C1,2024-01-31,600519.SH,100,1700.1234,1710\nC2,2024-01-31,000001,0,,10.01\n");
    auto first = run(f);
    ASSERT_TRUE(first.committed);
    const std::string stored = dump();

    ImportFiles again;
    const std::pair<ImportKind, std::optional<std::string>*> kinds[] = {
        {ImportKind::Securities, &again.securities}, {ImportKind::Clients, &again.clients},
        {ImportKind::Trades, &again.trades},         {ImportKind::Assets, &again.assets},
        {ImportKind::Contacts, &again.contacts},     {ImportKind::Positions, &again.positions}};
    for (const auto& [kind, slot] : kinds) {
        const std::string out =
            path(std::string(bd::storage::importKindName(kind)) + "_export.csv");
        auto n = bd::storage::exportInterchange(db(), kind, out);
        ASSERT_TRUE(n.ok()) << n.error().toString();
        EXPECT_EQ(*n, 2) << bd::storage::importKindName(kind);
        *slot = out;
    }
    auto text = bd::storage::exportInterchangeText(db(), ImportKind::Trades);
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(*text,
              "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,commission,"
              "fees,channel\n"
              "T1,C1,2024-01-02 09:30:00,600519.SH,buy,100,1700.1234,170012.34,5.10,0.10,online\n"
              "T2,C2,2024-01-03 14:00:00,000001.SZ,sell,1000,10.50,10500.00,5.00,,\n");
    auto second = run(again);
    ASSERT_TRUE(second.committed);
    for (const auto& r : second.files) {
        EXPECT_EQ(r.rows_unchanged, 2) << bd::storage::importKindName(r.kind);
        EXPECT_EQ(r.rows_new + r.rows_updated + r.rows_rejected, 0)
            << bd::storage::importKindName(r.kind);
        EXPECT_TRUE(r.unknown_columns.empty());
    }
    // Only the import log grew.
    const auto cut = [](const std::string& s) { return s.substr(0, s.find("[import_log]")); };
    EXPECT_EQ(cut(dump()), cut(stored));
}

INSTANTIATE_TEST_SUITE_P(Enc, ExportRoundTrip, BD_IMPORT_ENCODINGS);

} // namespace
