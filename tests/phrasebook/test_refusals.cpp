// Every refusal kind of the command layer in both languages: the field, the rule and the values
// that decided it in words, no raw identifier (no field key, no operation kind as the trail
// keeps it) and no English in the Chinese beyond what people read as it is (ids, C1..C5).
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "core/enums.h"
#include "core/filewords.h"
#include "core/refusal.h"
#include "phrasebook/phrasebook.h"

using namespace bd;
using phrase::Lang;

namespace {

using F = RefusalFact;
using K = RefusalKind;

std::string rawIdentifier(const std::string& text) {
    static const std::regex snake(R"([A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+|\b[a-z]+\.[a-z]+\b)");
    std::smatch m;
    return std::regex_search(text, m, snake) ? m.str() : std::string();
}

std::string englishIn(const std::string& zh) {
    // Ids and values as given (C1, B9, alice, asleep, T1), the checksum standard, C1..C5,
    // R1..R5, VIP, HHI, the encodings UTF-8 and GB18030.
    static const std::set<std::string> kTokens{"C",   "B",   "GB", "VIP", "alice", "asleep",
                                               "red", "HHI", "R",  "T",   "UTF"};
    static const std::regex letters(R"([A-Za-z]+)");
    for (auto it = std::sregex_iterator(zh.begin(), zh.end(), letters);
         it != std::sregex_iterator(); ++it)
        if (!kTokens.count(it->str())) return it->str();
    return {};
}

/// Operation 5 overtaken by operation 8 of alice, which changed `entity` `id`.
F overtaken(const char* operationKind, const char* entity, const char* id) {
    return F(K::Overtaken)
        .count(Arg::Operation, 5)
        .count(Arg::By, 8)
        .text(Arg::OperationKind, operationKind)
        .text(Arg::Actor, "alice")
        .text(Arg::At, "2026-12-05 10:00:00")
        .text(Arg::Entity, entity)
        .text(Arg::EntityId, id);
}

F field(K kind, const char* key, const char* value) {
    return F(kind).text(Arg::Field, key).text(Arg::Value, value);
}

/// A setting's value outside low..high.
F setting(const char* key, const char* value, double low, double high, int bounds, RangeUnit unit) {
    return field(K::SettingRange, key, value)
        .value(Arg::Low, low)
        .value(Arg::High, high)
        .count(Arg::Bounds, bounds)
        .count(Arg::Unit, static_cast<int>(unit));
}

/// One refusal of each kind, with the values the command layer gives it.
std::vector<F> everyKind() {
    const Date day = Date::fromYmd(2026, 12, 5);
    return {
        field(K::Required, "name", ""),
        field(K::IdNumberChecksum, "id_number", "110101199003070001"),
        field(K::PhoneFormat, "phone", "138-1234"),
        field(K::DateFormat, "birth_date", "1990-02-30"),
        field(K::FutureDate, "risk_assessed_on", "2030-01-01"),
        field(K::NotOneOf, "status", "asleep"),
        field(K::RiskLevelRange, "risk_level", "C7"),
        field(K::UnknownBroker, "broker_id", "B9"),
        field(K::UnknownBranch, "branch_id", "B9"),
        F(K::UnknownClient).text(Arg::Client, "C9"),
        F(K::UnknownContact).count(Arg::Id, 12),
        F(K::UnknownPlanItem).count(Arg::Id, 7),
        field(K::UnknownSetting, "setting", "B"),
        field(K::UnknownSurvey, "survey", "").count(Arg::Id, 3),
        F(K::ClientExists).text(Arg::Client, "C1"),
        field(K::SlashInId, "client", "C1/C2"),
        field(K::TooLong, "tag", "").count(Arg::Min, 1).count(Arg::Max, 40),
        field(K::BadColour, "colour", "red"),
        field(K::OutOfRange, "satisfaction", "9").count(Arg::Min, 1).count(Arg::Max, 5),
        field(K::NothingNamed, "client", ""),
        field(K::NamedTwice, "setting", "B"),
        F(K::StaleVersion).text(Arg::Client, "C1").count(Arg::Version, 4).count(Arg::BasedOn, 3),
        field(K::FieldConflict, "phone", "13900000002").text(Arg::Now, "13900000001"),
        F(K::ChangedSince).text(Arg::Client, "C1").count(Arg::BasedOn, 3),
        F(K::ContactVoid).count(Arg::Id, 12).text(Arg::Note, "误录"),
        F(K::MergeIntoItself).text(Arg::Client, "C1"),
        F(K::MergedAlready).text(Arg::Client, "C2").text(Arg::Other, "C1"),
        F(K::RelatedToItself).text(Arg::Client, "C1"),
        F(K::NotRelated).text(Arg::Client, "C1").text(Arg::Other, "C2"),
        F(K::NoSuchOperation).count(Arg::Operation, 99),
        F(K::NotUndoable)
            .count(Arg::Operation, 5)
            .text(Arg::OperationKind, "plan.skip")
            .text(Arg::Entity, "task"),
        F(K::UndoLoggedContact).count(Arg::Operation, 5).text(Arg::OperationKind, "contact.log"),
        F(K::UndoneAlready).count(Arg::Operation, 5).count(Arg::By, 6),
        overtaken("client.edit", "client", "C1"),
        F(K::WeekdayAdjusted).date(Arg::On, day),
        F(K::WeekendClosure).date(Arg::On, day),
        F(K::EmptyAudience)
            .count(Arg::Audience, static_cast<int>(AudienceKind::Vips))
            .date(Arg::On, day),
        field(K::UnknownTag, "tag", "B"),
        setting("value.vip_percent", "150", 0, 100, kLowOpen, RangeUnit::Percent),
        F(K::SettingsOrder)
            .text(Arg::Field, "segments.kotler.few_share")
            .text(Arg::OtherField, "segments.kotler.many_share"),
        F(K::SettingsBothZero)
            .text(Arg::Field, "value.weight_profit")
            .text(Arg::OtherField, "value.weight_clv"),
        F(K::PlanItemClosed).count(Arg::Id, 7),
        F(K::UnknownSegment).count(Arg::Id, 4),
        F(K::SurveyNotReached),
        F(K::NoOpenSurveyCall).text(Arg::Client, "C1").count(Arg::Id, 2),
        F(K::AnswerCount).count(Arg::Id, 3).count(Arg::Count, 4).text(Arg::Value, "2"),
        F(K::ManagersOnly).text(Arg::OperationKind, "survey.launch"),
        F(K::AudienceChanged).count(Arg::Id, 5),
        F(K::NotYours).text(Arg::Entity, "contact").text(Arg::EntityId, "12"),
        F(K::LeavesLoginsBook).text(Arg::Client, "C1"),
        F(K::ClientInUse).text(Arg::Client, "C1"),
        // Import problems: a column of an interchange file by its key, the value as written.
        field(K::ImportDateTime, "trade_time", "2024-13-01 09:30"),
        field(K::ImportAmount, "amount", "1.23456"),
        field(K::ImportAmountTooLarge, "cash", "99999999999999999999"),
        field(K::ImportNotPositive, "price", "0"),
        field(K::ImportNegative, "commission", "-1"),
        field(K::ImportWholeNumber, "quantity", "1.5"),
        field(K::ImportNumberTooLarge, "quantity", "99999999999999999999"),
        field(K::ImportSecurityRisk, "risk_level", "R9"),
        field(K::ImportNotOneOf, "side", "持有")
            .count(Arg::Words, static_cast<int>(FileWords::Side)),
        field(K::ImportSecurityCode, "security_code", "60051"),
        field(K::ImportUnknownClient, "client_id", "C9"),
        field(K::ImportAmountMismatch, "amount", "100").text(Arg::Note, "1,000.00"),
        field(K::ImportDuplicateColumn, "client_id", "资金账号"),
        F(K::ImportMissingColumn).text(Arg::Field, "client_id").text(Arg::Note, "客户号, 资金账号"),
        F(K::ImportFieldCount).count(Arg::Count, 11).text(Arg::Value, "10"),
        F(K::ImportDuplicateKey).text(Arg::Value, "T1").count(Arg::Item, 2),
        F(K::ImportEmptyFile),
        F(K::ImportNotChecked),
        F(K::ImportEncoding).text(Arg::Value, "0xC3 0x28"),
        F(K::ImportOpenQuote),
        F(K::ImportAfterQuote),
        F(K::ImportBinary).text(Arg::Value, "0x00 0x01"),
        F(K::ImportAmbiguousEncoding)
            .text(Arg::Value, "0xC2 0xAC 0xCE 0xB0")
            .text(Arg::AsUtf8, "¬ΰ")
            .text(Arg::AsGb18030, "卢伟"),
        F(K::ImportMixedEncoding).text(Arg::Value, "0xC6 0xBD").count(Arg::Item, 2),
    };
}

/// Every setting key of the catalogue's kinds: one of each pattern and each plain key.
const char* const kSettingKeys[] = {
    "value.handling_rate",
    "value.spread_rate",
    "value.maintenance_per_year",
    "value.channel_cost.phone",
    "value.channel_cost.unknown",
    "value.clv_horizon_weeks",
    "value.vip_percent",
    "value.weight_profit",
    "value.weight_clv",
    "value.aum_rich_quantile",
    "value.low_value_quantile",
    "segments.kotler.many_share",
    "segments.kotler.few_share",
    "segments.kotler.high_margin_ratio",
    "segments.kotler.low_margin_ratio",
    "plan.service_desk_capacity",
    "plan.low_value_slipping_share",
    "plan.channel_limit.wechat",
    "plan.broker_capacity.B1",
    "plan.deadline.asset_outflow",
    "plan.deadline.onboarding",
    "portfolio.risk.top1_share",
    "portfolio.risk.top3_share",
    "portfolio.risk.hhi",
    "portfolio.risk.max_drawdown",
    "portfolio.risk.volatility",
    "portfolio.risk.growth_board_share",
    "portfolio.suitability.growth_board_min_level",
    "portfolio.cost_method",
    "risk_assessment.validity_months",
};

} // namespace

