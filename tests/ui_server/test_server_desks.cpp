// The workstation on a branch server, end to end: three desks (a manager and two brokers) on
// one server, each window reading its login's replica. Broker A's contact reaches the
// manager's window within two seconds (the server's news, read on the Qt event loop); broker
// B's window holds none of A's clients; a write to another broker's client is refused in
// words; what only the nightly batch does is off; the replica goes when the session leaves.
#include <gtest/gtest.h>

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "dialogs/connectdialog.h"
#include "format.h"
#include "mainwindow.h"
#include "models/clienttablemodel.h"
#include "services/clientbook.h"
#include "services/clientsearch.h"
#include "services/planitems.h"
#include "services/serverbatch.h"
#include "session/booksession.h"
#include "support/pgdemobranch.h"
#include "ui/waitfor.h"
#include "views/clientvaluetab.h"
#include "views/coverageview.h"
#include "views/managerview.h"

namespace {

using bd::ui::BookSession;
using bd::ui::MainWindow;

std::unique_ptr<MainWindow> deskOf(const bdtest::PgDemoBranch& branch, const std::string& who) {
    auto empty = bd::storage::openBook(":memory:");
    EXPECT_TRUE(empty);
    auto w = std::make_unique<MainWindow>(std::move(*empty));
    const bool opened = w->openBookFile(QString::fromStdString(branch.url(who)), true);
    EXPECT_TRUE(opened) << who;
    w->show();
    return w;
}

std::set<std::string> clientIdsOf(bd::storage::PgConnection& c, const std::string& broker) {
    std::set<std::string> ids;
    auto r = c.query("SELECT client_id FROM clients WHERE broker_id = $1",
                     bd::storage::PgParams(broker));
    EXPECT_TRUE(r);
    for (int i = 0; r && i < r->size(); ++i) ids.insert(r->text(i, 0));
    return ids;
}

/// The broker ids (the data) of a combo box's items.
std::set<std::string> itemIds(const QComboBox& box) {
    std::set<std::string> ids;
    for (int i = 0; i < box.count(); ++i)
        if (const QString id = box.itemData(i).toString(); !id.isEmpty())
            ids.insert(id.toStdString());
    return ids;
}

/// The first column of the Coverage page's lines (the broker ids), each with its share cell.
std::map<std::string, std::string> coverageLines(MainWindow& w) {
    auto* coverage = w.findChild<bd::ui::CoverageView*>();
    EXPECT_TRUE(coverage);
    std::map<std::string, std::string> lines;
    if (!coverage) return lines;
    coverage->ensureLoaded();
    const auto loaded = [&] {
        return !coverage->isLoading() && coverage->coverageModel()->rowCount() > 0;
    };
    EXPECT_TRUE(QTest::qWaitFor(loaded, 20000));
    const QStandardItemModel* m = coverage->coverageModel();
    for (int r = 0; r < m->rowCount(); ++r)
        lines[m->item(r, 0)->text().toStdString()] = m->item(r, 4)->text().toStdString();
    return lines;
}

class ServerDesks : public ::testing::Test {
  protected:
    void SetUp() override { BD_REQUIRE_PG_BRANCH(m_branch); }
    /// Broker A's branch gets a manager "bm" and a new broker with no clients yet; the branch.
    std::string addBranchManagerAndNewBroker() {
        auto admin = m_branch.admin();
        auto branch = admin.query("SELECT branch_id FROM brokers WHERE broker_id = $1",
                                  bd::storage::PgParams(m_branch.brokerA()));
        EXPECT_TRUE(branch && branch->size() == 1);
        const std::string br = branch ? branch->text(0, 0) : std::string();
        EXPECT_TRUE(
            admin.run("INSERT INTO brokers (broker_id, name, branch_id) VALUES ($1, $2, $3)",
                      bd::storage::PgParams(kNewBroker, std::string("New Broker"), br)));
        EXPECT_TRUE(bd::storage::addServerUser(
            admin, {m_branch.pg().login("bm"), "manager", "", br, false}, std::string("pw")));
        return br;
    }
    /// The nightly batch's refresh of the server's book (the KPI history with it).
    void refreshAsBatch() {
        auto admin = m_branch.admin();
        ASSERT_TRUE(bd::storage::addServerUser(
            admin, {m_branch.pg().login("batch"), "batch", "", "", false}, std::string("pw")));
        auto batch = m_branch.as("batch");
        auto run = bd::services::refreshServerBook(batch, {}, nullptr, m_branch.dir());
        ASSERT_TRUE(run) << run.error().toString();
    }
    static constexpr const char* kNewBroker = "ZNEW01";
    bdtest::PgDemoBranch m_branch;
};

// Issue 19: the replica holds every broker of the server (a name for any row), yet a broker's
// pages list the broker's own line only: no colleague at 0 clients and 100% coverage in
// Coverage, no colleague in the Clients page's, Today's or the VIP page's broker lists.
TEST_F(ServerDesks, ABrokersCoverageTodayAndBrokerListsNameTheirOwnBrokerOnly) {
    auto brokerA = deskOf(m_branch, "a");
    const std::string a = m_branch.brokerA(), b = m_branch.brokerB();
    const auto lines = coverageLines(*brokerA);
    EXPECT_EQ(lines.count(a), 1u);
    EXPECT_EQ(lines.count(b), 0u) << "a colleague's line on a broker's Coverage";
    for (const auto& [id, share] : lines)
        EXPECT_TRUE(id == a || id == "Service desk") << id << " " << share;

    auto* clientsFilter = brokerA->findChild<QComboBox*>("brokerFilter");
    ASSERT_TRUE(clientsFilter);
    EXPECT_EQ(itemIds(*clientsFilter), std::set<std::string>{a});
    auto* today = brokerA->findChild<QWidget*>("todayView");
    ASSERT_TRUE(today);
    auto* todayBroker = today->findChild<QComboBox*>("broker");
    ASSERT_TRUE(todayBroker);
    static_cast<bd::ui::BookView*>(today)->ensureLoaded();
    EXPECT_EQ(todayBroker->currentData().toString().toStdString(), a)
        << "Today opens on the broker's own plan";
    EXPECT_EQ(itemIds(*todayBroker).count(b), 0u);
    auto* vipScope = brokerA->findChild<QComboBox*>("vipScope");
    auto* vipIds = brokerA->findChild<QComboBox*>("vipScopeId");
    ASSERT_TRUE(vipScope && vipIds);
    static_cast<bd::ui::BookView*>(brokerA->findChild<QWidget*>("vipView"))->ensureLoaded();
    ASSERT_EQ(vipScope->count(), 1); // by broker, their own only (as the test below checks)
    EXPECT_EQ(itemIds(*vipIds), std::set<std::string>{a});
}

/// The VIP page's scope choices (loaded and waited for).
QStringList vipScopes(MainWindow& w) {
    auto* vip = w.findChild<bd::ui::BookView*>("vipView");
    EXPECT_TRUE(vip);
    QStringList texts;
    if (!vip) return texts;
    vip->ensureLoaded();
    EXPECT_TRUE(QTest::qWaitFor([&] { return !vip->isLoading(); }, 20000));
    const auto* scope = w.findChild<QComboBox*>("vipScope");
    for (int i = 0; scope && i < scope->count(); ++i) texts << scope->itemText(i);
    return texts;
}

// Issue: the VIP page offered a broker "Firm" (and "Branch"), which on a server list only the
// broker's own clients, and a branch manager "Firm", which lists the branch. Each login is
// offered the scopes it sees whole: a broker their own clients, a branch manager the branch
// and its brokers, a manager of the whole firm all three. The ranks are the nightly batch's
// among every client of the firm (a broker's clients keep their firm-wide rank, not 1..n), so
// "Firm rank" is true, and the run line and the Value tab say that the batch ranks the firm.
TEST_F(ServerDesks, EachLoginIsOfferedTheVipScopesItSeesAndTheRankSaysItIsTheFirms) {
    const std::string br = addBranchManagerAndNewBroker();
    refreshAsBatch();
    const std::string a = m_branch.brokerA();
    auto brokerA = deskOf(m_branch, "a");
    EXPECT_EQ(vipScopes(*brokerA), QStringList{"Broker"});
    auto* vipIds = brokerA->findChild<QComboBox*>("vipScopeId");
    ASSERT_TRUE(vipIds);
    EXPECT_EQ(itemIds(*vipIds), std::set<std::string>{a});
    const QString runInfo = brokerA->findChild<QLabel*>("vipRunInfo")->text();
    EXPECT_TRUE(runInfo.contains("ranked the whole firm")) << runInfo.toStdString();
    auto bm = deskOf(m_branch, "bm");
    EXPECT_EQ(vipScopes(*bm), (QStringList{"Branch", "Broker"}));
    EXPECT_EQ(itemIds(*bm->findChild<QComboBox*>("vipScopeId")), std::set<std::string>{br});
    auto firm = deskOf(m_branch, "m");
    EXPECT_EQ(vipScopes(*firm), (QStringList{"Firm", "Branch", "Broker"}));

    // Broker A's clients in the replica carry the server's firm-wide ranks.
    auto admin = m_branch.admin();
    auto ranks = admin.query(
        "SELECT c.client_id, s.value_rank FROM client_scores s JOIN clients c ON c.id = "
        "s.client_ref WHERE s.run_id = (SELECT max(id) FROM analytics_runs WHERE kind = 'value') "
        "AND c.broker_id = $1 ORDER BY s.value_rank DESC",
        bd::storage::PgParams(a));
    ASSERT_TRUE(ranks && ranks->size() > 0);
    EXPECT_GT(ranks->int64(0, 1), ranks->size()) << "ranked among the firm, not A's clients";
    const std::string worst = ranks->text(0, 0);
    auto ref = bd::storage::findClientRef(brokerA->session()->book(), worst);
    ASSERT_TRUE(ref) << ref.error().toString();
    bd::ui::ClientValueTab tab;
    tab.showClient(brokerA->session()->book(), *ref, true);
    EXPECT_EQ(tab.findChild<QLabel*>("valueRank")->text(),
              QString("#%1").arg(bd::ui::formatCount(ranks->int64(0, 1))));
    const QString note = tab.findChild<QLabel*>("valueNote")->text();
    EXPECT_TRUE(note.contains("every client of the firm")) << note.toStdString();
}

// A branch manager sees the branch's brokers, and a broker with no clients yet is shown as
// having none (not as 100% covered); a broker of another branch with no client in view is not
// listed.
TEST_F(ServerDesks, ABranchManagersCoverageListsTheBranchsBrokersANewOneAsHavingNoClients) {
    const std::string br = addBranchManagerAndNewBroker();
    auto bm = deskOf(m_branch, "bm");
    auto admin = m_branch.admin();
    auto ofBranch = admin.query("SELECT broker_id FROM brokers WHERE branch_id = $1",
                                bd::storage::PgParams(br));
    ASSERT_TRUE(ofBranch);
    std::set<std::string> branchBrokers;
    for (int i = 0; i < ofBranch->size(); ++i) branchBrokers.insert(ofBranch->text(i, 0));
    const auto lines = coverageLines(*bm);
    ASSERT_EQ(lines.count(kNewBroker), 1u) << "the branch's new broker is listed";
    EXPECT_EQ(lines.at(kNewBroker), "no clients");
    for (const auto& [id, share] : lines)
        EXPECT_TRUE(branchBrokers.count(id) || id == "Service desk") << id << " " << share;
    auto* clientsFilter = bm->findChild<QComboBox*>("brokerFilter");
    ASSERT_TRUE(clientsFilter);
    EXPECT_EQ(itemIds(*clientsFilter), branchBrokers);
}

// The branch manager's Manager summary says whose figures it shows: their branch, named; and
// the branch's broker with no clients yet is named as such.
TEST_F(ServerDesks, TheBranchManagersSummaryNamesTheBranch) {
    const std::string br = addBranchManagerAndNewBroker();
    refreshAsBatch();
    auto bm = deskOf(m_branch, "bm");
    auto* manager = bm->findChild<bd::ui::ManagerView*>();
    ASSERT_TRUE(manager);
    manager->ensureLoaded();
    auto* summary = manager->findChild<QLabel*>("kpiSummary");
    ASSERT_TRUE(summary);
    ASSERT_TRUE(bdtest::waitFor([&] { return manager->board().has_value(); }, 10000));
    EXPECT_TRUE(summary->text().startsWith(QString::fromStdString("Branch " + br)))
        << summary->text().toStdString();
    // The branch's new broker has no figures: named as having no clients, not left out.
    auto* without = manager->findChild<QLabel*>("kpiWithoutClients");
    ASSERT_TRUE(without);
    EXPECT_FALSE(without->isHidden());
    EXPECT_TRUE(without->text().contains(kNewBroker)) << without->text().toStdString();
}

// The Value page's run line on a server said "N clients" of the clients in view, as if the run
// had ranked only them: it names both, the whole firm the batch ranked and the clients in view.
TEST_F(ServerDesks, TheValuePagesRunLineSaysTheBatchRankedTheFirmAndHowManyAreInView) {
    refreshAsBatch();
    auto admin = m_branch.admin();
    auto counts = admin.query(
        "SELECT (r.summary::jsonb ->> 'clients')::bigint, (SELECT count(*) FROM client_scores s "
        "JOIN clients c ON c.id = s.client_ref WHERE s.run_id = r.id AND c.broker_id = $1) FROM "
        "analytics_runs r WHERE r.id = (SELECT max(id) FROM analytics_runs WHERE kind = 'value')",
        bd::storage::PgParams(m_branch.brokerA()));
    ASSERT_TRUE(counts && counts->size() == 1) << (counts ? "" : counts.error().toString());
    const qint64 firm = counts->int64(0, 0), inView = counts->int64(0, 1);
    ASSERT_GT(inView, 0);
    ASSERT_GT(firm, inView);
    auto a = deskOf(m_branch, "a");
    auto* view = a->findChild<bd::ui::BookView*>("valueDashboard");
    ASSERT_TRUE(view);
    view->ensureLoaded();
    ASSERT_TRUE(bdtest::waitFor([&] { return !view->isLoading(); }, 10000));
    const QString text = a->findChild<QLabel*>("valueRunInfo")->text();
    EXPECT_TRUE(text.contains(QString("ranked the whole firm: %1 clients; in view: %2")
                                  .arg(bd::ui::formatCount(firm), bd::ui::formatCount(inView))))
        << text.toStdString();
}

// On a server no desk refreshes or plans: the pages name the branch's nightly batch instead of
// "run Refresh" and Today offers no rebuild of the branch's plan.
TEST_F(ServerDesks, APagesAdviceOnAServerNamesTheNightlyBatchNotADesksRefresh) {
    auto a = deskOf(m_branch, "a");
    for (const char* page : {"valueDashboard", "vipView", "segmentsView", "managerView"}) {
        auto* view = a->findChild<bd::ui::BookView*>(page);
        ASSERT_TRUE(view) << page;
        view->ensureLoaded();
        ASSERT_TRUE(bdtest::waitFor([&] { return !view->isLoading(); }, 10000));
    }
    for (const char* label : {"valueRunInfo", "vipRunInfo", "segmentsRunInfo", "kpiSummary"}) {
        auto* l = a->findChild<QLabel*>(label);
        ASSERT_TRUE(l) << label;
        EXPECT_FALSE(l->text().contains("Refresh")) << label << ": " << l->text().toStdString();
    }
    for (const char* label : {"valueRunInfo", "vipRunInfo"}) {
        const QString text = a->findChild<QLabel*>(label)->text();
        EXPECT_TRUE(text.contains("nightly batch")) << label << ": " << text.toStdString();
    }
    auto* today = a->findChild<bd::ui::BookView*>("todayView");
    ASSERT_TRUE(today);
    today->ensureLoaded();
    auto* rebuild = today->findChild<QPushButton*>("rebuildPlan");
    ASSERT_TRUE(rebuild);
    EXPECT_TRUE(rebuild->isHidden());
}

TEST_F(ServerDesks, ABrokersContactReachesTheManagersWindowWithinTwoSeconds) {
    auto manager = deskOf(m_branch, "m");
    ASSERT_TRUE(manager->session()->onServer());
    // The title and the status bar: which server, who, in which role.
    const QString login = QString::fromStdString(m_branch.pg().login("m"));
    EXPECT_TRUE(manager->windowTitle().contains(login)) << manager->windowTitle().toStdString();
    EXPECT_TRUE(manager->windowTitle().contains("manager"));
    auto* status = manager->findChild<QLabel*>("statusServer");
    ASSERT_TRUE(status);
    EXPECT_TRUE(status->isVisible());
    EXPECT_TRUE(status->text().contains(login));
    // What only the nightly batch does is off on a server.
    for (const char* name :
         {"actionImport", "actionRefreshAnalytics", "actionRebuildPlan", "actionRestoreBook"}) {
        auto* a = manager->findChild<QAction*>(name);
        ASSERT_TRUE(a) << name;
        EXPECT_FALSE(a->isEnabled()) << name;
    }

    auto admin = m_branch.admin();
    const auto mine = clientIdsOf(admin, m_branch.brokerA());
    ASSERT_FALSE(mine.empty());
    const std::string id = *mine.begin();
    auto ref = bd::storage::findClientRef(manager->session()->book(), id);
    ASSERT_TRUE(ref) << ref.error().toString();
    auto before = bd::services::loadClientDetail(manager->session()->book(), *ref);
    ASSERT_TRUE(before);

    auto emptyA = bd::storage::openBook(":memory:");
    ASSERT_TRUE(emptyA);
    auto brokerA = std::make_unique<BookSession>(std::move(*emptyA));
    ASSERT_TRUE(brokerA->open(QString::fromStdString(m_branch.url("a"))));
    const std::filesystem::path replicaDir = brokerA->replicaDirectory().toStdString();
    ASSERT_TRUE(std::filesystem::exists(replicaDir));

    QSignalSpy told(manager->session(), &BookSession::contactsChanged);
    bd::services::ContactLog log;
    log.client_id = id;
    log.channel = bd::ContactChannel::Visit;
    log.notes = "visited from broker A's desk";
    ASSERT_TRUE(brokerA->logContact(log));
    // Within two seconds the manager's window was told, and its book holds the contact.
    ASSERT_TRUE(bdtest::waitFor([&] { return !told.isEmpty(); }, 2000));
    auto after = bd::services::loadClientDetail(manager->session()->book(), *ref);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->contacts_total, before->contacts_total + 1);
    ASSERT_FALSE(after->recent_contacts.empty());
    EXPECT_EQ(after->recent_contacts.front().notes, log.notes);

