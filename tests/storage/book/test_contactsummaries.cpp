// The contact summaries coverage and the planner read (storage/book/planstore.h): last contact,
// complaint and satisfaction, the "no answer" streak since the last other contact, and how the
// last contact went, each as of a day, voided contacts left out.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>

#include "storage/book/planstore.h"
#include "storage/schema/schema.h"
#include "support/syntheticbook.h"

using namespace bd;

namespace {

constexpr int kReached = 1, kNoAnswer = 2, kCallback = 3, kComplaint = 4;

void contact(storage::Database& db, std::int64_t ref, int day, int channel, int outcome,
             std::optional<int> satisfaction = std::nullopt, const char* voided = nullptr) {
    auto st = db.prepare("INSERT INTO contacts(client_ref, broker_id, contact_time, channel, "
                         "outcome, satisfaction, void_reason) VALUES (?1, 'B01', ?2, ?3, ?4, ?5, "
                         "?6)");
    ASSERT_TRUE(st);
    st->bindAll(ref, std::int64_t{day} * 86400 + 36000, channel, outcome, satisfaction);
    if (voided)
        st->bind(6, voided);
    else
        st->bindNull(6);
    ASSERT_TRUE(st->run()) << "contact of client " << ref << " on day " << day;
}

} // namespace

TEST(ContactSummaries, KnowTheLastContactTheStreakOfUnansweredCallsAndTheLastSatisfaction) {
    auto db = storage::openBook(":memory:");
    ASSERT_TRUE(db);
    bdtest::SyntheticBookSpec spec;
    spec.clients = 4;
    spec.brokers = 1;
    spec.contacts_per_client = 0;
    ASSERT_TRUE(bdtest::fillSyntheticBook(*db, spec));
    ASSERT_TRUE(db->exec("DELETE FROM contacts"));
    // Client 1: reached, a complaint, then two unanswered calls (one at the complaint's very
    // time does not count), a voided one, and a contact after the day asked about.
    contact(*db, 1, 10, 1, kReached, 4);
    contact(*db, 1, 12, 2, kNoAnswer);
    contact(*db, 1, 20, 1, kComplaint);
    contact(*db, 1, 20, 3, kNoAnswer);
    contact(*db, 1, 21, 2, kNoAnswer);
    contact(*db, 1, 22, 3, kNoAnswer, 2);
    contact(*db, 1, 23, 1, kNoAnswer, std::nullopt, "logged by mistake");
    contact(*db, 1, 40, 1, kReached, 5);
    // Client 2: never reached.
    contact(*db, 2, 5, 2, kNoAnswer);
    contact(*db, 2, 6, 1, kNoAnswer);
    // Client 3: two contacts at the same time: the first by channel is the one described.
    contact(*db, 3, 8, 1, kReached, 3);
    contact(*db, 3, 8, 2, kCallback, 5);
    // Client 4: no contact at all.

    auto rows = storage::loadContactSummaries(*db, Date{30});
    ASSERT_TRUE(rows) << rows.error().toString();
    ASSERT_EQ(rows->size(), 3u);

    const auto& a = (*rows)[0];
    EXPECT_EQ(a.ref, 1);
    EXPECT_EQ(a.last_contact, Date{20});
    EXPECT_EQ(a.last_complaint, Date{20});
    EXPECT_EQ(a.last_outcome, kComplaint);
    EXPECT_EQ(a.last_channel, 1);
    EXPECT_EQ(a.last_contact_satisfaction, std::nullopt);
    EXPECT_EQ(a.no_answer_streak, 2);
    EXPECT_EQ(a.last_attempt_channel, 3);
    EXPECT_EQ(a.last_satisfaction_date, Date{22});
    EXPECT_EQ(a.last_satisfaction, 2);

    const auto& b = (*rows)[1];
    EXPECT_EQ(b.ref, 2);
    EXPECT_EQ(b.last_contact, std::nullopt);
    EXPECT_EQ(b.no_answer_streak, 2);
    EXPECT_EQ(b.last_attempt_channel, 1);
    EXPECT_EQ(b.last_satisfaction_date, std::nullopt);

    const auto& c = (*rows)[2];
    EXPECT_EQ(c.ref, 3);
    EXPECT_EQ(c.last_contact, Date{8});
    EXPECT_EQ(c.last_channel, 1);
    EXPECT_EQ(c.last_outcome, kReached);
    EXPECT_EQ(c.last_contact_satisfaction, 3);
    EXPECT_EQ(c.last_satisfaction, 3);
    EXPECT_EQ(c.no_answer_streak, 0);

    // On day 45 client 1's last contact is the later one and its streak is over.
    rows = storage::loadContactSummaries(*db, Date{45});
    ASSERT_TRUE(rows);
    EXPECT_EQ((*rows)[0].last_contact, Date{40});
    EXPECT_EQ((*rows)[0].no_answer_streak, 0);
    EXPECT_EQ((*rows)[0].last_attempt_channel, 0);
    EXPECT_EQ((*rows)[0].last_satisfaction, 5);
}