TEST(Refusals, EveryKindIsWordedInBothLanguagesWithoutRawIdentifiers) {
    const auto facts = everyKind();
    std::set<K> seen;
    for (const F& f : facts) {
        seen.insert(f.kind);
        const std::string en = phrase::refusal(f, Lang::En), zh = phrase::refusal(f, Lang::Zh);
        const std::string what = std::to_string(static_cast<int>(f.kind));
        EXPECT_FALSE(en.empty()) << what;
        EXPECT_FALSE(zh.empty()) << what;
        EXPECT_NE(en, zh) << what;
        EXPECT_EQ(rawIdentifier(en), "") << what << ": " << en;
        EXPECT_EQ(rawIdentifier(zh), "") << what << ": " << zh;
        EXPECT_EQ(englishIn(zh), "") << what << ": " << zh;
        EXPECT_EQ(en.find("refused"), std::string::npos) << what << ": the general words";
    }
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(kRefusalKindCount - 1))
        << "a refusal kind without a case here";
}

TEST(Refusals, AManagersOnlyChangeOnABranchServerNamesTheChange) {
    const F launch = F(K::ManagersOnly).text(Arg::OperationKind, "survey.launch");
    EXPECT_EQ(phrase::refusal(launch, Lang::En),
              "not permitted: on a branch server only a manager may do this (survey campaign "
              "launched)");
    EXPECT_EQ(
        phrase::refusal(F(K::ManagersOnly).text(Arg::OperationKind, "survey.create"), Lang::Zh),
        "无权操作：在营业部服务器上，新建问卷只能由营业部经理进行");
}

