// contacts.csv -> contacts (natural key client_id, contact_time, channel).
#include "storage/import/import_kinds.h"

namespace bd::storage::imp {
namespace {

enum Col { kClient, kBroker, kTime, kChannel, kDirection, kOutcome, kSatisfaction, kNotes, kNext };

struct ContactRow {
    Contact c;
    std::int64_t client_ref = 0;
};

void parseRow(RowParser& p, ContactRow& r) {
    Contact& c = r.c;
    p.client(kClient, c.client_id, r.client_ref);
    p.str(kBroker, true, c.broker_id);
    std::optional<DateTime> t;
    if (p.dateTime(kTime, true, t)) c.contact_time = *t;
    p.enumeration(kChannel, true, parseContactChannel, FileWords::ContactChannel, c.channel);
    p.enumeration(kDirection, false, parseDirection, FileWords::Direction, c.direction);
    p.enumeration(kOutcome, false, parseOutcome, FileWords::Outcome, c.outcome);
    std::optional<std::int64_t> sat;
    if (p.integer(kSatisfaction, false, 1, 5, sat) && sat) c.satisfaction = static_cast<int>(*sat);
    p.str(kNotes, false, c.notes);
    std::optional<Date> next;
    if (p.date(kNext, false, next)) c.next_follow_up = next;
}

void rowValues(const ContactRow& r, Values& v) {
    const Contact& c = r.c;
    v[0] = Value::of(r.client_ref);
    v[1] = Value::of(c.contact_time.secs);
    v[2] = Value::of(static_cast<int>(c.channel));
    v[3] = Value::text(c.broker_id);
    v[4] = Value::of(static_cast<int>(c.direction));
    v[5] = Value::of(static_cast<int>(c.outcome));
    v[6] = c.satisfaction > 0 ? Value::of(c.satisfaction) : Value::null();
    v[7] = Value::optText(c.notes);
    v[8] = c.next_follow_up ? Value::of(c.next_follow_up->days) : Value::null();
}

std::string rowKey(const ContactRow& r) {
    return r.c.client_id + ", " + r.c.contact_time.toString() + ", " +
           std::string(toString(r.c.channel));
}

const KindDef<ContactRow> kDef{
    .kind = ImportKind::Contacts,
    .table = "contacts",
    .columns = {{"client_id", {"客户号", "资金账号"}, true},
                {"broker_id", {"客户经理"}, true},
                {"contact_time", {"联系时间"}, true},
                {"channel", {"渠道"}, true},
                {"direction", {"方向"}, false},
                {"outcome", {"结果"}, false},
                {"satisfaction", {"满意度"}, false},
                {"notes", {"备注"}, false},
                {"next_follow_up", {"下次跟进"}, false}},
    .dbColumns = {"client_ref", "contact_time", "channel", "broker_id", "direction", "outcome",
                  "satisfaction", "notes", "next_follow_up"},
    .keyCount = 3,
};

} // namespace

constinit const KindEntry kContactsKind = kindEntryOf<kDef>();

} // namespace bd::storage::imp
