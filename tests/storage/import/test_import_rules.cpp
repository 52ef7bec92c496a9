// One test per interchange import rule, each run on UTF-8 and GB18030 files: the exact located
// error (line, column, value) and, in strict mode, that no table changed.
#include "core/enums.h"
#include "core/filewords.h"
#include "core/idnumber.h"
#include "core/refusal.h"
#include "import_fixture.h"
#include "storage/import/import_rowparser.h"

namespace {

using bd::storage::ImportFiles;
using bd::storage::ImportOptions;
using bd::storage::ImportReport;

std::string validId() {
    const std::string first17 = "11010119800501001";
    return first17 + bd::idNumberCheckChar(first17);
}

const std::string kClientsHeader = "client_id,name,gender,birth_date,id_number,phone,email,broker_"
                                   "id,branch_id,open_date,risk_level,status,"
                                   "preferred_channel\n";
std::string clientsCsv() {
    return kClientsHeader + "C001,张三,M,1980-05-01," + validId() +
           ",13800138000,zs@example.com,B01,BR1,2020-01-02,C3,active,wechat\n"
           "C002,李四,女,,,+8613900000000,,B02,,2021-03-04,C1,正常,\n";
}
const std::string kTradesHeader = "trade_id,client_id,trade_time,security_code,side,quantity,price,"
                                  "amount,commission,fees,channel\n";

/// Asserts that `r` holds an error at line/column with `value` and a message containing `what`.
void expectError(const ImportReport& r, std::int64_t line, int column, const std::string& value,
                 const std::string& what) {
    for (const auto& e : r.errors)
        if (e.line == line && e.column == column && e.value == value &&
            e.message.find(what) != std::string::npos)
            return;
    std::string all;
    for (const auto& e : r.errors) all += e.toString() + "\n";
    ADD_FAILURE() << "no error at " << line << ":" << column << " (" << value << ") with '" << what
                  << "'; got:\n"
                  << all;
}

class ImportRules : public bdtest::ImportTest {
  protected:
    /// Imports the base clients so trades/assets/... have someone to refer to.
    void seedClients() {
        ImportFiles f;
        f.clients = write("seed_clients.csv", clientsCsv());
        ASSERT_TRUE(run(f).committed);
    }
    /// Strict import of one trades file that must be rejected without changing anything.
    ImportReport rejectTrades(const std::string& body) {
        seedClients();
        const std::string before = dump();
        ImportFiles f;
        f.trades = write("trades.csv", kTradesHeader + body);
        ImportReport r = run(f);
        EXPECT_FALSE(r.committed);
        EXPECT_EQ(dump(), before);
        // The bulk path drops the trade_days triggers for the load: the rollback restores them.
        EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT count(*) FROM sqlite_master WHERE type = "
                                               "'trigger' AND tbl_name = 'trades'"),
                  3);
        for (const auto& e : r.errors) EXPECT_EQ(e.file, *f.trades);
        return r;
    }
};

TEST_P(ImportRules, ClientsWithAllFieldsAndFkRowsCreated) {
    seedClients();
    EXPECT_EQ(count("clients"), 2);
    EXPECT_EQ(count("brokers"), 2);
    EXPECT_EQ(count("branches"), 1);
    auto st = db().prepare(
        "SELECT name, gender, birth_date, risk_level, status, preferred_channel, branch_id "
        "FROM clients WHERE client_id = 'C001'");
    ASSERT_TRUE(*st->step());
    EXPECT_EQ(st->text(0), "张三");
    EXPECT_EQ(st->int64(1), static_cast<int>(bd::Gender::Male));
    EXPECT_EQ(st->int64(2), bd::Date::fromYmd(1980, 5, 1).days);
    EXPECT_EQ(st->int64(3), 3);
    EXPECT_EQ(st->int64(4), static_cast<int>(bd::ClientStatus::Active));
    EXPECT_EQ(st->int64(5), static_cast<int>(bd::ContactChannel::Wechat));
    EXPECT_EQ(st->text(6), "BR1");
}