    // Broker A may not write to broker B's client: refused in the phrasebook's words, naming it.
    const auto theirs = clientIdsOf(admin, m_branch.brokerB());
    ASSERT_FALSE(theirs.empty());
    bd::services::ContactLog foreign = log;
    foreign.client_id = *theirs.begin();
    auto refused = brokerA->logContact(foreign);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, bd::ErrorCode::NotPermitted);
    EXPECT_EQ(bd::ui::errorText(refused.error()).toStdString(),
              "not permitted: client " + foreign.client_id +
                  " is outside this login's book (another broker's or branch's)");

    // The replica goes with the session.
    brokerA.reset();
    EXPECT_FALSE(std::filesystem::exists(replicaDir));
}

TEST_F(ServerDesks, ABrokerMovesAPlanItemOnTheirDeskAndTheManagersWindowIsToldWithinTwoSeconds) {
    // An item of the batch's plan for one of A's clients (the administrator writes it).
    auto admin = m_branch.admin();
    const std::string id = *clientIdsOf(admin, m_branch.brokerA()).begin();
    auto made = admin.query("INSERT INTO follow_up_tasks(client_ref, broker_id, planned_date, "
                            "channel, priority, status, created_at) SELECT id, broker_id, 20794, "
                            "1, 0.5, 0, 0 FROM clients WHERE client_id = $1 RETURNING id",
                            bd::storage::PgParams(id));
    ASSERT_TRUE(made) << made.error().toString();
    bd::services::PlanItem item;
    item.task_id = made->int64(0, 0);
    auto manager = deskOf(m_branch, "m");
    auto emptyA = bd::storage::openBook(":memory:");
    ASSERT_TRUE(emptyA);
    auto brokerA = std::make_unique<BookSession>(std::move(*emptyA));
    ASSERT_TRUE(brokerA->open(QString::fromStdString(m_branch.url("a"))));

    QSignalSpy told(manager->session(), &BookSession::planChanged);
    const bd::Date wednesday = bd::Date::fromYmd(2026, 12, 9);
    auto moved = brokerA->reschedule(item, wednesday);
    ASSERT_TRUE(moved) << moved.error().toString();
    EXPECT_EQ(*moved, wednesday);
    // A's own replica holds the item as the server now does; the manager's is told and reads it.
    const auto expectMoved = [&](BookSession& s) {
        auto t = bd::storage::loadTask(s.book(), item.task_id);
        ASSERT_TRUE(t) << t.error().toString();
        EXPECT_EQ(t->planned_date, wednesday);
        EXPECT_EQ(t->status, bd::storage::TaskStatus::Held);
    };
    expectMoved(*brokerA);
    ASSERT_TRUE(bdtest::waitFor([&] { return !told.isEmpty(); }, 2000));
    expectMoved(*manager->session());
    // Broker B may not move A's item: refused in the phrasebook's words, naming it.
    auto emptyB = bd::storage::openBook(":memory:");
    ASSERT_TRUE(emptyB);
    BookSession brokerB(std::move(*emptyB));
    ASSERT_TRUE(brokerB.open(QString::fromStdString(m_branch.url("b"))));
    auto refused = brokerB.skip(item, "not mine");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, bd::ErrorCode::NotPermitted);
    EXPECT_EQ(bd::ui::errorText(refused.error()).toStdString(),
              "not permitted: plan item " + std::to_string(item.task_id) +
                  " is outside this login's book (another broker's or branch's)");
}

