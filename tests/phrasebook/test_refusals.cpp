// Every refusal kind of the command layer in both languages: the field, the rule and the values
// that decided it in words, no raw identifier (no field key, no operation kind as the trail
// keeps it) and no English in the Chinese beyond what people read as it is (ids, C1..C5).
#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

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
    // Ids and values as given (C1, B9, alice, asleep), the checksum standard, C1..C5, VIP.
    static const std::set<std::string> kTokens{"C", "B", "GB", "VIP", "alice", "asleep", "red"};
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
    };
}

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

TEST(Refusals, NameTheFieldTheRuleAndWhatBlocksAnUndo) {
    EXPECT_EQ(phrase::refusal(field(K::IdNumberChecksum, "id_number", "X1"), Lang::En),
              "ID number 'X1': not a resident ID number (18 characters, GB 11643 checksum)");
    EXPECT_EQ(phrase::refusal(field(K::IdNumberChecksum, "id_number", "X1"), Lang::Zh),
              "身份证号“X1”不是有效的居民身份证号（应为18位，校验码须符合GB 11643）");
    EXPECT_EQ(phrase::refusal(field(K::UnknownBroker, "broker_id", "B9"), Lang::Zh),
              "客户经理“B9”不存在");
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