TEST_P(ImportRules, HeaderAliasesAnyOrderCaseAndSpacesUnknownReportedOnce) {
    seedClients();
    ImportFiles f;
    f.trades =
        write("trades.csv",
              " 成交金额 "
              ",Trade_ID,客户号,成交时间,证券代码,买卖方向,QUANTITY,成交价格,佣金,备用,委托方式\n"
              "\"1,234.50\",T1,C001,2024-01-02 09:30:00,600519,买入,10,123.45,5,x,手机\n"
              "1234.5,T2,C002,2024-01-03 10:00:00,000001.sz,sell,10,123.45,5,y,counter\n");
    ImportReport r = run(f);
    ASSERT_TRUE(r.committed);
    ASSERT_EQ(r.files.size(), 1u);
    EXPECT_EQ(r.files[0].rows_new, 2);
    EXPECT_EQ(r.files[0].unknown_columns, std::vector<std::string>{"备用"});
    EXPECT_EQ(r.files[0].encoding, enc() == bdtest::Enc::Utf8 ? "utf-8" : "gb18030");
    auto st =
        db().prepare("SELECT security_code, side, amount, channel FROM trades ORDER BY trade_id");
    ASSERT_TRUE(*st->step());
    EXPECT_EQ(st->text(0), "600519.SH"); // bare code gets its market
    EXPECT_EQ(st->int64(1), static_cast<int>(bd::Side::Buy));
    EXPECT_EQ(st->int64(2), 12345000);
    EXPECT_EQ(st->int64(3), static_cast<int>(bd::OrderChannel::Mobile));
    ASSERT_TRUE(*st->step());
    EXPECT_EQ(st->text(0), "000001.SZ");
}

TEST_P(ImportRules, MissingRequiredColumnIsFileLevel) {
    seedClients();
    const std::string before = dump();
    ImportFiles f;
    f.trades = write("trades.csv",
                     "trade_id,client_id,trade_time,security_code,side,quantity,amount,commission\n"
                     "T1,C001,2024-01-02 09:30:00,600519.SH,buy,10,100,5\n");
    ImportReport r = run(f);
    EXPECT_FALSE(r.committed);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].line, 1);
    EXPECT_NE(r.errors[0].message.find("missing required column price (or 成交价格)"),
              std::string::npos);
    EXPECT_EQ(dump(), before);
}

TEST_P(ImportRules, RequiredValueEmpty) {
    auto r = rejectTrades("T1,C001,2024-01-02 09:30:00,600519.SH,buy,10,,100,5,,\n");
    expectError(r, 2, 7, "", "required value is empty");
    EXPECT_EQ(r.errors[0].column_name, "price");
}

TEST_P(ImportRules, AllDateAndDateTimeFormsAccepted) {
    seedClients();
    ImportFiles f;
    f.trades = write("trades.csv", kTradesHeader +
                                       "T1,C001,2024-01-02 09:30:00,600519.SH,buy,10,10,100,5,,\n"
                                       "T2,C001,2024/01/02 09:30:01,600519.SH,buy,10,10,100,5,,\n"
                                       "T3,C001,20240102 09:30:02,600519.SH,buy,10,10,100,5,,\n"
                                       "T4,C001,2024-01-02T09:30:03,600519.SH,buy,10,10,100,5,,\n");
    f.assets =
        write("assets.csv", "client_id,date,cash,market_value,net_inflow\n"
                            "C001,2024-01-31,1,2,-3\nC001,2024/02/29,1,2,\nC001,20240331,1,2,0\n");
    ImportReport r = run(f);
    ASSERT_TRUE(r.committed);
    auto t =
        bd::storage::queryInt(db(), "SELECT sum(trade_time) - 4 * min(trade_time) FROM trades");
    EXPECT_EQ(*t, 0 + 1 + 2 + 3);
    auto d = bd::storage::queryInt(db(), "SELECT max(date) FROM assets");
    EXPECT_EQ(*d, bd::Date::fromYmd(2024, 3, 31).days);
}

TEST_P(ImportRules, InvalidDateLocated) {
    auto r = rejectTrades("T1,C001,2024-02-30 09:30:00,600519.SH,buy,10,10,100,5,,\n");
    expectError(r, 2, 3, "2024-02-30 09:30:00", "invalid date-time");
}

TEST_P(ImportRules, AmountsFourDecimalsAndQuotedThousands) {
    auto r = rejectTrades("T1,C001,2024-01-02 09:30:00,600519.SH,buy,10,10.12345,101.2345,5,,\n"
                          "T2,C001,2024-01-02 09:30:00,600519.SH,buy,1000,10,10,000,5,,\n");
    expectError(r, 2, 7, "10.12345", "invalid amount");
    // Unquoted thousands separator splits the field: the row has too many fields.
    expectError(r, 3, 0, "", "expected 11 fields as in the header, found 12");
}

TEST_P(ImportRules, EnumerationsEnglishOrChineseElseRejected) {
    auto r = rejectTrades("T1,C001,2024-01-02 09:30:00,600519.SH,hold,10,10,100,5,,\n"
                          "T2,C001,2024-01-02 09:30:00,600519.SH,卖出,10,10,100,5,,网上\n"
                          "T3,C001,2024-01-02 09:30:00,600519.SH,sell,10,10,100,5,,fax\n");
    ASSERT_EQ(r.errors.size(), 2u);
    expectError(r, 2, 5, "hold", "expected one of buy, sell");
    expectError(r, 4, 11, "fax", "expected one of online");
}

