// Why a command was refused (core/refusal.h), in words: the field, the rule and the values
// that decided it, and for an undo the operation that blocks it.
#include <cstdio>
#include <string>

#include "core/refusal.h"
#include "phrasebook/words.h"

namespace bd::phrase {
namespace {

// The fields and columns a command names, by the key the engine uses.
constexpr Keyed kFields[] = {
    {"name", {"name", "姓名"}},
    {"gender", {"gender", "性别"}},
    {"birth_date", {"birth date", "出生日期"}},
    {"id_number", {"ID number", "身份证号"}},
    {"phone", {"phone", "手机号"}},
    {"email", {"email", "邮箱"}},
    {"broker_id", {"broker", "客户经理"}},
    {"branch_id", {"branch", "营业部"}},
    {"risk_level", {"risk level", "风险等级"}},
    {"status", {"status", "状态"}},
    {"preferred_channel", {"preferred channel", "偏好渠道"}},
    {"contact_hours", {"contact hours", "联系时段"}},
    {"risk_assessed_on", {"risk assessment date", "风险测评日期"}},
    {"tag", {"tag", "标签"}},
    {"colour", {"colour", "颜色"}},
    {"text", {"note text", "笔记内容"}},
    {"reason", {"reason", "原因"}},
    {"channel", {"channel", "渠道"}},
    {"satisfaction", {"satisfaction", "满意度"}},
    {"direction", {"direction", "方向"}},
    {"outcome", {"outcome", "结果"}},
    {"notes", {"notes", "备注"}},
    {"kind", {"relation", "关系"}},
    {"to", {"related client", "关联客户"}},
    {"k", {"number of segments", "客户群数量"}},
    {"campaign", {"campaign name", "活动名称"}},
    {"survey", {"survey template", "问卷模板"}},
    {"setting", {"setting", "设置项"}},
    {"day", {"day", "日期"}},
    {"client", {"client", "客户"}},
    {"field", {"field", "字段"}},
    {"correction", {"notes or outcome", "备注或结果"}},
    {"day_kind", {"kind of day", "日期类型"}},
    {"survey_name", {"survey name", "问卷名称"}},
    {"items", {"number of questions", "题目数量"}},
    {"item", {"question", "题目"}},
    {"audience", {"audience", "调查对象"}},
    {"audience_days", {"audience's days", "调查对象的天数"}},
    {"deadline_days", {"deadline (working days)", "截止期限（工作日）"}},
    {"recommend", {"recommendation score", "推荐意愿评分"}},
    // The columns of the interchange files (storage/import) not named above.
    {"client_id", {"client id", "客户号"}},
    {"open_date", {"account opening date", "开户日期"}},
    {"contact_time", {"contact time", "联系时间"}},
    {"next_follow_up", {"next follow-up", "下次跟进"}},
    {"trade_id", {"trade number", "成交编号"}},
    {"trade_time", {"trade time", "成交时间"}},
    {"security_code", {"security code", "证券代码"}},
    {"side", {"side", "买卖方向"}},
    {"quantity", {"quantity", "数量"}},
    {"price", {"price", "价格"}},
    {"amount", {"amount", "金额"}},
    {"commission", {"commission", "佣金"}},
    {"fees", {"other fees", "其他费用"}},
    {"date", {"date", "日期"}},
    {"cash", {"cash balance", "资金余额"}},
    {"market_value", {"market value", "证券市值"}},
    {"net_inflow", {"net inflow", "净转入"}},
    {"cost_price", {"cost price", "成本价"}},
    {"close_price", {"closing price", "收盘价"}},
    {"board", {"board", "板块"}},
    {"industry", {"industry", "行业"}},
    {"security_name", {"security name", "证券名称"}},
};

// What a field takes when it refused a word (NotOneOf).
constexpr Keyed kChoices[] = {
    {"gender", {"M or F", "男或女"}},
    {"status", {"active, dormant, closed or prospect", "正常、休眠、销户或潜在客户"}},
    {"preferred_channel", {"phone, sms, wechat, email or visit", "电话、短信、微信、邮件或拜访"}},
    {"direction", {"inbound or outbound", "呼入或呼出"}},
    {"outcome",
     {"reached, no answer, callback, complaint or refused", "接通、未接通、回电、投诉或拒绝"}},
    {"kind",
     {"spouse, parent, child, sibling, colleague, referral or other",
      "配偶、父母、子女、兄弟姐妹、同事、介绍人或其他"}},
    {"day_kind", {"holiday, adjusted workday or market closed", "节假日、调休工作日或休市"}},
    {"portfolio.cost_method", {"average cost or first in, first out", "平均成本或先进先出"}},
};

// The operations of the audit trail, by their kind.
constexpr Keyed kOperations[] = {
    {"client.edit", {"profile edit", "客户资料修改"}},
    {"client.add", {"client added", "新增客户"}},
    {"client.merge", {"merge", "合并客户"}},
    {"client.reassign", {"reassignment", "改派客户经理"}},
    {"client.status", {"status change", "修改客户状态"}},
    {"tag.set", {"tag set", "设置标签"}},
    {"tag.remove", {"tag removed", "移除标签"}},
    {"tag.colour", {"tag colour changed", "修改标签颜色"}},
    {"note.add", {"note added", "添加笔记"}},
    {"contact.log", {"contact logged", "登记联系"}},
    {"contact.correct", {"contact corrected", "更正联系记录"}},
    {"contact.void", {"contact voided", "作废联系记录"}},
    {"plan.reschedule", {"plan item moved", "调整计划事项"}},
    {"plan.skip", {"plan item skipped", "跳过计划事项"}},
    {"relation.set", {"relation set", "设置关系"}},
    {"relation.remove", {"relation removed", "解除关系"}},
    {"settings.edit", {"settings changed", "修改设置"}},
    {"calendar.correct", {"calendar corrected", "更正交易日历"}},
    {"segment.rename", {"segment renamed", "客户群改名"}},
    {"segment.k", {"number of segments fixed", "固定客户群数量"}},
    {"policy.edit", {"service policies changed", "修改服务策略"}},
    {"survey.create", {"survey created", "新建问卷"}},
    {"survey.launch", {"survey campaign launched", "发起问卷活动"}},
    {"export", {"export", "导出"}},
    {"undo", {"undo", "撤销"}},
};

// What an audit row changed, by the entity the trail names.
constexpr Keyed kEntities[] = {
    {"client", {"client", "客户资料"}},
    {"broker", {"broker", "客户经理"}},
    {"client_tag", {"tag", "客户标签"}},
    {"tag", {"tag", "标签"}},
    {"note", {"note", "笔记"}},
    {"contact", {"contact", "联系记录"}},
    {"correction", {"local correction", "本地更正"}},
    {"relation", {"relation", "关系"}},
    {"task", {"plan item", "计划事项"}},
    {"calendar_day", {"calendar day", "日历日"}},
    {"setting", {"setting", "设置"}},
    {"segment", {"segment", "客户群"}},
    {"policy", {"service policy", "服务策略"}},
    {"merge", {"merge", "合并"}},
    {"merge_target", {"merged client", "合并后的客户"}},
    {"survey_campaign", {"survey campaign", "问卷活动"}},
    {"survey_template", {"survey template", "问卷模板"}},
    {"export", {"export", "导出"}},
};

std::string n(const RefusalFact& f, Arg a) {
    return std::to_string(f.countOf(a));
}

template <std::size_t N>
std::string lookup(const Keyed (&table)[N], std::string_view key, const Words& otherwise, Lang l) {
    const Words* w = wordsOf(table, key);
    return std::string(in(w ? *w : otherwise, l));
}

std::string fieldNamed(const std::string& key, Lang l) {
    if (std::string setting = settingName(key, l); !setting.empty()) return setting;
    return lookup(kFields, key, {"this value", "该项"}, l);
}

/// The field's name; a survey's question by its number ("question 3" / 第3题).
std::string field(const RefusalFact& f, Lang l) {
    if (f.has(Arg::Item) && f.textOf(Arg::Field) == "item")
        return l == Lang::Zh ? "第" + n(f, Arg::Item) + "题" : "question " + n(f, Arg::Item);
    return fieldNamed(f.textOf(Arg::Field), l);
}

/// A bound of a setting's range as its unit reads: "20%", "1,000,000 CNY" / "1,000,000元".
std::string bound(double v, RangeUnit unit, Lang l) {
    if (unit == RangeUnit::Money) {
        std::string s = yuan(Money::fromDouble(v));
        if (s.ends_with(".00")) s.resize(s.size() - 3); // whole yuan as a whole number
        return l == Lang::Zh ? s + "元" : s + " CNY";
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return unit == RangeUnit::Percent ? std::string(buf) + "%" : std::string(buf);
}

std::string rangeEn(const RefusalFact& f) {
    const auto unit = static_cast<RangeUnit>(f.countOf(Arg::Unit));
    const auto bits = f.countOf(Arg::Bounds);
    const std::string lo = bound(f.valueOf(Arg::Low), unit, Lang::En),
                      hi = bound(f.valueOf(Arg::High), unit, Lang::En);
    const std::string whole = unit == RangeUnit::Integer ? "a whole number " : "";
    if (bits == kBothClosed) return whole + "from " + lo + " to " + hi;
    return whole + ((bits & kLowOpen) ? "greater than " : "at least ") + lo + " and " +
           ((bits & kHighOpen) ? "less than " : "at most ") + hi;
}

std::string rangeZh(const RefusalFact& f) {
    const auto unit = static_cast<RangeUnit>(f.countOf(Arg::Unit));
    const auto bits = f.countOf(Arg::Bounds);
    const std::string lo = bound(f.valueOf(Arg::Low), unit, Lang::Zh),
                      hi = bound(f.valueOf(Arg::High), unit, Lang::Zh);
    std::string out = unit == RangeUnit::Integer ? "须为" + lo + "至" + hi + "之间的整数"
                                                 : "须在" + lo + "与" + hi + "之间";
    if ((bits & kLowOpen) && (bits & kHighOpen)) return out + "（不含" + lo + "和" + hi + "）";
    if (bits & kLowOpen) return out + "（不含" + lo + "）";
    if (bits & kHighOpen) return out + "（不含" + hi + "）";
    return out;
}

std::string operationKind(const RefusalFact& f, Lang l) {
    return lookup(kOperations, f.textOf(Arg::OperationKind), {"another change", "其他修改"}, l);
}

std::string entity(const RefusalFact& f, Lang l) {
    return lookup(kEntities, f.textOf(Arg::Entity), {"record", "记录"}, l);
}

/// 'value' / “value”.
std::string quoted(const std::string& s, Lang l) {
    return l == Lang::Zh ? "“" + s + "”" : "'" + s + "'";
}

/// The list of words an ImportNotOneOf names.
FileWords wordList(const RefusalFact& f) {
    const auto w = f.countOf(Arg::Words);
    return w > 0 && w < kFileWordsCount ? static_cast<FileWords>(w) : FileWords::Unknown;
}

/// A comma-separated list of names as Chinese lists them ("client_id, 客户号" ->
/// client_id、客户号).
std::string chineseList(const std::string& list) {
    std::string out;
    for (std::size_t at = 0;;) {
        const auto comma = list.find(", ", at);
        out += list.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        if (comma == std::string::npos) return out;
        out += "、";
        at = comma + 2;
    }
}

std::string en(const RefusalFact& f) {
    const std::string what = field(f, Lang::En);
    const std::string value = quoted(f.textOf(Arg::Value), Lang::En);
    const std::string client = f.textOf(Arg::Client), other = f.textOf(Arg::Other);
    const std::string op = "operation " + n(f, Arg::Operation);
    switch (f.kind) {
    case RefusalKind::Required:
        return what + ": a value is required";
    case RefusalKind::IdNumberChecksum:
        return what + " " + value + ": not a resident ID number (18 characters, GB 11643 checksum)";
    case RefusalKind::PhoneFormat:
        return what + " " + value + ": invalid phone number (digits, optional leading +)";
    case RefusalKind::DateFormat:
        return what + " " + value + ": expected a date YYYY-MM-DD";
    case RefusalKind::FutureDate:
        return what + " " + value + ": the date cannot be in the future";
    case RefusalKind::NotOneOf:
        return what + " " + value + ": expected " +
               lookup(kChoices, f.textOf(Arg::Field), {"another value", ""}, Lang::En);
    case RefusalKind::RiskLevelRange:
        return what + " " + value + ": expected a risk level C1 to C5";
    case RefusalKind::UnknownBroker:
        // A call list's broker may be the service desk's queue too: its id, as a hint.
        if (f.has(Arg::Broker))
            return "unknown broker " + value +
                   " (the service desk's queue: " + f.textOf(Arg::Broker) + ")";
        return "unknown broker " + value;
    case RefusalKind::UnknownBranch:
        return "unknown branch " + value;
    case RefusalKind::UnknownClient:
        return "unknown client " + quoted(client, Lang::En);
    case RefusalKind::UnknownContact:
        return "unknown contact " + n(f, Arg::Id);
    case RefusalKind::UnknownPlanItem:
        return "unknown plan item " + n(f, Arg::Id);
    case RefusalKind::UnknownSetting:
        return "unknown setting " + value;
    case RefusalKind::UnknownSurvey:
        return "no survey template " + n(f, Arg::Id);
    case RefusalKind::ClientExists:
        return "client " + quoted(client, Lang::En) + " exists already";
    case RefusalKind::SlashInId:
        return "client id " + value + ": '/' is not allowed in an id";
    case RefusalKind::TooLong:
        return what + " " + value + ": " + n(f, Arg::Min) + " to " + n(f, Arg::Max) + " characters";
    case RefusalKind::BadColour:
        return what + " " + value + ": expected a colour #rrggbb";
    case RefusalKind::OutOfRange:
        return what + " " + value + ": expected " + n(f, Arg::Min) + " to " + n(f, Arg::Max);
    case RefusalKind::NothingNamed:
        return "name at least one " + what;
    case RefusalKind::NamedTwice:
        return what + " " + value + " is named twice";
    case RefusalKind::StaleVersion:
        return "client " + client + " was changed by someone else (now version " +
               n(f, Arg::Version) + ", this edit is based on version " + n(f, Arg::BasedOn) + ")";
    case RefusalKind::FieldConflict:
        return what + " is now " + quoted(f.textOf(Arg::Now), Lang::En) + ", this edit has " +
               value;
    case RefusalKind::ChangedSince:
        return "client " + client + " changed since version " + n(f, Arg::BasedOn) +
               "; read it again and re-apply";
    case RefusalKind::ContactVoid:
        return "contact " + n(f, Arg::Id) + " is void (" + f.textOf(Arg::Note) +
               "); it cannot be changed";
    case RefusalKind::MergeIntoItself:
        return "client " + client + " cannot be merged into itself";
    case RefusalKind::MergedAlready:
        return "client " + client + " was merged into " + other + " already";
    case RefusalKind::RelatedToItself:
        return "a client cannot be related to itself (" + client + ")";
    case RefusalKind::NotRelated:
        return "clients " + client + " and " + other + " are not related";
    case RefusalKind::NoSuchOperation:
        return "no " + op + " in the audit trail";
    case RefusalKind::NotUndoable:
        return op + " (" + operationKind(f, Lang::En) + ") cannot be undone: it changed a " +
               entity(f, Lang::En);
    case RefusalKind::UndoLoggedContact:
        return op + " (" + operationKind(f, Lang::En) +
               ") cannot be undone: it logged a contact (void the contact instead)";
    case RefusalKind::UndoneAlready:
        return op + " was undone already, by operation " + n(f, Arg::By);
    case RefusalKind::Overtaken:
        return op + " cannot be undone: operation " + n(f, Arg::By) + " (" +
               operationKind(f, Lang::En) + " by " + f.textOf(Arg::Actor) + " at " +
               f.textOf(Arg::At) + ") changed " + entity(f, Lang::En) + " " +
               f.textOf(Arg::EntityId) + (client.empty() ? "" : " of client " + client) + " since";
    case RefusalKind::WeekdayAdjusted:
        return "day " + f.dateOf(Arg::On).toString() +
               ": an adjusted workday is a Saturday or Sunday";
    case RefusalKind::WeekendClosure:
        return "day " + f.dateOf(Arg::On).toString() + ": a market closure is a weekday";
    case RefusalKind::EmptyAudience:
        return "the audience (" +
               audience(static_cast<AudienceKind>(f.countOf(Arg::Audience)), f.countOf(Arg::Count),
                        Lang::En) +
               ") has no open client on " + f.dateOf(Arg::On).toString() +
               ": nobody to survey, nothing launched";
    case RefusalKind::UnknownTag:
        return "unknown tag " + value;
    case RefusalKind::SettingRange:
        return what + " " + value + ": expected " + rangeEn(f);
    case RefusalKind::SettingsOrder:
        return what + " must be less than " + fieldNamed(f.textOf(Arg::OtherField), Lang::En);
    case RefusalKind::SettingsBothZero:
        return what + " and " + fieldNamed(f.textOf(Arg::OtherField), Lang::En) +
               " cannot both be 0";
    case RefusalKind::PlanItemClosed:
        return "plan item " + n(f, Arg::Id) + " is done or skipped already";
    case RefusalKind::UnknownSegment:
        return "no segment " + n(f, Arg::Id) + " in the newest segmentation";
    case RefusalKind::SurveyNotReached:
        return "survey answers need a contact that reached the client";
    case RefusalKind::NoOpenSurveyCall:
        return "client " + client + " has no open survey call of campaign " + n(f, Arg::Id);
    case RefusalKind::AnswerCount:
        return "survey " + n(f, Arg::Id) + " has " +
               counted(f.countOf(Arg::Count), "question", "questions") + ", " +
               f.textOf(Arg::Value) + " scores given";
    case RefusalKind::ManagersOnly:
        return "not permitted: on a branch server only a manager may do this (" +
               operationKind(f, Lang::En) + ")";
    case RefusalKind::AudienceChanged:
        return "the audience of campaign " + n(f, Arg::Id) +
               " changed while it was launched (a client moved to another broker or branch); "
               "launch it again";
    case RefusalKind::NotYours:
        if (f.textOf(Arg::Entity).empty())
            return "not permitted: the branch server keeps this change from this login";
        // A colleague (a call list of theirs): their clients are what is kept from the login.
        if (f.textOf(Arg::Entity) == "broker")
            return "not permitted: broker " + f.textOf(Arg::EntityId) +
                   "'s clients are outside this login's book (another broker's or branch's)";
        return "not permitted: " + entity(f, Lang::En) + " " + f.textOf(Arg::EntityId) +
               " is outside this login's book (another broker's or branch's)";
    case RefusalKind::LeavesLoginsBook:
        return "not permitted: the change would take client " + client +
               " out of what this login may change (to another broker's or branch's book)";
    case RefusalKind::ClientInUse:
        return "client " + client +
               " cannot be removed: the book's records refer to it now (trades, holdings, "
               "contacts, plans, scores, surveys or relations)";
    // Import problems.
    case RefusalKind::ImportDateTime:
        return what + " " + value + ": expected a date and time YYYY-MM-DD HH:MM:SS";
    case RefusalKind::ImportAmount:
        return what + " " + value + ": not an amount (digits with up to 4 decimals)";
    case RefusalKind::ImportAmountTooLarge:
        return what + " " + value + ": the amount is too large";
    case RefusalKind::ImportNotPositive:
        return what + " " + value + ": must be greater than 0";
    case RefusalKind::ImportNegative:
        return what + " " + value + ": must not be negative";
    case RefusalKind::ImportWholeNumber:
        return what + " " + value + ": expected a whole number";
    case RefusalKind::ImportNumberTooLarge:
        return what + " " + value + ": the number is too large";
    case RefusalKind::ImportSecurityRisk:
        return what + " " + value + ": expected a risk rating R1 to R5";
    case RefusalKind::ImportNotOneOf:
        if (const std::string words = fileWords(wordList(f), Lang::En); !words.empty())
            return what + " " + value + ": expected one of " + words;
        return what + " " + value + ": not a word this column takes";
    case RefusalKind::ImportSecurityCode:
        return what + " " + value +
               ": not a security code (6 digits, optionally with the exchange: 600519.SH, "
               "000001.SZ, 830799.BJ)";
    case RefusalKind::ImportUnknownClient:
        return "unknown client " + value + ": neither in the book nor in the clients file";
    case RefusalKind::ImportAmountMismatch:
        return what + " " + value + ": differs from quantity × price (" + f.textOf(Arg::Note) + ")";
    case RefusalKind::ImportDuplicateColumn:
        return "column " + value + " names the " + what + " a second time";
    case RefusalKind::ImportMissingColumn:
        return "the required column " + what + " is missing" +
               (f.has(Arg::Note) && !f.textOf(Arg::Note).empty()
                    ? " (its headers: " + f.textOf(Arg::Note) + ")"
                    : "");
    case RefusalKind::ImportFieldCount:
        return "expected " + n(f, Arg::Count) + " fields as in the header, found " +
               f.textOf(Arg::Value);
    case RefusalKind::ImportDuplicateKey:
        return value + " is in this file twice (first on line " + n(f, Arg::Item) + ")";
    case RefusalKind::ImportEmptyFile:
        return "the file is empty: no header row";
    case RefusalKind::ImportNotChecked:
        return "not checked: the clients file was rejected as a whole";
    case RefusalKind::ImportEncoding:
        return "bytes " + f.textOf(Arg::Value) +
               " cannot be read in the file's encoding (UTF-8 or GB18030)";
    case RefusalKind::ImportOpenQuote:
        return "a quoted field is not closed before the end of the file (a truncated file?)";
    case RefusalKind::ImportAfterQuote:
        return "text after a closing quote";
    case RefusalKind::ImportBinary:
        return "binary data (a zero byte): not a text file";
    case RefusalKind::ImportAmbiguousEncoding:
        return "the encoding is ambiguous: these bytes read as UTF-8 " +
               quoted(f.textOf(Arg::AsUtf8), Lang::En) + " and as GB18030 " +
               quoted(f.textOf(Arg::AsGb18030), Lang::En) +
               ", Chinese only in GB18030; name the file's encoding (GB18030 or UTF-8)";
    case RefusalKind::ImportMixedEncoding:
        return "mixed encodings: this line is not UTF-8 but line " + n(f, Arg::Item) +
               " is; save the whole file in one encoding";
    case RefusalKind::Unknown:
        break;
    }
    return "the change was refused";
}

std::string zh(const RefusalFact& f) {
    const std::string what = field(f, Lang::Zh);
    const std::string value = quoted(f.textOf(Arg::Value), Lang::Zh);
    const std::string client = f.textOf(Arg::Client), other = f.textOf(Arg::Other);
    const std::string op = "操作" + n(f, Arg::Operation);
    switch (f.kind) {
    case RefusalKind::Required:
        return what + "为必填项";
    case RefusalKind::IdNumberChecksum:
        return what + value + "不是有效的居民身份证号（应为18位，校验码须符合GB 11643）";
    case RefusalKind::PhoneFormat:
        return what + value + "不是有效的电话号码（只能是数字，可以+开头）";
    case RefusalKind::DateFormat:
        return what + value + "不是有效日期（格式为年-月-日，如2024-06-28）";
    case RefusalKind::FutureDate:
        return what + value + "不能晚于今天";
    case RefusalKind::NotOneOf:
        return what + "不接受" + value + "，应为" +
               lookup(kChoices, f.textOf(Arg::Field), {"", "其他值"}, Lang::Zh);
    case RefusalKind::RiskLevelRange:
        return what + value + "无效，应为C1至C5";
    case RefusalKind::UnknownBroker:
        if (f.has(Arg::Broker))
            return "客户经理" + value + "不存在（服务台队列的编号为" + f.textOf(Arg::Broker) + "）";
        return "客户经理" + value + "不存在";
    case RefusalKind::UnknownBranch:
        return "营业部" + value + "不存在";
    case RefusalKind::UnknownClient:
        return "客户" + quoted(client, Lang::Zh) + "不存在";
    case RefusalKind::UnknownContact:
        return "联系记录" + n(f, Arg::Id) + "不存在";
    case RefusalKind::UnknownPlanItem:
        return "计划事项" + n(f, Arg::Id) + "不存在";
    case RefusalKind::UnknownSetting:
        return "设置项" + value + "不存在";
    case RefusalKind::UnknownSurvey:
        return "问卷模板" + n(f, Arg::Id) + "不存在";
    case RefusalKind::ClientExists:
        return "客户" + quoted(client, Lang::Zh) + "已存在";
    case RefusalKind::SlashInId:
        return "客户编号" + value + "中不能有“/”";
    case RefusalKind::TooLong:
        return what + value + "应为" + n(f, Arg::Min) + "至" + n(f, Arg::Max) + "个字";
    case RefusalKind::BadColour:
        return what + value + "无效，应为#加六位十六进制数";
    case RefusalKind::OutOfRange:
        return what + value + "超出范围，应为" + n(f, Arg::Min) + "至" + n(f, Arg::Max);
    case RefusalKind::NothingNamed:
        return "请至少指定一个" + what;
    case RefusalKind::NamedTwice:
        return what + value + "重复指定";
    case RefusalKind::StaleVersion:
        return "客户" + client + "已被他人修改（现为第" + n(f, Arg::Version) +
               "版，本次修改基于第" + n(f, Arg::BasedOn) + "版）";
    case RefusalKind::FieldConflict:
        return what + "现为" + quoted(f.textOf(Arg::Now), Lang::Zh) + "，本次修改为" + value;
    case RefusalKind::ChangedSince:
        return "客户" + client + "自第" + n(f, Arg::BasedOn) + "版后已被修改，请重新读取后再改";
    case RefusalKind::ContactVoid:
        return "联系记录" + n(f, Arg::Id) + "已作废（" + f.textOf(Arg::Note) + "），不能再修改";
    case RefusalKind::MergeIntoItself:
        return "客户" + client + "不能与自身合并";
    case RefusalKind::MergedAlready:
        return "客户" + client + "已合并到" + other;
    case RefusalKind::RelatedToItself:
        return "客户不能与自身建立关系（" + client + "）";
    case RefusalKind::NotRelated:
        return "客户" + client + "与" + other + "之间没有关系";
    case RefusalKind::NoSuchOperation:
        return "审计记录中没有" + op;
    case RefusalKind::NotUndoable:
        return op + "（" + operationKind(f, Lang::Zh) + "）无法撤销：它修改了" +
               entity(f, Lang::Zh);
    case RefusalKind::UndoLoggedContact:
        return op + "（" + operationKind(f, Lang::Zh) +
               "）无法撤销：它登记了一次联系（请改为作废该联系记录）";
    case RefusalKind::UndoneAlready:
        return op + "已被操作" + n(f, Arg::By) + "撤销";
    case RefusalKind::Overtaken:
        return op + "无法撤销：之后的操作" + n(f, Arg::By) + "（" + f.textOf(Arg::Actor) + "于" +
               f.textOf(Arg::At) + "进行的" + operationKind(f, Lang::Zh) + "）修改了" +
               (client.empty() ? "" : "客户" + client + "的") + entity(f, Lang::Zh) +
               f.textOf(Arg::EntityId);
    case RefusalKind::WeekdayAdjusted:
        return f.dateOf(Arg::On).toString() + "：调休工作日应为周六或周日";
    case RefusalKind::WeekendClosure:
        return f.dateOf(Arg::On).toString() + "：休市日应为工作日";
    case RefusalKind::EmptyAudience:
        return "调查对象（" +
               audience(static_cast<AudienceKind>(f.countOf(Arg::Audience)), f.countOf(Arg::Count),
                        Lang::Zh) +
               "）在" + f.dateOf(Arg::On).toString() + "没有正常客户：无人可调查，活动未发起";
    case RefusalKind::UnknownTag:
        return "标签" + value + "不存在";
    case RefusalKind::SettingRange:
        return what + value + "超出范围：" + rangeZh(f);
    case RefusalKind::SettingsOrder:
        return what + "须小于" + fieldNamed(f.textOf(Arg::OtherField), Lang::Zh);
    case RefusalKind::SettingsBothZero:
        return what + "与" + fieldNamed(f.textOf(Arg::OtherField), Lang::Zh) + "不能同时为0";
    case RefusalKind::PlanItemClosed:
        return "计划事项" + n(f, Arg::Id) + "已完成或已跳过";
    case RefusalKind::UnknownSegment:
        return "最新的客户分群中没有客户群" + n(f, Arg::Id);
    case RefusalKind::SurveyNotReached:
        return "只有接通客户的联系才能登记问卷答案";
    case RefusalKind::NoOpenSurveyCall:
        return "客户" + client + "在问卷活动" + n(f, Arg::Id) + "中没有待完成的调查电话";
    case RefusalKind::AnswerCount:
        return "问卷" + n(f, Arg::Id) + "有" + n(f, Arg::Count) + "道题，给出了" +
               f.textOf(Arg::Value) + "个评分";
    case RefusalKind::ManagersOnly:
        return "无权操作：在营业部服务器上，" + operationKind(f, Lang::Zh) + "只能由营业部经理进行";
    case RefusalKind::AudienceChanged:
        return "问卷活动" + n(f, Arg::Id) +
               "发起期间目标客户有变动（有客户转给了其他客户经理或营业部），请重新发起";
    case RefusalKind::NotYours:
        if (f.textOf(Arg::Entity).empty()) return "无权操作：营业部服务器不允许本账号进行此修改";
        if (f.textOf(Arg::Entity) == "broker")
            return "无权操作：客户经理" + f.textOf(Arg::EntityId) +
                   "的客户不在本账号的客户范围内（属于其他客户经理或营业部）";
        return "无权操作：" + entity(f, Lang::Zh) + f.textOf(Arg::EntityId) +
               "不在本账号的客户范围内（属于其他客户经理或营业部）";
    case RefusalKind::LeavesLoginsBook:
        return "无权操作：此修改会使客户" + client +
               "移出本账号可修改的范围（转入其他客户经理或营业部名下）";
    case RefusalKind::ClientInUse:
        return "客户" + client +
               "不能删除：账簿中已有记录与之关联（成交、持仓、联系记录、计划、评分、问卷或客户关系"
               "）";
    // Import problems.
    case RefusalKind::ImportDateTime:
        return what + value +
               "不是有效的日期时间（格式为年-月-日 时:分:秒，如2024-06-28 09:30:00）";
    case RefusalKind::ImportAmount:
        return what + value + "不是有效金额（数字，最多4位小数）";
    case RefusalKind::ImportAmountTooLarge:
        return what + value + "金额过大";
    case RefusalKind::ImportNotPositive:
        return what + value + "须大于0";
    case RefusalKind::ImportNegative:
        return what + value + "不能为负数";
    case RefusalKind::ImportWholeNumber:
        return what + value + "不是整数";
    case RefusalKind::ImportNumberTooLarge:
        return what + value + "数值过大";
    case RefusalKind::ImportSecurityRisk:
        return what + value + "无效，应为R1至R5";
    case RefusalKind::ImportNotOneOf:
        if (const std::string words = fileWords(wordList(f), Lang::Zh); !words.empty())
            return what + value + "无效，应为" + words + "之一";
        return what + value + "无效";
    case RefusalKind::ImportSecurityCode:
        return what + value + "不是有效的证券代码（6位数字，可加上海、深圳或北京交易所的后缀）";
    case RefusalKind::ImportUnknownClient:
        return "客户" + value + "不存在：账簿和客户文件中都没有";
    case RefusalKind::ImportAmountMismatch:
        return what + value + "与数量×价格（" + f.textOf(Arg::Note) + "）不符";
    case RefusalKind::ImportDuplicateColumn:
        return "列" + value + "重复对应" + what;
    case RefusalKind::ImportMissingColumn:
        return "缺少必需的列：" + what +
               (f.has(Arg::Note) && !f.textOf(Arg::Note).empty()
                    ? "（表头可写作" + chineseList(f.textOf(Arg::Note)) + "）"
                    : "");
    case RefusalKind::ImportFieldCount:
        return "应有" + n(f, Arg::Count) + "个字段（与表头一致），实际有" + f.textOf(Arg::Value) +
               "个";
    case RefusalKind::ImportDuplicateKey:
        return value + "在本文件中重复（首次出现在第" + n(f, Arg::Item) + "行）";
    case RefusalKind::ImportEmptyFile:
        return "文件为空：没有表头行";
    case RefusalKind::ImportNotChecked:
        return "未检查：客户文件整体被拒绝";
    case RefusalKind::ImportEncoding:
        return "文件中有无法按其编码（UTF-8或GB18030）读取的字节";
    case RefusalKind::ImportOpenQuote:
        return "带引号的字段到文件末尾仍未结束（文件可能不完整）";
    case RefusalKind::ImportAfterQuote:
        return "右引号后面还有文字";
    case RefusalKind::ImportBinary:
        return "文件中有二进制数据（零字节），不是文本文件";
    case RefusalKind::ImportAmbiguousEncoding:
        return "无法确定文件的编码：这些字节按UTF-8读作" + quoted(f.textOf(Arg::AsUtf8), Lang::Zh) +
               "，按GB18030读作" + quoted(f.textOf(Arg::AsGb18030), Lang::Zh) +
               "，只有按GB18030读才是中文；请指定文件的编码（GB18030或UTF-8）";
    case RefusalKind::ImportMixedEncoding:
        return "文件混用了两种编码：本行不是UTF-8，而第" + n(f, Arg::Item) +
               "行是UTF-8；请把整个文件保存为同一种编码";
    case RefusalKind::Unknown:
        break;
    }
    return "修改被拒绝";
}

} // namespace

std::string reasonOnly(const Error& e, Lang l) {
    return e.refusal ? refusal(*e.refusal, l) : e.message;
}

std::string located(const Error& e, Lang l) {
    std::string where = e.file;
    const bool zh = l == Lang::Zh;
    if (e.line > 0)
        where += (where.empty() ? "" : " ") +
                 (zh ? "第" + std::to_string(e.line) + "行" : "line " + std::to_string(e.line));
    if (e.column > 0)
        where +=
            (e.line > 0 ? (zh ? "，" : ", ") : (where.empty() ? "" : " ")) +
            (zh ? "第" + std::to_string(e.column) + "列" : "column " + std::to_string(e.column));
    if (!e.column_name.empty())
        where += zh ? "（" + e.column_name + "）" : " (" + e.column_name + ")";
    if (!e.refusal) return e.toString(); // no fact: the engine's own located English
    const std::string why = refusal(*e.refusal, l);
    return where.empty() ? why : where + (zh ? "：" : ": ") + why;
}

std::string refusal(const RefusalFact& f, Lang l) {
    return l == Lang::Zh ? zh(f) : en(f);
}

std::string refusal(const Refusal& r, Lang l) {
    std::string out = refusal(r.fact, l);
    for (std::size_t i = 0; i < r.details.size(); ++i)
        out += (i == 0 ? (l == Lang::Zh ? "：" : ": ") : (l == Lang::Zh ? "；" : "; ")) +
               refusal(r.details[i], l);
    return out;
}

std::string refusal(const Error& e, Lang l) {
    if (!e.refusal) return e.toString();
    // A field's refusal says whose field: "client C1: ..." / 客户C1：... (the other kinds name
    // their clients themselves).
    const RefusalFact& f = e.refusal->fact;
    const std::string client = f.textOf(Arg::Client);
    if (client.empty() || !f.has(Arg::Field)) return refusal(*e.refusal, l);
    return (l == Lang::Zh ? "客户" + client + "：" : "client " + client + ": ") +
           refusal(*e.refusal, l);
}

} // namespace bd::phrase