TEST(Refusals, ABranchServersPolicyRefusalNamesWhatItKeepsFromTheLogin) {
    EXPECT_EQ(phrase::refusal(F(K::NotYours).text(Arg::Entity, "client").text(Arg::EntityId, "C1"),
                              Lang::En),
              "not permitted: client C1 is outside this login's book (another broker's or "
              "branch's)");
    EXPECT_EQ(phrase::refusal(F(K::NotYours).text(Arg::Entity, "task").text(Arg::EntityId, "7"),
                              Lang::Zh),
              "无权操作：计划事项7不在本账号的客户范围内（属于其他客户经理或营业部）");
    EXPECT_EQ(phrase::refusal(F(K::NotYours), Lang::En),
              "not permitted: the branch server keeps this change from this login");
    // A colleague's call list: the broker's clients are what the server keeps from the login.
    const F colleague = F(K::NotYours).text(Arg::Entity, "broker").text(Arg::EntityId, "B2");
    EXPECT_EQ(phrase::refusal(colleague, Lang::En),
              "not permitted: broker B2's clients are outside this login's book (another "
              "broker's or branch's)");
    EXPECT_EQ(phrase::refusal(colleague, Lang::Zh),
              "无权操作：客户经理B2的客户不在本账号的客户范围内（属于其他客户经理或营业部）");
    EXPECT_EQ(phrase::refusal(F(K::LeavesLoginsBook).text(Arg::Client, "C1"), Lang::Zh),
              "无权操作：此修改会使客户C1移出本账号可修改的范围（转入其他客户经理或营业部名下）");
}