TEST_P(ImportRules, QuantityPriceAmountCommissionFees) {
    auto r = rejectTrades("T1,C001,2024-01-02 09:30:00,600519.SH,buy,0,10,0,5,,\n"
                          "T2,C001,2024-01-02 09:30:00,600519.SH,buy,10.5,10,105,5,,\n"
                          "T3,C001,2024-01-02 09:30:00,600519.SH,buy,10,0,0,5,,\n"
                          "T4,C001,2024-01-02 09:30:00,600519.SH,buy,10,10,100.02,5,,\n"
                          "T5,C001,2024-01-02 09:30:00,600519.SH,buy,10,10,100.01,-5,,\n"
                          "T6,C001,2024-01-02 09:30:00,600519.SH,buy,10,10,100,5,-0.01,\n"
                          "T7,C001,2024-01-02 09:30:00,600519.SH,buy,3,33.3333,99.9999,0,0,\n");
    expectError(r, 2, 6, "0", "must be greater than 0");
    expectError(r, 3, 6, "10.5", "expected a whole number");
    expectError(r, 4, 7, "0", "must be greater than 0");
    expectError(r, 5, 8, "100.02", "amount differs from quantity x price (100.00)");
    expectError(r, 6, 9, "-5", "must not be negative");
    expectError(r, 7, 10, "-0.01", "must not be negative");
    EXPECT_EQ(r.errors.size(), 6u); // T7 is within 0.01: accepted
}

TEST_P(ImportRules, AmountToleranceIsRelativeForLargeTrades) {
    seedClients();
    ImportFiles f;
    // 1,000,000 x 100 = 100,000,000; 1e-6 relative = 100 CNY.
    f.trades =
        write("trades.csv", kTradesHeader + "T1,C001,2024-01-02 09:30:00,600519.SH,buy,1000000,100,"
                                            "\"100,000,099.00\",5,,\n");
    EXPECT_TRUE(run(f).committed);
}

TEST_P(ImportRules, ClientMustExistInBookOrSameRun) {
    const std::string before = dump();
    ImportFiles f;
    f.clients = write("clients.csv", clientsCsv());
    f.trades = write("trades.csv", kTradesHeader +
                                       "T1,C001,2024-01-02 09:30:00,600519.SH,buy,10,10,100,5,,\n"
                                       "T2,C999,2024-01-02 09:30:00,600519.SH,buy,10,10,100,5,,\n");
    ImportReport r = run(f);
    EXPECT_FALSE(r.committed);
    ASSERT_EQ(r.errors.size(), 1u);
    expectError(r, 3, 2, "C999", "unknown client");
    EXPECT_EQ(dump(), before); // the good clients file is rolled back too
}

TEST_P(ImportRules, AmountCheckOfAnEnormousQuantityNamesTheProductInYuan) {
    // 10^18 shares x 1 CNY is beyond what Money holds: the message still gives the product.
    auto r =
        rejectTrades("T1,C001,2024-01-02 09:30:00,600519.SH,buy,1000000000000000000,1,5,5,,\n");
    ASSERT_EQ(r.errors.size(), 1u);
    expectError(r, 2, 8, "5", "amount differs from quantity x price (1000000000000000000.00)");
}

TEST_P(ImportRules, ProblemsOfOneRowAreListedInColumnOrder) {
    // The client is looked up after the row's other fields (to hide the lookup's cache miss);
    // its error must still come between the trade id's and the quantity's.
    auto r = rejectTrades(",C404,2024-01-02 09:30:00,600519.SH,buy,-10,10,100,5,,\n");
    ASSERT_EQ(r.errors.size(), 3u);
    EXPECT_EQ(r.errors[0].column, 1);
    EXPECT_EQ(r.errors[1].column, 2);
    EXPECT_NE(r.errors[1].message.find("unknown client"), std::string::npos);
    EXPECT_EQ(r.errors[2].column, 6);
    EXPECT_EQ(r.errors[2].value, "-10");
}

/// The fact of `r`'s error at line/column: its kind and values (issue 17: the readers word it).
const bd::RefusalFact* factAt(const ImportReport& r, std::int64_t line, int column) {
    for (const auto& e : r.errors)
        if (e.line == line && e.column == column && e.refusal) return &e.refusal->fact;
    ADD_FAILURE() << "no fact at " << line << ":" << column;
    return nullptr;
}

