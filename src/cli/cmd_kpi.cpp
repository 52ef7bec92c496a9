#include <fmt/format.h>

#include <iostream>
#include <string>

#include "cli/commands.h"
#include "core/enumkeys.h"
#include "core/json.h"
#include "reports/kpireportpdf.h"
#include "services/csvwriter.h"
#include "services/kpi.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

/// "YYYY-MM" as a KpiMonth; nullopt when malformed.
std::optional<KpiMonth> parseMonth(const std::string& s) {
    auto d = parseDate(s + "-01");
    if (!d || s.size() != 7) return std::nullopt;
    return kpiMonthOf(*d);
}

/// --month YYYY-MM (none when not given).
Result<std::optional<KpiMonth>> monthOption(const Args& a) {
    auto m = a.get("month");
    if (!m) return std::optional<KpiMonth>{};
    auto month = parseMonth(*m);
    if (!month) return expects("month", "YYYY-MM", *m);
    return month;
}

// In KpiScope's order (Unknown first: no word).
constexpr auto kScopeWords = enumKeys<KpiScope>("", "firm", "branch", "broker");

std::string scopeWord(KpiScope s) {
    return std::string(kScopeWords(s));
}

std::string number(const services::KpiColumn& c, double v) {
    switch (c.kind) {
    case services::KpiColumnKind::Count:
        return fmt::format("{:.0f}", v);
    case services::KpiColumnKind::Money:
        return fmt::format("{:.2f}", v);
    case services::KpiColumnKind::Share:
        return fmt::format("{:.4f}", v);
    case services::KpiColumnKind::Mean:
        return fmt::format("{:.2f}", v);
    }
    return "";
}

/// The monthly branch report: every branch with its brokers, then the firm (PDF, XLSX or CSV).
int writeBranchReport(storage::Database& db, std::optional<KpiMonth> month, const std::string& out,
                      phrase::Lang lang) {
    const bool pdf = out.size() > 4 && out.compare(out.size() - 4, 4, ".pdf") == 0;
    if (!pdf)
        if (auto s = requirePeopleOut(out); !s) return reportError(s.error());
    auto board = services::loadKpiBoard(db, month);
    if (!board) return reportError(board.error());
    if (auto s = pdf ? reports::writeKpiReportPdf(out, *board, lang)
                     : services::writePeopleTable(out, services::kpiReportTable(*board, lang));
        !s)
        return reportError(s.error());
    std::cout << phrase::kpiReportWritten(kpiMonthText(board->month), board->branches.size(),
                                          board->brokers.size(), out, lang)
              << "\n";
    return kOk;
}

/// `export report --db F --month YYYY-MM --out F.pdf|F.xlsx`: the same report as `kpi --out`.
int runReportExport(const Args& a) {
    auto chosen = monthOption(a);
    if (!chosen) return reportError(chosen.error());
    const std::optional<KpiMonth> month = *chosen;
    const auto lang = langOption(a);
    if (!lang) return reportError(lang.error());
    auto book = ReadBook::open(*a.get("db"));
    if (!book) return reportError(book.error());
    storage::Database* db = &book->db();
    // A book never refreshed has no history yet: back-fill it now (as a refresh would).
    if (auto s = services::ensureKpiHistory(*db); !s) return reportError(s.error());
    const int rc = writeBranchReport(*db, month, *a.get("out"), *lang);
    if (rc != kOk) return rc;
    return recordExport(*book, "report", 1, false, *a.get("out"));
}

