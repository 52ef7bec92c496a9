#include <gtest/gtest.h>

#include <QAbstractItemModelTester>

#include <set>

#include "models/clienttablemodel.h"
#include "modelwarnings.h"
#include "storage/book/clientsummary.h"
#include "storage/schema/schema.h"
#include "support/syntheticbook.h"

using namespace bd;
using namespace bd::ui;
using bd::storage::Database;

namespace {

class ClientModel : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        auto db = storage::openBook(":memory:");
        ASSERT_TRUE(db);
        s_db = new Database(std::move(*db));
        bdtest::SyntheticBookSpec spec;
        spec.clients = 5000;
        spec.brokers = 12;
        spec.trades_per_client = 2;
        spec.contacts_per_client = 1;
        ASSERT_TRUE(bdtest::fillSyntheticBook(*s_db, spec));
        ASSERT_TRUE(storage::refreshClientSummary(*s_db));
    }
    static void TearDownTestSuite() {
        delete s_db;
        s_db = nullptr;
    }
    bdtest::ModelWarnings m_warnings;

    static void fetchAll(ClientTableModel& m) {
        while (m.canFetchMore({})) m.fetchMore({});
    }
    static inline Database* s_db = nullptr;
};

} // namespace

TEST_F(ClientModel, PagesThroughFiveThousandClientsUnderTheModelTester) {
    ClientTableModel model;
    QAbstractItemModelTester tester(&model,
                                    QAbstractItemModelTester::FailureReportingMode::Warning);
    model.setDatabase(s_db);
    EXPECT_EQ(model.sortColumn(), ClientTableModel::Aum); // default: biggest accounts first
    EXPECT_EQ(model.sortOrder(), Qt::DescendingOrder);
    model.sort(ClientTableModel::Name, Qt::AscendingOrder);
    EXPECT_EQ(model.rowCount(), 200);
    EXPECT_EQ(model.matchingCount(), 5000);
    EXPECT_EQ(model.columnCount(), ClientTableModel::ColumnCount);
    int pages = 1;
    while (model.canFetchMore({})) {
        const int before = model.rowCount();
        model.fetchMore({});
        ++pages;
        EXPECT_EQ(model.rowCount(), std::min(before + 200, 5000));
    }
    EXPECT_EQ(pages, 25);
    EXPECT_EQ(model.rowCount(), 5000);
    std::set<qint64> refs;
    for (int r = 0; r < model.rowCount(); ++r) refs.insert(model.refAt(r));
    EXPECT_EQ(refs.size(), 5000u);
    // Names ascending, ties by row id.
    for (int r = 1; r < model.rowCount(); ++r) {
        const auto a = model.index(r - 1, ClientTableModel::Name).data().toString().toStdString();
        const auto b = model.index(r, ClientTableModel::Name).data().toString().toStdString();
        ASSERT_LE(a, b) << r;
    }
    EXPECT_EQ(m_warnings.count(), 0);
}

TEST_F(ClientModel, SortsInSqlAcrossPages) {
    ClientTableModel model;
    QAbstractItemModelTester tester(&model,
                                    QAbstractItemModelTester::FailureReportingMode::Warning);
    model.setPageSize(500);
    model.setDatabase(s_db);
    model.sort(ClientTableModel::Aum, Qt::DescendingOrder);
    EXPECT_EQ(model.sortColumn(), ClientTableModel::Aum);
    fetchAll(model);
    ASSERT_EQ(model.rowCount(), 5000);
    auto aumOf = [&](int r) {
        return model.index(r, ClientTableModel::Aum).data().toString().remove(',').toDouble();
    };
    for (int r = 1; r < model.rowCount(); ++r) ASSERT_GE(aumOf(r - 1), aumOf(r)) << r;

    model.sort(ClientTableModel::ClientId, Qt::AscendingOrder);
    EXPECT_EQ(model.rowCount(), 500); // a new sort starts again at the first page
    EXPECT_EQ(model.index(0, ClientTableModel::ClientId).data().toString(), QString("C0000001"));
    EXPECT_EQ(model.index(499, ClientTableModel::ClientId).data().toString(), QString("C0000500"));
    model.fetchMore({});
    EXPECT_EQ(model.index(500, ClientTableModel::ClientId).data().toString(), QString("C0000501"));

    model.sort(ClientTableModel::Trades12m, Qt::AscendingOrder);
    fetchAll(model);
    for (int r = 1; r < model.rowCount(); ++r)
        ASSERT_LE(model.index(r - 1, ClientTableModel::Trades12m).data().toInt(),
                  model.index(r, ClientTableModel::Trades12m).data().toInt());

    // Phone has no index: the order stays as it was.
    model.sort(ClientTableModel::Phone, Qt::AscendingOrder);
    EXPECT_EQ(model.sortColumn(), ClientTableModel::Trades12m);
    EXPECT_EQ(m_warnings.count(), 0);
}