TEST_P(ImportRules, EveryRowProblemIsAFactOfKindColumnAndValue) {
    using bd::Arg;
    using K = bd::RefusalKind;
    auto r = rejectTrades("T1,C001,2024-13-01 09:30:00,600519.SH,hold,0,10,10,5,,\n"
                          "T2,C999,2024-01-02 09:30:00,60051,buy,1,10,99,5,-1,\n"
                          "T3,C001,2024-01-02 09:30:00,600519.SH,buy,1,,10,5,,fax\n");
    for (const auto& e : r.errors) EXPECT_TRUE(e.refusal) << e.toString();
    struct Want {
        std::int64_t line;
        int column;
        K kind;
        const char* field;
        const char* value;
    };
    for (const Want& w :
         {Want{2, 3, K::ImportDateTime, "trade_time", "2024-13-01 09:30:00"},
          Want{2, 5, K::ImportNotOneOf, "side", "hold"},
          Want{2, 6, K::ImportNotPositive, "quantity", "0"},
          Want{3, 2, K::ImportUnknownClient, "client_id", "C999"},
          Want{3, 4, K::ImportSecurityCode, "security_code", "60051"},
          Want{3, 8, K::ImportAmountMismatch, "amount", "99"},
          Want{3, 10, K::ImportNegative, "fees", "-1"}, Want{4, 7, K::Required, "price", ""},
          Want{4, 11, K::ImportNotOneOf, "channel", "fax"}}) {
        const bd::RefusalFact* f = factAt(r, w.line, w.column);
        if (!f) continue;
        EXPECT_EQ(f->kind, w.kind) << w.line << ":" << w.column;
        EXPECT_EQ(f->textOf(Arg::Field), w.field) << w.line << ":" << w.column;
        EXPECT_EQ(f->textOf(Arg::Value), w.value) << w.line << ":" << w.column;
    }
    // A refused word names the list its column takes (the readers word it in their language).
    if (const auto* side = factAt(r, 2, 5)) {
        EXPECT_EQ(side->countOf(Arg::Words), static_cast<int>(bd::FileWords::Side));
        EXPECT_FALSE(side->has(Arg::Note));
    }
    if (const auto* channel = factAt(r, 4, 11)) {
        EXPECT_EQ(channel->countOf(Arg::Words), static_cast<int>(bd::FileWords::OrderChannel));
    }
    // Its English is the rejects file's as it always was.
    expectError(r, 2, 5, "hold", "expected one of buy, sell (买入, 卖出)");
    expectError(r, 4, 11, "fax",
                "expected one of online, mobile, phone, counter (网上, 手机, 电话, 柜台)");
    if (const auto* amount = factAt(r, 3, 8)) {
        EXPECT_EQ(amount->textOf(Arg::Note), "10.00");
    }
    // The English stays as it was (logs, toString, the rejects file).
    expectError(r, 3, 2, "C999", "unknown client (not in the book nor in the clients file)");
}

TEST_P(ImportRules, FileProblemsAreFactsToo) {
    seedClients();
    ImportFiles f;
    f.trades =
        write("trades.csv",
              "trade_id,security_code,trade_time,side,quantity,price,amount,commission,price\n"
              "T1,600519.SH,2024-01-02 09:30:00,buy,10,10,100,5,10\n");
    ImportReport r = run(f);
    ASSERT_FALSE(r.errors.empty());
    bool missing = false, twice = false;
    for (const auto& e : r.errors) {
        ASSERT_TRUE(e.refusal) << e.toString();
        const auto& fact = e.refusal->fact;
        if (fact.kind == bd::RefusalKind::ImportMissingColumn) {
            missing = true;
            EXPECT_EQ(fact.textOf(bd::Arg::Field), "client_id");
            EXPECT_EQ(fact.textOf(bd::Arg::Note), "client_id, 客户号, 资金账号");
        }
        if (fact.kind == bd::RefusalKind::ImportDuplicateColumn) {
            twice = true;
            EXPECT_EQ(fact.textOf(bd::Arg::Field), "price");
            EXPECT_EQ(e.column, 9);
        }
    }
    EXPECT_TRUE(missing);
    EXPECT_TRUE(twice);
    f.trades = write("trades.csv", "");
    r = run(f);
    ASSERT_EQ(r.errors.size(), 1u);
    ASSERT_TRUE(r.errors[0].refusal);
    EXPECT_EQ(r.errors[0].refusal->fact.kind, bd::RefusalKind::ImportEmptyFile);
}

