// securities.csv -> securities (natural key security_code).
#include "core/domain.h"
#include "storage/import/import_kinds.h"

namespace bd::storage::imp {
namespace {

enum Col { kCode, kName, kBoard, kRisk, kIndustry };

/// A security of this file: its own type, by which the importer finds the functions below.
struct SecurityRow : Security {};

void parseRow(RowParser& p, SecurityRow& s) {
    p.security(kCode, true, s.security_code);
    p.str(kName, true, s.name);
    p.enumeration(kBoard, false, parseBoard, FileWords::Board, s.board);
    p.riskLevel(kRisk, 'R', s.risk_level);
    p.str(kIndustry, false, s.industry);
}

void rowValues(const SecurityRow& s, Values& v) {
    v[0] = Value::text(s.security_code);
    v[1] = Value::text(s.name);
    v[2] = Value::of(static_cast<int>(s.board));
    v[3] = Value::of(s.risk_level);
    v[4] = Value::optText(s.industry);
}

std::string rowKey(const SecurityRow& s) {
    return s.security_code;
}

const KindDef<SecurityRow> kDef{
    .kind = ImportKind::Securities,
    .table = "securities",
    .columns = {{"security_code", {"证券代码"}, true},
                {"name", {"证券名称"}, true, "security_name"},
                {"board", {"板块"}, false},
                {"risk_level", {"风险等级"}, false},
                {"industry", {"行业"}, false}},
    .dbColumns = {"security_code", "name", "board", "risk_level", "industry"},
    .keyCount = 1,
};

} // namespace

constinit const KindEntry kSecuritiesKind = kindEntryOf<kDef>();

} // namespace bd::storage::imp
