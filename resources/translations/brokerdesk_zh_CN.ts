<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>BrokerDesk</source>
        <translation>BrokerDesk 客户经理工作台</translation>
    </message>
</context>
<context>
    <name>bd::ui::AnalyticsBanner</name>
    <message>
        <source>Refresh analytics</source>
        <translation>刷新分析</translation>
    </message>
    <message>
        <source>The analytics are older than the data: the last import was at %1, the last analytics run at %2. Value, VIP, Segments and the plan show the run before.</source>
        <translation>分析结果早于数据：最近一次导入在 %1，最近一次分析在 %2。价值、VIP、客户分群和计划显示的仍是上一次分析的结果。</translation>
    </message>
    <message>
        <source>The data were imported at %1 but the analytics have never run: Value, VIP and Segments are empty until they do.</source>
        <translation>数据已于 %1 导入，但尚未运行分析：运行分析之前，价值、VIP 和客户分群为空。</translation>
    </message>
    <message>
        <source>The analytics are older than the data: the last import was at %1, the last analytics run at %2. The branch&apos;s nightly batch brings Value, VIP, Segments and the plan up to date at its next run.</source>
        <translation>分析结果早于数据：最近一次导入在 %1，最近一次分析在 %2。营业部的夜间批处理将在下次运行时更新价值、VIP、客户分群和计划。</translation>
    </message>
    <message>
        <source>The data were imported at %1 but the analytics have never run: the branch&apos;s nightly batch computes Value, VIP and Segments at its next run.</source>
        <translation>数据已于 %1 导入，但尚未运行分析：营业部的夜间批处理将在下次运行时计算价值、VIP 和客户分群。</translation>
    </message>
</context>
<context>
    <name>bd::ui::AuditView</name>
    <message>
        <source>Undo this operation</source>
        <translation>撤销此操作</translation>
    </message>
    <message>
        <source>Puts back what the selected row&apos;s operation changed, as one new operation; refused when it was undone already or changed since.</source>
        <translation>把所选行的操作所改动的内容恢复原状，作为一次新的操作；若已撤销或之后又被修改，则拒绝撤销。</translation>
    </message>
    <message>
        <source>Not undone: %1</source>
        <translation>未撤销：%1</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Client id</source>
        <translation>客户号</translation>
    </message>
    <message>
        <source>All operations</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <source>Plan items</source>
        <translation>计划事项</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>客户关系</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>不限日期</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Newest %1 rows shown; narrow the filters to see older ones.</source>
        <translation>仅显示最新的 %1 条；缩小筛选范围可查看更早的记录。</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 条</translation>
    </message>
    <message>
        <source>Client tag</source>
        <translation>客户标签</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <source>Local correction</source>
        <translation>本地更正</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>客户关系</translation>
    </message>
    <message>
        <source>Plan item</source>
        <translation>计划事项</translation>
    </message>
    <message>
        <source>Calendar day</source>
        <translation>日历日</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>客户分群</translation>
    </message>
    <message>
        <source>Service policy</source>
        <translation>服务策略</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Merged client</source>
        <translation>被合并客户</translation>
    </message>
    <message>
        <source>Survey campaign</source>
        <translation>问卷活动</translation>
    </message>
    <message>
        <source>Survey template</source>
        <translation>问卷模板</translation>
    </message>
    <message>
        <source>No client %1 in this book.</source>
        <translation>本账簿中没有客户%1。</translation>
    </message>
    <message>
        <source>%1 (both clients&apos; history). %2</source>
        <translation>%1（列出两位客户的记录）。%2</translation>
    </message>
</context>
<context>
    <name>bd::ui::BookSession</name>
    <message>
        <source>Undo operation %1</source>
        <translation>撤销操作%1</translation>
    </message>
    <message>
        <source>Colour of tag %1</source>
        <translation>标签%1的颜色</translation>
    </message>
    <message>
        <source>Edit client %1</source>
        <translation>编辑客户 %1</translation>
    </message>
    <message>
        <source>Change client %1</source>
        <translation>修改客户 %1</translation>
    </message>
    <message>
        <source>Add client %1</source>
        <translation>新增客户 %1</translation>
    </message>
    <message>
        <source>Remove tag %1</source>
        <translation>移除标签 %1</translation>
    </message>
    <message>
        <source>Tag %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <source>Add note to %1</source>
        <translation>为 %1 添加笔记</translation>
    </message>
    <message>
        <source>Correct contact</source>
        <translation>更正联系</translation>
    </message>
    <message>
        <source>Void contact</source>
        <translation>作废联系</translation>
    </message>
    <message>
        <source>Relate %1 and %2</source>
        <translation>关联 %1 与 %2</translation>
    </message>
    <message>
        <source>Remove relation of %1 and %2</source>
        <translation>删除 %1 与 %2 的关系</translation>
    </message>
    <message>
        <source>Change settings</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <source>Correct the calendar</source>
        <translation>更正日历</translation>
    </message>
    <message>
        <source>Merge %1 into %2</source>
        <translation>将 %1 合并到 %2</translation>
    </message>
    <message numerus="yes">
        <source>Reassign %n client(s)</source>
        <translation>
            <numerusform>改派 %n 位客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set status of %n client(s)</source>
        <translation>
            <numerusform>设置 %n 位客户的状态</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bd::ui::BulkActionDialog</name>
    <message numerus="yes">
        <source>; %n of them will move to the broker&apos;s branch</source>
        <translation>
            <numerusform>；其中 %n 位将随之转到该客户经理的营业部</numerusform>
        </translation>
    </message>
    <message>
        <source>Bulk action</source>
        <translation>批量操作</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) chosen</source>
        <translation>
            <numerusform>已选 %n 位客户</numerusform>
        </translation>
    </message>
    <message>
        <source>Reassign broker</source>
        <translation>改派客户经理</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <source>Set status</source>
        <translation>设置状态</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <source>Broker:</source>
        <translation>客户经理：</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) will be reassigned from %1 to %2</source>
        <translation>
            <numerusform>%n 位客户将从 %1 改派给 %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n already there)</source>
        <translation>
            <numerusform>（%n 位已在该客户经理名下）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) will be set to %1</source>
        <translation>
            <numerusform>%n 位客户的状态将设为%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Name the tag.</source>
        <translation>请输入标签名称。</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) will be tagged %1</source>
        <translation>
            <numerusform>%n 位客户将添加标签 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tag %1 will be removed from %n client(s)</source>
        <translation>
            <numerusform>将从 %n 位客户移除标签 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bd::ui::CalendarView</name>
    <message>
        <source>Holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>Market closed</source>
        <translation>休市</translation>
    </message>
    <message>
        <source>Adjusted workday</source>
        <translation>调休工作日</translation>
    </message>
    <message>
        <source>Exchange calendar</source>
        <translation>交易日历</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>Market closed (offices open)</source>
        <translation>休市（营业部照常上班）</translation>
    </message>
    <message>
        <source>Adjusted workday (offices open, market closed)</source>
        <translation>调休工作日（上班，不开市）</translation>
    </message>
    <message>
        <source>The book&apos;s correction</source>
        <translation>本账簿的更正</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Correct a day</source>
        <translation>更正某一天</translation>
    </message>
    <message>
        <source>Click a day in the calendar.</source>
        <translation>请在日历中点选一天。</translation>
    </message>
    <message>
        <source>Closed: holiday</source>
        <translation>休息：节假日</translation>
    </message>
    <message>
        <source>Closed: market only (offices open)</source>
        <translation>休市：仅交易所休市（营业部上班）</translation>
    </message>
    <message>
        <source>Open: weekend worked (adjusted workday)</source>
        <translation>上班：周末调休上班</translation>
    </message>
    <message>
        <source>As the built-in calendar (remove the correction)</source>
        <translation>按内置日历（删除更正）</translation>
    </message>
    <message>
        <source>Mark as</source>
        <translation>标记为</translation>
    </message>
    <message>
        <source>Reason, e.g. exchange notice of 2026-03-01</source>
        <translation>原因，例如 2026-03-01 交易所通知</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Apply correction</source>
        <translation>应用更正</translation>
    </message>
    <message>
        <source>%1 trading days, %2 working days</source>
        <translation>%1 个交易日，%2 个工作日</translation>
    </message>
    <message>
        <source>%1 trading days, %2 working days (no holidays listed for this year: weekends only)</source>
        <translation>%1 个交易日，%2 个工作日（该年未列节假日：仅按周末计算）</translation>
    </message>
    <message>
        <source>Book (corrects the built-in)</source>
        <translation>账簿（更正内置日历）</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>账簿</translation>
    </message>
    <message>
        <source>Built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>Trading day</source>
        <translation>交易日</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message>
        <source>Not corrected, the calendar is unchanged: %1</source>
        <translation>未更正，日历未作改动：%1</translation>
    </message>
    <message>
        <source>Corrected %1 (Edit › Undo takes it back).</source>
        <translation>已更正 %1（可用 编辑 › 撤销 恢复）。</translation>
    </message>
    <message>
        <source>%1 was already so.</source>
        <translation>%1 已是如此。</translation>
    </message>