TEST_P(ImportRules, DuplicateNaturalKeyInFile) {
    auto r = rejectTrades("T1,C001,2024-01-02 09:30:00,600519.SH,buy,10,10,100,5,,\n"
                          "T2,C001,2024-01-02 09:30:00,600519.SH,buy,10,10,100,5,,\n"
                          "T1,C002,2024-01-03 09:30:00,600519.SH,buy,10,10,100,5,,\n");
    ASSERT_EQ(r.errors.size(), 1u);
    expectError(r, 4, 1, "T1", "duplicate natural key in this file (first on line 2)");
    ASSERT_TRUE(r.errors[0].refusal);
    EXPECT_EQ(r.errors[0].refusal->fact.kind, bd::RefusalKind::ImportDuplicateKey);
    EXPECT_EQ(r.errors[0].refusal->fact.countOf(bd::Arg::Item), 2);
}

TEST_P(ImportRules, ClientFieldChecks) {
    const std::string before = dump();
    ImportFiles f;
    std::string badId = validId();
    badId[17] = badId[17] == '1' ? '2' : '1';
    f.clients = write("clients.csv", kClientsHeader + "C001,张三,X,1980-05-01," + badId +
                                         ",138-0013,a@b,B01,BR1,2020-01-02,C6,gone,fax\n"
                                         ",,,,,,,,,,,,\n");
    ImportReport r = run(f);
    EXPECT_FALSE(r.committed);
    expectError(r, 2, 3, "X", "expected one of M, F");
    expectError(r, 2, 5, badId, "GB 11643");
    expectError(r, 2, 6, "138-0013", "invalid phone");
    expectError(r, 2, 11, "C6", "expected C1 … C5");
    expectError(r, 2, 12, "gone", "expected one of active");
    expectError(r, 2, 13, "fax", "expected one of phone");
    expectError(r, 3, 1, "", "required value is empty");
    expectError(r, 3, 2, "", "required value is empty");
    expectError(r, 3, 8, "", "required value is empty");
    expectError(r, 3, 10, "", "required value is empty");
    EXPECT_EQ(r.errors.size(), 10u);
    EXPECT_EQ(dump(), before);
}

TEST_P(ImportRules, SecuritiesRiskAndCodes) {
    const std::string before = dump();
    ImportFiles f;
    f.securities = write("securities.csv", "证券代码,证券名称,板块,风险等级,行业\n"
                                           "600519,贵州茅台,主板,R3,白酒\n"
                                           "12345,坏代码,main,R9,\n");
    ImportReport r = run(f);
    EXPECT_FALSE(r.committed);
    expectError(r, 3, 1, "12345", "invalid security code");
    expectError(r, 3, 4, "R9", "expected R1 … R5");
    EXPECT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(dump(), before);
}

// Issue 17: a securities file's facts name its columns as a security's: its name column is a
// security's name (not a client's, though both files call it "name"), a bad board word names
// the board list.
TEST_P(ImportRules, ASecuritiesFilesFactsNameASecuritysColumns) {
    ImportFiles f;
    f.securities = write("securities.csv", "security_code,name,board\n"
                                           "600519.SH,,bluechip\n");
    ImportReport r = run(f);
    EXPECT_FALSE(r.committed);
    ASSERT_EQ(r.errors.size(), 2u);
    if (const auto* name = factAt(r, 2, 2)) {
        EXPECT_EQ(name->kind, bd::RefusalKind::Required);
        EXPECT_EQ(name->textOf(bd::Arg::Field), "security_name");
    }
    if (const auto* board = factAt(r, 2, 3)) {
        EXPECT_EQ(board->kind, bd::RefusalKind::ImportNotOneOf);
        EXPECT_EQ(board->textOf(bd::Arg::Field), "board");
        EXPECT_EQ(board->countOf(bd::Arg::Words), static_cast<int>(bd::FileWords::Board));
    }
    expectError(r, 2, 3, "bluechip", "expected one of main, chinext, star, bse, fund, bond");
    // A missing name column too; the header it may have stays "name".
    f.securities = write("securities.csv", "security_code\n600519.SH\n");
    r = run(f);
    ASSERT_EQ(r.errors.size(), 1u);
    ASSERT_TRUE(r.errors[0].refusal);
    EXPECT_EQ(r.errors[0].refusal->fact.kind, bd::RefusalKind::ImportMissingColumn);
    EXPECT_EQ(r.errors[0].refusal->fact.textOf(bd::Arg::Field), "security_name");
    EXPECT_EQ(r.errors[0].refusal->fact.textOf(bd::Arg::Note), "name, 证券名称");
    // A clients file's name is a person's, as before.
    f = {};
    f.clients = write("clients.csv", kClientsHeader + "C001,,M,,,,,B01,,2020-01-02,,,\n");
    r = run(f);
    if (const auto* name = factAt(r, 2, 2)) {
        EXPECT_EQ(name->textOf(bd::Arg::Field), "name");
    }
}