TEST_F(ServerDesks, BrokerBsWindowHoldsNoneOfBrokerAsClients) {
    auto brokerB = deskOf(m_branch, "b");
    ASSERT_TRUE(brokerB->session()->onServer());
    auto admin = m_branch.admin();
    const auto ofA = clientIdsOf(admin, m_branch.brokerA());
    const auto ofB = clientIdsOf(admin, m_branch.brokerB());
    auto* model = brokerB->findChild<bd::ui::ClientTableModel*>();
    ASSERT_TRUE(model);
    while (model->canFetchMore({})) model->fetchMore({});
    EXPECT_EQ(static_cast<std::size_t>(model->rowCount()), ofB.size());
    for (int r = 0; r < model->rowCount(); ++r) {
        const std::string id = model->data(model->index(r, bd::ui::ClientTableModel::ClientId))
                                   .toString()
                                   .toStdString();
        EXPECT_EQ(ofA.count(id), 0u) << id;
        EXPECT_EQ(ofB.count(id), 1u) << id;
    }
    // Nor does the instant search find them.
    auto searchable = bd::services::readSearchClients(brokerB->session()->book());
    ASSERT_TRUE(searchable);
    EXPECT_EQ(searchable->size(), ofB.size());
    for (const auto& c : *searchable) EXPECT_EQ(ofA.count(c.client_id), 0u) << c.client_id;
}