TEST(Refusals, NameTheFieldTheRuleAndWhatBlocksAnUndo) {
    EXPECT_EQ(phrase::refusal(field(K::IdNumberChecksum, "id_number", "X1"), Lang::En),
              "ID number 'X1': not a resident ID number (18 characters, GB 11643 checksum)");
    EXPECT_EQ(phrase::refusal(field(K::IdNumberChecksum, "id_number", "X1"), Lang::Zh),
              "身份证号“X1”不是有效的居民身份证号（应为18位，校验码须符合GB 11643）");
    EXPECT_EQ(phrase::refusal(field(K::UnknownBroker, "broker_id", "B9"), Lang::Zh),
              "客户经理“B9”不存在");
    // A call list's broker may be the service desk's queue: its id comes as a hint.
    const F queue = field(K::UnknownBroker, "broker_id", "B9").text(Arg::Broker, "service-desk");
    EXPECT_EQ(phrase::refusal(queue, Lang::En),
              "unknown broker 'B9' (the service desk's queue: service-desk)");
    EXPECT_EQ(phrase::refusal(queue, Lang::Zh),
              "客户经理“B9”不存在（服务台队列的编号为service-desk）");
    EXPECT_EQ(phrase::refusal(F(K::MergeIntoItself).text(Arg::Client, "C1"), Lang::Zh),
              "客户C1不能与自身合并");
    const F note = overtaken("note.add", "note", "17").text(Arg::Client, "C1");
    EXPECT_EQ(phrase::refusal(note, Lang::En),
              "operation 5 cannot be undone: operation 8 (note added by alice at 2026-12-05 "
              "10:00:00) changed note 17 of client C1 since");
    EXPECT_EQ(phrase::refusal(note, Lang::Zh),
              "操作5无法撤销：之后的操作8（alice于2026-12-05 10:00:00进行的添加笔记）修改了客户C1的"
              "笔记17");
    EXPECT_EQ(
        phrase::refusal(F(K::UndoneAlready).count(Arg::Operation, 5).count(Arg::By, 6), Lang::Zh),
        "操作5已被操作6撤销");
}