TEST_P(ImportRules, ContactsAndPositionsValidation) {
    seedClients();
    const std::string before = dump();
    ImportFiles f;
    f.contacts = write("contacts.csv",
                       "客户号,客户经理,联系时间,渠道,方向,结果,满意度,备注,下次跟进\n"
                       "C001,B01,2024-01-02 10:00:00,微信,呼出,reached,5,\"好, 很好\",2024-02-01\n"
                       "C001,B01,2024-01-02 10:00:00,telegram,,,6,,\n");
    f.positions =
        write("positions.csv", "client_id,date,security_code,quantity,cost_price,close_price\n"
                               "C001,2024-01-31,600519,-1,10,11\n");
    ImportReport r = run(f);
    EXPECT_FALSE(r.committed);
    expectError(r, 3, 4, "telegram", "expected one of phone");
    expectError(r, 3, 7, "6", "must be between 1 and 5");
    expectError(r, 2, 4, "-1", "must be at least 0");
    EXPECT_EQ(r.errors.size(), 3u);
    EXPECT_EQ(dump(), before);
}

TEST_P(ImportRules, Rfc4180QuotingCrlfAndLineNumbers) {
    seedClients();
    ImportFiles f;
    f.contacts =
        write("contacts.csv",
              "client_id,broker_id,contact_time,channel,notes\r\n"
              "C001,B01,2024-01-02 10:00:00,phone,\"said \"\"call me\"\",\r\nlater, ok\"\r\n"
              "C001,B01,2024-01-03 10:00:00,sms,plain\r\n"
              "\r\n"
              "C001,B01,bad,sms,x\r\n");
    ImportReport r = run(f);
    EXPECT_FALSE(r.committed);
    ASSERT_EQ(r.errors.size(), 1u);
    expectError(r, 6, 3, "bad", "invalid date-time"); // physical line: the quoted newline counts
    f.contacts =
        write("contacts.csv",
              "client_id,broker_id,contact_time,channel,notes\r\n"
              "C001,B01,2024-01-02 10:00:00,phone,\"said \"\"call me\"\",\r\nlater, ok\"\r\n");
    ASSERT_TRUE(run(f).committed);
    auto st = db().prepare("SELECT notes FROM contacts");
    ASSERT_TRUE(*st->step());
    EXPECT_EQ(st->text(0), "said \"call me\",\r\nlater, ok");
}

TEST_P(ImportRules, TruncatedLastLine) {
    auto r = rejectTrades("T1,C001,2024-01-02 09:30:00,600519.SH,buy,10,10,100,5,,\n"
                          "T2,C001,2024-01-02 09:30:00,600519.SH,buy,10,10,100,5,,\"onl");
    ASSERT_EQ(r.errors.size(), 1u);
    expectError(r, 3, 11, "", "unterminated quoted field");
}

TEST_P(ImportRules, BinaryGarbageNulBytes) {
    seedClients();
    const std::string before = dump();
    ImportFiles f;
    std::string text = kTradesHeader + "T1,C001,2024-01-02 09:30:00,600519.SH,buy,10,10,100,5,,\n";
    std::string bytes = enc() == bdtest::Enc::Utf8 ? text : *bd::storage::utf8ToGb18030(text);
    bytes += std::string("T2,C0\0\x01\x02", 8);
    f.trades = writeBytes("trades.csv", bytes);
    ImportReport r = run(f);
    EXPECT_FALSE(r.committed);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].line, 3);
    EXPECT_EQ(r.errors[0].column, 6);
    EXPECT_NE(r.errors[0].message.find("NUL"), std::string::npos);
    ASSERT_TRUE(r.errors[0].refusal);
    EXPECT_EQ(r.errors[0].refusal->fact.kind, bd::RefusalKind::ImportBinary);
    EXPECT_EQ(dump(), before);
}

TEST_P(ImportRules, InvalidBytesInForcedEncoding) {
    ImportFiles f;
    // A lone 0xFF is invalid in UTF-8 and in GB18030.
    f.securities =
        writeBytes("securities.csv", "security_code,name\n600519.SH,ok\n600000.SH,b\xFF\n");
    ImportOptions o;
    o.encoding =
        enc() == bdtest::Enc::Utf8 ? bd::storage::Encoding::Utf8 : bd::storage::Encoding::Gb18030;
    ImportReport r = run(f, o);
    EXPECT_FALSE(r.committed);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].line, 3);
    EXPECT_EQ(r.errors[0].column, 12);
    EXPECT_EQ(r.errors[0].value, "0xFF 0x0A");
    ASSERT_TRUE(r.errors[0].refusal);
    EXPECT_EQ(r.errors[0].refusal->fact.kind, bd::RefusalKind::ImportEncoding);
    EXPECT_EQ(r.errors[0].refusal->fact.textOf(bd::Arg::Value), "0xFF 0x0A");
    EXPECT_EQ(count("securities"), 0);
}

