// The words around an import's problems (src/cli/cmd_import.cpp): each file's counts, the
// columns it ignored, the problems left unprinted, the run refused or its rejects written.
#include "phrasebook/words.h"

namespace bd::phrase {
namespace {

constexpr Keyed kKinds[] = {
    {"securities", {"securities", "证券"}}, {"clients", {"clients", "客户"}},
    {"trades", {"trades", "成交"}},         {"assets", {"assets", "资产"}},
    {"contacts", {"contacts", "联系记录"}}, {"positions", {"positions", "持仓"}},
};

} // namespace

std::string_view importKind(std::string_view key, Lang l) {
    const Words* w = wordsOf(kKinds, key);
    return w ? in(*w, l) : key;
}

std::string importedFile(std::string_view kindKey, std::string_view path, const ImportedRows& rows,
                         bool committed, std::string_view encoding, Lang l) {
    const bool zh = l == Lang::Zh;
    std::string out =
        std::string(importKind(kindKey, l)) + " " + std::string(path) + (zh ? "：" : ": ");
    const auto n = [](long long v) { return std::to_string(v); };
    if (!committed)
        out += zh ? "拒绝" + n(rows.rejected) + "行" : n(rows.rejected) + " rejected";
    else if (zh)
        out += "新增" + n(rows.added) + "行，更新" + n(rows.updated) + "行，未变" +
               n(rows.unchanged) + "行，拒绝" + n(rows.rejected) + "行";
    else
        out += n(rows.added) + " new, " + n(rows.updated) + " updated, " + n(rows.unchanged) +
               " unchanged, " + n(rows.rejected) + " rejected";
    if (!encoding.empty()) out += " [" + std::string(encoding) + "]";
    return out;
}

std::string ignoredColumns(std::string_view path, const std::vector<std::string>& columns, Lang l) {
    const bool zh = l == Lang::Zh;
    std::string out(path);
    out += zh ? "：已忽略未识别的列：" : ": ignored unknown columns:";
    for (std::size_t i = 0; i < columns.size(); ++i)
        out += (zh ? (i > 0 ? "、" : "") : " ") + columns[i];
    return out;
}

std::string moreProblems(std::size_t n, Lang l) {
    if (l == Lang::Zh) return "……另有" + std::to_string(n) + "个问题";
    return "… and " + std::to_string(n) + " more";
}

std::string importRejected(std::size_t problems, Lang l) {
    if (l == Lang::Zh)
        return "输入被拒绝（" + std::to_string(problems) + "个问题），未导入任何数据";
    return "input rejected (" + std::to_string(problems) + " problem(s)); nothing was imported";
}

std::string rowsRejectedTo(long long rows, std::string_view path, Lang l) {
    if (l == Lang::Zh) return "拒绝" + std::to_string(rows) + "行，已写入 " + std::string(path);
    return std::to_string(rows) + " row(s) rejected, written to " + std::string(path);
}

std::string clientSummaryNotUpdated(std::string_view why, Lang l) {
    return std::string(in({"client summary not updated: ", "客户汇总未更新："}, l)) +
           std::string(why);
}

} // namespace bd::phrase
