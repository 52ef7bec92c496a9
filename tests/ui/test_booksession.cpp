// The book session: each write the workstation makes announces exactly what it changed, after
// it committed; a failed write announces nothing; opening another book replaces this one.
#include <gtest/gtest.h>

#include <QCoreApplication>

#include <memory>
#include <utility>
#include <vector>

#include "services/commands/records.h"
#include "services/contactlog.h"
#include "services/planitems.h"
#include "services/planrebuild.h"
#include "services/servicepolicies.h"
#include "session/booksession.h"
#include "storage/schema/schema.h"
#include "support/planbook.h"
#include "support/tempdir.h"

using namespace bd;
using namespace bd::ui;
using bdtest::PlanBook;
using services::BookChange;

namespace {

// Every change a session announces, in order.
struct Recorder {
    std::vector<BookChange> changes;
    explicit Recorder(BookSession& s) {
        QObject::connect(&s, &BookSession::contactsChanged,
                         [this](const services::ContactsChange& c) { changes.push_back(c); });
        QObject::connect(&s, &BookSession::planChanged,
                         [this](const services::PlanChange& c) { changes.push_back(c); });
        QObject::connect(&s, &BookSession::analyticsChanged,
                         [this](const services::AnalyticsChange& c) { changes.push_back(c); });
        QObject::connect(&s, &BookSession::clientsChanged,
                         [this](const services::ClientsChange& c) { changes.push_back(c); });
        QObject::connect(&s, &BookSession::settingsChanged,
                         [this](const services::SettingsChange& c) { changes.push_back(c); });
        QObject::connect(&s, &BookSession::bookReplaced,
                         [this] { changes.push_back(services::BookReplaced{}); });
    }
    /// The changes since the last call.
    std::vector<BookChange> take() { return std::exchange(changes, {}); }
};

struct SessionFixture : ::testing::Test {
    PlanBook book;
    std::unique_ptr<BookSession> session;
    std::unique_ptr<Recorder> recorder;
    void SetUp() override {
        book.addOnePerTrigger();
        services::PlanOptions o;
        o.as_of = PlanBook::asOf();
        ASSERT_TRUE(services::rebuildPlan(book.db(), o));
        session = std::make_unique<BookSession>(std::move(book.db()));
        recorder = std::make_unique<Recorder>(*session);
    }
    services::PlanItem itemOf(const std::string& clientId) {
        auto items = services::loadBrokerPlan(session->book(), "B1", PlanBook::asOf(),
                                              PlanBook::asOf().addDays(30));
        EXPECT_TRUE(items);
        for (const auto& i : *items)
            if (i.client_id == clientId) return i;
        ADD_FAILURE() << "no plan item for " << clientId;
        return {};
    }
    services::ContactLog contact(const std::string& clientId, Outcome outcome) {
        services::ContactLog log;
        log.client_id = clientId;
        log.outcome = outcome;
        log.at = DateTime::fromParts(PlanBook::asOf(), 10, 0, 0);
        return log;
    }
    std::int64_t ref(const std::string& clientId) { return book.ref(clientId); }
};

} // namespace

TEST_F(SessionFixture, LoggingAContactAnnouncesTheContactThenThePlanOfItsBroker) {
    ASSERT_TRUE(session->logContact(contact("CAD", Outcome::Reached)));
    const auto cad = services::ClientSet::of({ref("CAD")});
    EXPECT_EQ(recorder->take(), (std::vector<BookChange>{services::ContactsChange{cad, 1},
                                                         services::PlanChange{cad, {"B1"}}}));
}

TEST_F(SessionFixture, AContactThatClosesNoPlanItemAnnouncesTheContactAlone) {
    // QUIET was contacted two days ago: nothing planned for it.
    ASSERT_TRUE(session->logContact(contact("QUIET", Outcome::Reached)));
    EXPECT_EQ(recorder->take(), (std::vector<BookChange>{services::ContactsChange{
                                    services::ClientSet::of({ref("QUIET")}), 1}}));
}

TEST_F(SessionFixture, MovingOrSkippingAnItemAnnouncesItsClientsPlan) {
    const auto cad = services::ClientSet::of({ref("CAD")});
    ASSERT_TRUE(session->reschedule(itemOf("CAD"), Date::fromYmd(2026, 12, 1)));
    EXPECT_EQ(recorder->take(), (std::vector<BookChange>{services::PlanChange{cad, {"B1"}}}));
    ASSERT_TRUE(session->skip(itemOf("CAD"), "travelling"));
    EXPECT_EQ(recorder->take(), (std::vector<BookChange>{services::PlanChange{cad, {"B1"}}}));
}

TEST_F(SessionFixture, ARebuildAnnouncesEveryClientsPlan) {
    services::PlanOptions o;
    o.as_of = PlanBook::asOf();
    ASSERT_TRUE(session->rebuildPlan(o));
    EXPECT_EQ(recorder->take(),
              (std::vector<BookChange>{services::PlanChange{services::ClientSet::all(), {}}}));
}

TEST_F(SessionFixture, RenamingASegmentAnnouncesItsName) {
    ASSERT_TRUE(session->renameSegment(0, "高净值", "High net worth"));
    EXPECT_EQ(recorder->take(), (std::vector<BookChange>{services::AnalyticsChange{
                                    services::AnalyticsChange::Kind::SegmentNames, {0}}}));
}