TEST(Refusals, AStaleEditShowsBothValuesOfEachField) {
    const Refusal r{
        F(K::StaleVersion).text(Arg::Client, "C1").count(Arg::Version, 4).count(Arg::BasedOn, 3),
        {field(K::FieldConflict, "phone", "13900000002").text(Arg::Now, "13900000001")}};
    EXPECT_EQ(phrase::refusal(r, Lang::En),
              "client C1 was changed by someone else (now version 4, this edit is based on "
              "version 3): phone is now '13900000001', this edit has '13900000002'");
    EXPECT_EQ(
        phrase::refusal(r, Lang::Zh),
        "客户C1已被他人修改（现为第4版，本次修改基于第3版）：手机号现为“13900000001”，本次修改"
        "为“13900000002”");
}

TEST(Refusals, AFieldsRefusalSaysWhoseFieldItIs) {
    Error e = makeError(ErrorCode::InvalidInput, "");
    e.refusal = std::make_shared<Refusal>(
        Refusal{field(K::UnknownBroker, "broker_id", "B9").text(Arg::Client, "C5"), {}});
    EXPECT_EQ(phrase::refusal(e, Lang::Zh), "客户C5：客户经理“B9”不存在");
    EXPECT_EQ(phrase::refusal(e, Lang::En), "client C5: unknown broker 'B9'");
}

TEST(Refusals, AnErrorWithoutARefusalKeepsItsLocatedMessage) {
    Error e = makeError(ErrorCode::Io, "disk full");
    e.file = "book.bdbook";
    EXPECT_EQ(phrase::refusal(e, Lang::Zh), "book.bdbook: disk full");
}

TEST(Refusals, EverySettingHasADisplayNameInBothLanguages) {
    for (const char* key : kSettingKeys) {
        const std::string en = phrase::settingName(key, Lang::En),
                          zh = phrase::settingName(key, Lang::Zh);
        EXPECT_FALSE(en.empty()) << key;
        EXPECT_FALSE(zh.empty()) << key;
        EXPECT_EQ(rawIdentifier(en), "") << key << ": " << en;
        EXPECT_EQ(rawIdentifier(zh), "") << key << ": " << zh;
        EXPECT_EQ(englishIn(zh), "") << key << ": " << zh;
        // Its refusal names it, never the key.
        const F f = setting(key, "9", 0, 1, kBothClosed, RangeUnit::Decimal);
        EXPECT_NE(phrase::refusal(f, Lang::Zh).find(zh), std::string::npos) << key;
        EXPECT_EQ(rawIdentifier(phrase::refusal(f, Lang::En)), "") << key;
    }
    EXPECT_EQ(phrase::settingName("no.such.setting", Lang::En), "");
}