</context>
<context>
    <name>bd::ui::ClientDetailPane</name>
    <message>
        <source>Colour of tag %1</source>
        <translation>标签%1的颜色</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>持仓</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>价值</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>客户资料</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>客户号</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>偏好渠道</translation>
    </message>
    <message>
        <source>Contact hours</source>
        <translation>联系时段</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>营业部</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>开户日期</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Assets (CNY)</source>
        <translation>资产（元）</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Market value</source>
        <translation>市值</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Recent trades</source>
        <translation>近期交易</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>证券</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>成交金额</translation>
    </message>
    <message>
        <source>Commission</source>
        <translation>佣金</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Recent contacts</source>
        <translation>近期联系</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>No client selected</source>
        <translation>未选择客户</translation>
    </message>
    <message>
        <source>Select a client in the book to see the profile, assets and activity.</source>
        <translation>在客户列表中选择一位客户，查看资料、资产和交易活动。</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1 (born %2)</source>
        <translation>%1（生于 %2）</translation>
    </message>
    <message>
        <source>no snapshot</source>
        <translation>无资产快照</translation>
    </message>
    <message>
        <source>Recent trades (%1 of %2)</source>
        <translation>近期交易（%2 笔中的 %1 笔）</translation>
    </message>
    <message>
        <source>Recent contacts (%1 of %2)</source>
        <translation>近期联系（%2 次中的 %1 次）</translation>
    </message>
    <message>
        <source>Profile edited</source>
        <translation>资料已编辑</translation>
    </message>
    <message>
        <source>Client added</source>
        <translation>新增客户</translation>
    </message>
    <message>
        <source>Tag set</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Tag removed</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <source>Note added</source>
        <translation>添加笔记</translation>
    </message>
    <message>
        <source>Contact logged</source>
        <translation>记录联系</translation>
    </message>
    <message>
        <source>Contact corrected</source>
        <translation>更正联系</translation>
    </message>
    <message>
        <source>Contact voided</source>
        <translation>作废联系</translation>
    </message>
    <message>
        <source>Plan item moved</source>
        <translation>计划项改期</translation>
    </message>
    <message>
        <source>Plan item skipped</source>
        <translation>计划项跳过</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2 removed</source>
        <translation>%1：%2 已移除</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Log contact…</source>
        <translation>记录联系…</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>new tag</source>
        <translation>新标签</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加笔记</translation>
    </message>
    <message>
        <source>Note (not a contact):</source>
        <translation>笔记（不计为联系）：</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Remove tag %1</source>
        <translation>移除标签 %1</translation>
    </message>
    <message>
        <source>%1 · %2: %3</source>
        <translation>%1 · %2：%3</translation>
    </message>
    <message>
        <source>Undo of operation %1</source>
        <translation>撤销操作 %1</translation>
    </message>
    <message>
        <source>%1 kept as a local correction (over imports)</source>
        <translation>%1 保留为本地更正（导入不覆盖）</translation>
    </message>
    <message>
        <source>Local correction of %1 removed</source>
        <translation>%1 的本地更正已移除</translation>
    </message>
    <message>
        <source>Tag “%1”</source>
        <translation>标签“%1”</translation>
    </message>
    <message>
        <source>Tag “%1” removed</source>
        <translation>标签“%1”已移除</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>笔记：%1</translation>
    </message>
    <message>
        <source>Void reason</source>
        <translation>作废原因</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进日期</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Relation set</source>
        <translation>设置关系</translation>
    </message>
    <message>
        <source>Relation removed</source>
        <translation>删除关系</translation>
    </message>
    <message>
        <source>Relation %1: %2</source>
        <translation>关系 %1：%2</translation>
    </message>
    <message>
        <source>Relation %1 (%2) removed</source>
        <translation>已删除关系 %1（%2）</translation>
    </message>
    <message>
        <source>Risk assessed on</source>
        <translation>风险测评日期</translation>
    </message>
    <message>
        <source>Household and relations</source>
        <translation>家庭与关系</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>AUM</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>Profit (12 months)</source>
        <translation>近12个月利润</translation>
    </message>
    <message>
        <source>Value score</source>
        <translation>价值评分</translation>
    </message>
    <message>
        <source>Add relation…</source>
        <translation>添加关系…</translation>
    </message>
    <message>
        <source>Remove relation</source>
        <translation>删除关系</translation>
    </message>
    <message>
        <source>Remove the relation to %1?</source>
        <translation>确定删除与 %1 的关系？</translation>
    </message>
    <message>
        <source>this client</source>
        <translation>本人</translation>
    </message>
    <message>
        <source>household member</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <source>%1 (not household)</source>
        <translation>%1（非家庭）</translation>
    </message>
    <message>
        <source>Household of %1: combined AUM %2 · profit (12 months) %3 · value %4</source>
        <translation>家庭共 %1 人：合计资产 %2 · 近12个月利润 %3 · 价值得分 %4</translation>
    </message>
    <message>
        <source>No household: relate a spouse, parent, child or sibling.</source>
        <translation>暂无家庭：可关联配偶、父母、子女或兄弟姐妹。</translation>
    </message>
    <message>
        <source>Add relation</source>
        <translation>添加关系</translation>
    </message>
    <message>
        <source>name, pinyin, client ID, phone digits…</source>
        <translation>姓名、拼音、客户号或电话号码…</translation>
    </message>
    <message>
        <source>(none chosen)</source>
        <translation>（未选择）</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>客户：</translation>
    </message>
    <message>
        <source>Is this client&apos;s:</source>
        <translation>是本客户的：</translation>
    </message>
    <message>
        <source>%1 (expired %2)</source>
        <translation>%1（已于 %2 过期）</translation>
    </message>
    <message>
        <source>%1 (valid until %2)</source>
        <translation>%1（有效期至 %2）</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Correct the selected contact&apos;s notes and outcome</source>
        <translation>更正所选联系记录的备注和结果</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Void the selected contact, giving a reason</source>
        <translation>作废所选联系记录（须填写原因）</translation>
    </message>
    <message>
        <source>Select a contact first.</source>
        <translation>请先选择一条联系记录。</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Voided: %1</source>
        <translation>已作废：%1</translation>
    </message>
</context>
<context>
    <name>bd::ui::ClientFilterBar</name>
    <message>
        <source>Branch:</source>
        <translation>营业部：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Risk:</source>
        <translation>风险等级：</translation>
    </message>
    <message>
        <source>Segment:</source>
        <translation>客户分群：</translation>
    </message>
    <message>
        <source>VIP:</source>
        <translation>VIP：</translation>
    </message>
    <message>
        <source>VIP only</source>
        <translation>仅VIP</translation>
    </message>
    <message>
        <source>Not VIP</source>
        <translation>非VIP</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>bd::ui::ClientSearchBox</name>
    <message>
        <source>Find a client: name, pinyin (zxr), client ID, phone digits, ID number tail… (Ctrl+F)</source>
        <translation>查找客户：姓名、拼音（zxr）、客户号、电话号码数字、证件号尾号…（Ctrl+F）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>客户号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <source>Indexing clients…</source>
        <translation>正在建立客户索引…</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>No client found</source>
        <translation>未找到客户</translation>
    </message>
    <message>
        <source>%1 more found: type more to narrow the list</source>
        <translation>另有 %1 位客户：继续输入以缩小范围</translation>
    </message>
</context>
<context>
    <name>bd::ui::ClientTableModel</name>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>客户号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>营业部</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>开户日期</translation>
    </message>
    <message>
        <source>AUM (CNY)</source>
        <translation>资产（元）</translation>
    </message>
    <message>
        <source>Trades 12M</source>
        <translation>近12月交易</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>上次联系</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Cash + market value of the latest asset snapshot</source>
        <translation>最新资产快照的现金 + 市值</translation>
    </message>
    <message>
        <source>Trades in the 12 months up to the book&apos;s last trade date</source>
        <translation>截至本账簿最后交易日的12个月内交易笔数</translation>
    </message>
    <message>
        <source>Not sortable</source>
        <translation>不可排序</translation>
    </message>
    <message>
        <source>Click to sort</source>
        <translation>点击排序</translation>
    </message>
</context>
<context>
    <name>bd::ui::ClientValueTab</name>
    <message>
        <source>Value score</source>
        <translation>价值评分</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Firm rank</source>
        <translation>全公司排名</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>AUM</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>Last trade</source>
        <translation>上次交易</translation>
    </message>
    <message>
        <source>Future value (12 months)</source>
        <translation>未来价值（12个月）</translation>
    </message>
    <message>
        <source>CLV</source>
        <translation>客户终身价值</translation>
    </message>
    <message>
        <source>P(alive)</source>
        <translation>存活概率</translation>
    </message>
    <message>
        <source>Expected trades</source>
        <translation>预期交易</translation>
    </message>
    <message>
        <source>Profit over the last 12 months (CNY)</source>
        <translation>近12个月利润（元）</translation>
    </message>
    <message>
        <source>Commission revenue</source>
        <translation>佣金收入</translation>
    </message>
    <message>
        <source>Interest spread</source>
        <translation>利差收入</translation>
    </message>
    <message>
        <source>− Handling cost</source>
        <translation>− 交易处理成本</translation>
    </message>
    <message>
        <source>− Service cost</source>
        <translation>− 服务成本</translation>
    </message>
    <message>
        <source>− Account maintenance</source>
        <translation>− 账户维护成本</translation>
    </message>
    <message>
        <source>= Profit</source>
        <translation>= 利润</translation>
    </message>
    <message>
        <source>Why this score</source>
        <translation>评分依据</translation>
    </message>
    <message>
        <source>No client selected.</source>
        <translation>未选择客户。</translation>
    </message>
    <message>
        <source>No value analysis yet: run Refresh (brokerdesk-cli refresh) to compute profit, CLV and value scores.</source>
        <translation>尚无价值分析：请运行“刷新”（brokerdesk-cli refresh）计算利润、客户终身价值和价值评分。</translation>
    </message>
    <message>
        <source>This client was not scored in the latest refresh.</source>
        <translation>该客户未参与最近一次刷新的评分。</translation>
    </message>
    <message>
        <source>From the refresh of %1 (as of %2).</source>
        <translation>来自 %1 的刷新（数据截至 %2）。</translation>
    </message>
    <message>
        <source>This client was not scored in the branch&apos;s latest nightly batch.</source>
        <translation>该客户未参与营业部最近一次夜间批处理的评分。</translation>
    </message>
    <message>
        <source>From the branch&apos;s nightly batch of %1 (as of %2), which ranks every client of the firm.</source>
        <translation>来自营业部夜间批处理（%1，数据截至 %2），排名按全公司所有客户计算。</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>第 %1 名</translation>
    </message>
    <message>
        <source>VIP (firm)</source>
        <translation>VIP（全公司）</translation>
    </message>
    <message>
        <source>AUM-rich, low value: %1</source>
        <translation>高资产、低价值：%1</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1 天前</translation>
    </message>
    <message>
        <source>Loyalty (NPS)</source>
        <translation>忠诚度（NPS）</translation>
    </message>
    <message>
        <source>%1 (%2/10, %3)</source>
        <translation>%1（%2/10，%3）</translation>
    </message>
    <message>
        <source>not surveyed · branch NPS %1</source>
        <translation>未参与问卷 · 营业部NPS %1</translation>
    </message>
    <message>
        <source>not surveyed</source>
        <translation>未参与问卷</translation>
    </message>
    <message>
        <source>No value analysis yet: the branch&apos;s nightly batch computes profit, CLV and value scores; ask the branch&apos;s administrator if it has not run.</source>
        <translation>尚无价值分析：利润、CLV 和价值评分由营业部的夜间批处理计算；如未运行，请联系营业部的管理员。</translation>
    </message>
</context>
<context>
    <name>bd::ui::ConnectDialog</name>
    <message>
        <source>Connect to branch server</source>
        <translation>连接营业部服务器</translation>
    </message>
    <message>
        <source>The branch book on its PostgreSQL server. Fields left empty take the system&apos;s defaults; a password left empty is read from ~/.pgpass.</source>
        <translation>营业部账簿所在的 PostgreSQL 服务器。留空的栏目使用系统默认值；密码留空时从 ~/.pgpass 读取。</translation>
    </message>
    <message>
        <source>server name or address</source>
        <translation>服务器名称或地址</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>登录名(&amp;L)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>The branch server %1 refused the login: the password is wrong, or the login is no user of this book.</source>
        <translation>营业部服务器 %1 拒绝了登录：密码错误，或该登录名不是此账簿的用户。</translation>
    </message>
    <message>
        <source>The branch server %1 cannot be reached: check its address and port, and that it is running.</source>
        <translation>无法连接营业部服务器 %1：请检查地址和端口，以及服务器是否在运行。</translation>
    </message>
    <message>
        <source>The branch book on %1 is of a newer BrokerDesk than this one: install the newer version to open it.</source>
        <translation>%1 上的营业部账簿来自更新版本的 BrokerDesk：请安装新版本后再打开。</translation>
    </message>
    <message>
        <source>There is no branch book on %1: check the database&apos;s name.</source>
        <translation>%1 上没有营业部账簿：请检查数据库名称。</translation>
    </message>