TEST_F(ServerDesks, ADroppedNewsConnectionIsShownThenMadeAgainAndNewsFlowsAgain) {
    auto manager = deskOf(m_branch, "m");
    auto* status = manager->findChild<QLabel*>("statusServer");
    ASSERT_TRUE(status);
    // The server ends the manager's listening session (a restart, a network cut).
    auto admin = m_branch.admin();
    auto ended = admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                             "usename = $1 AND query LIKE 'LISTEN%'",
                             bd::storage::PgParams(m_branch.pg().login("m")));
    ASSERT_TRUE(ended) << ended.error().toString();
    ASSERT_EQ(ended->size(), 1);
    ASSERT_TRUE(bdtest::waitFor([&] { return !manager->session()->connected(); }, 2000));
    EXPECT_TRUE(status->text().contains("connection lost")) << status->text().toStdString();
    // Made again (every 2 s until the server answers), then read whole once.
    ASSERT_TRUE(bdtest::waitFor([&] { return manager->session()->connected(); }, 6000));
    EXPECT_FALSE(status->text().contains("connection lost")) << status->text().toStdString();
    QSignalSpy told(manager->session(), &BookSession::contactsChanged);
    auto desk = bd::services::RecordBook::open(m_branch.url("a"));
    ASSERT_TRUE(desk) << desk.error().toString();
    bd::services::ContactLog log;
    log.client_id = *clientIdsOf(admin, m_branch.brokerA()).begin();
    log.channel = bd::ContactChannel::Wechat;
    ASSERT_TRUE(desk->execute({{}, bd::services::cmd::LogContact{log}}));
    // After the whole book is read again (news that comes meanwhile waits for it).
    ASSERT_TRUE(bdtest::waitFor([&] { return !told.isEmpty(); }, 10000));
}