TEST(Refusals, ASettingOutOfRangeNamesTheSettingAndItsRangeOpenBoundsIncluded) {
    const F vip = setting("value.vip_percent", "150", 0, 100, kLowOpen, RangeUnit::Percent);
    EXPECT_EQ(phrase::refusal(vip, Lang::En),
              "VIP share of clients '150': expected greater than 0% and at most 100%");
    EXPECT_EQ(phrase::refusal(vip, Lang::Zh), "VIP比例“150”超出范围：须在0%与100%之间（不含0%）");
    const F share =
        setting("segments.kotler.few_share", "1", 0, 1, kLowOpen | kHighOpen, RangeUnit::Decimal);
    EXPECT_EQ(phrase::refusal(share, Lang::En),
              "share of a segment of few clients '1': expected greater than 0 and less than 1");
    EXPECT_EQ(phrase::refusal(share, Lang::Zh),
              "客户少的客户群占比上限“1”超出范围：须在0与1之间（不含0和1）");
    const F rate = setting("value.handling_rate", "1.5", 0, 1, kHighOpen, RangeUnit::Decimal);
    EXPECT_EQ(phrase::refusal(rate, Lang::Zh),
              "交易所经手费率（占成交金额）“1.5”超出范围：须在0与1之间（不含1）");
    const F cost = setting("value.channel_cost.visit", "-1", 0, 1e6, kBothClosed, RangeUnit::Money);
    EXPECT_EQ(phrase::refusal(cost, Lang::En),
              "cost per visit contact '-1': expected from 0 CNY to 1,000,000 CNY");
    EXPECT_EQ(phrase::refusal(cost, Lang::Zh),
              "每次拜访联系的成本“-1”超出范围：须在0元与1,000,000元之间");
    const F months =
        setting("risk_assessment.validity_months", "121", 1, 120, kBothClosed, RangeUnit::Integer);
    EXPECT_EQ(phrase::refusal(months, Lang::En),
              "risk assessment validity (months) '121': expected a whole number from 1 to 120");
    EXPECT_EQ(phrase::refusal(months, Lang::Zh),
              "风险测评有效期（月）“121”超出范围：须为1至120之间的整数");
    EXPECT_EQ(phrase::refusal(field(K::NotOneOf, "portfolio.cost_method", "lifo"), Lang::Zh),
              "成本计算方法不接受“lifo”，应为平均成本或先进先出");
}

// Issue 17: an import problem located in the reader's language: file, line, column and its
// header as written, then the rule with the value; without a fact, the engine's English.
TEST(Refusals, AnImportProblemIsLocatedInTheReadersLanguage) {
    Error e = makeError(ErrorCode::InvalidInput, "invalid date-time");
    e.file = "trades.csv";
    e.line = 12;
    e.column = 3;
    e.column_name = "成交时间";
    e.value = "2024-13-01";
    e.refusal = std::make_shared<const Refusal>(
        Refusal{field(K::ImportDateTime, "trade_time", "2024-13-01"), {}});
    EXPECT_EQ(
        phrase::located(e, Lang::Zh),
        "trades.csv 第12行，第3列（成交时间）：成交时间“2024-13-01”不是有效的日期时间（格式为年-"
        "月-日 时:分:秒，如2024-06-28 09:30:00）");
    EXPECT_EQ(phrase::located(e, Lang::En),
              "trades.csv line 12, column 3 (成交时间): trade time '2024-13-01': expected a date "
              "and time YYYY-MM-DD HH:MM:SS");
    EXPECT_EQ(phrase::reasonOnly(e, Lang::Zh),
              "成交时间“2024-13-01”不是有效的日期时间（格式为年-月-日 时:分:秒，如2024-06-28 "
              "09:30:00）");
    // A file-level problem has no column.
    Error empty = makeError(ErrorCode::InvalidInput, "empty file: no header row");
    empty.file = "clients.csv";
    empty.line = 1;
    empty.refusal = std::make_shared<const Refusal>(Refusal{F(K::ImportEmptyFile), {}});
    EXPECT_EQ(phrase::located(empty, Lang::Zh), "clients.csv 第1行：文件为空：没有表头行");
    // No fact: the engine's own words, located as toString() does.
    Error plain = makeError(ErrorCode::InvalidInput, "the encoding is ambiguous");
    plain.file = "a.csv";
    plain.line = 2;
    EXPECT_EQ(phrase::located(plain, Lang::Zh), plain.toString());
    EXPECT_EQ(phrase::reasonOnly(plain, Lang::Zh), "the encoding is ambiguous");
}