TEST_F(ClientModel, SearchFiltersByNameIdAndPhone) {
    ClientTableModel model;
    QAbstractItemModelTester tester(&model,
                                    QAbstractItemModelTester::FailureReportingMode::Warning);
    model.setDatabase(s_db);

    model.setSearch("C00012");
    EXPECT_EQ(model.matchingCount(), 100);
    EXPECT_EQ(model.rowCount(), 100);
    EXPECT_FALSE(model.canFetchMore({}));

    model.setSearch("c0000042"); // client ids match case-insensitively
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(model.index(0, ClientTableModel::ClientId).data().toString(), QString("C0000042"));

    const QString phone = QString::fromStdString(bdtest::syntheticPhone(4321));
    model.setSearch(phone);
    ASSERT_GE(model.rowCount(), 1);
    EXPECT_EQ(model.index(0, ClientTableModel::Phone).data().toString(), phone);

    model.setSearch(QString::fromUtf8("王"));
    fetchAll(model);
    EXPECT_GT(model.rowCount(), 50);
    EXPECT_EQ(model.rowCount(), model.matchingCount());
    for (int r = 0; r < model.rowCount(); ++r)
        ASSERT_TRUE(model.index(r, ClientTableModel::Name)
                        .data()
                        .toString()
                        .startsWith(QString::fromUtf8("王")));

    model.setSearch("no such client");
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_EQ(model.matchingCount(), 0);
    model.setSearch("");
    EXPECT_EQ(model.matchingCount(), 5000);
    EXPECT_EQ(m_warnings.count(), 0);
}

TEST_F(ClientModel, BrokerFilterRestrictsRows) {
    ClientTableModel model;
    QAbstractItemModelTester tester(&model,
                                    QAbstractItemModelTester::FailureReportingMode::Warning);
    model.setDatabase(s_db);
    model.setBrokerFilter("B005");
    fetchAll(model);
    // Client i belongs to broker (i % 12) + 1: 417 of 5000 for B005 (i = 4, 16, ...).
    EXPECT_EQ(model.rowCount(), 417);
    EXPECT_EQ(model.matchingCount(), 417);
    for (int r = 0; r < model.rowCount(); ++r)
        ASSERT_EQ(model.index(r, ClientTableModel::Broker).data(Qt::ToolTipRole).toString(),
                  QString("B005"));
    EXPECT_EQ(m_warnings.count(), 0);
}

TEST(ClientModelChanges, ReReadsChangedRowsInPlaceAndTheListWhenTheyMove) {
    auto db = storage::openBook(":memory:");
    ASSERT_TRUE(db);
    bdtest::SyntheticBookSpec spec;
    spec.clients = 300;
    spec.brokers = 3;
    ASSERT_TRUE(bdtest::fillSyntheticBook(*db, spec));
    ASSERT_TRUE(storage::refreshClientSummary(*db));
    bdtest::ModelWarnings warnings;
    ClientTableModel model;
    QAbstractItemModelTester tester(&model,
                                    QAbstractItemModelTester::FailureReportingMode::Warning);
    model.setPageSize(50);
    model.setDatabase(&*db); // AUM, largest first: 50 of 300 loaded
    int reloads = 0, changedRows = 0;
    QObject::connect(&model, &ClientTableModel::reloaded, [&] { ++reloads; });
    QObject::connect(&model, &ClientTableModel::dataChanged, [&] { ++changedRows; });
    const auto exec = [&](const std::string& sql) { ASSERT_TRUE(db->exec(sql)) << sql; };

    // A loaded client's phone changes: only its row is read again.
    const qint64 ref = model.refAt(3);
    exec("UPDATE clients SET phone = '13900000000' WHERE id = " + std::to_string(ref));
    model.refreshClients(services::ClientSet::of({ref}));
    EXPECT_EQ(reloads, 0);
    EXPECT_EQ(changedRows, 1);
    EXPECT_EQ(model.refAt(3), ref);
    EXPECT_EQ(model.index(3, ClientTableModel::Phone).data().toString(), QString("13900000000"));

    // A client beyond the loaded rows whose place does not change: nothing to redraw.
    std::set<qint64> loaded;
    for (int r = 0; r < model.rowCount(); ++r) loaded.insert(model.refAt(r));
    qint64 far = 1;
    while (loaded.count(far)) ++far;
    exec("UPDATE clients SET phone = '13900000001' WHERE id = " + std::to_string(far));
    model.refreshClients(services::ClientSet::of({far}));
    EXPECT_EQ(reloads, 0);
    EXPECT_EQ(changedRows, 1);

    // By last contact, newest first: a new contact moves its client to the top.
    model.sort(ClientTableModel::LastContact, Qt::DescendingOrder);
    reloads = 0;
    const qint64 moved = model.refAt(40);
    exec("INSERT INTO contacts(client_ref, broker_id, contact_time, channel, outcome) VALUES (" +
         std::to_string(moved) + ", 'B001', 2000000000, 1, 1)");
    ASSERT_TRUE(storage::refreshClientSummary(*db));
    model.refreshClients(services::ClientSet::of({moved}));
    EXPECT_EQ(reloads, 1);
    EXPECT_EQ(model.refAt(0), moved);

    // A client who leaves the broker filter leaves the rows and the count.
    model.setBrokerFilter("B001");
    const qint64 count = model.matchingCount();
    const qint64 leaving = model.refAt(0);
    exec("UPDATE clients SET broker_id = 'B002' WHERE id = " + std::to_string(leaving));
    model.refreshClients(services::ClientSet::of({leaving}));
    EXPECT_EQ(model.matchingCount(), count - 1);
    EXPECT_NE(model.refAt(0), leaving);
    EXPECT_EQ(warnings.count(), 0);
}