int runKpi(const Args& a) {
    services::KpiQuery q;
    const std::string by = a.get("by", "");
    if (!by.empty() && by != "broker" && by != "branch" && by != "firm")
        return reportError(makeError(ErrorCode::Usage, "--by takes broker, branch or firm"));
    if (a.has("broker") && a.has("branch"))
        return reportError(makeError(ErrorCode::Usage, "give --broker or --branch, not both"));
    auto chosen = monthOption(a);
    if (!chosen) return reportError(chosen.error());
    const std::optional<KpiMonth> month = *chosen;
    auto monthsBack = intOption(a, "months", 12, 1);
    if (!monthsBack) return reportError(monthsBack.error());
    const auto langOk = langOption(a);
    if (!langOk) return reportError(langOk.error());
    const phrase::Lang lang = *langOk;
    // One scope id: a series of months; a list of brokers or branches: one month.
    bool series = true;
    if (auto b = a.get("broker")) {
        q.scope = KpiScope::Broker;
        q.scope_id = *b;
    } else if (auto r = a.get("branch")) {
        q.scope = KpiScope::Branch;
        q.scope_id = *r;
    } else if (by == "broker" || by == "branch" || (by.empty() && month)) {
        q.scope = by == "branch" ? KpiScope::Branch : KpiScope::Broker;
        series = false;
    } else {
        q.scope = KpiScope::Firm;
    }

    auto book = ReadBook::open(*a.get("db"));
    if (!book) return reportError(book.error());
    storage::Database* db = &book->db();
    auto months = services::kpiMonths(*db);
    if (!months) return reportError(months.error());
    if (months->empty() || a.has("rebuild")) {
        // A book never refreshed has no history yet: back-fill it now (as a refresh would).
        services::KpiUpdateOptions o;
        o.rebuild = a.has("rebuild");
        auto s = services::updateKpiHistory(*db, o);
        if (!s) return reportError(s.error());
        std::cerr << "kpi: "
                  << phrase::kpiComputed(s->months, s->clients, s->as_of, s->total_ms / 1000, lang)
                  << "\n";
        months = services::kpiMonths(*db);
        if (!months) return reportError(months.error());
        if (months->empty()) {
            std::cerr << "kpi: " << phrase::kpiNoHistory(lang) << "\n";
            return kOk;
        }
    }
    if (auto out = a.get("out")) return writeBranchReport(*db, month, *out, lang);
    if (series) {
        q.to = month.value_or(months->back().first);
        const std::size_t n = months->size();
        const auto back = static_cast<std::size_t>(*monthsBack);
        std::size_t last = n;
        while (last > 0 && (*months)[last - 1].first > q.to) --last;
        q.from = last == 0 ? q.to : (*months)[last > back ? last - back : 0].first;
        if (month) q.from = *month;
    } else {
        q.from = q.to = month.value_or(months->back().first);
    }
    auto lines = services::loadKpiLines(*db, q);
    if (!lines) return reportError(lines.error());
    if (lines->empty()) {
        std::cerr << "kpi: "
                  << phrase::kpiNothingStored(kpiMonthText(months->front().first),
                                              kpiMonthText(months->back().first), lang)
                  << "\n";
        return kRejected;
    }
    const auto& cols = services::kpiColumns();
    if (a.has("csv")) {
        std::vector<std::string> head{"month", "as_of", "scope", "id", "name"};
        for (const auto& c : cols) head.push_back(c.id);
        std::string out;
        const auto emit = [&](const std::vector<std::string>& fields) {
            for (std::size_t i = 0; i < fields.size(); ++i)
                out += (i ? "," : "") + services::CsvWriter::escape(fields[i]);
            out += "\r\n";
        };
        emit(head);
        for (const auto& l : *lines) {
            std::vector<std::string> f{kpiMonthText(l.row.month), l.row.as_of.toString(),
                                       scopeWord(l.row.scope), l.row.scope_id, l.name};
            for (const auto& c : cols) f.push_back(number(c, c.value(l.row.figures)));
            emit(f);
        }
        std::cout << out;
        return kOk;
    }
    if (a.has("json")) {
        std::cout << "[";
        for (std::size_t i = 0; i < lines->size(); ++i) {
            const auto& l = (*lines)[i];
            std::cout << (i ? ",\n " : "\n ")
                      << fmt::format("{{\"month\": {}, \"as_of\": {}, \"scope\": {}, \"id\": {}, "
                                     "\"name\": {}",
                                     jsonString(kpiMonthText(l.row.month)),
                                     jsonString(l.row.as_of.toString()),
                                     jsonString(scopeWord(l.row.scope)), jsonString(l.row.scope_id),
                                     jsonString(l.name));
            for (const auto& c : cols)
                std::cout << ", " << jsonString(c.id) << ": " << number(c, c.value(l.row.figures));
            std::cout << "}";
        }
        std::cout << "\n]\n";
        return kOk;
    }
    using W = phrase::KpiWord;
    const auto word = [lang](W w) { return phrase::name(w, lang); };
    std::cout << fmt::format(
        "{:<8} {:<10} {:<14} {:>7} {:>7} {:>5} {:>5} {:>16} {:>14} {:>12} "
        "{:>14} {:>5} {:>7} {:>7} {:>12} {:>7}\n",
        word(W::Month), word(W::Id), word(W::Name), word(W::Clients), word(W::Active), word(W::New),
        word(W::Lost), word(W::Aum), word(W::NetInflow), word(W::Commission), word(W::Profit12m),
        word(W::Vips), word(W::Churn), word(W::Cover), word(W::Sat), word(W::Retain));
    for (const auto& l : *lines) {
        const KpiFigures& f = l.row.figures;
        std::cout << fmt::format(
            "{:<8} {:<10} {:<14} {:>7} {:>7} {:>5} {:>5} {:>16.2f} {:>14.2f} {:>12.2f} {:>14.2f} "
            "{:>5} {:>6.1f}% {:>6.1f}% {:>12.2f} {:>6.1f}%\n",
            kpiMonthText(l.row.month),
            l.row.scope == KpiScope::Firm ? std::string(word(W::Firm)) : l.row.scope_id, l.name,
            f.clients, f.active, f.new_clients, f.lost, Money::fromUnits(f.aum).toDouble(),
            Money::fromUnits(f.net_inflow).toDouble(), Money::fromUnits(f.commission).toDouble(),
            Money::fromUnits(f.profit_12m).toDouble(), f.vips, 100 * f.vipChurnRate(),
            100 * f.coverageShare(), f.meanSatisfaction(), 100 * f.retentionRate());
    }
    const auto& last = lines->back().row;
    if (last.as_of != Date{} && kpiMonthOf(last.as_of) == last.month) {
        int y = 0, m = 0, d = 0;
        last.as_of.toYmd(y, m, d);
        if (d != daysInMonth(y, m))
            std::cout << phrase::kpiOpenMonth(kpiMonthText(last.month), last.as_of, lang) << "\n";
    }
    return kOk;
}

} // namespace

std::vector<ExportKind> makeReportExports() {
    return {exportKind("report", runReportExport)};
}

Command makeKpiCommand() {
    return catalogued("kpi", runKpi);
}

} // namespace bd::cli