// Issue 17: a word a file's column does not take is refused naming the list (FileWords), and
// the list is worded in the reader's language: the Chinese words the file may carry instead,
// not the file's English.
TEST(Refusals, AWordAColumnDoesNotTakeListsTheWordsInTheReadersLanguage) {
    const F board = field(K::ImportNotOneOf, "board", "蓝筹")
                        .count(Arg::Words, static_cast<int>(FileWords::Board));
    EXPECT_EQ(phrase::refusal(board, Lang::Zh),
              "板块“蓝筹”无效，应为主板、创业板、科创板、北交所、基金、债券之一");
    EXPECT_EQ(phrase::refusal(board, Lang::En),
              "board '蓝筹': expected one of main, chinext, star, bse, fund, bond");
    const F outcome = field(K::ImportNotOneOf, "outcome", "busy")
                          .count(Arg::Words, static_cast<int>(FileWords::Outcome));
    EXPECT_EQ(phrase::refusal(outcome, Lang::Zh),
              "结果“busy”无效，应为接通、未接通、回电、投诉、拒绝之一");
    // The English words a file writes, as they are (a file's no_answer, not "no answer").
    EXPECT_EQ(phrase::refusal(outcome, Lang::En),
              "outcome 'busy': expected one of reached, no_answer, callback, complaint, refused");
    const F preferred = field(K::ImportNotOneOf, "preferred_channel", "fax")
                            .count(Arg::Words, static_cast<int>(FileWords::PreferredChannel));
    EXPECT_EQ(phrase::refusal(preferred, Lang::Zh),
              "偏好渠道“fax”无效，应为电话、短信、微信、邮件、拜访之一");
    const F status = field(K::ImportNotOneOf, "status", "gone")
                         .count(Arg::Words, static_cast<int>(FileWords::ClientStatus));
    EXPECT_EQ(phrase::refusal(status, Lang::Zh), "状态“gone”无效，应为正常、休眠、销户之一");
    EXPECT_EQ(phrase::refusal(status, Lang::En),
              "status 'gone': expected one of active, dormant, closed");
    // A fact that names no list (none this build knows) still says the word is not taken.
    EXPECT_EQ(
        phrase::refusal(field(K::ImportNotOneOf, "board", "x").count(Arg::Words, 99), Lang::Zh),
        "板块“x”无效");
}

namespace {

/// The code the importer reads `word` as, for the enum of `w`.
std::optional<int> readAs(FileWords w, std::string_view word) {
    const auto code = [](auto v) -> std::optional<int> {
        return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
    };
    switch (w) {
    case FileWords::Gender:
        return code(parseGender(word));
    case FileWords::ClientStatus:
        return code(parseClientStatus(word));
    case FileWords::PreferredChannel:
        return code(parsePreferredChannel(word));
    case FileWords::Side:
        return code(parseSide(word));
    case FileWords::OrderChannel:
        return code(parseOrderChannel(word));
    case FileWords::ContactChannel:
        return code(parseContactChannel(word));
    case FileWords::Direction:
        return code(parseDirection(word));
    case FileWords::Outcome:
        return code(parseOutcome(word));
    case FileWords::Board:
        return code(parseBoard(word));
    case FileWords::Unknown:
        break;
    }
    return std::nullopt;
}

std::vector<std::string> split(const std::string& list, const std::string& by) {
    std::vector<std::string> out;
    for (std::size_t at = 0;;) {
        const auto next = list.find(by, at);
        out.push_back(list.substr(at, next == std::string::npos ? std::string::npos : next - at));
        if (next == std::string::npos) return out;
        at = next + by.size();
    }
}

} // namespace

