// What `server check` found wrong on a branch server (core/serverfinding.h), in words: where,
// what it lets happen, and what the administrator does about it.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "core/serverfinding.h"
#include "phrasebook/words.h"

namespace bd::phrase {
namespace {

// {s}: the subject (a table, "table.trigger", a login, a function, "table.column").
constexpr Keyed kFindings[] = {
    {"rls_not_forced",
     {"table {s}: row-level security is not forced, so a login may read rows its policies would "
      "hide. Force it again as the administrator: ALTER TABLE {s} ENABLE ROW LEVEL SECURITY; "
      "ALTER TABLE {s} FORCE ROW LEVEL SECURITY.",
      "表 {s}：未强制行级安全，登录用户可能读到策略本应隐藏的行。请以管理员身份重新启用：ALTER "
      "TABLE {s} ENABLE ROW LEVEL SECURITY; ALTER TABLE {s} FORCE ROW LEVEL SECURITY。"}},
    {"not_owned_by_owner",
     {"table {s} is not owned by bd_owner, and its owner passes by its policies. Give it back: "
      "ALTER TABLE {s} OWNER TO bd_owner.",
      "表 {s} 的所有者不是 bd_owner，其所有者可绕过行级安全策略。请改回：ALTER TABLE {s} "
      "OWNER TO bd_owner。"}},
    {"no_policy",
     {"table {s} has no policy: with row-level security forced no login reads it. Restore its "
      "policies from the schema's backup (pg_dump --schema-only).",
      "表 {s} 没有任何行级安全策略：在强制行级安全下，任何登录都读不到它。请从架构备份（pg_dump "
      "--schema-only）恢复其策略。"}},
    {"owner_held_by_person",
     {"login {s} holds bd_owner (directly or through another role) and so passes by every "
      "policy. Revoke it: REVOKE bd_owner FROM {s}.",
      "登录 {s} 持有 bd_owner（直接或经由其他角色），可绕过所有策略。请撤销：REVOKE bd_owner "
      "FROM {s}。"}},
    {"person_bypasses_rls",
     {"login {s} is a superuser or bypasses row-level security, and so reads every client. Take "
      "it away: ALTER ROLE {s} NOSUPERUSER NOBYPASSRLS (a batch login belongs to the batch group "
      "alone).",
      "登录 {s} 是超级用户或可绕过行级安全，能读取全部客户。请收回：ALTER ROLE {s} NOSUPERUSER "
      "NOBYPASSRLS（批处理登录只应属于 batch 组）。"}},
    {"public_can_execute",
     {"function {s} runs as its owner and anyone may call it. Revoke it: REVOKE ALL ON FUNCTION "
      "{s} FROM PUBLIC.",
      "函数 {s} 以其所有者身份运行，且任何人都可调用。请撤销：REVOKE ALL ON FUNCTION {s} FROM "
      "PUBLIC。"}},
    {"public_can_create",
     {"schema {s}: anyone may create objects in it and shadow the book's own. Revoke it: REVOKE "
      "CREATE ON SCHEMA {s} FROM PUBLIC.",
      "模式 {s}：任何人都可在其中创建对象，冒充账簿自身的对象。请撤销：REVOKE CREATE ON SCHEMA "
      "{s} FROM PUBLIC。"}},
    {"audit_trigger_missing",
     {"trigger {s} is missing or disabled: the table's changes are not recorded in row_audit. "
      "Enable it again (ALTER TABLE ... ENABLE TRIGGER) or restore it from the schema's backup.",
      "触发器 {s} 缺失或已停用：该表的修改不会记入 row_audit。请重新启用（ALTER TABLE ... "
      "ENABLE TRIGGER）或从架构备份恢复。"}},
    {"notify_trigger_missing",
     {"trigger {s} is missing or disabled: desks are not told of the table's changes and show "
      "old rows. Enable it again (ALTER TABLE ... ENABLE TRIGGER) or restore it from the "
      "schema's backup.",
      "触发器 {s} 缺失或已停用：工作站收不到该表的变更通知，会显示旧数据。请重新启用（ALTER "
      "TABLE ... ENABLE TRIGGER）或从架构备份恢复。"}},
    {"partition_policy_missing",
     {"partition policy {s} is missing or differs from its parent's: read by its own name the "
      "partition may show rows its parent would hide. Give the partition its parent's policy "
      "again, or drop that run's partition.",
      "分区策略 {s} 缺失或与父表不同：直接按分区名读取可能看到父表本应隐藏的行。请为该分区恢复父"
      "表的策略，或删除该次运行的分区。"}},
    {"partition_writable",
     {"partition {s} may be written directly, past its parent's audit trail. Revoke the grant: "
      "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {s} FROM the logins that hold it.",
      "分区 {s} 可被直接写入，绕过父表的审计记录。请撤销授权：REVOKE INSERT, UPDATE, DELETE, "
      "TRUNCATE ON {s} FROM 持有该权限的登录。"}},
    {"tracking_column_missing",
     {"column {s} (each row's writer, the change tracking of server schema v14) is missing or "
      "lost its default: the nightly batch's kept copy would miss changes. Restore it: ALTER "
      "TABLE ... ALTER COLUMN bd_xid SET DEFAULT pg_current_xact_id().",
      "列 {s}（每行的写入事务，服务器架构 v14 的变更跟踪）缺失或失去默认值：夜间批处理保留的副本会"
      "漏掉变更。请恢复：ALTER TABLE ... ALTER COLUMN bd_xid SET DEFAULT pg_current_xact_id()。"}},
    {"tracking_trigger_missing",
     {"trigger {s} of the change tracking is missing or disabled: the nightly batch's kept copy "
      "would miss changes. Enable it again (ALTER TABLE ... ENABLE TRIGGER) or restore it from "
      "the schema's backup.",
      "变更跟踪的触发器 {s} 缺失或已停用：夜间批处理保留的副本会漏掉变更。请重新启用（ALTER TABLE "
      "... ENABLE TRIGGER）或从架构备份恢复。"}},
    {"xid_markers_unchecked",
     {"{s}: this login may not read them, so the transaction ids they hold were not checked "
      "against the server's (the rest of the check ran). Run the check as the administrator: "
      "sudo -u postgres brokerdesk-cli server check --db URI.",
      "{s}：当前登录无权读取，其中记录的事务号未与服务器核对（其余检查已完成）。请以管理员身份运行"
      "检查：sudo -u postgres brokerdesk-cli server check --db URI。"}},
};

// {s} the place, {rows} how many rows, {marker} the greatest id there, {next} the server's.
constexpr Words kAheadRows = {
    "{s}: {rows} ahead of this server: transaction ids up to {marker}, and the server's next "
    "is {next}. The book was restored from a logical dump (pg_dump) into a new cluster. Until "
    "the server passes them the nightly batch makes its copy whole every night and the change "
    "log is not pruned. Reset them as the administrator (audited), before the desks connect: "
    "brokerdesk-cli server check --repair --db URI, then VACUUM ANALYZE.",
    "{s}：{rows} 行记录的事务号超前于本服务器：最大为 {marker}，而服务器的下一个事务号是 "
    "{next}。账簿曾以逻辑转储（pg_dump）恢复到新的集群。在服务器追上之前，夜间批处理每晚都要重建"
    "整份副本，变更日志也不会被清理。请在工作站连接之前以管理员身份重置（记入审计）：brokerdesk-"
    "cli "
    "server check --repair --db URI，然后执行 VACUUM ANALYZE。"};
constexpr Words kAheadValue = {
    "{s}: transaction {marker} is ahead of this server, whose next is {next}. The book was "
    "restored from a logical dump (pg_dump) into a new cluster. Until the server passes it the "
    "nightly batch makes its copy whole every night and the change log is not pruned. Reset it "
    "as the administrator (audited), before the desks connect: brokerdesk-cli server check "
    "--repair --db URI, then VACUUM ANALYZE.",
    "{s}：事务号 {marker} 超前于本服务器，服务器的下一个事务号是 "
    "{next}。账簿曾以逻辑转储（pg_dump）"
    "恢复到新的集群。在服务器追上之前，夜间批处理每晚都要重建整份副本，变更日志也不会被清理。请在"
    "工作站连接之前以管理员身份重置（记入审计）：brokerdesk-cli server check --repair --db "
    "URI，然后执行 VACUUM ANALYZE。"};
constexpr Words kUnknown = {"{s}: a finding this build does not know ({kind}).",
                            "{s}：本版本无法识别的检查结果（{kind}）。"};

/// `text` with each {name} replaced by its value.
std::string filled(std::string_view text,
                   std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
    std::string out(text);
    for (const auto& [name, value] : values) {
        const std::string mark = "{" + std::string(name) + "}";
        for (auto at = out.find(mark); at != std::string::npos;
             at = out.find(mark, at + value.size()))
            out.replace(at, mark.size(), value);
    }
    return out;
}

} // namespace

std::string serverFinding(const ServerFinding& f, Lang l) {
    if (f.kind == "xid_marker_ahead") {
        const std::string rows = l == Lang::Zh ? std::to_string(f.rows)
                                               : counted(f.rows, "row holds ids", "rows hold ids");
        const bool value = f.subject.rfind("bd_meta.", 0) == 0; // one value, not rows
        return filled(
            in(value ? kAheadValue : kAheadRows, l),
            {{"s", f.subject}, {"rows", rows}, {"marker", f.marker}, {"next", f.server_next}});
    }
    const Words* w = wordsOf(kFindings, f.kind);
    return filled(in(w ? *w : kUnknown, l), {{"s", f.subject}, {"kind", f.kind}});
}

} // namespace bd::phrase