TEST_F(SessionFixture, SavingPoliciesAnnouncesTheSetting) {
    auto policies = services::loadServicePolicies(session->book());
    ASSERT_TRUE(policies);
    (*policies)[4].contact_cadence_days = 21;
    ASSERT_TRUE(session->saveServicePolicies(*policies));
    EXPECT_EQ(recorder->take(), (std::vector<BookChange>{services::SettingsChange{
                                    services::SettingsChange::Kind::ServicePolicies}}));
}

TEST_F(SessionFixture, AFailedWriteAnnouncesNothing) {
    EXPECT_FALSE(session->logContact(contact("NOBODY", Outcome::Reached)));
    EXPECT_FALSE(session->skip(itemOf("CAD"), ""));
    EXPECT_FALSE(session->renameSegment(42, "无", "None"));
    auto policies = services::loadServicePolicies(session->book());
    (*policies)[0].channels.clear();
    EXPECT_FALSE(session->saveServicePolicies(*policies));
    EXPECT_TRUE(recorder->take().empty());
}

TEST_F(SessionFixture, AnnounceEmitsTheSignalOfEachKind) {
    const std::vector<BookChange> all = {
        services::ContactsChange{services::ClientSet::all(), 40},
        services::PlanChange{services::ClientSet::of({1}), {"B2"}},
        services::AnalyticsChange{services::AnalyticsChange::Kind::NewRun, {}},
        services::ClientsChange{services::ClientSet::of({2, 3})},
        services::SettingsChange{services::SettingsChange::Kind::Calendar},
        services::BookReplaced{}};
    for (const auto& c : all) session->announce(c);
    EXPECT_EQ(recorder->take(), all);
}

TEST(BookSession, OpeningAnotherBookReplacesItOrKeepsItOnError) {
    bdtest::TempDir dir;
    const std::string path = dir.file("other.bdbook");
    ASSERT_TRUE(storage::openBook(path));
    auto memory = storage::openBook(":memory:");
    ASSERT_TRUE(memory);
    BookSession session(std::move(*memory));
    Recorder recorder(session);
    services::Database* const book = &session.book();

    EXPECT_FALSE(session.open(QString::fromStdString(dir.file("missing.bdbook"))));
    EXPECT_NE(session.path().toStdString(), path);
    EXPECT_TRUE(recorder.take().empty());

    ASSERT_TRUE(session.open(QString::fromStdString(path)));
    EXPECT_EQ(session.path().toStdString(), path);
    EXPECT_EQ(&session.book(), book) << "views keep the same book object";
    EXPECT_EQ(recorder.take(), (std::vector<BookChange>{services::BookReplaced{}}));
}

TEST_F(SessionFixture, AnEditGoesOnTheUndoStackWhichUndoesAndRedoesIt) {
    namespace cmd = services::cmd;
    auto store = services::sqliteRecordStore(session->book());
    const std::string before = store->loadClient("CAD")->client.name;
    ASSERT_TRUE(session->execute(cmd::EditClient{"CAD", {}, {{cmd::ClientField::Name, "韩梅梅"}}}));
    EXPECT_EQ(recorder->take(), std::vector<BookChange>{services::ClientsChange{
                                    services::ClientSet::of({ref("CAD")})}});
    ASSERT_EQ(session->undoStack()->count(), 1);
    EXPECT_EQ(session->undoStack()->undoText(), QString("Edit client CAD"));

    // A refused edit changes nothing, announces nothing and is not on the stack.
    EXPECT_FALSE(
        session->execute(cmd::EditClient{"CAD", {}, {{cmd::ClientField::RiskLevel, "C9"}}}));
    EXPECT_TRUE(recorder->take().empty());
    EXPECT_EQ(session->undoStack()->count(), 1);

    session->undoStack()->undo();
    EXPECT_EQ(store->loadClient("CAD")->client.name, before);
    EXPECT_EQ(recorder->take().size(), 1u);
    session->undoStack()->redo();
    EXPECT_EQ(store->loadClient("CAD")->client.name, "韩梅梅");
    session->undoStack()->undo();
    EXPECT_EQ(store->loadClient("CAD")->client.name, before);

    ASSERT_TRUE(session->execute(cmd::TagClients{{"CAD"}, "golf", {}, false}));
    EXPECT_EQ(session->undoStack()->undoText(), QString("Tag golf"));
}

// An undo the book refuses (the client changed since, elsewhere) says so and clears the
// history, which no longer matches the book.
TEST_F(SessionFixture, AnUndoTheBookRefusesIsToldAndClearsTheHistory) {
    namespace cmd = services::cmd;
    auto store = services::sqliteRecordStore(session->book());
    ASSERT_TRUE(session->execute(cmd::EditClient{"CAD", {}, {{cmd::ClientField::Name, "韩梅梅"}}}));
    // Another desk (or the command line) edits the same client, not through this session.
    ASSERT_TRUE(cmd::execute(
        session->book(),
        cmd::Command{{}, cmd::EditClient{"CAD", {}, {{cmd::ClientField::Name, "李雷"}}}}));
    QString reason;
    QObject::connect(session.get(), &BookSession::undoRefused,
                     [&](const QString& r) { reason = r; });
    session->undoStack()->undo();
    EXPECT_FALSE(reason.isEmpty());
    EXPECT_EQ(store->loadClient("CAD")->client.name, "李雷");
    QCoreApplication::processEvents();
    EXPECT_EQ(session->undoStack()->count(), 0);
}