</context>
<context>
    <name>bd::ui::ContactFixDialog</name>
    <message>
        <source>Correct contact</source>
        <translation>更正联系记录</translation>
    </message>
    <message>
        <source>Void contact</source>
        <translation>作废联系记录</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>A void contact stays in the book, marked void, and no longer counts.</source>
        <translation>作废的联系记录仍保留在客户簿中并标记为作废，不再计入统计。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>bd::ui::CoverageView</name>
    <message>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Coverage is measured on this day (the latest plan&apos;s day when a plan exists)</source>
        <translation>按此日期计算覆盖率（已有计划时为最新计划日）</translation>
    </message>
    <message>
        <source>Neglected VIPs — beyond their contact cadence</source>
        <translation>被疏忽的 VIP —— 已超过联系周期</translation>
    </message>
    <message>
        <source>Cannot compute coverage: %1</source>
        <translation>无法计算覆盖率：%1</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>营业部</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Contacted in cadence</source>
        <translation>周期内已联系</translation>
    </message>
    <message>
        <source>Overdue items</source>
        <translation>逾期事项</translation>
    </message>
    <message>
        <source>VIPs</source>
        <translation>VIP数</translation>
    </message>
    <message>
        <source>Neglected VIPs</source>
        <translation>被疏忽的 VIP</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Cadence (days)</source>
        <translation>周期（天）</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>上次联系</translation>
    </message>
    <message>
        <source>Days since</source>
        <translation>间隔天数</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Deadlines missed — urgent calls the plan cannot make in time</source>
        <translation>未能按期联系 —— 计划无法按时完成的紧急联系</translation>
    </message>
    <message>
        <source>Deadlines missed</source>
        <translation>未按期联系</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>已排日期</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>not planned</source>
        <translation>未安排</translation>
    </message>
    <message>
        <source>%1 of %2 clients contacted within their cadence (%3) · %4 overdue items · %5 of %6 VIPs neglected · %7 deadlines missed by the plan</source>
        <translation>%2 位客户中 %1 位在周期内已联系（%3）· 逾期事项 %4 项 · %6 位 VIP 中 %5 位被疏忽 · 计划未能按期联系 %7 项</translation>
    </message>
    <message>
        <source>no clients</source>
        <translation>无客户</translation>
    </message>
    <message>
        <source>No client with a contact cadence to cover yet</source>
        <translation>尚无需按联系周期覆盖的客户</translation>
    </message>