// Each list, in either language, is words the importer reads as the list's codes, in order:
// the Chinese list is never words a file may not use.
TEST(Refusals, TheWordsOfAFilesColumnAreWordsTheImporterReads) {
    for (int i = 1; i < kFileWordsCount; ++i) {
        const auto w = static_cast<FileWords>(i);
        const auto codes = fileWordCodes(w);
        ASSERT_FALSE(codes.empty()) << i;
        const std::string zh = phrase::fileWords(w, Lang::Zh), en = phrase::fileWords(w, Lang::En);
        EXPECT_EQ(englishIn(zh), "") << i << ": " << zh;
        const auto zhWords = split(zh, "、"), enWords = split(en, ", ");
        ASSERT_EQ(zhWords.size(), codes.size()) << zh;
        ASSERT_EQ(enWords.size(), codes.size()) << en;
        for (std::size_t c = 0; c < codes.size(); ++c) {
            EXPECT_EQ(readAs(w, zhWords[c]), codes[c]) << i << ": " << zhWords[c];
            EXPECT_EQ(readAs(w, enWords[c]), codes[c]) << i << ": " << enWords[c];
        }
    }
    EXPECT_EQ(phrase::fileWords(FileWords::Gender, Lang::Zh), "男、女");
    EXPECT_EQ(phrase::fileWords(FileWords::Gender, Lang::En), "M, F");
    EXPECT_EQ(phrase::fileWords(FileWords::Unknown, Lang::Zh), "");
}

// Issue 17: a securities file's name column is a security's name, not a person's.
TEST(Refusals, ASecuritysNameColumnIsNotAPersonsName) {
    EXPECT_EQ(phrase::refusal(field(K::Required, "security_name", ""), Lang::Zh),
              "证券名称为必填项");
    EXPECT_EQ(phrase::refusal(field(K::Required, "security_name", ""), Lang::En),
              "security name: a value is required");
    EXPECT_EQ(phrase::refusal(field(K::Required, "name", ""), Lang::Zh), "姓名为必填项");
    EXPECT_EQ(phrase::refusal(F(K::ImportMissingColumn)
                                  .text(Arg::Field, "security_name")
                                  .text(Arg::Note, "name, 证券名称"),
                              Lang::Zh),
              "缺少必需的列：证券名称（表头可写作name、证券名称）");
}

// Issue 17: an ambiguous or mixed encoding and a binary file are facts, worded in both
// languages (the import wizard and import --lang zh show them in Chinese).
TEST(Refusals, AFilesEncodingProblemsReadInBothLanguages) {
    const F ambiguous = F(K::ImportAmbiguousEncoding)
                            .text(Arg::Value, "0xC2 0xAC 0xCE 0xB0")
                            .text(Arg::AsUtf8, "¬ΰ")
                            .text(Arg::AsGb18030, "卢伟");
    EXPECT_EQ(phrase::refusal(ambiguous, Lang::Zh),
              "无法确定文件的编码：这些字节按UTF-8读作“¬ΰ”，按GB18030读作“卢伟”，只有按GB18030读"
              "才是中文；请指定文件的编码（GB18030或UTF-8）");
    EXPECT_EQ(phrase::refusal(ambiguous, Lang::En),
              "the encoding is ambiguous: these bytes read as UTF-8 '¬ΰ' and as GB18030 '卢伟', "
              "Chinese only in GB18030; name the file's encoding (GB18030 or UTF-8)");
    const F mixed = F(K::ImportMixedEncoding).text(Arg::Value, "0xC6 0xBD").count(Arg::Item, 3);
    EXPECT_EQ(phrase::refusal(mixed, Lang::Zh),
              "文件混用了两种编码：本行不是UTF-8，而第3行是UTF-8；请把整个文件保存为同一种编码");
    EXPECT_EQ(phrase::refusal(mixed, Lang::En),
              "mixed encodings: this line is not UTF-8 but line 3 is; save the whole file in one "
              "encoding");
    Error binary =
        makeError(ErrorCode::InvalidInput, "binary data (NUL byte); not a CSV text file");
    binary.file = "trades.csv";
    binary.line = 3;
    binary.column = 6;
    binary.refusal = std::make_shared<const Refusal>(
        Refusal{F(K::ImportBinary).text(Arg::Value, "0x00 0x01"), {}});
    EXPECT_EQ(phrase::located(binary, Lang::Zh),
              "trades.csv 第3行，第6列：文件中有二进制数据（零字节），不是文本文件");
    EXPECT_EQ(phrase::reasonOnly(binary, Lang::En), "binary data (a zero byte): not a text file");
}
