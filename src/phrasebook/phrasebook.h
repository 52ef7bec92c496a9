#pragma once
// The phrasebook: every word the engine's facts reach people in, Simplified Chinese and English,
// in one place. The engine (core, analytics, storage, services) hands out kinds and typed
// arguments (core/facts.h), codes and enums; the CLI, the exports, the PDF reports and the
// workstation word them here. No Qt: the workstation's own labels stay with Qt Linguist.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/duplicatereason.h"
#include "core/enums.h"
#include "core/evaluation.h"
#include "core/facts.h"
#include "core/filewords.h"
#include "core/matchkind.h"
#include "core/refusal.h"
#include "core/result.h"
#include "core/serverfinding.h"
#include "core/survey.h"

namespace bd::phrase {

enum class Lang { En, Zh };

/// "简体中文" / "English": a language's own name, shown as it is in either language.
std::string_view languageName(Lang l);
/// "zh", "zh_CN", "zh-CN", "cn", "chinese" -> Zh; "en", "english" -> En; nullopt otherwise.
std::optional<Lang> parseLang(std::string_view s);

// Display names ("" for Unknown where nothing is shown).
std::string_view name(ContactChannel v, Lang l);
std::string_view name(ClientStatus v, Lang l);
std::string_view name(Side v, Lang l);
std::string_view name(OrderChannel v, Lang l);
std::string_view name(Direction v, Lang l);
std::string_view name(Outcome v, Lang l);
std::string_view name(Gender v, Lang l);
/// "Main board" / 主板 ...; "Other" / 其他 for Unknown.
std::string_view name(Board v, Lang l);
std::string_view name(RelationshipType v, Lang l);
std::string_view name(ServedBy v, Lang l);
/// How a client is related to another: "spouse" / "配偶", ...; "" for Unknown.
std::string_view name(RelationKind v, Lang l);
/// Why a search found a client: "pinyin initials" / 拼音首字母, "phone digits" / 电话号码 ...
std::string_view name(MatchKind v, Lang l);
/// "Asset-rich" / 高资产 ...
std::string_view name(SegmentTheme v, Lang l);
/// A kind in general words: "slipping away" / 流失风险, "capacity" / 容量不足 ...
std::string_view name(ReasonKind v, Lang l);
std::string_view name(DropKind v, Lang l);
/// The words a column of an interchange file takes, as its reader may write them: the English
/// words a file writes ("buy, sell") / the Chinese ones the importer reads as well (买入、卖出).
std::string fileWords(FileWords w, Lang l);
/// The relationship type or served-by whose key or name (either language) is `s` (any case).
std::optional<RelationshipType> relationshipTypeNamed(std::string_view s);
std::optional<ServedBy> servedByNamed(std::string_view s);

/// A feature of the value model or the segmentation ("net_inflow_12m" -> "net inflow, 12
/// months" / 近12个月净流入), or a feature theme ("assets" -> "asset size" / 资产规模);
/// "another measure" / 其他指标 for an id this build does not know: never the raw id.
std::string feature(std::string_view id, Lang l);
/// A client's risk tolerance: "C3 balanced" / "C3 稳健型"; "not assessed" / 未评估 for 0.
std::string clientRiskLevel(int level, Lang l);
/// A calendar day's stored name in one language: the built-in calendar's "春节 Spring Festival
/// [provisional]" reads "春节（暂定）" / "Spring Festival (provisional)"; a name a user wrote
/// (no Chinese-then-English form) is shown as written.
std::string calendarDayName(std::string_view stored, Lang l);

/// "Friday 27 November 2026" / "2026年11月27日 星期五".
std::string longDate(Date d, Lang l);
/// A short yuan amount for axis labels: "1.25M", "45.6K" / "125万", "1.2亿".
std::string compactYuan(double yuan, Lang l);

/// Who works a plan queue, inside a sentence: "broker B07" / "客户经理B07", or "the service desk"
/// / "服务台" for kServiceDeskQueue.
std::string owner(std::string_view id, Lang l);
/// A plan queue's name on its own: the broker id as it is, or "Service desk" / "服务台".
std::string_view queueName(std::string_view id, Lang l);
/// A call list's note when the book had no plan and one was made for it: "no plan yet: planned
/// 42 calls as of 2026-11-20" / 尚无计划：已按2026-11-20排定42个联系事项.
std::string planMadeForCallList(long long planned, Date asOf, Lang l);
/// A call list's note when the stored plan (made as of `asOf`) does not cover the days asked
/// for: the days it covers, and who plans others (`onServer`: the branch's nightly batch, else
/// `brokerdesk-cli plan`).
std::string planCoversOnly(Date asOf, Date first, Date last, bool onServer, Lang l);

// Facts.
/// A reason in full ("contact every 30 days: last contact ..."); a kind without arguments (an
/// old plan whose words could not be read back) in general words.
std::string reason(const Reason& r, Lang l);
/// The same reason as a short talking point ("last call 93 days ago").
std::string point(const Reason& r, Lang l);
/// Reasons joined with "; " / "；".
std::string reasons(const std::vector<Reason>& rs, Lang l);
/// The same, with every day count taken to `day` (a call's day) rather than to the date the
/// plan was made: "days ago" and "overdue" from the last contact, complaint, due or promised
/// date the facts carry, "birthday in N days" from the birthday; a count without its date (days
/// without a trade) moves by as many days as the dated ones do. So a call sheet's row counts
/// every "N days ago" from one date, the one it states.
std::string reasons(const std::vector<Reason>& rs, Lang l, Date day);
/// The facts with their day counts taken to `day` (see reasons(rs, l, day)).
std::vector<Reason> countedTo(std::vector<Reason> rs, Date day);
/// Talking points joined with " · ".
std::string points(const std::vector<Reason>& rs, Lang l);
std::string drop(const DropFact& d, Lang l);
std::string note(const ReviewNote& n, Lang l);
/// "Asset-rich (higher net inflow, 12 months)" / 高资产（近12个月净流入较高）.
std::string segmentName(const SegmentName& n, Lang l);
/// A segment's name as the book keeps it: generated (encoded SegmentName in `fact`) or, when
/// `fact` is empty, as the user typed it (`typedZh` / `typedEn`, the other when one is empty).
std::string segmentName(std::string_view fact, std::string_view typedZh, std::string_view typedEn,
                        Lang l);
/// Why the book was kept as one segment (analytics SegmentationResult::unsegmented), with the
/// figures that decided it: the clients and the fewest segmented; the agreement of the
/// samples' clusterings at the k the criterion chose and the least accepted. "" for No.
std::string unsegmented(Unsegmented r, std::int64_t clients, std::int64_t minClients,
                        double agreement, double minAgreement, Lang l);
/// A factor from its themes (analytics FactorName: "activity&assets" or a feature id):
/// "trading activity & asset size" / 交易活跃度与资产规模.
std::string factorName(std::string_view themes, Lang l);

/// A portfolio risk flag (analytics::RiskBadge: its code, value and limit): "Deep drawdown 23.4%
/// (limit 20%)" / 回撤较深 23.4%（上限 20%）; a code this build does not know in general words.
std::string riskBadge(std::string_view code, double value, double limit, Lang l);

/// A client's value explanation from its stored code (core/valueexplanation.h); a code this
/// build does not understand in general words, never as it is.
std::string explanation(std::string_view code, Lang l);
/// Why a VIP may matter beyond its own account: "member of a household of 3 with combined AUM
/// 1,234,568.00 CNY" / 家庭成员（共3人），家庭合计资产1,234,568.00元.
std::string householdFact(int members, Money combinedAum, Lang l);
/// "AUM-rich, low value" reasons (FlagReason bits) joined with ", " / "、"; with no bit set,
/// the general reason.
std::string flagReasons(unsigned bits, Lang l);

/// A label of the printed reports and the exports, by its English text ("Portfolio review" ->
/// 客户投资组合回顾); "Risk|level" tells apart a place where the same English is worded
/// differently in Chinese (shown "Risk"). The English text itself in English; in Chinese, a label
/// the book lacks comes back in English (a test checks that every label the reports use is
/// here).
std::string_view label(std::string_view english, Lang l);
/// The heading of a report column named by its id ("profit_12m"): "Profit (12 months)" /
/// "近12个月利润". Reports for people use it; files for programs keep the ids.
std::string_view columnTitle(std::string_view id, Lang l);
/// Whether the book has a Chinese word for the label.
bool hasLabel(std::string_view english);

/// The display name of a book setting by its key ("value.vip_percent" -> "VIP share of clients"
/// / VIP比例), channel, broker and deadline settings included; "" for a key that is no setting.
std::string settingName(std::string_view key, Lang l);

// Refusals (core/refusal.h).
/// Why a command was refused, naming the field and the rule, the values that decided it, and
/// for an undo the operation that blocks it: "operation 12 cannot be undone: operation 15
/// (profile edit by alice at ...) changed client C1 since" / 操作12无法撤销：之后的操作15……
std::string refusal(const RefusalFact& f, Lang l);
/// The refusal and its details (a stale edit: each field's stored and typed value).
std::string refusal(const Refusal& r, Lang l);
/// An error as its reader should see it: its refusal in words when it has one, else its
/// located message (toString) as the engine wrote it.
std::string refusal(const Error& e, Lang l);
/// A located problem (an import's): the file, line, column and its header, then why, the value
/// included: "trades.csv line 12, column 3 (成交时间): trade time '2024-13-01 09:30': expected a
/// date and time ..." / "trades.csv 第12行，第3列（成交时间）：成交时间“2024-13-01 09:30”不是……".
/// Without a refusal, the reason is the engine's English message.
std::string located(const Error& e, Lang l);
/// Only the reason of a located problem (its refusal in words, else its message): for a table
/// whose other columns show the file, line, column and value.
std::string reasonOnly(const Error& e, Lang l);

// The branch server's check (core/serverfinding.h).
/// One thing `server check` found, located and worded with what to do: "table contacts:
/// row-level security is not forced, ... Force it again as the administrator: ..." / "表
/// contacts：未强制行级安全……"; a transaction id ahead of the server with its figures and the
/// repair. A kind this build does not know in general words, never as a bare identifier.
std::string serverFinding(const ServerFinding& f, Lang l);

// Duplicates (core/duplicatereason.h).
/// "same phone (ending 5678)" / 手机号相同（尾号5678）.
std::string duplicateReason(const DuplicateReason& r, Lang l);
/// All of a pair's reasons, joined with "; " / "；".
std::string duplicateReasons(const std::vector<DuplicateReason>& rs, Lang l);
/// What a merged client's id opens: "client C2 was merged into C1; showing C1" /
/// 客户C2已合并到C1，显示C1.
std::string mergedInto(std::string_view from, std::string_view into, Lang l);
// Surveys and return visits (core/survey.h).
/// A standard template's name: "Service satisfaction" / 服务满意度调查, "Compliance return visit
/// (high-risk products)" / 合规回访（高风险产品）; "" for None (a manager's template keeps its
/// name).
std::string_view name(StandardSurvey v, Lang l);
/// A standard item's question as the caller reads it out ("" for None).
std::string_view surveyItem(StandardItem v, Lang l);
/// The 0..10 question every survey ends with.
std::string_view recommendQuestion(Lang l);
/// "Promoter" / 推荐者 ...; "" for Unknown.
std::string_view name(LoyaltyClass v, Lang l);
/// An audience in words: "segment 3" / 第3类客户群, "VIPs" / VIP客户, "complaints in the last 30
/// days" / 近30天投诉客户, "accounts opened in the last 30 days", "buyers of R4-R5 products in the
/// last 90 days".
std::string audience(AudienceKind kind, long long arg, Lang l);
/// An NPS as it is shown: "+42" / "−8"; "n/a" / 无 without answers.
std::string nps(std::optional<double> v, Lang l);

// The CRM evaluation (core/evaluation.h).
/// "commission revenue per client" / 户均佣金收入.
std::string_view name(EvalOutcome v, Lang l);
/// A mean as it is shown: shares as "45%", money as yuan "1,234", satisfaction "4.12".
std::string evalLevel(EvalOutcome o, double v, Lang l);
/// A signed change: "+3.2 pp" / "+3.2个百分点", "−1,234", "+0.12".
std::string evalChange(EvalOutcome o, double v, Lang l);
/// The outcome's conclusion in plain words from its verdict, estimate and interval.
std::string evalConclusion(const EvalOutcomeResult& r, bool comparison, double confidence, Lang l);
/// The windows, the groups' sizes and the resamples in one line.
std::string evalSummary(const EvalResult& r, Lang l);
/// An outcome's figures as lines: each group's before, after and change; the estimate and
/// its interval (none when there is not enough data).
std::vector<std::string> evalFigures(const EvalOutcomeResult& o, const EvalResult& r, Lang l);
/// A caveat of the whole evaluation.
std::string evalCaveat(EvalCaveat c, Lang l);

// The command line's own reports (src/cli): headings, notes and summary lines. English keeps
// the words the CLI has always printed, which scripts and docs/ quote; Chinese is written for
// a reader.
/// A heading of `coverage`'s tables: "broker", "branch", "clients", "covered", "share",
/// "overdue", "VIPs", "neglected", "deadlines" / 客户经理, 营业部, 客户数 ...
enum class CoverageWord {
    Broker,
    Branch,
    Clients,
    Covered,
    Share,
    Overdue,
    Vips,
    Neglected,
    Deadlines
};
inline constexpr int kCoverageWordCount = 9;
std::string_view name(CoverageWord v, Lang l);
/// A coverage row's name: its broker or branch id (the service desk's queue named in Chinese),
/// "(none)" / （无） without one, "total" / 合计 for the book's total.
std::string coverageRow(std::string_view id, bool total, Lang l);
/// The report's first line: "coverage as of 2026-11-20 (clients with a proactive cadence; ...)".
std::string coverageHeading(Date asOf, Lang l);
/// "neglected VIPs (3), most overdue first:" / 未按期联系的VIP（3位），最久未联系的在前：
std::string neglectedVipsHeading(std::size_t n, Lang l);
/// A neglected VIP after its id and name: "broker B07      cadence  30 d, last contact
/// 2026-10-01 (50 days ago)", or "never contacted (opened 50 days ago)".
std::string neglectedVip(std::string_view broker, int cadenceDays, std::optional<Date> lastContact,
                         long long daysSince, Lang l);
/// "deadlines the plan of 2026-11-20 misses (4), earliest first:" /
/// 2026-11-20的计划错过的期限（4项），最早的在前：
std::string missedDeadlinesHeading(Date planAsOf, std::size_t n, Lang l);

/// A heading of `kpi`'s table, in its order (words for a reader, not the ids `kpi --json` keys
/// its figures by), and the name of the firm's row.
enum class KpiWord {
    Month,      // "Month" / 月份
    Id,         // "ID" / 编号
    Name,       // "Name" / 名称
    Clients,    // "Clients" / 客户数
    Active,     // "Active" / 活跃
    New,        // "New" / 新增
    Lost,       // "Lost" / 流失
    Aum,        // "AUM" / 总资产
    NetInflow,  // "Net inflow" / 资金净流入
    Commission, // "Commission" / 佣金收入
    Profit12m,  // "Profit 12m" / 近12个月利润
    Vips,       // "VIPs" / VIP数
    Churn,      // "Churn" (of VIPs) / VIP流失
    Cover,      // "Covered" (coverage) / 覆盖率
    Sat,        // "Satisfaction" (its mean) / 满意度
    Retain,     // "Retain" (retention) / 留存率
    Firm        // the firm's row: "Firm" / 全公司
};
inline constexpr int kKpiWordCount = 17;
std::string_view name(KpiWord v, Lang l);
/// Under a table whose last month is not over: "(2026-12 is open: its figures are as of
/// 2026-12-07)" / （2026年12月尚未结束：数据截至2026-12-07）.
std::string kpiOpenMonth(std::string_view month, Date asOf, Lang l);
/// "wrote the report of 2026-11 (3 branches, 14 brokers) to F" / 已将2026年11月的报告（3个营业部，
/// 14名客户经理）写入 F.
std::string kpiReportWritten(std::string_view month, std::size_t branches, std::size_t brokers,
                             std::string_view file, Lang l);
/// The history back-filled: "computed 12 month-ends of 600 clients as of 2026-10-31 in 1.2 s".
std::string kpiComputed(std::size_t months, std::size_t clients, Date asOf, double seconds, Lang l);
/// "the book has no trades and no asset snapshots: no history".
std::string_view kpiNoHistory(Lang l);
/// "nothing stored for that choice (months stored: 2025-11 to 2026-10)".
std::string kpiNothingStored(std::string_view first, std::string_view last, Lang l);

/// A heading of `deadlines`' table: "kind", "default", "current", "counted as (allowed)" /
/// 类型, 默认, 当前, 计算方式（允许范围）.
enum class DeadlineWord { Kind, Default, Current, CountedAs };
inline constexpr int kDeadlineWordCount = 4;
std::string_view name(DeadlineWord v, Lang l);
/// How a deadline counts, with its range: a dated kind "working days after its date (0..5; 0 =
/// on the day)", else "by working day N of the plan (1..60; 1 = the first day)".
std::string deadlineCounted(bool dated, int minDays, int maxDays, Lang l);

/// Under `search`'s hits when the limit cut the list: "(3 more; --limit shows more)" /
/// （另有3位客户；--limit 可显示更多）.
std::string moreHits(std::size_t n, Lang l);

/// What an import did with one file's rows.
struct ImportedRows {
    long long added = 0, updated = 0, unchanged = 0, rejected = 0;
};
/// An import file's kind by the key the import log stores ("trades" / 成交); the key itself for
/// one this build does not know.
std::string_view importKind(std::string_view key, Lang l);
/// One file's line: "trades F: 2 new, 0 updated, 0 unchanged, 0 rejected [gb18030]" /
/// 成交 F：新增2，更新0，未变0，拒绝0 [gb18030]; a run that imported nothing (`committed`
/// false) gives only the rejected rows, as its other counts would read as if rows had been
/// imported.
std::string importedFile(std::string_view kindKey, std::string_view path, const ImportedRows& rows,
                         bool committed, std::string_view encoding, Lang l);
/// "F: ignored unknown columns: a b" / F：已忽略未识别的列：a、b.
std::string ignoredColumns(std::string_view path, const std::vector<std::string>& columns, Lang l);
/// After the problems printed: "… and 10 more" / ……另有10个问题.
std::string moreProblems(std::size_t n, Lang l);
/// "input rejected (60 problem(s)); nothing was imported" / 输入被拒绝（60个问题），未导入任何数据.
std::string importRejected(std::size_t problems, Lang l);
/// A lenient run: "3 row(s) rejected, written to F" / 拒绝3行，已写入F.
std::string rowsRejectedTo(long long rows, std::string_view path, Lang l);
/// "client summary not updated: <why>" / 客户汇总未更新：<why>.
std::string clientSummaryNotUpdated(std::string_view why, Lang l);

} // namespace bd::phrase