</context>
<context>
    <name>bd::ui::DataJobs</name>
    <message>
        <source>Analytics</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Back up book…</source>
        <translation>备份账簿(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>Refresh &amp;analytics</source>
        <translation>刷新分析(&amp;A)</translation>
    </message>
    <message>
        <source>Rebuild &amp;plan</source>
        <translation>重建计划(&amp;P)</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <source>Refreshing analytics…</source>
        <translation>正在刷新分析…</translation>
    </message>
    <message>
        <source>Analytics refreshed as of %1: %2 clients, %3 VIPs.</source>
        <translation>分析已刷新（截至 %1）：%2 位客户，%3 位 VIP。</translation>
    </message>
    <message>
        <source>Rebuilding the plan…</source>
        <translation>正在重建计划…</translation>
    </message>
    <message>
        <source>Plan rebuilt from %1: %2 calls planned, %3 deadlines missed.</source>
        <translation>计划已重建（自 %1 起）：安排联系 %2 次，未能按期 %3 项。</translation>
    </message>
    <message>
        <source>Backing up the book…</source>
        <translation>正在备份账簿…</translation>
    </message>
    <message>
        <source>Book backed up to %1.</source>
        <translation>账簿已备份到 %1。</translation>
    </message>
    <message>
        <source>Restoring the book…</source>
        <translation>正在恢复账簿…</translation>
    </message>
    <message>
        <source>Restored %1 (%2 clients); the book before is saved as %3.</source>
        <translation>已恢复 %1（%2 位客户）；恢复前的账簿已保存为 %3。</translation>
    </message>
    <message>
        <source>Back up book</source>
        <translation>备份账簿</translation>
    </message>
    <message>
        <source>BrokerDesk books (*.bdbook)</source>
        <translation>BrokerDesk 账簿 (*.bdbook)</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>BrokerDesk books (*.bdbook *.bak *.db);;All files (*)</source>
        <translation>BrokerDesk 账簿 (*.bdbook *.bak *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace the open book with %1?
The book as it is now is saved beside it first.</source>
        <translation>用 %1 替换当前打开的账簿？
当前账簿会先保存在其旁边。</translation>
    </message>
    <message>
        <source>Not restored; the open book is unchanged.
%1</source>
        <translation>未恢复，当前账簿未作任何改动。
%1</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Call list (Excel, CSV or printable PDF)…</source>
        <translation>联系清单（Excel、CSV 或可打印 PDF）(&amp;C)…</translation>
    </message>
    <message>
        <source>Client &amp;review (PDF) of the client shown…</source>
        <translation>当前客户的投资回顾（PDF）(&amp;R)…</translation>
    </message>
    <message>
        <source>Select a client in the Clients page first.</source>
        <translation>请先在“客户”页面选择一位客户。</translation>
    </message>
    <message>
        <source>Client review</source>
        <translation>客户回顾</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the client review…</source>
        <translation>正在生成客户回顾…</translation>
    </message>
    <message>
        <source>Wrote the review of %1 to %2.</source>
        <translation>已将 %1 的回顾写入 %2。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the job; the book stays as it was</source>
        <translation>停止该任务；账簿保持原样</translation>
    </message>
    <message>
        <source>Another job is running.</source>
        <translation>另一个任务正在运行。</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV for Excel (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;Excel 用 CSV (*.csv)</translation>
    </message>
    <message>
        <source>&amp;VIP list (Excel or CSV)…</source>
        <translation>VIP 名单（Excel 或 CSV）(&amp;V)…</translation>
    </message>
    <message>
        <source>VIP list</source>
        <translation>VIP 名单</translation>
    </message>
    <message>
        <source>C&amp;overage list (Excel or CSV)…</source>
        <translation>服务覆盖表（Excel 或 CSV）(&amp;O)…</translation>
    </message>
    <message>
        <source>Coverage list</source>
        <translation>服务覆盖表</translation>
    </message>
    <message>
        <source>Monthly branch &amp;report (PDF, Excel or CSV)…</source>
        <translation>营业部月度报告（PDF、Excel 或 CSV）(&amp;R)…</translation>
    </message>
    <message>
        <source>Monthly branch report</source>
        <translation>营业部月度报告</translation>
    </message>
    <message>
        <source>&amp;Data files (CSV for programs, or Excel)</source>
        <translation>数据文件（供程序读取的 CSV 或 Excel）(&amp;D)</translation>
    </message>
    <message>
        <source>CSV for programs (*.csv);;Excel workbook (*.xlsx)</source>
        <translation>供程序读取的 CSV (*.csv);;Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 行导出到 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Writing %n row(s)…</source>
        <translation>
            <numerusform>正在写入 %n 行…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Refresh cancelled; the book is unchanged.</source>
        <translation>已取消刷新；账簿未作任何更改。</translation>
    </message>
    <message>
        <source>Plan rebuild cancelled; the book is unchanged.</source>
        <translation>已取消重建计划；账簿未作任何更改。</translation>
    </message>
    <message>
        <source>&amp;Print call sheet…</source>
        <translation>打印回访清单(&amp;P)…</translation>
    </message>
    <message>
        <source>Print pre&amp;view of the call sheet…</source>
        <translation>回访清单打印预览(&amp;V)…</translation>
    </message>
    <message>
        <source>C&amp;lient list (Excel or CSV)…</source>
        <translation>客户名单（Excel 或 CSV）(&amp;L)…</translation>
    </message>
    <message>
        <source>Client list</source>
        <translation>客户名单</translation>
    </message>
    <message>
        <source>Value &amp;scores (Excel or CSV)…</source>
        <translation>价值评分（Excel 或 CSV）(&amp;S)…</translation>
    </message>
    <message>
        <source>Value scores</source>
        <translation>价值评分</translation>
    </message>
    <message>
        <source>S&amp;egments (Excel or CSV)…</source>
        <translation>客群（Excel 或 CSV）(&amp;E)…</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>客群</translation>
    </message>
    <message>
        <source>On a branch server the nightly batch does this</source>
        <translation>在营业部服务器上，此操作由夜间批处理完成</translation>
    </message>
    <message>
        <source>Not permitted on a branch server: the nightly batch imports, refreshes and plans; the server&apos;s administrator backs it up.</source>
        <translation>营业部服务器上不允许此操作：导入、刷新和计划由夜间批处理完成，备份由服务器管理员负责。</translation>
    </message>
</context>
<context>
    <name>bd::ui::DuplicatesDialog</name>
    <message>
        <source>Duplicate clients</source>
        <translation>重复客户</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Merge into it</source>
        <translation>合并到保留客户</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Kept client</source>
        <translation>保留的客户</translation>
    </message>
    <message>
        <source>Merged client</source>
        <translation>被合并的客户</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>合并…</translation>
    </message>
    <message numerus="yes">
        <source>%n candidate pair(s); the older account is suggested to keep.</source>
        <translation>
            <numerusform>%n 对疑似重复客户；建议保留开户较早的账户。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) shared by more than 10 clients left out.</source>
        <translation>
            <numerusform>%n 个被超过10位客户共用的值未列入。</numerusform>
        </translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>客户号</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>ID number (last 4)</source>
        <translation>证件号（后4位）</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>营业部</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>开户日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Merge clients</source>
        <translation>合并客户</translation>
    </message>
    <message>
        <source>Merge %1 into %2? Every trade, snapshot, position, contact, plan item, tag and note of %1 moves to %2, and %1 is marked merged. Edit ▸ Undo takes it back.</source>
        <translation>将 %1 合并到 %2？%1 的全部交易、资产快照、持仓、联系记录、计划事项、标签和笔记都将移到 %2，%1 标记为已合并。可用“编辑 ▸ 撤销”还原。</translation>
    </message>
</context>
<context>
    <name>bd::ui::EditClientDialog</name>
    <message>
        <source>Edit client %1</source>
        <translation>编辑客户 %1</translation>
    </message>
    <message>
        <source>Not accepted: %1</source>
        <translation>未通过：%1</translation>
    </message>
    <message>
        <source>Changed meanwhile to “%1”; yours: “%2”</source>
        <translation>已被他人改为“%1”；您的值：“%2”</translation>
    </message>
    <message>
        <source>Someone else changed this client while you were editing it. Both values are shown; Save again to keep yours.</source>
        <translation>您编辑期间他人修改了该客户。两个值均已显示；再次保存将保留您的值。</translation>
    </message>
    <message>
        <source>Risk assessed on (YYYY-MM-DD)</source>
        <translation>风险测评日期（YYYY-MM-DD）</translation>
    </message>
</context>
<context>
    <name>bd::ui::EvaluationPanel</name>
    <message>
        <source>CRM evaluation — did the programme change the outcomes?</source>
        <translation>CRM成效评估 — 项目是否改变了结果？</translation>
    </message>
    <message>
        <source>Programme start</source>
        <translation>项目开始日</translation>
    </message>
    <message>
        <source>Months each side</source>
        <translation>前后各几个月</translation>
    </message>
    <message>
        <source>On the programme</source>
        <translation>项目范围</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Programme before</source>
        <translation>项目组·前</translation>
    </message>
    <message>
        <source>Programme after</source>
        <translation>项目组·后</translation>
    </message>
    <message>
        <source>Programme change</source>
        <translation>项目组变化</translation>
    </message>
    <message>
        <source>Comparison change</source>
        <translation>对照组变化</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>估计效果</translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation>95%区间</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>How to read it: each client&apos;s outcome is compared over two windows of equal length before and after the start. With a comparison group (every other client), the estimate is the programme group&apos;s change minus the comparison group&apos;s change (difference in differences): what both groups lived through cancels out. It assumes both groups would have moved alike without the programme. The interval comes from resampling the clients 1,000 times; when it lies wholly above or below zero the change is clear, when it covers zero the data cannot tell it from chance. Without a comparison group only the before/after change is shown, and it includes everything else that changed.</source>
        <translation>怎么看：每位客户的指标在项目开始前后两个等长时段内比较。有对照组（其余所有客户）时，估计效果 = 项目组的变化 − 对照组的变化（双重差分），两组共同经历的变化（行情、季节）相互抵消；前提是没有项目时两组的走势相同。区间由对客户重复抽样1000次得出：整个区间在零以上或以下，变化是明确的；区间包含零，数据无法把它与偶然波动区分开。没有对照组时只显示前后变化，其中包含了同期发生的其他一切变化。</translation>
    </message>
    <message>
        <source>Whole firm (no comparison group)</source>
        <translation>全公司（无对照组）</translation>
    </message>
    <message>
        <source>Branch %1 %2</source>
        <translation>营业部 %1 %2</translation>
    </message>
    <message>
        <source>Broker %1 %2</source>
        <translation>客户经理 %1 %2</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>正在评估…</translation>
    </message>
    <message>
        <source>Choose the programme&apos;s start and group, then Evaluate.</source>
        <translation>选择项目开始日和范围，然后点击“评估”。</translation>
    </message>
    <message>
        <source>All clients in view (no comparison group)</source>
        <translation>可见的全部客户（无对照组）</translation>
    </message>
</context>
<context>
    <name>bd::ui::Format</name>
    <message>
        <source>Not permitted: the branch server does not let your login do this (another broker&apos;s client, or the nightly batch&apos;s work).</source>
        <translation>无权操作：营业部服务器不允许您的登录执行此操作（其他客户经理的客户，或夜间批处理的工作）。</translation>
    </message>
    <message>
        <source>The branch server cannot be reached. Try again when the connection is back.</source>
        <translation>无法连接营业部服务器。请在连接恢复后重试。</translation>
    </message>
</context>
<context>
    <name>bd::ui::ImportWizard</name>
    <message>
        <source>Securities</source>
        <translation>证券</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Trades</source>
        <translation>成交</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系次数</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>持仓</translation>
    </message>
    <message>
        <source>Import nightly files</source>
        <translation>导入夜间文件</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Choose the nightly files. Each file&apos;s kind, encoding and columns are read from its header; nothing is written before the last step.</source>
        <translation>选择夜间文件。每个文件的类型、编码和列从表头读取；最后一步之前不写入任何数据。</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>添加文件(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Detect the encoding</source>
        <translation>自动识别编码</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Choose nightly files</source>
        <translation>选择夜间文件</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: choose its kind.</source>
        <translation>%1：请选择其类型。</translation>
    </message>
    <message>
        <source>Two files of the kind %1: one file of each kind per import.</source>
        <translation>有两个%1文件：每次导入每种类型只能有一个文件。</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>%1 known, %2 unknown</source>
        <translation>已识别 %1 列，未知 %2 列</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>missing %1</source>
        <translation>缺少 %1</translation>
    </message>
    <message>
        <source>unknown columns to map</source>
        <translation>有未知列待对应</translation>
    </message>
    <message>
        <source>How each header is read. Headers no known column matched are left out unless you choose the column they hold.</source>
        <translation>每个表头按哪一列读取。未匹配任何已知列的表头不会导入，除非您为其选择对应的列。</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Header in the file</source>
        <translation>文件中的表头</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>读取为</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>第一行的值</translation>
    </message>
    <message>
        <source>No known column has this name: it is left out unless you choose one.</source>
        <translation>没有已知列叫这个名字：除非您选择对应的列，否则不导入。</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>%1 (required)</source>
        <translation>%1（必填）</translation>
    </message>
    <message>
        <source>Required columns not found: %1. Choose the header that holds each.</source>
        <translation>未找到必填列：%1。请为每一列选择对应的表头。</translation>
    </message>
    <message>
        <source>Every required column is there.</source>
        <translation>所有必填列均已找到。</translation>
    </message>
    <message>
        <source>A dry run: the import is run and rolled back, so these are the counts it will have and every row it would reject. The book is not changed.</source>
        <translation>试运行：导入会执行后回滚，因此下面是实际导入时的行数和将被拒绝的每一行。账簿不会改动。</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>First rows of:</source>
        <translation>前几行：</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>价值</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>The check failed: %1</source>
        <translation>检查失败：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Ready: press Import to write these rows. The import is one transaction; Cancel during it leaves the book as it is.</source>
        <translation>就绪：按“导入”写入这些行。导入是一个事务；导入过程中取消，账簿保持原样。</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found: nothing will be imported until the files are corrected (go Back to map columns, or fix the files and check again).</source>
        <translation>
            <numerusform>发现 %n 个问题：文件更正之前不会导入任何数据（返回上一步对应列，或修正文件后再检查）。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>The files are imported in one transaction: Cancel leaves the book as it was.</source>
        <translation>文件在一个事务中导入：取消后账簿保持原样。</translation>
    </message>
    <message>
        <source>&amp;Cancel import</source>
        <translation>取消导入(&amp;C)</translation>
    </message>
    <message>
        <source>Cancelling: the rows written so far are rolled back…</source>
        <translation>正在取消：已写入的行将被回滚…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Importing %1: %2 rows read…</source>
        <translation>正在导入%1：已读取 %2 行…</translation>
    </message>
    <message>
        <source>The import failed; the book is unchanged: %1</source>
        <translation>导入失败，账簿未改动：%1</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported; the book is unchanged.</source>
        <translation>已取消：未导入任何数据，账簿未改动。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) rejected: nothing was imported.</source>
        <translation>
            <numerusform>%n 行被拒绝：未导入任何数据。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 new, %3 updated, %4 unchanged</source>
        <translation>%1：新增 %2，更新 %3，不变 %4</translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>已导入。</translation>
    </message>
    <message>
        <source>Refresh the analytics to bring Value, VIP, Segments and the plan up to date (Tools › Refresh analytics).</source>
        <translation>请刷新分析，使价值、VIP、客户分群和计划反映最新数据（工具 › 刷新分析）。</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Import the good rows and write the rejected ones to a file beside the first file (otherwise any error stops the import)</source>
        <translation>导入正确的行，并把被拒绝的行写入第一个文件旁的文件（否则任何错误都会中止导入）</translation>
    </message>
    <message numerus="yes">
        <source>Ready: press Import to write the good rows; the %n rejected row(s) will be written to %1 with their reasons.</source>
        <translation>
            <numerusform>就绪：按“导入”写入正确的行；%n 个被拒绝的行及其原因将写入 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) rejected, written with their reasons to %1</source>
        <translation>
            <numerusform>%n 行被拒绝，已连同原因写入 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bd::ui::KpiLeagueModel</name>
    <message>
        <source>12-month profit at each of the last %1 month-ends</source>
        <translation>最近 %1 个月末的近12个月利润</translation>
    </message>
    <message>
        <source>Clients with a trade in the last 90 days</source>
        <translation>近90天有交易的客户</translation>
    </message>
    <message>
        <source>Active at the month before, not now</source>
        <translation>上月末活跃、本月末不再活跃的客户</translation>
    </message>
    <message>
        <source>The value model&apos;s profit over the 12 months to the month-end</source>
        <translation>价值模型计算的截至月末近12个月利润</translation>
    </message>
    <message>
        <source>Share of last month&apos;s VIPs who are no longer VIPs</source>
        <translation>上月 VIP 中本月不再是 VIP 的比例</translation>
    </message>
    <message>
        <source>Clients with a contact cadence contacted within it</source>
        <translation>有联系周期的客户中按期联系的比例</translation>
    </message>
    <message>
        <source>Clients active a year ago who are still active</source>
        <translation>一年前活跃的客户中至今仍活跃的比例</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>营业部</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>流失</translation>
    </message>
    <message>
        <source>AUM</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>Net inflow</source>
        <translation>资金净流入</translation>
    </message>
    <message>
        <source>Commission</source>
        <translation>佣金</translation>
    </message>
    <message>
        <source>Commission ±</source>
        <translation>佣金环比</translation>
    </message>
    <message>
        <source>Profit 12m</source>
        <translation>近12个月利润</translation>
    </message>
    <message>
        <source>Profit ±</source>
        <translation>利润环比</translation>
    </message>
    <message>
        <source>Profit trend</source>
        <translation>利润走势</translation>
    </message>
    <message>
        <source>VIPs</source>
        <translation>VIP数</translation>
    </message>
    <message>
        <source>VIP churn</source>
        <translation>VIP流失率</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系次数</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>留存率</translation>
    </message>
</context>
<context>
    <name>bd::ui::LevelChoice</name>
    <message>
        <source>By broker</source>
        <translation>按客户经理</translation>
    </message>
    <message>
        <source>By branch</source>
        <translation>按营业部</translation>
    </message>
</context>
<context>
    <name>bd::ui::LogContactDialog</name>
    <message>
        <source>Log contact</source>
        <translation>记录联系</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>not asked</source>
        <translation>未询问</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>What was discussed, what the client asked for</source>
        <translation>沟通内容、客户诉求</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>No answer books a retry on the next working day; after two failures the next channel is tried.</source>
        <translation>未接通将于下一个工作日重试；连续两次失败后改用下一个渠道。</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Outbound (we contacted the client)</source>
        <translation>呼出（我们联系客户）</translation>
    </message>
    <message>
        <source>Inbound (the client contacted us)</source>
        <translation>呼入（客户联系我们）</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Survey answered: %1 (due %2)</source>
        <translation>问卷已答：%1（%2前完成）</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>未作答</translation>
    </message>
</context>
<context>
    <name>bd::ui::MainWindow</name>
    <message>
        <source>Manager</source>
        <translation>经理视图</translation>
    </message>
    <message>
        <source>Not undone, the book is unchanged: %1</source>
        <translation>未能撤销，账簿未作改动：%1</translation>
    </message>
    <message>
        <source>Filter the list: name, client ID or phone (prefix)…</source>
        <translation>筛选列表：姓名、客户号或电话（前缀）…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Broker:</source>
        <translation>客户经理：</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>价值</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>客户细分</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open book…</source>
        <translation>打开账簿(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Client &amp;details</source>
        <translation>客户详情(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Find client</source>
        <translation>查找客户(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation>清除筛选(&amp;C)</translation>
    </message>
    <message>
        <source>Go to %1</source>
        <translation>转到%1</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About BrokerDesk</source>
        <translation>关于 BrokerDesk(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>%1 — BrokerDesk</source>
        <translation>%1 — BrokerDesk</translation>
    </message>
    <message>
        <source>All brokers</source>
        <translation>全部客户经理</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 of %2 clients shown (%3 loaded) · %4 trades · %5 contacts</source>
        <translation>显示 %2 位客户中的 %1 位（已加载 %3）· 交易 %4 笔 · 联系 %5 次</translation>
    </message>
    <message>
        <source>Open book</source>
        <translation>打开账簿</translation>
    </message>
    <message>
        <source>Cannot open %1:
%2</source>
        <translation>无法打开 %1：
%2</translation>
    </message>
    <message>
        <source>BrokerDesk books (*.bdbook *.db *.sqlite);;All files (*)</source>
        <translation>BrokerDesk 账簿 (*.bdbook *.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>About BrokerDesk</source>
        <translation>关于 BrokerDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;BrokerDesk %1&lt;/h3&gt;&lt;p&gt;A CRM workstation for securities brokers: client book, value analysis, segmentation and call planning.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;BrokerDesk %1&lt;/h3&gt;&lt;p&gt;证券客户经理 CRM 工作台：客户账簿、价值分析、客户细分与回访计划。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The language changes when BrokerDesk starts next time.</source>
        <translation>语言将在下次启动 BrokerDesk 时生效。</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>交易日历</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>展开</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 promised calls due today, %2 urgent items overdue</source>
        <translation>今日到期的承诺回访 %1 个，逾期紧急事项 %2 个</translation>
    </message>
    <message>
        <source>Reminders: %1 promised calls due today, %2 urgent items overdue. Each opens its client.</source>
        <translation>提醒：今日到期的承诺回访 %1 个，逾期紧急事项 %2 个。双击可打开客户。</translation>
    </message>
    <message>
        <source>%1 · broker %2 · promised call due today</source>
        <translation>%1 · 客户经理 %2 · 承诺今日回访</translation>
    </message>
    <message>
        <source>%1 · broker %2 · %3, planned %4, not done</source>
        <translation>%1 · 客户经理 %2 · %3，原定 %4，尚未完成</translation>
    </message>
    <message>
        <source>Bulk action…</source>
        <translation>批量操作…</translation>
    </message>
    <message>
        <source>&amp;Bulk action on clients…</source>
        <translation>批量操作客户(&amp;B)…</translation>
    </message>
    <message>
        <source>Find &amp;duplicate clients…</source>
        <translation>查找重复客户(&amp;D)…</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>Cannot rebuild the client summary: %1</source>
        <translation>无法重建客户汇总：%1</translation>
    </message>
    <message>
        <source>Connect to &amp;branch server…</source>
        <translation>连接营业部服务器(&amp;B)…</translation>
    </message>
    <message>
        <source>Connect to branch server</source>
        <translation>连接营业部服务器</translation>
    </message>
    <message>
        <source>broker</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>营业部经理</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批处理</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%2 上的 %1</translation>
    </message>
    <message>
        <source>%1 — %2 — BrokerDesk</source>
        <translation>%1 — %2 — BrokerDesk</translation>
    </message>
    <message>
        <source>Branch server %1 · %2</source>
        <translation>营业部服务器 %1 · %2</translation>
    </message>
    <message>
        <source>Branch server %1: connection lost, reconnecting…</source>
        <translation>营业部服务器 %1：连接中断，正在重新连接…</translation>
    </message>
</context>
<context>
    <name>bd::ui::ManagerView</name>
    <message>
        <source>Manager&apos;s desk</source>
        <translation>经理视图</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>The month&apos;s branch report: every branch and its brokers, then the firm (Excel workbook, CSV or PDF)</source>
        <translation>本月营业部报告：各营业部及其客户经理，最后为全公司（Excel 工作簿或 CSV）</translation>
    </message>
    <message>
        <source>Double-click a broker to open the book in Clients</source>
        <translation>双击客户经理，在“客户”页打开其客户名单</translation>
    </message>
    <message>
        <source>VIP review — who entered or left the VIP list this month</source>
        <translation>VIP 变动 — 本月新进或退出 VIP 名单的客户</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>Profit 12m</source>
        <translation>近12个月利润</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Needs attention — neglected VIPs and urgent calls past their deadline</source>
        <translation>需关注 — 未按期联系的 VIP 与逾期的紧急联系</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Since / due</source>
        <translation>上次联系 / 截止</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV text (*.csv);;Printable report (*.pdf)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文本 (*.csv);;可打印报告 (*.pdf)</translation>
    </message>
    <message>
        <source>No KPI history yet: Refresh computes it, back to the book&apos;s first month.</source>
        <translation>尚无经营指标历史：执行“刷新”后将从账簿的第一个月起计算。</translation>
    </message>
    <message>
        <source>%1%2 · %3 clients (%4 active, %5 new, %6 lost) · AUM %7 · commission %8 (%9) · profit 12m %10 (%11) · %12 VIPs (%13 in, %14 out) · coverage %15 · satisfaction %16 · retention %17</source>
        <translation>%1%2 · 客户 %3 户（活跃 %4，新开户 %5，流失 %6）· 总资产 %7 · 佣金 %8（%9）· 近12个月利润 %10（%11）· VIP %12 户（新进 %13，退出 %14）· 按期联系率 %15 · 满意度 %16 · 留存率 %17</translation>
    </message>
    <message>
        <source> (to %1)</source>
        <translation>（截至 %1）</translation>
    </message>
    <message>
        <source>Profit rose from %1 to %2, above the cut-off of %3</source>
        <translation>利润由 %1 升至 %2，高于入选线 %3</translation>
    </message>
    <message>
        <source>The cut-off fell from %1 to %2; profit %3</source>
        <translation>入选线由 %1 降至 %2；利润 %3</translation>
    </message>
    <message>
        <source>New client, profit %1</source>
        <translation>新客户，利润 %1</translation>
    </message>
    <message>
        <source>Profit fell from %1 to %2, below the cut-off of %3</source>
        <translation>利润由 %1 降至 %2，低于入选线 %3</translation>
    </message>
    <message>
        <source>The cut-off rose from %1 to %2; profit %3</source>
        <translation>入选线由 %1 升至 %2；利润 %3</translation>
    </message>
    <message>
        <source>Account closed</source>
        <translation>已销户</translation>
    </message>
    <message>
        <source>entered</source>
        <translation>新进</translation>
    </message>
    <message>
        <source>left</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Urgent: %1</source>
        <translation>紧急：%1</translation>
    </message>
    <message>
        <source>VIP beyond its cadence of %1 days</source>
        <translation>VIP 超过 %1 天联系周期</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>No KPI history to export</source>
        <translation>没有可导出的经营指标历史</translation>
    </message>
    <message>
        <source>CRM evaluation</source>
        <translation>CRM成效评估</translation>
    </message>
    <message>
        <source>Surveys</source>
        <translation>问卷回访</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>id name</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Whole firm</source>
        <translation>全公司</translation>
    </message>
    <message>
        <source>Branch %1</source>
        <translation>营业部 %1</translation>
    </message>
    <message>
        <source>Broker %1</source>
        <translation>客户经理 %1</translation>
    </message>
    <message>
        <source>No KPI history yet: the branch&apos;s nightly batch computes it, back to the book&apos;s first month; ask the branch&apos;s administrator if it has not run.</source>
        <translation>尚无 KPI 历史：由营业部的夜间批处理计算（追溯到账簿的第一个月）；如未运行，请联系营业部的管理员。</translation>
    </message>
    <message>
        <source>No clients in %1: %2</source>
        <comment>month: brokers</comment>
        <translation>%1 无客户：%2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>whose figures: the figures</comment>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>bd::ui::PlanItemModel</name>
    <message>
        <source>To do</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Tried</source>
        <translation>已尝试</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message numerus="yes">
        <source> (%n tries)</source>
        <translation>
            <numerusform>（已尝试 %n 次）</numerusform>
        </translation>
    </message>
    <message>
        <source>The preferred channel is full that day; this is the fallback.</source>
        <translation>当天偏好渠道已满，此为备用渠道。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>上次联系</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>细分群</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>bd::ui::PolicyEditor</name>
    <message>
        <source>How each Kotler relationship type is served. Scheduling plans contacts from these rows; channels are comma-separated, preferred first (phone, sms, wechat, email, visit, seminar).</source>
        <translation>各科特勒关系类型的服务方式。回访计划据此安排联系；渠道以逗号分隔，偏好渠道在前（phone、sms、wechat、email、visit、seminar）。</translation>
    </message>
    <message>
        <source>Relationship type</source>
        <translation>关系类型</translation>
    </message>
    <message>
        <source>Contact every (days)</source>
        <translation>联系周期（天）</translation>
    </message>
    <message>
        <source>Proactive</source>
        <translation>主动联系</translation>
    </message>
    <message>
        <source>Preferred channels</source>
        <translation>偏好渠道</translation>
    </message>
    <message>
        <source>Served by</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Save policies</source>
        <translation>保存策略</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <source>Policies as stored in the book.</source>
        <translation>账簿中保存的策略。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>at least one channel is needed</source>
        <translation>至少需要一个渠道</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>The book&apos;s policies changed; Revert shows them.</source>
        <translation>账簿中的服务策略已被修改；点击“还原”可查看。</translation>
    </message>
</context>
<context>
    <name>bd::ui::PortfolioTab</name>
    <message>
        <source>Market value</source>
        <translation>市值</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Unrealised P&amp;L</source>
        <translation>浮动盈亏</translation>
    </message>
    <message>
        <source>Realised P&amp;L</source>
        <translation>已实现盈亏</translation>
    </message>
    <message>
        <source>1M return</source>
        <translation>近1月收益率</translation>
    </message>
    <message>
        <source>3M return</source>
        <translation>近3月收益率</translation>
    </message>
    <message>
        <source>12M return</source>
        <translation>近12月收益率</translation>
    </message>
    <message>
        <source>Holdings</source>
        <translation>持仓</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Avg cost</source>
        <translation>成本价</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>收盘价</translation>
    </message>
    <message>
        <source>Unrealised</source>
        <translation>浮动盈亏</translation>
    </message>
    <message>
        <source>Realised</source>
        <translation>已实现盈亏</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Account value</source>
        <translation>账户价值</translation>
    </message>
    <message>
        <source>Suitability alerts</source>
        <translation>适当性提醒</translation>
    </message>
    <message>
        <source>No client selected.</source>
        <translation>未选择客户。</translation>
    </message>
    <message>
        <source>Settings error: %1</source>
        <translation>设置错误：%1</translation>
    </message>
    <message>
        <source>Cannot load the portfolio: %1</source>
        <translation>无法加载持仓：%1</translation>
    </message>
    <message>
        <source>No trades, positions or asset snapshots for this client yet.</source>
        <translation>该客户尚无交易、持仓或资产快照。</translation>
    </message>
    <message>
        <source>As of %1 · %2 cost · %3 trades</source>
        <translation>截至 %1 · %2成本 · 交易 %3 笔</translation>
    </message>
    <message>
        <source>FIFO</source>
        <translation>先进先出</translation>
    </message>
    <message>
        <source>weighted-average</source>
        <translation>加权平均</translation>
    </message>
    <message>
        <source>holdings reconstructed from trades (no positions file)</source>
        <translation>持仓由交易推算（无持仓文件）</translation>
    </message>
    <message>
        <source>positions of %1</source>
        <translation>%1 的持仓</translation>
    </message>
    <message>
        <source>Modified Dietz, %1 to %2</source>
        <translation>修正迪茨法，%1 至 %2</translation>
    </message>
    <message>
        <source>Holdings (%1)</source>
        <translation>持仓（%1）</translation>
    </message>
    <message>
        <source>%1 closed</source>
        <translation>已清仓 %1</translation>
    </message>
    <message>
        <source>✓ Every holding is within the client&apos;s risk tolerance (%1).</source>
        <translation>✓ 所有持仓均在客户风险承受能力（%1）之内。</translation>
    </message>
    <message>
        <source>Suitability alerts (%1)</source>
        <translation>适当性提醒（%1）</translation>
    </message>
    <message>
        <source>Top holding %1</source>
        <translation>第一大持仓 %1</translation>
    </message>
    <message>
        <source>Largest risk-bearing holding&apos;s share of the account (cash and cash-like funds and bonds rated R1 are no concentration)</source>
        <translation>最大单一风险持仓占账户总资产比例（现金及R1级货币、债券类基金不计入集中度）</translation>
    </message>
    <message>
        <source>Top 3 %1</source>
        <translation>前三大 %1</translation>
    </message>
    <message>
        <source>Three largest risk-bearing holdings&apos; share of the account</source>
        <translation>前三大风险持仓占账户总资产比例</translation>
    </message>
    <message>
        <source>HHI %1</source>
        <translation>HHI %1</translation>
    </message>
    <message>
        <source>Herfindahl index of the holdings&apos; weights (1 = a single holding)</source>
        <translation>持仓权重的赫芬达尔指数（1 = 单一持仓）</translation>
    </message>
    <message>
        <source>Drawdown %1</source>
        <translation>回撤 %1</translation>
    </message>
    <message>
        <source>Largest fall of the account value, %1 to %2</source>
        <translation>账户价值最大跌幅，%1 至 %2</translation>
    </message>
    <message>
        <source>Needs at least two asset snapshots</source>
        <translation>至少需要两个资产快照</translation>
    </message>
    <message>
        <source>Volatility %1</source>
        <translation>波动率 %1</translation>
    </message>
    <message>
        <source>Annualised volatility of the account value</source>
        <translation>账户价值年化波动率</translation>
    </message>
    <message>
        <source>Growth boards %1</source>
        <translation>创业板/科创板/北交所 %1</translation>
    </message>
    <message>
        <source>No holdings</source>
        <translation>无持仓</translation>
    </message>
    <message>
        <source>Threshold: %1</source>
        <translation>阈值：%1</translation>
    </message>
    <message>
        <source>Account value — no asset snapshots</source>
        <translation>账户价值 —— 无资产快照</translation>
    </message>
    <message>
        <source>Total assets</source>
        <translation>总资产</translation>
    </message>
    <message>
        <source>CNY millions</source>
        <translation>百万元</translation>
    </message>
    <message>
        <source>CNY thousands</source>
        <translation>千元</translation>
    </message>
    <message>
        <source>Account value (%1 snapshots)</source>
        <translation>账户价值（%1 个快照）</translation>
    </message>
</context>
<context>
    <name>bd::ui::SegmentProfileModel</name>
    <message>
        <source>AUM</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>Commission 12M</source>
        <translation>近12月佣金</translation>
    </message>
    <message>
        <source>Profit 12M</source>
        <translation>近12月利润</translation>
    </message>
    <message>
        <source>CLV 12M</source>
        <translation>12月客户终身价值</translation>
    </message>
    <message>
        <source>Trade days 12M</source>
        <translation>近12月交易天数</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系次数</translation>
    </message>
    <message>
        <source>Days since trade</source>
        <translation>距上次交易天数</translation>
    </message>
    <message>
        <source>Days since contact</source>
        <translation>距上次联系天数</translation>
    </message>
    <message>
        <source>Tenure (days)</source>
        <translation>开户时长（天）</translation>
    </message>
    <message>
        <source>AUM trend</source>
        <translation>资产趋势</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Net inflow 12M</source>
        <translation>近12月净流入</translation>
    </message>
    <message>
        <source>%1 standard deviations from the book&apos;s mean</source>
        <translation>偏离账簿均值 %1 个标准差</translation>
    </message>
    <message>
        <source>Renamed by a user; kept across refreshes</source>
        <translation>已由用户重命名；刷新后保留</translation>
    </message>
    <message>
        <source>Generated name; double-click to rename</source>
        <translation>自动生成的名称；双击重命名</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name (ZH)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Name (EN)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>关系类型</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>% clients</source>
        <translation>客户占比</translation>
    </message>
    <message>
        <source>% AUM</source>
        <translation>资产占比</translation>
    </message>
    <message>
        <source>% profit</source>
        <translation>利润占比</translation>
    </message>
    <message>
        <source>Mean AUM</source>
        <translation>平均资产</translation>
    </message>
    <message>
        <source>Mean profit 12M</source>
        <translation>平均近12月利润</translation>
    </message>
    <message>
        <source>Mean CLV 12M</source>
        <translation>平均12月终身价值</translation>
    </message>
    <message>
        <source>Growth potential</source>
        <translation>成长潜力</translation>
    </message>
    <message>
        <source>%1 (%2 answers)</source>
        <translation>%1（%2份回答）</translation>
    </message>
    <message>
        <source>Loyalty (NPS)</source>
        <translation>忠诚度（NPS）</translation>
    </message>
</context>
<context>
    <name>bd::ui::SegmentsView</name>
    <message>
        <source>Mean silhouette by number of segments</source>
        <translation>各分群数的平均轮廓系数</translation>
    </message>
    <message>
        <source>Chosen by the criterion</source>
        <translation>按准则自动选择</translation>
    </message>
    <message>
        <source>Apply and segment again</source>
        <translation>应用并重新分群</translation>
    </message>
    <message>
        <source>Number of segments:</source>
        <translation>分群数：</translation>
    </message>
    <message>
        <source>Choice of k</source>
        <translation>分群数选择</translation>
    </message>
    <message>
        <source>This segmentation kept no record of the candidates: refresh again to see why k = %1.</source>
        <translation>本次分群未记录候选分群数：重新刷新后即可查看为何 k = %1。</translation>
    </message>
    <message>
        <source>Mean silhouette</source>
        <translation>平均轮廓系数</translation>
    </message>
    <message>
        <source>This segmentation&apos;s k</source>
        <translation>本次分群数</translation>
    </message>
    <message>
        <source>Number of segments k</source>
        <translation>分群数 k</translation>
    </message>
    <message>
        <source>k = %1 was chosen because its segments stand apart most clearly: the highest mean silhouette (%2) of k = %3, measured on %4 sampled clients.</source>
        <translation>选择 k = %1，因为这样分出的客户群彼此区分最清楚：在 k = %3 中平均轮廓系数最高（%2），基于 %4 位抽样客户计算。</translation>
    </message>
    <message>
        <source>k = %1 was fixed by hand. The criterion would choose k = %2 (mean silhouette %3 against %4 for k = %1), measured on %5 sampled clients.</source>
        <translation>k = %1 为手动指定。按准则将选择 k = %2（平均轮廓系数 %3，而 k = %1 为 %4），基于 %5 位抽样客户计算。</translation>
    </message>
    <message>
        <source>The silhouette (−1 to 1) compares how close each client is to its own segment with the nearest other one; above about 0.25 the segments are distinct. Fixing k changes the segments, their policies and the plan from the next refresh on.</source>
        <translation>轮廓系数（−1 至 1）比较每位客户与所属分群和最近的其他分群的接近程度；约 0.25 以上说明分群彼此分明。指定 k 将从下次刷新起改变分群、其服务策略和回访计划。</translation>
    </message>
    <message>
        <source>Segmenting again…</source>
        <translation>正在重新分群…</translation>
    </message>
    <message>
        <source>%1 segments</source>
        <translation>%1 个分群</translation>
    </message>
    <message>
        <source>Silhouette</source>
        <translation>轮廓系数</translation>
    </message>
    <message>
        <source>Segments and relationship types</source>
        <translation>客户细分与关系类型</translation>
    </message>
    <message>
        <source>Clients on the first two factors</source>
        <translation>客户在前两个因子上的分布</translation>
    </message>
    <message>
        <source>Share of clients, assets and profit</source>
        <translation>客户数、资产与利润占比</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>细分画像</translation>
    </message>
    <message>
        <source>Migration</source>
        <translation>迁移</translation>
    </message>
    <message>
        <source>Service policies</source>
        <translation>服务策略</translation>
    </message>
    <message>
        <source>No segmentation yet — run Refresh (it segments books of 20 clients or more).</source>
        <translation>尚无客户细分 —— 请运行“刷新”（客户数不少于20时进行细分）。</translation>
    </message>
    <message>
        <source>Run %1 · %2 clients · k = %3</source>
        <translation>第 %1 次运行 · %2 位客户 · k = %3</translation>
    </message>
    <message>
        <source> · %1 factors explain %2 of the variance</source>
        <translation> · %1 个因子解释 %2 的方差</translation>
    </message>
    <message>
        <source> · silhouette %1</source>
        <translation> · 轮廓系数 %1</translation>
    </message>
    <message>
        <source>% of clients</source>
        <translation>客户占比</translation>
    </message>
    <message>
        <source>% of AUM</source>
        <translation>资产占比</translation>
    </message>
    <message>
        <source>% of profit</source>
        <translation>利润占比</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>细分群</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>New / unsegmented</source>
        <translation>新增 / 未细分</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>This is the first segmentation of the book: every client is new.</source>
        <translation>这是本账簿的首次细分：所有客户均为新增。</translation>
    </message>
    <message>
        <source>Since run %1: %2 clients stayed in their segment, %3 moved (rows: previous segment, columns: now).</source>
        <translation>自第 %1 次运行以来：%2 位客户留在原细分群，%3 位发生迁移（行：原细分群，列：现细分群）。</translation>
    </message>
    <message>
        <source>Factor scatter unavailable: %1</source>
        <translation>因子散点图不可用：%1</translation>
    </message>
    <message>
        <source>Clients on the first two factors — loading…</source>
        <translation>客户在前两个因子上的分布 —— 加载中…</translation>
    </message>
    <message>
        <source>Clients on the first two factors (a fixed sample of %1 of %2)</source>
        <translation>客户在前两个因子上的分布（%2 位中固定抽样 %1 位）</translation>
    </message>
    <message>
        <source>Clients on the first two factors (%1)</source>
        <translation>客户在前两个因子上的分布（%1）</translation>
    </message>
    <message>
        <source>Rename failed: %1</source>
        <translation>重命名失败：%1</translation>
    </message>
    <message>
        <source>Agreement of the samples&apos; segments</source>
        <translation>各样本分群一致度</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>一致度</translation>
    </message>
    <message>
        <source>k = %1 was chosen: the fewest segments whose mean silhouette (%2) is within one standard error of the highest (%3 at k = %4), over %5 samples of %6 clients. Where the data cannot tell two k apart, the simpler is kept.</source>
        <translation>选择 k = %1：平均轮廓系数（%2）与最高值（k = %4 时为 %3）相差不超过一个标准误的最少客群数，基于 %5 个各含 %6 名客户的样本。数据无法区分两个 k 时，取较简单者。</translation>
    </message>
    <message>
        <source>k = %1 was chosen because its segments stand apart most clearly: the highest mean silhouette (%2) of k = %3, over %4 samples of %5 clients.</source>
        <translation>选择 k = %1，因为这样划分的客群区分最清楚：在 k = %3 中平均轮廓系数最高（%2），基于 %4 个各含 %5 名客户的样本。</translation>
    </message>
    <message>
        <source>Segments found on different samples of the clients agree %1 at k = %2 (1: the same segments; above 0.9 they are stable).</source>
        <translation>k = %2 时，不同客户样本得到的客群一致度为 %1（1 表示完全相同；高于 0.9 即为稳定）。</translation>
    </message>
    <message>
        <source> · samples agree %1</source>
        <translation> · 样本一致度 %1</translation>
    </message>
    <message>
        <source> · one segment: see Choice of k</source>
        <translation> · 未细分：见“分群数选择”</translation>
    </message>
    <message>
        <source>No segmentation yet — the branch&apos;s nightly batch segments the book (of 20 clients or more); ask the branch&apos;s administrator if it has not run.</source>
        <translation>尚无客户分群——由营业部的夜间批处理分群（账簿须有 20 位或更多客户）；如未运行，请联系营业部的管理员。</translation>
    </message>
    <message>
        <source>This segmentation kept no record of the candidates: the branch&apos;s next nightly batch shows why k = %1.</source>
        <translation>本次分群未保留候选记录：营业部下一次夜间批处理后可看到为何 k = %1。</translation>
    </message>
</context>
<context>
    <name>bd::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Value model</source>
        <translation>价值模型</translation>
    </message>
    <message>
        <source>VIP &amp;&amp; segments</source>
        <translation>VIP 与客户细分</translation>
    </message>
    <message>
        <source>Planning &amp;&amp; capacity</source>
        <translation>计划与产能</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>处理时限</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>持仓</translation>
    </message>
    <message>
        <source>Language &amp;&amp; general</source>
        <translation>语言与常规</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Applies when BrokerDesk starts next time.</source>
        <translation>下次启动 BrokerDesk 时生效。</translation>
    </message>
    <message>
        <source>empty or 0: the plan&apos;s capacity</source>
        <translation>留空或 0：按计划默认产能</translation>
    </message>
    <message>
        <source>default: no limit</source>
        <translation>默认：不限</translation>
    </message>
    <message>
        <source>default: automatic</source>
        <translation>默认：自动</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>默认：%1</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>First in, first out (FIFO)</source>
        <translation>先进先出（FIFO）</translation>
    </message>
    <message>
        <source>Average cost</source>
        <translation>移动平均成本</translation>
    </message>
    <message>
        <source>Calls per day: broker %1</source>
        <translation>每日回访量：客户经理 %1</translation>
    </message>
    <message>
        <source>%1 (working days after its date)</source>
        <translation>%1（该日期后的工作日数）</translation>
    </message>
    <message>
        <source>%1 (by working day N of the plan)</source>
        <translation>%1（计划的第 N 个工作日之前）</translation>
    </message>
    <message>
        <source>channel not recorded</source>
        <translation>未记录渠道</translation>
    </message>
    <message>
        <source>Cost per contact: %1 (CNY)</source>
        <translation>每次联系成本：%1（元）</translation>
    </message>
    <message>
        <source>Most %1 contacts per broker per day</source>
        <translation>每位客户经理每日%1上限</translation>
    </message>
    <message>
        <source>Exchange handling rate (share of amount traded)</source>
        <translation>交易所经手费率（占成交金额）</translation>
    </message>
    <message>
        <source>Interest spread on client cash (per year)</source>
        <translation>客户资金利差（年）</translation>
    </message>
    <message>
        <source>Account maintenance (CNY per year)</source>
        <translation>账户维护成本（元/年）</translation>
    </message>
    <message>
        <source>Expected-value horizon (weeks)</source>
        <translation>预期价值期限（周）</translation>
    </message>
    <message>
        <source>VIPs: top share of clients by value (%)</source>
        <translation>VIP：按价值排名前百分之几的客户（%）</translation>
    </message>
    <message>
        <source>Value score weight of realised profit</source>
        <translation>价值评分中已实现利润的权重</translation>
    </message>
    <message>
        <source>Value score weight of expected value</source>
        <translation>价值评分中预期价值的权重</translation>
    </message>
    <message>
        <source>AUM-rich from quantile</source>
        <translation>资产丰厚：资产分位数不低于</translation>
    </message>
    <message>
        <source>Low value below quantile</source>
        <translation>低价值：价值分位数低于</translation>
    </message>
    <message>
        <source>Segment of many clients from share</source>
        <translation>“客户多”细分群：客户占比不低于</translation>
    </message>
    <message>
        <source>Segment of few clients below share</source>
        <translation>“客户少”细分群：客户占比低于</translation>
    </message>
    <message>
        <source>High margin from (× mean profit)</source>
        <translation>高利润：不低于（× 平均利润）</translation>
    </message>
    <message>
        <source>Low margin up to (× mean profit)</source>
        <translation>低利润：不高于（× 平均利润）</translation>
    </message>
    <message>
        <source>Service desk calls per day</source>
        <translation>客服中心每日回访量</translation>
    </message>
    <message>
        <source>Share of capacity for low-value slipping-away calls</source>
        <translation>低价值流失预警回访占产能上限</translation>
    </message>
    <message>
        <source>Largest holding&apos;s share flagged from</source>
        <translation>第一大持仓占比预警线</translation>
    </message>
    <message>
        <source>Three largest holdings&apos; share flagged from</source>
        <translation>前三大持仓占比预警线</translation>
    </message>
    <message>
        <source>Concentration (HHI) flagged from</source>
        <translation>集中度（HHI）预警线</translation>
    </message>
    <message>
        <source>Maximum drawdown flagged from</source>
        <translation>最大回撤预警线</translation>
    </message>
    <message>
        <source>Annual volatility flagged from</source>
        <translation>年化波动率预警线</translation>
    </message>
    <message>
        <source>Growth-board share flagged from</source>
        <translation>创业板/科创板占比预警线</translation>
    </message>
    <message>
        <source>Growth boards need risk level at least (0: no rule)</source>
        <translation>创业板/科创板所需最低风险等级（0：不限）</translation>
    </message>
    <message>
        <source>Cost method</source>
        <translation>成本计算方法</translation>
    </message>
    <message>
        <source>Risk assessment valid for (months)</source>
        <translation>风险测评有效期（月）</translation>
    </message>
    <message>
        <source>whole number %1 to %2</source>
        <translation>%1 至 %2 的整数</translation>
    </message>
    <message>
        <source>more than %1 and less than %2</source>
        <translation>大于 %1 且小于 %2</translation>
    </message>
    <message>
        <source>more than %1, at most %2</source>
        <translation>大于 %1，至多 %2</translation>
    </message>
    <message>
        <source>%1 to less than %2</source>
        <translation>%1 至小于 %2</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Not applied, the book is unchanged: %1</source>
        <translation>未应用，账簿未作改动：%1</translation>
    </message>
</context>
<context>
    <name>bd::ui::StartDialog</name>
    <message>
        <source>BrokerDesk books (*.bdbook *.db *.sqlite);;All files (*)</source>
        <translation>BrokerDesk 账簿 (*.bdbook *.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Welcome to BrokerDesk</source>
        <translation>欢迎使用 BrokerDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No book is open yet&lt;/h3&gt;&lt;p&gt;A book is one file that holds a broker&apos;s clients, trades, assets, positions and contacts.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;尚未打开账簿&lt;/h3&gt;&lt;p&gt;账簿是一个文件，保存客户经理的客户、交易、资产、持仓和联系记录。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Create the demo book</source>
        <translation>创建演示账簿</translation>
    </message>
    <message>
        <source>Made-up clients with three years of history, analysed and planned: to look around before bringing your own data.</source>
        <translation>虚构客户及三年历史数据，已完成分析和联系计划：导入自己的数据之前先熟悉一下。</translation>
    </message>
    <message>
        <source>Needs brokerdesk-cli, which was not found.</source>
        <translation>需要 brokerdesk-cli，但未找到该程序。</translation>
    </message>
    <message>
        <source>Open a book…</source>
        <translation>打开账簿…</translation>
    </message>
    <message>
        <source>A book file you already have.</source>
        <translation>打开已有的账簿文件。</translation>
    </message>
    <message>
        <source>Create an empty book…</source>
        <translation>新建空账簿…</translation>
    </message>
    <message>
        <source>A new book to import your own files into.</source>
        <translation>新建账簿，再导入自己的数据文件。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Generating clients and their history…</source>
        <translation>正在生成客户及其历史数据…</translation>
    </message>
    <message>
        <source>Finding the most valuable clients…</source>
        <translation>正在找出最有价值的客户…</translation>
    </message>
    <message>
        <source>Planning the brokers&apos; calls…</source>
        <translation>正在安排客户经理的联系计划…</translation>
    </message>
    <message>
        <source>Demo book</source>
        <translation>演示账簿</translation>
    </message>
    <message>
        <source>The demo book could not be made:
%1</source>
        <translation>无法创建演示账簿：
%1</translation>
    </message>
    <message>
        <source>Open book</source>
        <translation>打开账簿</translation>
    </message>
    <message>
        <source>Create an empty book</source>
        <translation>新建空账簿</translation>
    </message>
    <message>
        <source>book</source>
        <translation>账簿</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>bd::ui::SurveyPanel</name>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>回答数</translation>
    </message>
    <message>
        <source>Promoters</source>
        <translation>推荐者</translation>
    </message>
    <message>
        <source>Passives</source>
        <translation>中立者</translation>
    </message>
    <message>
        <source>Detractors</source>
        <translation>贬损者</translation>
    </message>
    <message>
        <source>NPS</source>
        <translation>NPS</translation>
    </message>
    <message>
        <source>Mean score</source>
        <translation>平均得分</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>细分群</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>回访活动</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Launched</source>
        <translation>发起日</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>回访数</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>已联系</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已作答</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>待完成</translation>
    </message>
    <message>
        <source>Campaigns — calls made, answered and still due</source>
        <translation>回访活动——已联系、已作答与待完成</translation>
    </message>
    <message>
        <source>Trend — NPS by month</source>
        <translation>趋势——各月NPS</translation>
    </message>
    <message>
        <source>NPS by segment</source>
        <translation>各客户群NPS</translation>
    </message>
    <message>
        <source>NPS by broker</source>
        <translation>各客户经理NPS</translation>
    </message>
    <message>
        <source>Cannot read the surveys: %1</source>
        <translation>无法读取问卷：%1</translation>
    </message>
    <message>
        <source>Survey: %1</source>
        <translation>问卷：%1</translation>
    </message>
    <message>
        <source>No survey campaign yet: launch one with brokerdesk-cli survey launch; its calls enter the brokers&apos; and the service desk&apos;s plans.</source>
        <translation>尚无回访活动：用 brokerdesk-cli survey launch 发起，回访电话将进入客户经理和服务台的计划。</translation>
    </message>
    <message>
        <source>No answers yet: answers are recorded in the Log contact dialog of a survey call.</source>
        <translation>尚无回答：回访时在“记录联系”对话框中录入问卷回答。</translation>
    </message>
    <message>
        <source>NPS %1 from %2 answers (%3 promoters, %4 passives, %5 detractors) · mean item score %6 · NPS = %promoters (9–10) − %detractors (0–6)</source>
        <translation>NPS %1，共%2份回答（推荐者%3、中立者%4、贬损者%5）· 平均题目得分%6 · NPS = 推荐者占比（9–10分）− 贬损者占比（0–6分）</translation>
    </message>
</context>
<context>
    <name>bd::ui::TodayView</name>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>工作日数</translation>
    </message>
    <message>
        <source>Export call list…</source>
        <translation>导出回访清单…</translation>
    </message>
    <message>
        <source>Rebuild plan…</source>
        <translation>重建计划…</translation>
    </message>
    <message>
        <source>Cancel rebuild</source>
        <translation>取消重建</translation>
    </message>
    <message>
        <source>Stop the rebuild; the plan stays as it was</source>
        <translation>停止重建；计划保持原样</translation>
    </message>
    <message>
        <source>Plans every broker&apos;s next working days from the latest analytics run</source>
        <translation>根据最新分析结果为每位客户经理安排接下来的工作日</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Log contact (Enter)</source>
        <translation>记录联系（回车）</translation>
    </message>
    <message>
        <source>Reschedule…</source>
        <translation>改期…</translation>
    </message>
    <message>
        <source>Skip…</source>
        <translation>跳过…</translation>
    </message>
    <message>
        <source>Open client</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Cannot list brokers</source>
        <translation>无法列出客户经理</translation>
    </message>
    <message>
        <source>Cannot read the plan</source>
        <translation>无法读取计划</translation>
    </message>
    <message>
        <source>Cannot read overdue items</source>
        <translation>无法读取逾期事项</translation>
    </message>
    <message>
        <source>Overdue (%1)</source>
        <translation>逾期（%1）</translation>
    </message>
    <message>
        <source>No plan yet: press “Rebuild plan…” to plan the next working days.</source>
        <translation>尚无计划：请点击“重建计划…”安排接下来的工作日。</translation>
    </message>
    <message>
        <source>%1 calls planned (%2 VIP) · %3 overdue · plan built for %4</source>
        <translation>已计划 %1 次联系（VIP %2）· 逾期 %3 · 计划日期 %4</translation>
    </message>
    <message>
        <source>Select a call to see why and what to say.</source>
        <translation>选择一条回访，查看原因和沟通要点。</translation>
    </message>
    <message>
        <source> · due %1</source>
        <translation> · 截止 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) late</source>
        <translation>
            <numerusform>已逾期 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot log the contact</source>
        <translation>无法记录联系</translation>
    </message>
    <message>
        <source>Logged %1 for %2.</source>
        <translation>已为 %2 记录“%1”。</translation>
    </message>
    <message>
        <source>Retry on %1 by %2.</source>
        <translation>将于 %1 通过%2重试。</translation>
    </message>
    <message>
        <source>Follow-up booked for %1.</source>
        <translation>已预约 %1 跟进。</translation>
    </message>
    <message>
        <source>Cannot reschedule</source>
        <translation>无法改期</translation>
    </message>
    <message>
        <source>Cannot skip</source>
        <translation>无法跳过</translation>
    </message>
    <message>
        <source>Cannot build the plan</source>
        <translation>无法生成计划</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n call(s) to %1</source>
        <translation>
            <numerusform>已将 %n 条回访写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Log contact</source>
        <translation>记录联系</translation>
    </message>
    <message>
        <source>Reschedule</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>Move the call with %1 to:</source>
        <translation>将与 %1 的联系改到：</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>Client asked not to be called now</source>
        <translation>客户要求暂不联系</translation>
    </message>
    <message>
        <source>Already spoke this week</source>
        <translation>本周已沟通</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>号码错误</translation>
    </message>
    <message>
        <source>Client unavailable (travel, illness)</source>
        <translation>客户不便（出差、生病）</translation>
    </message>
    <message>
        <source>Skip call</source>
        <translation>跳过回访</translation>
    </message>
    <message>
        <source>Reason (required):</source>
        <translation>原因（必填）：</translation>
    </message>
    <message>
        <source>Export call list</source>
        <translation>导出回访清单</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV text (*.csv);;Printable call sheet (*.pdf)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文本 (*.csv);;可打印回访单 (*.pdf)</translation>
    </message>
    <message>
        <source>Mask phone numbers (138****5678)?</source>
        <translation>是否隐藏电话号码（138****5678）？</translation>
    </message>
    <message>
        <source>Rebuild plan</source>
        <translation>重建计划</translation>
    </message>
    <message>
        <source>Plan every broker&apos;s next working days as of %1? Open items are replaced; rescheduled items, retries and promised calls are kept.</source>
        <translation>以 %1 为基准为每位客户经理安排接下来的工作日？待办事项将被替换；改期、重试和已约定的回访将保留。</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Print the call sheet shown (as the PDF export lays it out)</source>
        <translation>打印当前回访清单（版式与 PDF 导出相同）</translation>
    </message>
    <message>
        <source>Cannot print the call sheet</source>
        <translation>无法打印回访清单</translation>
    </message>
    <message numerus="yes">
        <source>Printed %n call(s) on %1 page(s)</source>
        <translation>
            <numerusform>已打印 %n 条回访，共 %1 页</numerusform>
        </translation>
    </message>
    <message>
        <source>Call sheet</source>
        <translation>回访清单</translation>
    </message>
    <message>
        <source>Print call sheet</source>
        <translation>打印回访清单</translation>
    </message>
    <message>
        <source>No plan yet: the branch&apos;s nightly batch plans the next working days; ask the branch&apos;s administrator if it has not run.</source>
        <translation>尚无计划：由营业部的夜间批处理安排接下来几个工作日；如未运行，请联系营业部的管理员。</translation>
    </message>
</context>
<context>
    <name>bd::ui::ValueDashboard</name>
    <message>
        <source>Where the value is</source>
        <translation>价值在哪里</translation>
    </message>
    <message>
        <source>Profit, last 12 months</source>
        <translation>近12个月利润</translation>
    </message>
    <message>
        <source>Profit from the top 1%</source>
        <translation>前1%客户贡献的利润</translation>
    </message>
    <message>
        <source>Profit from the top 5%</source>
        <translation>前5%客户贡献的利润</translation>
    </message>
    <message>
        <source>Profit from the top 20%</source>
        <translation>前20%客户贡献的利润</translation>
    </message>
    <message>
        <source>VIPs (firm)</source>
        <translation>VIP（全公司）</translation>
    </message>
    <message>
        <source>AUM-rich, low value</source>
        <translation>高资产、低价值</translation>
    </message>
    <message>
        <source>Loss-making clients</source>
        <translation>亏损客户</translation>
    </message>
    <message>
        <source>Pareto curve: cumulative share of profit</source>
        <translation>帕累托曲线：利润累计占比</translation>
    </message>
    <message>
        <source>Profit vs AUM: assets are not value</source>
        <translation>利润与资产：资产不等于价值</translation>
    </message>
    <message>
        <source>No value analysis yet — run Refresh.</source>
        <translation>尚无价值分析 —— 请运行“刷新”。</translation>
    </message>
    <message>
        <source>Refresh of %1 · as of %2 · %3 clients</source>
        <translation>%1 的刷新 · 数据截至 %2 · %3 位客户</translation>
    </message>
    <message>
        <source>Cumulative profit share</source>
        <translation>利润累计占比</translation>
    </message>
    <message>
        <source>Equal shares</source>
        <translation>均等分布</translation>
    </message>
    <message>
        <source>Top 1% / 5% / 20%</source>
        <translation>前 1% / 5% / 20%</translation>
    </message>
    <message>
        <source>Share of clients, best first</source>
        <translation>客户占比（价值从高到低）</translation>
    </message>
    <message>
        <source>Share of 12-month profit</source>
        <translation>近12个月利润占比</translation>
    </message>
    <message>
        <source>Other clients</source>
        <translation>其他客户</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>AUM (CNY, log scale)</source>
        <translation>资产（元，对数刻度）</translation>
    </message>
    <message>
        <source>Profit, last 12 months (CNY, signed log scale)</source>
        <translation>近12个月利润（元，带符号对数刻度）</translation>
    </message>
    <message>
        <source>Every VIP (%1) and every AUM-rich, low-value client (%2) is drawn</source>
        <translation>绘制全部 VIP（%1）和全部高资产低价值客户（%2）</translation>
    </message>
    <message>
        <source>; other clients: every %1th of %2 (a fixed sample)</source>
        <translation>；其他客户：%2 位中每 %1 位取一位（固定抽样）</translation>
    </message>
    <message>
        <source>; all other clients are drawn</source>
        <translation>；绘制全部其他客户</translation>
    </message>
    <message>
        <source>; %1 clients with no assets are left out (log axis)</source>
        <translation>；%1 位无资产客户未绘制（对数坐标）</translation>
    </message>
    <message>
        <source>The value model&apos;s settings changed since this analysis: run Refresh to apply them to scores, VIPs and segments.</source>
        <translation>本次分析之后价值模型的设置已修改：请运行“刷新”，使评分、VIP 和客户细分采用新设置。</translation>
    </message>
    <message>
        <source>No value analysis yet — the branch&apos;s nightly batch computes it; ask the branch&apos;s administrator if it has not run.</source>
        <translation>尚无价值分析——由营业部的夜间批处理计算；如未运行，请联系营业部的管理员。</translation>
    </message>
    <message>
        <source>The value model&apos;s settings changed since this analysis: the branch&apos;s nightly batch applies them to scores, VIPs and segments at its next run.</source>
        <translation>价值模型的设置在本次分析后已更改：营业部的夜间批处理将在下次运行时把它们应用到评分、VIP 和客户分群。</translation>
    </message>
    <message>
        <source>The branch&apos;s nightly batch of %1 · as of %2 · ranked the whole firm: %3 clients; in view: %4</source>
        <translation>营业部夜间批处理（%1）· 数据截至 %2 · 已对全公司 %3 位客户排名；您可见 %4 位</translation>
    </message>
    <message>
        <source>The branch&apos;s nightly batch of %1 · as of %2 · ranked the whole firm; in view: %3 clients</source>
        <translation>营业部夜间批处理（%1）· 数据截至 %2 · 已对全公司客户排名；您可见 %3 位客户</translation>
    </message>
</context>
<context>
    <name>bd::ui::VipTableModel</name>
    <message>
        <source>AUM-rich, low value: %1</source>
        <translation>高资产、低价值：%1</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>客户号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>营业部</translation>
    </message>
    <message>
        <source>Value score</source>
        <translation>价值评分</translation>
    </message>
    <message>
        <source>Firm rank</source>
        <translation>全公司排名</translation>
    </message>
    <message>
        <source>Profit 12M (CNY)</source>
        <translation>近12月利润（元）</translation>
    </message>
    <message>
        <source>CLV 12M (CNY)</source>
        <translation>12月终身价值（元）</translation>
    </message>
    <message>
        <source>AUM (CNY)</source>
        <translation>资产（元）</translation>
    </message>
    <message>
        <source>P(alive)</source>
        <translation>存活概率</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>忠诚度</translation>
    </message>
</context>
<context>
    <name>bd::ui::VipView</name>
    <message>
        <source>VIP ranking</source>
        <translation>VIP 排名</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Firm</source>
        <translation>全公司</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>营业部</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Top:</source>
        <translation>前：</translation>
    </message>
    <message>
        <source>Why this client ranks here</source>
        <translation>该客户排名依据</translation>
    </message>
    <message>
        <source>No value analysis yet — run Refresh to rank clients.</source>
        <translation>尚无价值分析 —— 请运行“刷新”以进行客户排名。</translation>
    </message>
    <message>
        <source>Refresh of %1 · as of %2 · %3 clients scored</source>
        <translation>%1 的刷新 · 数据截至 %2 · 已评分 %3 位客户</translation>
    </message>
    <message>
        <source>%1 VIPs of %2 clients · %3 of the scope&apos;s 12-month profit</source>
        <translation>%2 位客户中 VIP %1 位 · 占该范围近12个月利润的 %3</translation>
    </message>
    <message>
        <source>Cannot read the value scores: %1</source>
        <translation>无法读取价值评分：%1</translation>
    </message>
    <message>
        <source>No value analysis yet — the branch&apos;s nightly batch ranks the clients; ask the branch&apos;s administrator if it has not run.</source>
        <translation>尚无价值分析——客户排名由营业部的夜间批处理完成；如未运行，请联系营业部的管理员。</translation>
    </message>
    <message>
        <source>The branch&apos;s nightly batch of %1 · as of %2 · ranked the whole firm; %3 of its clients are in your view</source>
        <translation>营业部夜间批处理（%1）· 数据截至 %2 · 已对全公司客户排名，其中 %3 位在您的可见范围内</translation>
    </message>
</context>
</TS>
