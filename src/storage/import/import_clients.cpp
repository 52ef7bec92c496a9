// clients.csv -> clients (natural key client_id); creates missing brokers and branches.
#include "core/clientrules.h"
#include "core/domain.h"
#include "core/idnumber.h"
#include "storage/import/import_kinds.h"

namespace bd::storage::imp {
namespace {

enum Col {
    kId,
    kName,
    kGender,
    kBirth,
    kIdNumber,
    kPhone,
    kEmail,
    kBroker,
    kBranch,
    kOpen,
    kRisk,
    kStatus,
    kPreferred,
    kRiskAssessed
};

/// A client of this file: its own type, by which the importer finds the functions below.
struct ClientRow : Client {};

void parseRow(RowParser& p, ClientRow& c) {
    p.str(kId, true, c.client_id);
    p.str(kName, true, c.name);
    p.enumeration(kGender, false, parseGender, FileWords::Gender, c.gender);
    std::optional<Date> d;
    if (p.date(kBirth, false, d)) c.birth_date = d;
    if (p.str(kIdNumber, false, c.id_number) && !c.id_number.empty()) {
        if (!isValidIdNumber(c.id_number))
            p.fail(kIdNumber, RefusalKind::IdNumberChecksum, std::string(kIdNumberRule),
                   c.id_number);
        else if (c.id_number[17] == 'x')
            c.id_number[17] = 'X';
    }
    if (p.str(kPhone, false, c.phone) && !c.phone.empty() && !isValidPhone(c.phone))
        p.fail(kPhone, RefusalKind::PhoneFormat, std::string(kPhoneRule), c.phone);
    p.str(kEmail, false, c.email);
    p.str(kBroker, true, c.broker_id);
    p.str(kBranch, false, c.branch_id);
    std::optional<Date> open;
    if (p.date(kOpen, true, open)) c.open_date = *open;
    p.riskLevel(kRisk, 'C', c.risk_level);
    p.enumeration(kStatus, false, parseClientStatus, FileWords::ClientStatus, c.status);
    p.enumeration(kPreferred, false, parsePreferredChannel, FileWords::PreferredChannel,
                  c.preferred_channel);
    std::optional<Date> assessed;
    if (p.date(kRiskAssessed, false, assessed)) c.risk_assessed_on = assessed;
}

void rowValues(const ClientRow& c, Values& v) {
    v[0] = Value::text(c.client_id);
    v[1] = Value::text(c.name);
    v[2] = Value::of(static_cast<int>(c.gender));
    v[3] = c.birth_date ? Value::of(c.birth_date->days) : Value::null();
    v[4] = Value::optText(c.id_number);
    v[5] = Value::optText(c.phone);
    v[6] = Value::optText(c.email);
    v[7] = Value::text(c.broker_id);
    v[8] = Value::optText(c.branch_id);
    v[9] = Value::of(c.open_date.days);
    v[10] = Value::of(c.risk_level);
    v[11] = Value::of(static_cast<int>(c.status));
    v[12] = Value::of(static_cast<int>(c.preferred_channel));
    v[13] = c.risk_assessed_on ? Value::of(c.risk_assessed_on->days) : Value::null();
}

std::string rowKey(const ClientRow& c) {
    return c.client_id;
}

/// Brokers and branches are referenced by foreign keys: create bare rows for new ids.
Status ensureBrokerAndBranch(ImportContext& ctx, const ClientRow& c) {
    if (!c.branch_id.empty() && !ctx.knownBranches.count(c.branch_id)) {
        if (!ctx.insertBranch) {
            auto st = ctx.db.prepare("INSERT OR IGNORE INTO branches(branch_id) VALUES(?)");
            if (!st) return st.error();
            ctx.insertBranch = std::move(*st);
        }
        ctx.insertBranch->bind(1, std::string_view(c.branch_id));
        if (auto s = ctx.insertBranch->run(); !s) return s;
        ctx.knownBranches.insert(c.branch_id);
    }
    if (!ctx.knownBrokers.count(c.broker_id)) {
        if (!ctx.insertBroker) {
            auto st =
                ctx.db.prepare("INSERT OR IGNORE INTO brokers(broker_id, branch_id) VALUES(?, ?)");
            if (!st) return st.error();
            ctx.insertBroker = std::move(*st);
        }
        ctx.insertBroker->bind(1, std::string_view(c.broker_id));
        if (c.branch_id.empty())
            ctx.insertBroker->bindNull(2);
        else
            ctx.insertBroker->bind(2, std::string_view(c.branch_id));
        if (auto s = ctx.insertBroker->run(); !s) return s;
        ctx.knownBrokers.insert(c.broker_id);
    }
    return {};
}

const KindDef<ClientRow> kDef{
    .kind = ImportKind::Clients,
    .table = "clients",
    .columns = {{"client_id", {"客户号", "资金账号", "客户代码"}, true},
                {"name", {"客户姓名", "姓名"}, true},
                {"gender", {"性别"}, false},
                {"birth_date", {"出生日期"}, false},
                {"id_number", {"证件号码", "身份证号"}, false},
                {"phone", {"手机", "联系电话"}, false},
                {"email", {"邮箱"}, false},
                {"broker_id", {"客户经理", "经纪人编号"}, true},
                {"branch_id", {"营业部"}, false},
                {"open_date", {"开户日期"}, true},
                {"risk_level", {"风险等级", "风险承受能力"}, false},
                {"status", {"状态"}, false},
                {"preferred_channel", {"偏好渠道"}, false},
                {"risk_assessed_on", {"风险测评日期", "测评日期"}, false}},
    .dbColumns = {"client_id", "name", "gender", "birth_date", "id_number", "phone", "email",
                  "broker_id", "branch_id", "open_date", "risk_level", "status",
                  "preferred_channel", "risk_assessed_on"},
    .keyCount = 1,
    .beforeWrite = ensureBrokerAndBranch,
};

} // namespace

constinit const KindEntry kClientsKind = kindEntryOf<kDef>();

} // namespace bd::storage::imp