TEST_P(ImportRules, ForcedEncodingDecodesChinese) {
    ImportFiles f;
    f.securities = write("securities.csv", "证券代码,证券名称\n600519.SH,贵州茅台\n");
    ImportOptions o;
    o.encoding =
        enc() == bdtest::Enc::Utf8 ? bd::storage::Encoding::Utf8 : bd::storage::Encoding::Gb18030;
    ASSERT_TRUE(run(f, o).committed);
    auto st = db().prepare("SELECT name FROM securities");
    ASSERT_TRUE(*st->step());
    EXPECT_EQ(st->text(0), "贵州茅台");
}

TEST_P(ImportRules, MixedEncodingsRejected) {
    ImportFiles f;
    const std::string utf8Line = "600519.SH,贵州茅台\n";
    const std::string gbLine = *bd::storage::utf8ToGb18030("000001.SZ,平安银行\n");
    // The test's encoding decides which one comes first.
    f.securities = writeBytes("securities.csv", "security_code,name\n" + (enc() == bdtest::Enc::Utf8
                                                                              ? utf8Line + gbLine
                                                                              : gbLine + utf8Line));
    ImportReport r = run(f);
    EXPECT_FALSE(r.committed);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_NE(r.errors[0].message.find("mixed encodings"), std::string::npos);
    EXPECT_EQ(r.errors[0].line, enc() == bdtest::Enc::Utf8 ? 3 : 2);
    ASSERT_TRUE(r.errors[0].refusal);
    EXPECT_EQ(r.errors[0].refusal->fact.kind, bd::RefusalKind::ImportMixedEncoding);
    EXPECT_EQ(r.errors[0].refusal->fact.countOf(bd::Arg::Item),
              enc() == bdtest::Enc::Utf8 ? 2 : 3); // the other line, which is UTF-8
    EXPECT_EQ(count("securities"), 0);
}

TEST_P(ImportRules, EmptyFileHasNoHeader) {
    ImportFiles f;
    f.clients = write("clients.csv", enc() == bdtest::Enc::Utf8 ? "\xEF\xBB\xBF" : "");
    ImportReport r = run(f);
    EXPECT_FALSE(r.committed);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_NE(r.errors[0].message.find("empty file"), std::string::npos);
    EXPECT_EQ(count("clients"), 0);
}

TEST_P(ImportRules, Utf8BomAccepted) {
    ImportFiles f;
    f.clients = write("clients.csv", clientsCsv());
    if (enc() == bdtest::Enc::Utf8)
        f.clients = writeBytes("clients.csv", "\xEF\xBB\xBF" + clientsCsv());
    ImportReport r = run(f);
    ASSERT_TRUE(r.committed);
    EXPECT_EQ(r.files[0].encoding, enc() == bdtest::Enc::Utf8 ? "utf-8 (BOM)" : "gb18030");
    EXPECT_EQ(count("clients"), 2);
}

TEST_P(ImportRules, LenientImportsGoodRowsAndWritesRejects) {
    seedClients();
    ImportFiles f;
    f.trades = write("trades.csv", kTradesHeader +
                                       "T1,C001,2024-01-02 09:30:00,600519.SH,buy,10,10,100,5,,\n"
                                       "T2,C404,2024-01-02 09:30:00,600519.SH,买入,10,10,100,5,,\n"
                                       "T3,C002,2024-01-02 09:30:00,600519.SH,buy,10,10,100,5,,\n");
    ImportOptions o;
    o.lenient = true;
    o.rejects_path = path("rejects.csv");
    ImportReport r = run(f, o);
    ASSERT_TRUE(r.committed);
    EXPECT_EQ(r.files[0].rows_new, 2);
    EXPECT_EQ(r.files[0].rows_rejected, 1);
    EXPECT_EQ(count("trades"), 2);
    std::ifstream in(o.rejects_path, std::ios::binary);
    const std::string rejects((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
    EXPECT_EQ(rejects,
              "file,line,column,column_name,value,reason,record\n" + *f.trades +
                  ",3,2,client_id,C404,unknown client (not in the book nor in the clients file),"
                  "\"T2,C404,2024-01-02 09:30:00,600519.SH,买入,10,10,100,5,,\"\n");
    auto log =
        bd::storage::queryInt(db(), "SELECT rows_rejected FROM import_log WHERE kind = 'trades'");
    EXPECT_EQ(*log, 1);
}

TEST_P(ImportRules, IdempotentReimportCountsNewUpdatedUnchanged) {
    seedClients();
    ImportFiles f;
    f.clients = write("clients.csv", clientsCsv());
    f.trades = write("trades.csv", kTradesHeader +
                                       "T1,C001,2024-01-02 09:30:00,600519.SH,buy,10,10,100,5,,\n"
                                       "T2,C002,2024-01-02 09:30:00,600519.SH,buy,10,10,100,5,,\n");
    ImportReport first = run(f);
    ASSERT_TRUE(first.committed);
    EXPECT_EQ(first.files[0].rows_unchanged, 2); // the clients were seeded already
    EXPECT_EQ(first.files[1].rows_new, 2);
    f.trades = write("trades.csv", kTradesHeader +
                                       "T1,C001,2024-01-02 09:30:00,600519.SH,buy,10,10,100,5,,\n"
                                       "T2,C002,2024-01-02 09:30:00,600519.SH,buy,10,10,100,6,,\n"
                                       "T3,C002,2024-01-02 09:30:00,600519.SH,buy,10,10,100,5,,\n");
    ImportReport second = run(f);
    ASSERT_TRUE(second.committed);
    EXPECT_EQ(second.files[1].rows_new, 1);
    EXPECT_EQ(second.files[1].rows_updated, 1);
    EXPECT_EQ(second.files[1].rows_unchanged, 1);
    EXPECT_EQ(count("trades"), 3);
    EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT commission FROM trades WHERE trade_id = 'T2'"),
              60000);
    EXPECT_EQ(count("import_log"), 5); // seed + 2 + 2 files
}

INSTANTIATE_TEST_SUITE_P(Enc, ImportRules, BD_IMPORT_ENCODINGS);

} // namespace

