<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../desktop/help/about.py" line="+34"/>
        <source>About ThreePass</source>
        <translation>关于 ThreePass</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A study planner for watching every video and paper three times.</source>
        <translation>每个视频、每篇论文都看三遍的学习计划工具。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log folder</source>
        <translation>日志文件夹</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy these details to the clipboard</source>
        <translation>把这些信息复制到剪贴板</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>ApplicationDialog</name>
    <message>
        <location filename="../../desktop/career/board_dialogs.py" line="+113"/>
        <source>New application</source>
        <translation>新建投递</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Company:</source>
        <translation>公司(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role:</source>
        <translation>职位(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Team:</source>
        <translation>团队(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hannel:</source>
        <translation>渠道(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next action:</source>
        <translation>下一步(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Due:</source>
        <translation>截止日期(&amp;D)：</translation>
    </message>
</context>
<context>
    <name>ApplicationPane</name>
    <message>
        <location filename="../../desktop/career/board_view.py" line="+158"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role:</source>
        <translation>职位：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team:</source>
        <translation>团队：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next action:</source>
        <translation>下一步：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due:</source>
        <translation>截止日期：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Questions</source>
        <translation>面试题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add &amp;round…</source>
        <translation>添加面试轮次(&amp;R)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+152"/>
        <source>Delete round</source>
        <translation>删除轮次</translation>
    </message>
    <message>
        <location line="-162"/>
        <location line="+29"/>
        <source>Rounds</source>
        <translation>面试轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No application selected</source>
        <translation>未选择投递</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>created as {status}</source>
        <translation>创建时状态为 {status}</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Application saved.</source>
        <translation>投递已保存。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Delete this round?</source>
        <translation>删除这一轮面试？</translation>
    </message>
</context>
<context>
    <name>ApplicationsModel</name>
    <message>
        <location filename="../../desktop/career/board_models.py" line="+424"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>职位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next action</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Readiness</source>
        <translation>准备度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <location filename="../../desktop/career/board_view.py" line="+62"/>
        <source>Board</source>
        <translation>看板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applications</source>
        <translation>投递</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter applications…</source>
        <translation>筛选投递…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter applications</source>
        <translation>筛选投递</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;New application…</source>
        <translation>新建投递(&amp;N)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+161"/>
        <source>Delete application</source>
        <translation>删除投递</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>No applications yet</source>
        <translation>还没有投递</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follow each application from interested to offer: drag its card from column to column, note the next step and its date, record the interview rounds and the questions asked. An application is for one of your target companies: add the company first, then a new application.</source>
        <translation>跟踪每一份投递从感兴趣到拿到 offer：在各列之间拖动卡片，记下下一步及其日期，记录每轮面试和被问到的问题。每份投递对应一家目标公司：先添加公司，再新建投递。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New application…</source>
        <translation>新建投递…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a company…</source>
        <translation>添加公司…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Moved to {status}.</source>
        <translation>已移到“{status}”。</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Delete this application and its rounds?</source>
        <translation>删除这条投递及其面试轮次？</translation>
    </message>
</context>
<context>
    <name>ChartFrame</name>
    <message>
        <location filename="../../desktop/stats/stats_view.py" line="+78"/>
        <source>Save as PNG…</source>
        <translation>另存为 PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this chart as a PNG image</source>
        <translation>把这张图表保存为 PNG 图片</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+17"/>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
</context>
<context>
    <name>ColumnMenu</name>
    <message>
        <location filename="../../desktop/widgets/fit_columns.py" line="+218"/>
        <source>%1 (no room: widen the window)</source>
        <translation>%1（空间不足：请加宽窗口）</translation>
    </message>
</context>
<context>
    <name>CompaniesModel</name>
    <message>
        <location filename="../../desktop/career/companies_view.py" line="+201"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Focus</source>
        <translation>方向</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Careers page</source>
        <translation>招聘页面</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Application</source>
        <translation>投递</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Readiness</source>
        <translation>准备度</translation>
    </message>
</context>
<context>
    <name>CompaniesView</name>
    <message>
        <location line="+390"/>
        <source>Search companies…</source>
        <translation>搜索公司…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search companies</source>
        <translation>搜索公司</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Application status</source>
        <translation>投递状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any application status</source>
        <translation>任意投递状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No application yet</source>
        <translation>尚未投递</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>No target companies yet</source>
        <translation>还没有目标公司</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List the companies you are preparing for: link the items and interview questions that matter to each and see how ready you are, with what to do next. Import them from your study notes (a section listing companies), or add them by hand.</source>
        <translation>列出你正在准备的公司：为每家公司关联相关的学习条目和面试题，查看准备度以及下一步该做什么。可以从学习笔记中导入（列出公司的章节），也可以手动添加。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add a company…</source>
        <translation>添加公司…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>New application…</source>
        <translation>新建投递…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Delete company</source>
        <translation>删除公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete {name} with its applications and links?</source>
        <translation>删除 {name} 及其投递记录和关联？</translation>
    </message>
</context>
<context>
    <name>CompanyDetailPane</name>
    <message>
        <location line="-447"/>
        <source>Readiness %p%</source>
        <translation>准备度 %p%</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+148"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location line="-148"/>
        <source>Passes done</source>
        <translation>已完成遍数</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+165"/>
        <source>Question</source>
        <translation>面试题</translation>
    </message>
    <message>
        <location line="-165"/>
        <source>Confidence</source>
        <translation>把握度</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Role</source>
        <translation>职位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next action</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Linked from</source>
        <translation>被引用自</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+22"/>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items</source>
        <translation>条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Questions</source>
        <translation>面试题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applications</source>
        <translation>投递</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backlinks</source>
        <translation>反向链接</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Link &amp;items…</source>
        <translation>关联条目(&amp;I)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Link &amp;questions…</source>
        <translation>关联面试题(&amp;Q)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New a&amp;pplication…</source>
        <translation>新建投递(&amp;P)…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Website:</source>
        <translation>网站：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Careers:</source>
        <translation>招聘：</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No company selected</source>
        <translation>未选择公司</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>priority {n}/5</source>
        <translation>优先级 {n}/5</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Items: {score}% of passes done ({n} linked)</source>
        <translation>条目：已完成 {score}% 的遍数（关联 {n} 个）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Questions: {score}% confidence ({n} linked)</source>
        <translation>面试题：把握度 {score}%（关联 {n} 道）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Items for this company</source>
        <translation>与这家公司相关的条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+22"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Questions this company asks</source>
        <translation>这家公司会问的面试题</translation>
    </message>
</context>
<context>
    <name>CompanyDialog</name>
    <message>
        <location line="-256"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>comma-separated</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;City:</source>
        <translation>城市(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Focus:</source>
        <translation>方向(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Website:</source>
        <translation>网站(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;reers page:</source>
        <translation>招聘页面(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Priority (1-5):</source>
        <translation>优先级（1-5）(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tags:</source>
        <translation>标签(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../desktop/sync/conflicts.py" line="+107"/>
        <source>Sync conflicts</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The same text was changed on two devices before they synced. The newer change won; the other one is kept here. Copy what you need into the note, then mark them as seen.</source>
        <translation>同一段文本在两台设备同步前都被修改了。较新的修改胜出，另一份保留在这里。把需要的内容复制到笔记中，然后标为已读。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Text kept from the losing side</source>
        <translation>落败一方保留的文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text that won</source>
        <translation>胜出的文本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kept copy (lost)</source>
        <translation>保留的副本（落败）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Now in the library (won)</source>
        <translation>资料库中的当前内容（胜出）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mark all as seen</source>
        <translation>全部标为已读</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <location line="-87"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lost on</source>
        <translation>落败设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pass %1 notes of “%2”</source>
        <translation>“%2”第 %1 遍笔记</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note “%1” (%2)</source>
        <translation>笔记“%1”（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item “%1” (%2)</source>
        <translation>条目“%1”（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Question “%1” (%2)</source>
        <translation>问题“%1”（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open point of “%1”</source>
        <translation>“%1”的没看懂的点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company “%1” (%2)</source>
        <translation>公司“%1”（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Application %1 (%2)</source>
        <translation>投递 %1（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interview round, %1 (%2)</source>
        <translation>面试轮次，%1（%2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pass notes</source>
        <translation>遍笔记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open point</source>
        <translation>没看懂的点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Application</source>
        <translation>投递</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interview round</source>
        <translation>面试轮次</translation>
    </message>
</context>
<context>
    <name>CountsModel</name>
    <message>
        <location filename="../../desktop/importing/summary.py" line="+82"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped</source>
        <translation>跳过</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../desktop/crash.py" line="+41"/>
        <source>ThreePass hit an error</source>
        <translation>ThreePass 遇到错误</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ThreePass hit an error it did not expect. The details are in %1; your data is safe. You can keep working, or restart ThreePass if something looks wrong.</source>
        <translation>ThreePass 遇到了意外错误。详细信息在 %1 中；你的数据是安全的。你可以继续使用，如果发现异常请重新启动 ThreePass。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ThreePass hit an error it did not expect. The details were printed on the terminal; your data is safe. You can keep working, or restart ThreePass if something looks wrong.</source>
        <translation>ThreePass 遇到了意外错误。详细信息已输出到终端；你的数据是安全的。你可以继续使用，如果发现异常请重新启动 ThreePass。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the error details to paste them in a report</source>
        <translation>复制错误详细信息，以便粘贴到问题报告中</translation>
    </message>
</context>
<context>
    <name>DevicesModel</name>
    <message>
        <location filename="../../desktop/sync/page.py" line="+49"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(this device)</source>
        <translation>（本机）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
</context>
<context>
    <name>EmptyLibrary</name>
    <message>
        <location filename="../../desktop/library/empty_state.py" line="+18"/>
        <source>Your library is empty</source>
        <translation>资料库还是空的</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Start from Li Mu&apos;s paper-reading list (dozens of paper videos) or the fast.ai course (its lessons and the book&apos;s questionnaires), bring in your own Markdown study notes file (its links, questions and companies), or add a course video, paper or article by hand. Each item gets three passes: watch, take notes, understand all.</source>
        <translation>可以从李沐的论文精读列表（几十个论文视频）或 fast.ai 课程（各讲课程和书中各章问卷）开始，导入你自己的 Markdown 学习笔记文件（其中的链接、问题和公司），或手动添加课程视频、论文或文章。每个条目都有三遍：看一遍、做笔记、全部弄懂。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Import the paper-reading list</source>
        <translation>导入论文精读列表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import the fast.ai course</source>
        <translation>导入 fast.ai 课程</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import my notes file</source>
        <translation>导入我的笔记文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add an item</source>
        <translation>添加条目</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../desktop/library/filters.py" line="+24"/>
        <source>Search the library  (Ctrl+F)</source>
        <translation>搜索资料库  (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search the library</source>
        <translation>搜索资料库</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All kinds</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Any progress</source>
        <translation>任意进度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>○ Not started</source>
        <translation>○ 未开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>◐ In progress</source>
        <translation>◐ 进行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No pass done yet</source>
        <translation>一遍都还没完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 pass done</source>
        <translation>完成 1 遍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 passes done</source>
        <translation>完成 2 遍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>● All 3 passes done</source>
        <translation>● 三遍全部完成</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>All categories</source>
        <translation>所有分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All tags</source>
        <translation>所有标签</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../desktop/i18n.py" line="+368"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+13"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <location filename="../../desktop/help/feature.py" line="+55"/>
        <source>No file manager could open %1.</source>
        <translation>没有文件管理器能打开 %1。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Report a problem</source>
        <translation>报告问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The version details and the last lines of the log are on the clipboard.</source>
        <translation>版本信息和日志的最后几行已复制到剪贴板。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Describe what you did and what happened on the project&apos;s issue tracker, and paste them with your report. Read them first: they show your data folder&apos;s path and may name items from your library.</source>
        <translation>请在项目的问题跟踪页面描述你做了什么、发生了什么，并把它们粘贴到你的报告中。发送前请先看一遍：其中有你的数据文件夹路径，也可能有资料库中条目的名称。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open the &amp;data folder</source>
        <translation>打开数据文件夹(&amp;D)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Report a problem…</source>
        <translation>报告问题(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy the version details and the last log lines for a bug report</source>
        <translation>复制版本信息和最近的日志行，用于报告问题</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;About ThreePass</source>
        <translation>关于 ThreePass(&amp;A)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The database is not a local file, so it has no folder.</source>
        <translation>数据库不是本地文件，没有可打开的文件夹。</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../desktop/importing/controller.py" line="+62"/>
        <source>Import Li Mu&apos;s paper-reading videos and papers (mli/paper-reading)</source>
        <translation>导入李沐的论文精读视频和论文（mli/paper-reading）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import the lessons of course.fast.ai, optionally with questionnaires</source>
        <translation>导入 course.fast.ai 的课程，可选附带课后问题</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import links, questions, companies and notes from a Markdown file</source>
        <translation>从 Markdown 文件导入链接、面试题、公司和笔记</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>&amp;Paper-reading list…</source>
        <translation>论文精读列表(&amp;P)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;fast.ai course…</source>
        <translation>fast.ai 课程(&amp;F)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Study notes file…</source>
        <translation>学习笔记文件(&amp;S)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ThreePass &amp;JSON…</source>
        <translation>ThreePass JSON(&amp;J)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import a ThreePass JSON export</source>
        <translation>导入 ThreePass 导出的 JSON</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Import the paper-reading list</source>
        <translation>导入论文精读列表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Li Mu&apos;s paper-reading README: one item per recorded video and per paper. Re-importing updates titles and links and keeps your passes and notes.</source>
        <translation>李沐论文精读的 README：每个视频、每篇论文各一个条目。重新导入会更新标题和链接，保留你的学习遍数和笔记。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+254"/>
        <source>Markdown (*.md *.markdown *.txt);;All files (*)</source>
        <translation>Markdown (*.md *.markdown *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="-248"/>
        <source>Importing the paper-reading list</source>
        <translation>正在导入论文精读列表</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Import the fast.ai course</source>
        <translation>导入 fast.ai 课程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The lessons of Practical Deep Learning (Part 1 and Part 2), in course order, from the website or a folder holding a saved copy of it.</source>
        <translation>Practical Deep Learning（第一部分和第二部分）的各课，按课程顺序，来自网站或保存了网站副本的文件夹。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Web pages (*.html *.htm);;All files (*)</source>
        <translation>网页 (*.html *.htm);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Importing the fast.ai course</source>
        <translation>正在导入 fast.ai 课程</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reading the study notes</source>
        <translation>正在读取学习笔记</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Replace the library?</source>
        <translation>替换资料库？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The library already holds {0} items, {1} companies and {2} questions. Importing {3} replaces all of it; a backup copy of the database is made first.</source>
        <translation>资料库里已有 {0} 个条目、{1} 家公司和 {2} 道面试题。导入 {3} 会替换全部内容；替换前会先备份数据库。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Replace everything</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Importing a ThreePass JSON file</source>
        <translation>正在导入 ThreePass JSON 文件</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>An import is already running.</source>
        <translation>已有一个导入正在进行。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Imported {0}: {1} added, {2} updated, {3} unchanged, {4} skipped.</source>
        <translation>已导入 {0}：新增 {1}，更新 {2}，未变 {3}，跳过 {4}。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was written to your library.</source>
        <translation>资料库没有任何改动。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Importing the study notes</source>
        <translation>正在导入学习笔记</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Import study notes</source>
        <translation>导入学习笔记</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import a ThreePass JSON file</source>
        <translation>导入 ThreePass JSON 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ThreePass JSON (*.json);;All files (*)</source>
        <translation>ThreePass JSON (*.json);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ImportJobs</name>
    <message>
        <location filename="../../desktop/importing/summary.py" line="-64"/>
        <source>Videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Papers</source>
        <translation>论文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lessons</source>
        <translation>课</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>Questions</source>
        <translation>面试题</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+13"/>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+9"/>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../desktop/importing/jobs.py" line="+70"/>
        <location line="+35"/>
        <source>Writing {0} records to the library</source>
        <translation>正在把 {0} 条记录写入资料库</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+80"/>
        <location line="+72"/>
        <source>Reading {0}</source>
        <translation>正在读取 {0}</translation>
    </message>
    <message>
        <location line="-144"/>
        <source>Reading the tables of videos and papers</source>
        <translation>正在读取视频和论文表格</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Reading the course navigation</source>
        <translation>正在读取课程目录</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Finding the sections</source>
        <translation>正在查找章节</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Applying your choices</source>
        <translation>正在应用你的选择</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Checking and writing the document</source>
        <translation>正在检查并写入文档</translation>
    </message>
    <message>
        <location filename="../../desktop/importing/summary.py" line="-1"/>
        <source>Items</source>
        <translation>条目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open points</source>
        <translation>没看懂的地方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Study sessions</source>
        <translation>学习记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applications</source>
        <translation>投递</translation>
    </message>
    <message>
        <location filename="../../desktop/importing/progress_dialog.py" line="+181"/>
        <source>The previous data was backed up to {0}.</source>
        <translation>原有数据已备份到 {0}。</translation>
    </message>
</context>
<context>
    <name>ImportProgressDialog</name>
    <message>
        <location line="-118"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{0} of {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Import finished: {0}</source>
        <translation>导入完成：{0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The source has not changed since the last import; nothing to do.</source>
        <translation>来源自上次导入后没有变化，无需操作。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Done: {0} added, {1} updated, {2} unchanged, {3} skipped.</source>
        <translation>完成：新增 {0}，更新 {1}，未变 {2}，跳过 {3}。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Skipped rows ({0}) and why</source>
        <translation>跳过的行（{0}）及原因</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled. Nothing was written.</source>
        <translation>已取消，没有写入任何内容。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The import stopped and nothing was written: {0}</source>
        <translation>导入已停止，没有写入任何内容：{0}</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Cancelling… nothing will be written.</source>
        <translation>正在取消… 不会写入任何内容。</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <location filename="../../desktop/library/item_dialog.py" line="+52"/>
        <source>Edit item</source>
        <translation>编辑条目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New item</source>
        <translation>新建条目</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>e.g. Transformer 论文逐段精读</source>
        <translation>例如：Transformer 论文逐段精读</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>h:mm:ss, mm:ss or minutes</source>
        <translation>时:分:秒、分:秒或分钟数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a downloaded copy of the video (optional)</source>
        <translation>已下载的视频文件（可选）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local video file</source>
        <translation>本地视频文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>comma separated, e.g. NLP, 面试</source>
        <translation>用逗号分隔，例如：NLP, 面试</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;URL</source>
        <translation>网址(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Category</source>
        <translation>分类(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Duration</source>
        <translation>时长(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Bilibili</source>
        <translation>哔哩哔哩(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;YouTube</source>
        <translation>YouTube(&amp;Y)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Zhihu</source>
        <translation>知乎(&amp;Z)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Local file</source>
        <translation>本地文件(&amp;L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ta&amp;gs</source>
        <translation>标签(&amp;G)</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>An item needs a title.</source>
        <translation>条目需要标题。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The duration {text!r} is not valid; write h:mm:ss, mm:ss or minutes.</source>
        <translation>时长 {text!r} 无效；请写成 时:分:秒、分:秒 或分钟数。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The URL must start with http:// or https://.</source>
        <translation>网址必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The {platform} link must start with http:// or https://.</source>
        <translation>{platform} 链接必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>There is no file at {path}.</source>
        <translation>{path} 处没有文件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose the downloaded video</source>
        <translation>选择已下载的视频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Videos (*.mp4 *.mkv *.webm *.flv *.mov *.avi *.m4v);;All files (*)</source>
        <translation>视频 (*.mp4 *.mkv *.webm *.flv *.mov *.avi *.m4v);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ItemPane</name>
    <message>
        <location filename="../../desktop/library/item_pane.py" line="+371"/>
        <source>Select an item to see its three passes and notes.</source>
        <translation>选择一个条目，查看它的三遍学习和笔记。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Selected item</source>
        <translation>所选条目</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Open video</source>
        <translation>打开视频</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+149"/>
        <source>Open link</source>
        <translation>打开链接</translation>
    </message>
    <message>
        <location line="-145"/>
        <source>Link…</source>
        <translation>关联…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Link this item to companies and questions; see its backlinks</source>
        <translation>把这个条目关联到公司和面试题；查看反向链接</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Zhihu</source>
        <translation>知乎</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Open paper</source>
        <translation>打开论文</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Didn&apos;t understand ({open} open of {total})</source>
        <translation>没看懂的地方（{total} 处中还有 {open} 处未解决）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Didn&apos;t understand</source>
        <translation>没看懂</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Covers:</source>
        <translation>讲解论文：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Covered by:</source>
        <translation>讲解视频：</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Relevant for:</source>
        <translation>相关公司：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Covers questions:</source>
        <translation>覆盖面试题：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Linked from:</source>
        <translation>被引用于：</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Skim: title, abstract, conclusion, figures. Worth reading on?</source>
        <translation>略读：标题、摘要、结论、图表。值得继续读吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read: the whole paper, figures and tables; note what is new.</source>
        <translation>通读：全文、图和表；记下新东西。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deep: understand every detail, as if you had to reproduce it.</source>
        <translation>精读：弄懂每个细节，就像要复现它一样。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First watch at 1x: follow along and list what you didn&apos;t understand.</source>
        <translation>第一遍 1 倍速：跟着看，记下没看懂的地方。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second watch, faster: take notes (Markdown) and resolve open points.</source>
        <translation>第二遍加快：做笔记（Markdown），解决没看懂的地方。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Third watch: complete the notes until you understand all of it.</source>
        <translation>第三遍：补全笔记，直到全部弄懂。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Note not saved</source>
        <translation>笔记未保存</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pass {n}&apos;s note was changed elsewhere while you typed: yours is saved, the other text is kept in Notes as a conflict copy.</source>
        <translation>第 {n} 遍的笔记在你输入时被别处修改：你的内容已保存，另一份文本作为冲突副本保存在“笔记”中。</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <location filename="../../desktop/journal/feature.py" line="+25"/>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
</context>
<context>
    <name>JournalModel</name>
    <message>
        <location filename="../../desktop/journal/model.py" line="+45"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Section</source>
        <translation>章节</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edited</source>
        <translation>修改时间</translation>
    </message>
</context>
<context>
    <name>JournalView</name>
    <message>
        <location filename="../../desktop/journal/view.py" line="+39"/>
        <source>Search notes…</source>
        <translation>搜索笔记…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search notes</source>
        <translation>搜索笔记</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+125"/>
        <source>New note</source>
        <translation>新建笔记</translation>
    </message>
    <message>
        <location line="-124"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Write in Markdown…</source>
        <translation>用 Markdown 书写…</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>No note selected</source>
        <translation>未选择笔记</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Delete note</source>
        <translation>删除笔记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the note “%1”?</source>
        <translation>删除笔记“%1”？</translation>
    </message>
</context>
<context>
    <name>Library</name>
    <message>
        <location filename="../../desktop/library/pass_actions.py" line="+21"/>
        <source>{count} point(s) you didn&apos;t understand in pass 1 are still open.

Mark pass 3 done anyway?</source>
        <translation>第一遍中还有 {count} 处没看懂的地方未解决。

仍然把第三遍标记为完成吗？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open points remain</source>
        <translation>还有没看懂的地方</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Pass not changed</source>
        <translation>遍数状态未改变</translation>
    </message>
    <message>
        <location filename="../../desktop/library/table_model.py" line="+71"/>
        <source>Course video</source>
        <translation>课程视频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper video</source>
        <translation>论文讲解视频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper</source>
        <translation>论文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <location filename="../../desktop/library/feature.py" line="+71"/>
        <source>Library</source>
        <translation>资料库</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;New item…</source>
        <translation>新建条目(&amp;N)…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Edit item…</source>
        <translation>编辑条目(&amp;E)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Delete item…</source>
        <translation>删除条目(&amp;D)…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Find in library</source>
        <translation>在资料库中查找(&amp;F)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Toggle pass &amp;{n}</source>
        <translation>切换第 &amp;{n} 遍</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not started → in progress → done → not started</source>
        <translation>未开始 → 进行中 → 已完成 → 未开始</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Undo delete</source>
        <translation>撤销删除</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Redo delete</source>
        <translation>重做删除</translation>
    </message>
</context>
<context>
    <name>LibraryGoneDialog</name>
    <message>
        <location filename="../../desktop/safety/watch.py" line="+54"/>
        <source>Your library is gone</source>
        <translation>资料库不见了</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The data folder of your library was removed.</source>
        <translation>资料库所在的数据文件夹已被移除。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{path} is no longer there (the folder was deleted or renamed, or its drive was disconnected). ThreePass stopped saving, so nothing is written to a file that is no longer your library. Save what this window still has open to another place, or quit; reconnecting the drive or putting the folder back lets you carry on.</source>
        <translation>{path} 已不在原处（文件夹被删除或改名，或所在的驱动器已断开）。ThreePass 已停止保存，不会把任何内容写进一个已不是你资料库的文件。你可以把此窗口仍打开着的内容另存到别处，或者退出；重新连接驱动器或把文件夹放回原处即可继续。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Save a copy…</source>
        <translation>另存副本…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>LibraryKeys</name>
    <message>
        <location filename="../../desktop/library/keys.py" line="+35"/>
        <source>Notes of pass {n}</source>
        <translation>第 {n} 遍笔记</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Back to the list</source>
        <translation>返回列表</translation>
    </message>
</context>
<context>
    <name>LibraryTableModel</name>
    <message>
        <location filename="../../desktop/library/table_model.py" line="+92"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source / category</source>
        <translation>来源 / 分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passes</source>
        <translation>遍数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last studied</source>
        <translation>上次学习</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../../desktop/library/view.py" line="+137"/>
        <source>Library items</source>
        <translation>资料库条目</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>{shown} of {total} items</source>
        <translation>显示 {shown} / {total} 个条目</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} items</source>
        <translation>{n} 个条目</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>Cannot edit</source>
        <translation>无法编辑</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Added “{title}”</source>
        <translation>已添加“{title}”</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Delete item</source>
        <translation>删除条目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete “{title}” with its passes, notes and open points?

You can undo this with Ctrl+Z until you quit.</source>
        <translation>删除“{title}”及其学习遍数、笔记和没看懂的地方？

退出前可以用 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not deleted</source>
        <translation>未删除</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Undo failed</source>
        <translation>撤销失败</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+8"/>
        <source>Deleted “{title}” (Ctrl+Z to undo)</source>
        <translation>已删除“{title}”（Ctrl+Z 撤销）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restored “{title}”</source>
        <translation>已恢复“{title}”</translation>
    </message>
    <message>
        <location filename="../../desktop/library/keys.py" line="+38"/>
        <location filename="../../desktop/library/view.py" line="+6"/>
        <source>Select an item first.</source>
        <translation>请先选择一个条目。</translation>
    </message>
</context>
<context>
    <name>LibraryWatcher</name>
    <message>
        <location filename="../../desktop/safety/watch.py" line="+74"/>
        <source>Your library file was replaced by another program (a restore?); ThreePass now shows and saves the new one.</source>
        <translation>资料库文件已被其他程序替换（是恢复了备份吗？）；ThreePass 现在显示并保存新的文件。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Your library file is back; saving again.</source>
        <translation>资料库文件已恢复，重新开始保存。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save a copy of your library</source>
        <translation>另存资料库副本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ThreePass library (*.sqlite3)</source>
        <translation>ThreePass 资料库 (*.sqlite3)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Saved to {path}. To carry on with it, restore it: threepass restore {path}</source>
        <translation>已保存到 {path}。要继续使用它，请恢复它：threepass restore {path}</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../../desktop/career/link_dialog.py" line="+50"/>
        <source>Link item</source>
        <translation>关联条目</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+11"/>
        <source>Question</source>
        <translation>面试题</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>把握度</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open point</source>
        <translation>没看懂的地方</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Turn into &amp;question</source>
        <translation>转为面试题(&amp;Q)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Linked from</source>
        <translation>被引用自</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Questions</source>
        <translation>面试题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open points</source>
        <translation>没看懂的地方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backlinks</source>
        <translation>反向链接</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>question #{id}</source>
        <translation>面试题 #{id}</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The open point is now a question in the bank.</source>
        <translation>这个没看懂的地方已加入面试题库。</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <location filename="../../desktop/widgets/links.py" line="+33"/>
        <source>Open link</source>
        <translation>打开链接</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ThreePass only opens web and mail links; this one was not opened:
{url}</source>
        <translation>ThreePass 只打开网页和邮件链接；这个链接没有打开：
{url}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open this address in your browser?

{url}</source>
        <translation>在浏览器中打开这个地址？

{url}</translation>
    </message>
</context>
<context>
    <name>Loading</name>
    <message>
        <location filename="../../desktop/widgets/loading.py" line="+11"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>LogOffer</name>
    <message>
        <location filename="../../desktop/player/done_time.py" line="+103"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes to log</source>
        <translation>要记录的分钟数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Do not log any time</source>
        <translation>不记录时间</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No time recorded. Log its length at %1?</source>
        <translation>尚未记录时间。按 %1 的时长记录？</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="+80"/>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>MarkdownEditor</name>
    <message>
        <location filename="../../desktop/widgets/markdown.py" line="+481"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../desktop/career/markdown.py" line="+75"/>
        <location filename="../../desktop/widgets/markdown.py" line="+23"/>
        <source>{name}, preview</source>
        <translation>{name}，预览</translation>
    </message>
</context>
<context>
    <name>MarkdownPane</name>
    <message>
        <location line="-31"/>
        <source>Markdown. Type [[ to link an item, company or question.</source>
        <translation>Markdown 格式。输入 [[ 可链接条目、公司或面试题。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop/messages.py" line="+22"/>
        <source>Downloading {url}</source>
        <translation>正在下载 {url}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the course navigation</source>
        <translation>正在读取课程导航</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading lesson {lesson}</source>
        <translation>正在读取第 {lesson} 课</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the book page</source>
        <translation>正在读取书籍页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the Chapter {number} questionnaire</source>
        <translation>正在读取第 {number} 章的习题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading the {notebook} questionnaire</source>
        <translation>正在读取 {notebook} 的习题</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not fetch {source} from {location}: {cause}.</source>
        <translation>无法从 {location} 获取 {source}：{cause}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not fetch {source}: {cause}.</source>
        <translation>无法获取 {source}：{cause}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cancelled by the user</source>
        <translation>已被用户取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it declares an unknown text encoding {encoding}</source>
        <translation>它声明了未知的文本编码 {encoding}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its bytes are not valid {encoding} text (undecodable byte at offset {offset})</source>
        <translation>其内容不是有效的 {encoding} 文本（偏移 {offset} 处有无法解码的字节）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the host name {host} could not be resolved (DNS lookup failed)</source>
        <translation>无法解析主机名 {host}（DNS 查询失败）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it redirected too many times</source>
        <translation>重定向次数过多</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the secure connection failed (TLS certificate could not be verified)</source>
        <translation>安全连接失败（无法验证 TLS 证书）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the connection to {host} was refused</source>
        <translation>到 {host} 的连接被拒绝</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the connection timed out after {seconds} s</source>
        <translation>连接在 {seconds} 秒后超时</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the server did not answer within {seconds} s (timed out)</source>
        <translation>服务器在 {seconds} 秒内没有响应（超时）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a network error occurred ({error})</source>
        <translation>发生网络错误（{error}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it returned {media_type} content, expected {expected}</source>
        <translation>它返回了 {media_type} 内容，应为 {expected}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it took longer than the {seconds} s allowed for one download (the server is sending too slowly)</source>
        <translation>下载用时超过了允许的 {seconds} 秒（服务器发送太慢）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it leads to {target}, a private, loopback or link-local address, which is fetched only when you name it yourself</source>
        <translation>它指向 {target}，这是私有、回环或链路本地地址，只有你亲自指定时才会获取</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it is a folder, not a file</source>
        <translation>它是文件夹，不是文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file does not exist</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is {what}, not a regular file</source>
        <translation>它是 {what}，不是普通文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the file could not be read ({error})</source>
        <translation>无法读取文件（{error}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the file is larger than the {limit} limit</source>
        <translation>文件超过了 {limit} 的上限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>only http:// and https:// URLs can be fetched</source>
        <translation>只能获取 http:// 和 https:// 网址</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the URL is not valid</source>
        <translation>网址无效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it redirected to {target}, which is not an http:// or https:// address</source>
        <translation>它重定向到 {target}，这不是 http:// 或 https:// 地址</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it redirected to {target}, which is not on the site {site}</source>
        <translation>它重定向到 {target}，不在网站 {site} 上</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the server answered HTTP {status}{reason} without saying where to</source>
        <translation>服务器返回 HTTP {status}{reason}，但没有给出跳转地址</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the server answered HTTP {status}{reason}</source>
        <translation>服务器返回 HTTP {status}{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is {size}, over the {limit} limit</source>
        <translation>它有 {size}，超过了 {limit} 的上限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is larger than the {limit} limit</source>
        <translation>它超过了 {limit} 的上限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the notebooks folder does not exist</source>
        <translation>笔记本文件夹不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the page has no course navigation with lessons</source>
        <translation>该页面没有包含课程的导航</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the lesson link {href} leaves the site</source>
        <translation>课程链接 {href} 指向了网站之外</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the lesson link {href} points outside the saved site</source>
        <translation>课程链接 {href} 指向了保存的网站之外</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{location} has no paper-reading tables (expected the 录制完成的论文 / 所有论文 sections); nothing was imported.</source>
        <translation>{location} 中没有论文精读的表格（应有“录制完成的论文 / 所有论文”两节）；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{location} lists no lessons in its course navigation (is it the fast.ai course site?); nothing was imported.</source>
        <translation>{location} 的课程导航中没有课程（这是 fast.ai 课程网站吗？）；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{location} has no notes in it; nothing was imported.</source>
        <translation>{location} 中没有笔记；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{location} has nothing to import.</source>
        <translation>{location} 中没有可导入的内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The notes file {location} is empty; nothing was imported.</source>
        <translation>笔记文件 {location} 是空的；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>paper-reading</source>
        <translation>论文精读</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fastai</source>
        <translation>fast.ai 课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location line="+29"/>
        <source> or </source>
        <translation> 或 </translation>
    </message>
</context>
<context>
    <name>MoveDataDialog</name>
    <message>
        <location filename="../../desktop/preferences/move_data.py" line="+51"/>
        <source>Move my data</source>
        <translation>迁移我的数据</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose an empty folder. ThreePass copies your database and backups there, checks the copy (integrity and row counts) and uses it from the next start.</source>
        <translation>请选择一个空文件夹。ThreePass 会把数据库和备份复制过去，检查副本（完整性和行数），下次启动时开始使用它。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New data folder</source>
        <translation>新的数据文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Move</source>
        <translation>迁移</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose the new data folder</source>
        <translation>选择新的数据文件夹</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose a folder first.</source>
        <translation>请先选择一个文件夹。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copying and checking…</source>
        <translation>正在复制并检查…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Copied and verified: %1 rows in %2 tables, %3 backups. ThreePass uses %4 from the next start; the old copy in %5 was left in place. The command line uses the new folder with --data-dir or THREEPASS_DATA_DIR.</source>
        <translation>已复制并验证：%2 张表共 %1 行，%3 个备份。ThreePass 下次启动时使用 %4；%5 中的旧副本保留不动。命令行需加 --data-dir 或设置 THREEPASS_DATA_DIR 才会使用新文件夹。</translation>
    </message>
</context>
<context>
    <name>NextSteps</name>
    <message>
        <location filename="../../desktop/career/companies_view.py" line="-184"/>
        <source>Next:</source>
        <translation>下一步：</translation>
    </message>
</context>
<context>
    <name>NoMatches</name>
    <message>
        <location filename="../../desktop/library/empty_state.py" line="+72"/>
        <source>Search looks in titles, notes, descriptions, categories, tags and the names of linked companies and questions.</source>
        <translation>搜索范围包括标题、笔记、简介、分类、标签，以及关联公司和问题的名称。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No items match “{text}” with these filters</source>
        <translation>在当前筛选条件下，没有条目匹配“{text}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No items match “{text}”</source>
        <translation>没有条目匹配“{text}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No items match these filters</source>
        <translation>没有条目符合这些筛选条件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clear search</source>
        <translation>清除搜索</translation>
    </message>
</context>
<context>
    <name>NotesCounts</name>
    <message numerus="yes">
        <location filename="../../desktop/importing/notes_preview.py" line="+69"/>
        <source>%n link(s)</source>
        <translation>
            <numerusform>%n 个链接</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n 道题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n compan(y/ies)</source>
        <translation>
            <numerusform>%n 家公司</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n 条笔记</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>NotesPreview</name>
    <message>
        <location line="-22"/>
        <source>Resources (links)</source>
        <translation>资源（链接）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interview questions</source>
        <translation>面试题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>NotesPreviewDialog</name>
    <message>
        <location line="+186"/>
        <source>Import study notes — {0}</source>
        <translation>导入学习笔记 — {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each section of the file and what it will become. Change &quot;Import as&quot; where the guess is wrong; nothing is written until you press Import.</source>
        <translation>文件的每个章节及其导入后的去向。猜错的地方请修改“导入为”；按下“导入”之前不会写入任何内容。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The file is not UTF-8; it was read as {0}.</source>
        <translation>该文件不是 UTF-8 编码，已按 {0} 读取。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Select a section to see its content.</source>
        <translation>选择一个章节查看内容。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Will import %1, %2, %3 and %4; %5.</source>
        <translation>将导入 %1、%2、%3和 %4；%5。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n resource link(s)</source>
        <translation>
            <numerusform>%n 个资源链接</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n 道题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n compan(y/ies)</source>
        <translation>
            <numerusform>%n 家公司</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n 条笔记</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n section(s) ignored</source>
        <translation>
            <numerusform>忽略 %n 节</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OpenPointsModel</name>
    <message>
        <location filename="../../desktop/library/open_points.py" line="+65"/>
        <source>Didn&apos;t understand</source>
        <translation>没看懂</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Question</source>
        <translation>面试题</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>→ Q</source>
        <translation>→ 题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In the question bank; double-click to open it</source>
        <translation>已在题库中；双击打开</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>open</source>
        <translation>未解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pass {n}</source>
        <translation>第 {n} 遍</translation>
    </message>
</context>
<context>
    <name>OpenPointsWidget</name>
    <message>
        <location line="+25"/>
        <source>Points you didn&apos;t understand</source>
        <translation>没看懂的点</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Something you didn&apos;t understand…</source>
        <translation>没看懂的地方…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New point you didn&apos;t understand</source>
        <translation>新的没看懂的点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+67"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Delete the selected point</source>
        <translation>删除选中的这一处</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+56"/>
        <source>Make question</source>
        <translation>生成面试题</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Add the selected point to the interview question bank, linked to this item</source>
        <translation>把选中的疑问加入面试题库，并关联到这个条目</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Resolved in pass {n}</source>
        <translation>在第 {n} 遍中解决</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Still open</source>
        <translation>仍未解决</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open question</source>
        <translation>打开面试题</translation>
    </message>
</context>
<context>
    <name>PassBadges</name>
    <message>
        <location filename="../../desktop/widgets/badges.py" line="+29"/>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Pass {n}: {state}</source>
        <translation>第 {n} 遍：{state}</translation>
    </message>
</context>
<context>
    <name>PassCard</name>
    <message>
        <location filename="../../desktop/library/item_pane.py" line="-724"/>
        <source>Pass {n}</source>
        <translation>第 {n} 遍</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+180"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to not started</source>
        <translation>恢复为未开始</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>spent </source>
        <translation>已用 </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Minutes spent on this pass (type to correct)</source>
        <translation>这一遍花费的分钟数（可直接修改）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>+{n} min</source>
        <translation>+{n} 分钟</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Add minutes spent</source>
        <translation>增加花费的时间</translation>
    </message>
    <message>
        <location line="-43"/>
        <location line="+180"/>
        <source>Watch</source>
        <translation>观看</translation>
    </message>
    <message>
        <location line="-179"/>
        <source>Play the video in mpv at this pass&apos;s speed</source>
        <translation>用 mpv 按这一遍的速度播放视频</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start the study timer on this pass</source>
        <translation>为这一遍开始学习计时</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Pass {n}: minutes spent</source>
        <translation>第 {n} 遍：已用分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass {n}: add minutes</source>
        <translation>第 {n} 遍：添加分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pass {n} notes</source>
        <translation>第 {n} 遍笔记</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Ctrl+{n} cycles this pass</source>
        <translation>Ctrl+{n} 切换这一遍的状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>skim</source>
        <translation>略读</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read</source>
        <translation>通读</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deep</source>
        <translation>精读</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Depth: {depth}</source>
        <translation>深度：{depth}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>about {n} min</source>
        <translation>约 {n} 分钟</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Pass {n} speed: {speed}</source>
        <translation>第 {n} 遍速度：{speed}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Playback speed {speed}. Click to change it.</source>
        <translation>播放速度 {speed}。点击可更改。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Duration {duration} ÷ {speed} = {time}. Click to change the speed.</source>
        <translation>时长 {duration} ÷ {speed} = {time}。点击可更改速度。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>started {when}</source>
        <translation>开始于 {when}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done {when}</source>
        <translation>完成于 {when}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not started yet</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>spent &lt; 1 min</source>
        <translation>已用 &lt; 1 分钟</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>● Playing</source>
        <translation>● 播放中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>● Timing</source>
        <translation>● 计时中</translation>
    </message>
</context>
<context>
    <name>PassStatus</name>
    <message>
        <location filename="../../desktop/icons.py" line="+103"/>
        <source>To do</source>
        <translation>待学</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>PickDialog</name>
    <message>
        <location filename="../../desktop/career/link_dialog.py" line="+22"/>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
</context>
<context>
    <name>Planner</name>
    <message>
        <location filename="../../desktop/planner/models.py" line="+55"/>
        <location line="+55"/>
        <location line="+93"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="-147"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled</source>
        <translation>已安排</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next in course</source>
        <translation>课程下一课</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pass %1</source>
        <translation>第 %1 遍</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pass %1 · %2</source>
        <translation>第 %1 遍 · %2</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass</source>
        <translation>遍数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This pass is past its due date by the spacing rule.</source>
        <translation>按间隔规则，这一遍已经过了到期日。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Question</source>
        <translation>面试题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>New</source>
        <translation>新题</translation>
    </message>
    <message>
        <location filename="../../desktop/planner/feature.py" line="+25"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>Player</name>
    <message>
        <location filename="../../desktop/player/done_time.py" line="-53"/>
        <source>Logged %1 on pass %2 of %3.</source>
        <translation>已在《%3》第 %2 遍记录 %1。</translation>
    </message>
    <message>
        <location filename="../../desktop/player/hub.py" line="+35"/>
        <source>To watch in ThreePass, install mpv with Homebrew: brew install mpv.</source>
        <translation>要在 ThreePass 中观看，请用 Homebrew 安装 mpv：brew install mpv。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>To watch in ThreePass, install mpv: winget install mpv (or scoop install mpv).</source>
        <translation>要在 ThreePass 中观看，请安装 mpv：winget install mpv（或 scoop install mpv）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>To watch in ThreePass, install mpv: sudo apt install mpv (Debian, Ubuntu).</source>
        <translation>要在 ThreePass 中观看，请安装 mpv：sudo apt install mpv（Debian、Ubuntu）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>End of the video: mark pass %1 done?

%2</source>
        <translation>视频已播完：将第 %1 遍标为完成？

%2</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Pass %1 of %2 is already playing.</source>
        <translation>《%2》的第 %1 遍已在播放。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Watch</source>
        <translation>观看</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Playing pass %1 of %2 at %3.</source>
        <translation>正在以 %3 播放《%2》的第 %1 遍。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>mpv is not installed</source>
        <translation>未安装 mpv</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>The video opens in your browser and the timer starts instead.</source>
        <translation>改为在浏览器中打开视频并开始计时。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No video to play for this item: the timer starts instead.</source>
        <translation>此条目没有可播放的视频：改为开始计时。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Watched %1 of pass %2 of %3.</source>
        <translation>已观看《%3》第 %2 遍 %1。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Timer</source>
        <translation>计时器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Timer started: %1, pass %2.</source>
        <translation>计时开始：%1，第 %2 遍。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Added %1 to pass %2 of %3.</source>
        <translation>已为《%3》第 %2 遍添加 %1。</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <location filename="../../desktop/preferences/feature.py" line="+36"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../desktop/preferences/restart.py" line="+84"/>
        <source>Restart to change the language</source>
        <translation>重启以切换语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ThreePass shows the new language from its next start. Restart now? Your notes and changes are saved first.</source>
        <translation>ThreePass 将在下次启动时显示新语言。现在重启吗？你的笔记和更改会先保存。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Restart now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../desktop/preferences/dialog.py" line="+78"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Study</source>
        <translation>学习</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reset the study rules and backups to their defaults</source>
        <translation>把学习规则和备份设置恢复为默认值</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Speed of pass %1</source>
        <translation>第 %1 遍的速度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pass speeds (1 / 2 / 3)</source>
        <translation>各遍速度（第一 / 二 / 三遍）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Li Mu&apos;s method: 1x to see what you don&apos;t understand, faster for notes, fastest to complete them. Change them if you watch at other speeds.</source>
        <translation>李沐的方法：第一遍 1 倍速找出没看懂的地方，第二遍加快做笔记，第三遍最快并补全笔记。如果你习惯其他倍速，可以修改。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pass 2 after pass 1</source>
        <translation>第一遍后隔多久学第二遍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass 3 after pass 2</source>
        <translation>第二遍后隔多久学第三遍</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+4"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Daily study time</source>
        <translation>每日学习时间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Minutes to skim a paper</source>
        <translation>略读一篇论文的分钟数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes to read a paper</source>
        <translation>通读一篇论文的分钟数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes to study a paper in depth</source>
        <translation>精读一篇论文的分钟数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Paper reading time (skim / read / deep)</source>
        <translation>论文阅读时间（略读 / 通读 / 精读）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bilibili</source>
        <translation>哔哩哔哩</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open videos on</source>
        <translation>视频打开平台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log a pass&apos;s length when it is done without time</source>
        <translation>完成却没有记录时间时，记录这一遍的时长</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Watched elsewhere: Done adds the video&apos;s length at the pass&apos;s speed</source>
        <translation>在别处观看：点“完成”时按这一遍的速度加上视频时长</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Questions never reviewed that join the day&apos;s review queue</source>
        <translation>每天加入复习队列的未复习问题数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New questions a day</source>
        <translation>每日新问题数</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+17"/>
        <location line="+23"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+40"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+40"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This session uses the theme given on the command line (%1); it stays unless you choose another theme here.</source>
        <translation>本次会话使用命令行指定的主题（%1）；除非你在此选择其他主题，否则保持不变。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move my data…</source>
        <translation>迁移我的数据…</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+15"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>A new language applies when ThreePass starts again: after OK, it offers to restart at once.</source>
        <translation>新语言在 ThreePass 重新启动后生效：点击“确定”后可立即重启。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Moving copies the database and its backups to the new folder, checks the copy, and uses it from the next start. The old copy stays where it is.</source>
        <translation>迁移会把数据库及其备份复制到新文件夹，检查副本，并在下次启动时开始使用。旧副本保留在原处。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source> copies</source>
        <translation> 份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep daily backups</source>
        <translation>保留每日备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep weekly backups</source>
        <translation>保留每周备份</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <location line="+1"/>
        <source> day(s)</source>
        <translation>
            <numerusform> 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Preferences not saved</source>
        <translation>首选项未保存</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Preferences saved. Restart ThreePass to use the new language.</source>
        <translation>首选项已保存。重启 ThreePass 后使用新语言。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preferences saved.</source>
        <translation>首选项已保存。</translation>
    </message>
</context>
<context>
    <name>QuestionDetailPane</name>
    <message>
        <location filename="../../desktop/career/questions_view.py" line="+283"/>
        <source>Review:</source>
        <translation>复习：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Again</source>
        <translation>重来</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hard</source>
        <translation>困难</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Good</source>
        <translation>良好</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Easy</source>
        <translation>简单</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Link &amp;items…</source>
        <translation>关联条目(&amp;I)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Link &amp;companies…</source>
        <translation>关联公司(&amp;C)…</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+123"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location line="-123"/>
        <source>Passes done</source>
        <translation>已完成遍数</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+140"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>Asked in</source>
        <translation>面试出处</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Grade</source>
        <translation>评分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Linked from</source>
        <translation>被引用自</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+24"/>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Show answer (Space)</source>
        <translation>显示答案（空格）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Forgotten: it comes back tomorrow</source>
        <translation>忘了：明天再来</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recalled, with effort</source>
        <translation>想起来了，但很吃力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recalled</source>
        <translation>想起来了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recalled at once: it comes back much later</source>
        <translation>一下就想起：很久以后再来</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Recall the answer, then show it (Space).</source>
        <translation>先回想答案，再显示（空格）。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Items</source>
        <translation>条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviews</source>
        <translation>复习记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backlinks</source>
        <translation>反向链接</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No question selected</source>
        <translation>未选择面试题</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>confidence {stars}</source>
        <translation>把握度 {stars}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New: not reviewed yet.</source>
        <translation>新题：还没有复习过。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next review {due} (every {days} d, {n} in a row)</source>
        <translation>下次复习 {due}（间隔 {days} 天，连续 {n} 次）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next review {due} (every {days} d, {n} in a row; stability {stability:.1f} d, difficulty {difficulty:.1f} of 10)</source>
        <translation>下次复习 {due}（间隔 {days} 天，连续 {n} 次；稳定性 {stability:.1f} 天，难度 {difficulty:.1f}/10）</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>{grade}: next review {due}. Ctrl+Z takes the grade back.</source>
        <translation>{grade}：下次复习 {due}。按 Ctrl+Z 撤销这次评分。</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Items that answer this question</source>
        <translation>能回答这道题的条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Companies that ask this question</source>
        <translation>会问这道题的公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
</context>
<context>
    <name>QuestionDialog</name>
    <message>
        <location line="-255"/>
        <source>Question</source>
        <translation>面试题</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sub-points (Markdown)</source>
        <translation>要点（Markdown）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not rated</source>
        <translation>未评分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Question:</source>
        <translation>面试题(&amp;Q)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Category:</source>
        <translation>分类(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tags:</source>
        <translation>标签(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Details:</source>
        <translation>详情(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;onfidence:</source>
        <translation>把握度(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>QuestionsModel</name>
    <message>
        <location line="-102"/>
        <source>Question</source>
        <translation>面试题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>把握度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>New</source>
        <translation>新题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>QuestionsView</name>
    <message>
        <location line="+381"/>
        <source>Search questions…</source>
        <translation>搜索面试题…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search questions</source>
        <translation>搜索题目</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review today</source>
        <translation>今天复习</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Questions</source>
        <translation>题目</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>No interview questions yet</source>
        <translation>还没有面试题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the questions interviews ask, with your answers, and review them on a spaced schedule until you are sure of them. Import them from your study notes or from the questionnaires of the fast.ai book, turn a &quot;didn&apos;t understand&quot; point of a pass into a question, or add them by hand.</source>
        <translation>收集面试会问的问题和你的答案，按间隔重复安排复习，直到完全掌握。可以从学习笔记或 fast.ai 书的各章问卷导入，把某一遍中“没看懂的地方”转成问题，或手动添加。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Import the fast.ai questionnaires…</source>
        <translation>导入 fast.ai 问卷…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a question…</source>
        <translation>添加问题…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>All categories</source>
        <translation>所有分类</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Review today ({n})</source>
        <translation>今天复习（{n}）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Grade taken back: “{question}” is as it was.</source>
        <translation>已撤销评分：“{question}”已恢复原状。</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Delete question</source>
        <translation>删除面试题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete this question and its reviews?</source>
        <translation>删除这道面试题及其复习记录？</translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message>
        <location filename="../../desktop/reminders/page.py" line="+32"/>
        <source>Remind me of what is due each day</source>
        <translation>每天提醒我到期的内容</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Time of the daily reminder</source>
        <translation>每日提醒时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>On</source>
        <translation>星期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep ThreePass in the tray when the window is closed</source>
        <translation>关闭窗口时让 ThreePass 留在系统托盘</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit from the tray icon&apos;s menu or File ▸ Quit</source>
        <translation>从托盘图标的菜单或“文件 ▸ 退出”退出</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This desktop has no system tray, so closing the window quits ThreePass; the daily reminder is sent as a desktop notification.</source>
        <translation>此桌面没有系统托盘，因此关闭窗口会退出 ThreePass；每日提醒将以桌面通知发送。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The reminder shows the passes, review questions and application follow-ups due. While ThreePass is closed, run `threepass --install-reminders` once (Linux) to get it from a systemd timer.</source>
        <translation>提醒会列出到期的遍、待复习的面试题和待跟进的投递。ThreePass 关闭时，运行一次 `threepass --install-reminders`（Linux），即可由 systemd 定时器发出提醒。</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../desktop/safety/restore_dialog.py" line="+33"/>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose a backup to replace your current library. Your current library is backed up first, so this can be undone.</source>
        <translation>选择一个备份来替换当前资料库。替换前会先备份当前资料库，所以可以撤销。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Backups folder: {folder}</source>
        <translation>备份文件夹：{folder}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>There are no backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore selected</source>
        <translation>恢复所选备份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore from another file…</source>
        <translation>从其他文件恢复…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Restore from file</source>
        <translation>从文件恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ThreePass databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>ThreePass 数据库 (*.sqlite3 *.sqlite *.db);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <location filename="../../desktop/career/board_dialogs.py" line="+26"/>
        <source>Interview round</source>
        <translation>面试轮次</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What was asked, how it went…</source>
        <translation>问了什么，表现如何…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>passed / failed / waiting…</source>
        <translation>通过 / 未通过 / 等待中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Question from the bank</source>
        <translation>题库中的题目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Filter questions…</source>
        <translation>筛选面试题…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New questions, one per line</source>
        <translation>新面试题，每行一道</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notes:</source>
        <translation>笔记(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Outcome:</source>
        <translation>结果(&amp;O)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ne&amp;w:</source>
        <translation>新题(&amp;W)：</translation>
    </message>
</context>
<context>
    <name>Safety</name>
    <message>
        <location filename="../../desktop/safety/backups_model.py" line="+29"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before a restore</source>
        <translation>恢复之前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before an upgrade</source>
        <translation>升级之前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../desktop/safety/controller.py" line="+113"/>
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
</context>
<context>
    <name>SafetyController</name>
    <message>
        <location line="-59"/>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Backed up to {name}.</source>
        <translation>已备份到 {name}。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace your current library with {name}?

Your current library is backed up first.</source>
        <translation>用 {name} 替换当前资料库？

替换前会先备份当前资料库。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Restored {name}.</source>
        <translation>已恢复 {name}。</translation>
    </message>
</context>
<context>
    <name>SectionMappingModel</name>
    <message>
        <location filename="../../desktop/importing/notes_preview.py" line="-222"/>
        <source>{0}; {1} left out</source>
        <translation>{0}；{1} 项未导入</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Guessed: {0}</source>
        <translation>推测：{0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Left out:</source>
        <translation>未导入：</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Section</source>
        <translation>章节</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Yields</source>
        <translation>得到</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../desktop/help/shortcuts.py" line="+84"/>
        <source>Main window</source>
        <translation>主窗口</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Moving around</source>
        <translation>移动焦点</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>From the library search to the list</source>
        <translation>从资料库搜索进入列表</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clear the library search</source>
        <translation>清空资料库搜索</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Leave a list (arrows move in it)</source>
        <translation>离开列表（方向键在列表内移动）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Leave a note (Tab types a tab)</source>
        <translation>离开笔记（Tab 键输入制表符）</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search actions or keys</source>
        <translation>搜索操作或按键</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>SkippedModel</name>
    <message>
        <location filename="../../desktop/importing/summary.py" line="+112"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why it was skipped</source>
        <translation>跳过原因</translation>
    </message>
</context>
<context>
    <name>SourceDialog</name>
    <message>
        <location filename="../../desktop/importing/source_dialog.py" line="+63"/>
        <source>Import from</source>
        <translation>导入来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A URL, a file or a folder</source>
        <translation>网址、文件或文件夹</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import from a saved copy on this computer</source>
        <translation>从本机保存的副本导入</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import from a saved copy of the site</source>
        <translation>从保存的网站副本导入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the source&apos;s address on the internet</source>
        <translation>使用来源的网络地址</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Also import each chapter&apos;s questionnaire as questions</source>
        <translation>同时把每章的课后问题导入为面试题</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Chapter notebooks</source>
        <translation>章节笔记本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chapter notebooks: a folder or URL (empty: the saved site, else GitHub)</source>
        <translation>章节笔记本：文件夹或网址（留空：使用保存的网站，否则从 GitHub 获取）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notebooks…</source>
        <translation>笔记本…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A folder holding the book&apos;s chapter notebooks (fastbook)</source>
        <translation>存放本书各章笔记本（fastbook）的文件夹</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose the notebooks folder</source>
        <translation>选择笔记本文件夹</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../desktop/preferences/startup.py" line="+40"/>
        <source>The data folder %1 chosen in Preferences is missing (a removed drive?). ThreePass opens the default folder instead; reconnect the drive and restart to use your data.</source>
        <translation>首选项中设置的数据文件夹 %1 不存在（驱动器被移除了？）。ThreePass 将改为打开默认文件夹；请重新连接驱动器并重启以使用你的数据。</translation>
    </message>
</context>
<context>
    <name>StartupProblemDialog</name>
    <message>
        <location filename="../../desktop/safety/startup.py" line="+70"/>
        <source>ThreePass cannot open your library</source>
        <translation>ThreePass 无法打开你的资料库</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Restore newest backup</source>
        <translation>恢复最新备份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move aside and restore newest backup</source>
        <translation>移到一旁并恢复最新备份</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start an empty library</source>
        <translation>新建空资料库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move aside and start empty</source>
        <translation>移到一旁并从空资料库开始</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Your library was saved by a newer version of ThreePass.</source>
        <translation>你的资料库由更新版本的 ThreePass 保存。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your library file is missing.</source>
        <translation>你的资料库文件不见了。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your library file is damaged or is not a ThreePass database.</source>
        <translation>资料库文件已损坏，或者不是 ThreePass 数据库。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ThreePass cannot use the folder or disk that holds your library.</source>
        <translation>ThreePass 无法使用存放资料库的文件夹或磁盘。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fix the problem above, then choose Try again.</source>
        <translation>请先解决上述问题，然后选择“重试”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Moving it aside renames the file next to the original; nothing is deleted.</source>
        <translation>“移到一旁”会在原位置重命名该文件，不会删除任何内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was created in its place.</source>
        <translation>原位置没有创建任何新文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no usable backup to restore.</source>
        <translation>没有可用于恢复的备份。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The newest good backup is from {when}.</source>
        <translation>最新的完好备份来自 {when}。</translation>
    </message>
</context>
<context>
    <name>Stats</name>
    <message>
        <location filename="../../desktop/stats/charts.py" line="+75"/>
        <source>Minutes studied per day, past year</source>
        <translation>过去一年每天的学习分钟数</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Less</source>
        <translation>少</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>More</source>
        <translation>多</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(the last colour = the daily budget of %1 or more)</source>
        <translation>（最后一种颜色 = 达到每日预算 %1 或更多）</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Passes finished per week</source>
        <translation>每周完成的遍数</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Week starting (Monday)</source>
        <translation>周起始日（周一）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Items by passes done</source>
        <translation>按完成遍数统计条目</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 pass</source>
        <translation>1 遍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 passes</source>
        <translation>2 遍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3 passes</source>
        <translation>3 遍</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No items yet.</source>
        <translation>还没有条目。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+37"/>
        <source>(no category)</source>
        <translation>（无分类）</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>%1/%2 done</source>
        <translation>已完成 %1/%2</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>%1: %2 not started, %3 with 1 pass, %4 with 2, %5 with all 3</source>
        <translation>%1：%2 个未开始，%3 个完成 1 遍，%4 个完成 2 遍，%5 个三遍全部完成</translation>
    </message>
    <message>
        <location filename="../../desktop/stats/feature.py" line="+25"/>
        <source>Stats</source>
        <translation>统计</translation>
    </message>
</context>
<context>
    <name>StatsView</name>
    <message>
        <location filename="../../desktop/stats/stats_view.py" line="+12"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Current streak</source>
        <translation>当前连续天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest streak</source>
        <translation>最长连续天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hours studied</source>
        <translation>已学习小时数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hours left</source>
        <translation>剩余小时数</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Minutes studied per day, past year</source>
        <translation>过去一年每天的学习分钟数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passes finished per week</source>
        <translation>每周完成的遍数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress per source</source>
        <translation>各来源进度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress per category</source>
        <translation>各分类进度</translation>
    </message>
    <message numerus="yes">
        <location line="+117"/>
        <location line="+3"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Days in a row with study time or a finished pass</source>
        <translation>连续有学习时间或完成一遍的天数</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%1 in the past year, on %n day(s)</source>
        <translation>
            <numerusform>过去一年共 %1，分布在 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>at planned speeds, of %1 for all three passes</source>
        <translation>按计划倍速计算，三遍总共 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%n lesson(s) without a duration, counted as %1</source>
        <translation>
            <numerusform>%n 节课没有时长，按 %1 计算</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: %2 at 1x, %3 for all three passes, %4 left</source>
        <translation>%1：1 倍速 %2，三遍共 %3，还剩 %4</translation>
    </message>
</context>
<context>
    <name>StudyChip</name>
    <message>
        <location filename="../../desktop/player/chip.py" line="+49"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 · pass %2 · %3 · %4</source>
        <translation>%1 · 第 %2 遍 · %3 · %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(paused)</source>
        <translation>（已暂停）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>+%1 more</source>
        <translation>另有 %1 个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Playing in mpv: %1</source>
        <translation>正在 mpv 中播放：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the player (the time watched is kept)</source>
        <translation>关闭播放器（已观看的时间会保留）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 · pass %2 · %3</source>
        <translation>%1 · 第 %2 遍 · %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Timer running: %1</source>
        <translation>计时中：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the timer and add the time to the pass</source>
        <translation>停止计时并把时间加到这一遍</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <location filename="../../desktop/sync/feature.py" line="+35"/>
        <source>S&amp;ync now</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Sync is not set up: choose a sync folder in Preferences ▸ Sync.</source>
        <translation>尚未设置同步：请在“偏好设置 ▸ 同步”中选择同步文件夹。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../desktop/sync/page.py" line="+14"/>
        <source>Not set: sync is off</source>
        <translation>未设置：同步已关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>Sync folder</source>
        <translation>同步文件夹</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A folder Syncthing, Dropbox, OneDrive or a USB stick carries between your computers. ThreePass writes its changes there and reads the other devices&apos;. Never put the data folder itself in a synced folder.</source>
        <translation>由 Syncthing、Dropbox、OneDrive 或 U 盘在你的电脑之间传递的文件夹。ThreePass 把自己的更改写入其中，并读取其他设备的更改。切勿把数据文件夹本身放进同步文件夹。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This device&apos;s name</source>
        <translation>本设备名称</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A device keeps the name it first synced with</source>
        <translation>设备保留首次同步时的名称</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose the sync folder</source>
        <translation>选择同步文件夹</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Sync settings not saved</source>
        <translation>同步设置未保存</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../desktop/sync/status.py" line="+36"/>
        <source>Show the note text each conflict kept</source>
        <translation>查看每个冲突保留的文本</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync runs on start, after changes and on File ▸ Sync now</source>
        <translation>启动时、修改后以及“文件 ▸ 立即同步”时进行同步</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Synced %1</source>
        <translation>已同步 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync: sent %1, applied %2, conflicts resolved: %3</source>
        <translation>同步：发送 %1，应用 %2，解决冲突：%3</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>⚠ Conflicts: %1</source>
        <translation>⚠ 冲突：%1</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync failed</source>
        <translation>同步失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync failed: %1</source>
        <translation>同步失败：%1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Sync did not run</source>
        <translation>同步未执行</translation>
    </message>
</context>
<context>
    <name>TaskWorker</name>
    <message>
        <location filename="../../desktop/importing/worker.py" line="+155"/>
        <source>The import failed unexpectedly: {0}</source>
        <translation>导入意外失败：{0}</translation>
    </message>
</context>
<context>
    <name>TimerPanel</name>
    <message>
        <location filename="../../desktop/planner/timer_panel.py" line="+62"/>
        <location line="+309"/>
        <source>Timer</source>
        <translation>计时器</translation>
    </message>
    <message>
        <location line="-283"/>
        <source>Elapsed time</source>
        <translation>已用时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+97"/>
        <location line="+18"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop &amp;&amp; mark pass done</source>
        <translation>停止并标记这一遍完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+102"/>
        <source>Stop the timer and add the time to the pass</source>
        <translation>停止计时，并把时间加到这一遍</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Playing in mpv: %1</source>
        <translation>正在 mpv 中播放：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Close the player (the time watched is kept)</source>
        <translation>关闭播放器（已观看的时间会保留）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No timer running. Press Start on a plan entry.</source>
        <translation>没有正在运行的计时器。在计划条目上按“开始”。</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+20"/>
        <source>Pass %1 at %2</source>
        <translation>第 %1 遍，%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(paused)</source>
        <translation>（已暂停）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Timer started: %1, pass %2.</source>
        <translation>计时开始：%1，第 %2 遍。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Finish pass 3?</source>
        <translation>完成第三遍？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the pass done anyway?</source>
        <translation>仍然标记这一遍完成？</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+32"/>
        <source>Added %1 to pass %2 of %3.</source>
        <translation>已为《%3》第 %2 遍增加 %1。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Forgotten timer?</source>
        <translation>忘记停止计时器了？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The timer on “%1” (pass %2) ran for %3, longer than the %4 cap.
How many minutes do you want to keep?</source>
        <translation>“%1”（第 %2 遍）的计时器运行了 %3，超过了上限 %4。
你想保留多少分钟？</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <location filename="../../desktop/planner/today_view.py" line="+117"/>
        <source>Previous day</source>
        <translation>前一天</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+249"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="-246"/>
        <source>Next day</source>
        <translation>后一天</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Nothing planned. Import the paper-reading list or the fast.ai course, or schedule an item for this day.</source>
        <translation>没有计划。导入论文精读列表或 fast.ai 课程，或者为这一天安排一个条目。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes to log</source>
        <translation>要记录的分钟数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log minutes</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add time studied without the timer to the selected pass</source>
        <translation>把没用计时器的学习时间加到所选的那一遍</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Studied without the timer?</source>
        <translation>没用计时器学习？</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Assumes each day&apos;s plan is done that day: finished passes come back by the spacing rule and what does not fit moves to the next day.</source>
        <translation>假设每天的计划当天完成：完成的一遍按间隔规则再次出现，放不下的顺延到下一天。</translation>
    </message>
    <message>
        <location line="-58"/>
        <location line="+73"/>
        <location line="+163"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="-182"/>
        <location line="+20"/>
        <source>Week</source>
        <translation>周计划</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+3"/>
        <source>Review questions due</source>
        <translation>复习到期的面试题</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>Review questions due (%1)</source>
        <translation>复习到期的面试题（%1）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The plan could not be made: %1</source>
        <translation>无法生成计划：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The details are in the log; your data is safe.</source>
        <translation>详细信息已写入日志；你的数据是安全的。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Total %1 of %2 budget · %n entry(s)</source>
        <translation>
            <numerusform>共 %1 / 预算 %2 · %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n more due pass(es) did not fit in the budget.</source>
        <translation>
            <numerusform>还有 %n 个到期的学习遍数超出了预算。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+28"/>
        <source>● Playing</source>
        <translation>● 播放中</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Watch pass %1 of %2 in mpv at its speed</source>
        <translation>用 mpv 按其速度观看《%2》第 %1 遍</translation>
    </message>
    <message numerus="yes">
        <location line="+85"/>
        <source>%1: %2 planned in %n entry(s)</source>
        <translation>
            <numerusform>%1：计划 %2，共 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <location line="-125"/>
        <source>⚠ %1 overdue</source>
        <translation>⚠ %1 项逾期</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>● Timing</source>
        <translation>● 计时中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>▶ Start</source>
        <translation>▶ 开始</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start the timer on pass %1 of %2</source>
        <translation>开始为《%2》第 %1 遍计时</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Select a plan entry first.</source>
        <translation>请先选择一个计划条目。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Logged %1 on pass %2 of %3.</source>
        <translation>已为《%3》第 %2 遍记录 %1。</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../../desktop/reminders/tray.py" line="+92"/>
        <source>Open Today</source>
        <translation>打开今天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start the next pass</source>
        <translation>开始下一遍</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit ThreePass</source>
        <translation>退出 ThreePass</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+68"/>
        <source>Passes due: %1</source>
        <translation>到期的遍：%1</translation>
    </message>
    <message>
        <location line="-67"/>
        <location line="+68"/>
        <source>Questions due: %1</source>
        <translation>待复习的面试题：%1</translation>
    </message>
    <message>
        <location line="-67"/>
        <location line="+68"/>
        <source>Follow-ups due: %1</source>
        <translation>待跟进的投递：%1</translation>
    </message>
    <message>
        <location line="-57"/>
        <location line="+64"/>
        <source>and %1 more</source>
        <translation>另有 %1 项</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Nothing is planned for today.</source>
        <translation>今天没有安排。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>ThreePass: today&apos;s study</source>
        <translation>ThreePass：今天的学习</translation>
    </message>
</context>
<context>
    <name>ViewMenu</name>
    <message>
        <location filename="../../desktop/help/theme_menu.py" line="+19"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Follow the &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
</context>
<context>
    <name>WeekChart</name>
    <message>
        <location filename="../../desktop/planner/week_chart.py" line="+30"/>
        <source>Planned minutes for the next seven days</source>
        <translation>未来七天的计划分钟数</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No plan yet.</source>
        <translation>还没有计划。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Budget %1 per day (dashed)</source>
        <translation>每日预算 %1（虚线）</translation>
    </message>
</context>
<context>
    <name>WeeklyBarsChart</name>
    <message numerus="yes">
        <location filename="../../desktop/stats/charts.py" line="-115"/>
        <source>Week of %1: %n pass(es) finished</source>
        <translation>
            <numerusform>%1 这一周：完成 %n 遍</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Plurals</name>
    <message numerus="yes">
        <location filename="../../desktop/i18n.py" line="-14"/>
        <source>in %n day(s)</source>
        <translation>
            <numerusform>%n 天后</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/planner/models.py" line="-174"/>
        <source>Overdue %n day(s)</source>
        <translation>
            <numerusform>逾期 %n 天</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>career</name>
    <message>
        <location filename="../../desktop/career/common.py" line="+33"/>
        <source>Interested</source>
        <translation>感兴趣</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applied</source>
        <translation>已投递</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test</source>
        <translation>笔试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interviewing</source>
        <translation>面试中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offer</source>
        <translation>Offer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ghosted</source>
        <translation>无回音</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Referral</source>
        <translation>内推</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Website</source>
        <translation>官网</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recruiter</source>
        <translation>招聘专员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Headhunter</source>
        <translation>猎头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>招聘活动</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Coding / LeetCode</source>
        <translation>算法 / LeetCode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ML concepts</source>
        <translation>机器学习概念</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand-written code</source>
        <translation>手写代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Systems &amp; frameworks</source>
        <translation>系统与框架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cross interview</source>
        <translation>交叉面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HR</source>
        <translation>HR 面</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+22"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>not rated</source>
        <translation>未评分</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+10"/>
        <source>ThreePass</source>
        <translation>ThreePass</translation>
    </message>
    <message>
        <location filename="../../desktop/career/companies_view.py" line="-28"/>
        <source>Do pass {n} of “{title}”</source>
        <translation>学习《{title}》第 {n} 遍</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review “{title}” (confidence {n}/5)</source>
        <translation>复习“{title}”（把握度 {n}/5）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Link study items that matter for this company</source>
        <translation>关联对这家公司重要的学习条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the questions this company asks and link them</source>
        <translation>添加这家公司会问的面试题并关联</translation>
    </message>
    <message>
        <location filename="../../desktop/career/feature.py" line="+68"/>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applications</source>
        <translation>投递</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Questions</source>
        <translation>面试题</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>&amp;Link item to company/question…</source>
        <translation>关联条目到公司/面试题(&amp;L)…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Link item</source>
        <translation>关联条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select an item in the library first.</source>
        <translation>请先在资料库中选择一个条目。</translation>
    </message>
    <message>
        <location filename="../../desktop/career/board_dialogs.py" line="-135"/>
        <source>No date</source>
        <translation>无日期</translation>
    </message>
    <message>
        <location filename="../../desktop/career/empty_state.py" line="+75"/>
        <source>Import study notes…</source>
        <translation>导入学习笔记…</translation>
    </message>
    <message>
        <location filename="../../desktop/career/link_offer.py" line="+79"/>
        <source>Link</source>
        <translation>关联</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not now</source>
        <translation>暂不</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Link this item to {company}? Its passes then count for its readiness.</source>
        <translation>将此条目关联到 {company}？它的各遍进度将计入该公司的准备度。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Linked to {company}.</source>
        <translation>已关联到 {company}。</translation>
    </message>
    <message>
        <location filename="../../desktop/career/new_application.py" line="+39"/>
        <source>New application</source>
        <translation>新建投递</translation>
    </message>
    <message>
        <location filename="../../desktop/career/board_view.py" line="-61"/>
        <location filename="../../desktop/career/new_application.py" line="+1"/>
        <source>Add a company first (Companies view).</source>
        <translation>请先添加公司（在“公司”视图中）。</translation>
    </message>
</context>
</TS>
