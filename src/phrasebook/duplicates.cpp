// Why two clients may be one person (core/duplicatereason.h), in words.
#include "phrasebook/words.h"

namespace bd::phrase {

std::string duplicateReason(const DuplicateReason& r, Lang l) {
    switch (r.kind) {
    case DuplicateKind::SameIdNumber:
        return l == Lang::Zh ? "身份证号相同（尾号" + r.tail + "）"
                             : "same ID number (ending " + r.tail + ")";
    case DuplicateKind::SamePhone:
        return l == Lang::Zh ? "手机号相同（尾号" + r.tail + "）"
                             : "same phone (ending " + r.tail + ")";
    case DuplicateKind::SameNameAndBirthDate: {
        const std::string born = r.birth_date ? r.birth_date->toString() : std::string();
        return l == Lang::Zh ? "姓名和出生日期相同（" + r.name + "，" + born + "）"
                             : "same name and birth date (" + r.name + ", " + born + ")";
    }
    case DuplicateKind::Unknown:
        break;
    }
    return std::string(in({"another shared detail", "其他相同信息"}, l));
}

std::string duplicateReasons(const std::vector<DuplicateReason>& rs, Lang l) {
    std::string out;
    for (const DuplicateReason& r : rs) {
        if (!out.empty()) out += l == Lang::Zh ? "；" : "; ";
        out += duplicateReason(r, l);
    }
    return out;
}

std::string mergedInto(std::string_view from, std::string_view into, Lang l) {
    const std::string f(from), t(into);
    return l == Lang::Zh ? "客户" + f + "已合并到" + t + "，显示" + t
                         : "client " + f + " was merged into " + t + "; showing " + t;
}

} // namespace bd::phrase