namespace {

class ImportProgressTest : public bdtest::ImportTest {};

TEST_P(ImportProgressTest, ReportsBytesAndRowsUpToTheEnd) {
    std::string csv = "security_code,name\n";
    for (int i = 0; i < 5000; ++i)
        csv += std::to_string(600000 + i) + ",证券" + std::to_string(i) + "\n";
    bd::storage::ImportFiles f;
    f.securities = write("s.csv", csv);
    bd::storage::ImportOptions o;
    std::vector<bd::storage::ImportProgress> seen;
    o.progress = [&](const bd::storage::ImportProgress& p) { seen.push_back(p); };
    ASSERT_TRUE(run(f, o).committed);
    ASSERT_GE(seen.size(), 2u); // batches of 2048 rows
    for (std::size_t i = 1; i < seen.size(); ++i)
        EXPECT_GE(seen[i].bytes_done, seen[i - 1].bytes_done);
    EXPECT_EQ(seen.back().bytes_done, seen.back().bytes_total);
    EXPECT_EQ(seen.back().rows, 5000);
    EXPECT_EQ(seen.back().kind, bd::storage::ImportKind::Securities);
}

INSTANTIATE_TEST_SUITE_P(Enc, ImportProgressTest, BD_IMPORT_ENCODINGS);

} // namespace

TEST_P(ImportRules, RiskAssessmentDateUnderItsChineseHeaderOptionalAndChecked) {
    ImportFiles f;
    f.clients = write("clients.csv", "客户号,客户姓名,客户经理,开户日期,风险等级,风险测评日期\n"
                                     "C001,张三,B01,2020-01-02,C3,2025-03-04\n"
                                     "C002,李四,B01,2020-01-02,C2,\n");
    ASSERT_TRUE(run(f).committed);
    auto st = db().prepare("SELECT risk_assessed_on FROM clients ORDER BY client_id");
    ASSERT_TRUE(*st->step());
    EXPECT_EQ(st->int64(0), bd::Date::fromYmd(2025, 3, 4).days);
    ASSERT_TRUE(*st->step());
    EXPECT_TRUE(st->isNull(0)); // no date: none

    ImportFiles bad;
    bad.clients = write("bad.csv", "client_id,name,broker_id,open_date,risk_assessed_on\n"
                                   "C003,王五,B01,2020-01-02,2025-02-30\n");
    const ImportReport r = run(bad);
    EXPECT_FALSE(r.committed);
    expectError(r, 2, 5, "2025-02-30", "date");
}

// The English list of a refused word's message (the rejects file's) is the list its fact
// names: the same words, in the same order, whatever Chinese words follow in brackets.
TEST(ImportWords, TheRejectsFilesEnglishListIsTheListTheFactNames) {
    for (int i = 1; i < bd::kFileWordsCount; ++i) {
        const auto w = static_cast<bd::FileWords>(i);
        std::string words;
        for (const int code : bd::fileWordCodes(w))
            words += (words.empty() ? "" : ", ") + std::string(bd::fileWord(w, code));
        const std::string_view message = bd::storage::imp::fileWordsMessage(w);
        EXPECT_TRUE(message == words || message.starts_with(words + " (")) << i << ": " << message;
    }
}