TEST_F(ServerDesks, TheBatchsNewsReadsTheWholeBookAgainOnAWorkerAndSwapsItIn) {
    auto manager = deskOf(m_branch, "m");
    const std::string before = manager->session()->path().toStdString();
    QSignalSpy replaced(manager->session(), &BookSession::bookReplaced);
    auto admin = m_branch.admin();
    ASSERT_TRUE(admin.run("SELECT pg_notify('bd_book', 'analytics_runs:1')"));
    ASSERT_TRUE(bdtest::waitFor([&] { return !replaced.isEmpty(); }, 10000));
    EXPECT_NE(manager->session()->path().toStdString(), before);
    EXPECT_FALSE(std::filesystem::exists(before)) << "the replica before is gone";
    auto all = admin.query("SELECT count(*) FROM clients");
    ASSERT_TRUE(all);
    EXPECT_EQ(
        bd::storage::queryInt(manager->session()->book(), "SELECT count(*) FROM clients").value(),
        all->int64(0, 0));
}

TEST_F(ServerDesks, AWrongPasswordAnUnreachableServerAndANewerBookAreEachToldAndTheBookStays) {
    auto manager = deskOf(m_branch, "m");
    const QString title = manager->windowTitle();
    const std::string wrong = m_branch.pg().url(m_branch.pg().login("b"), "not-the-password");
    EXPECT_FALSE(manager->openBookFile(QString::fromStdString(wrong), true));
    EXPECT_TRUE(manager->session()->onServer());
    EXPECT_EQ(manager->windowTitle(), title);
    auto s = manager->session()->open(QString::fromStdString(wrong));
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, bd::ErrorCode::NotPermitted) << s.error().toString();
    EXPECT_TRUE(bd::ui::connectFailureText(s.error(), "here").contains("password is wrong"));
    // A server nobody listens on: one sentence of its own, the book stays.
    auto unreachable =
        manager->session()->open("postgresql://nobody@127.0.0.1:1/branch?connect_timeout=2");
    ASSERT_FALSE(unreachable);
    EXPECT_EQ(unreachable.error().code, bd::ErrorCode::Unavailable)
        << unreachable.error().toString();
    EXPECT_TRUE(
        bd::ui::connectFailureText(unreachable.error(), "here").contains("cannot be reached"));
    // A book of a newer BrokerDesk: refused before anything is copied.
    auto admin = m_branch.admin();
    ASSERT_TRUE(admin.script("SET ROLE bd_owner; UPDATE bd_meta SET value = '99' WHERE key = "
                             "'schema_version'; RESET ROLE;"));
    auto newer = manager->session()->open(QString::fromStdString(m_branch.url("a")));
    ASSERT_FALSE(newer);
    EXPECT_EQ(newer.error().code, bd::ErrorCode::Version) << newer.error().toString();
    EXPECT_TRUE(bd::ui::connectFailureText(newer.error(), "here").contains("newer BrokerDesk"));
    EXPECT_TRUE(manager->session()->onServer());
    EXPECT_EQ(manager->windowTitle(), title);
}

} // namespace
