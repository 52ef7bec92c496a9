// The follow-up loop on the command line: `plan` (rebuild), `log-contact`, `coverage`, and the
// `export calllist` kind. Everything goes through the plan's use cases in services/ (planrebuild,
// planitems, contactlog, coverage, calllistrows).
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "core/json.h"
#include "phrasebook/phrasebook.h"
#include "services/calllistexport.h"
#include "services/calllistrows.h"
#include "services/commands/command.h"
#include "services/commands/refusals.h"
#include "services/contactlog.h"
#include "services/coverage.h"
#include "services/deadlinesettings.h"
#include "services/plancalendar.h"
#include "services/planitems.h"
#include "services/planrebuild.h"
#include "services/recordbook.h"
#include "services/serverbatch.h"
#include "storage/schema/schema.h"

#if __has_include("reports/callsheetpdf.h")
#include "reports/callsheetpdf.h"
#define BD_HAVE_CALLSHEET_PDF 1
#endif

namespace bd::cli {
namespace {

std::string weekday(Date d) {
    static const char* kNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return kNames[d.isoWeekday() - 1];
}

bool endsWith(const std::string& s, const std::string& suffix) {
    if (s.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        char c = s[s.size() - suffix.size() + i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != suffix[i]) return false;
    }
    return true;
}

int runPlan(const Args& a) {
    auto date = dateOption(a, "date");
    if (!date) return reportError(date.error());
    auto days = intOption(a, "days", 10, 1, 60);
    if (!days) return reportError(days.error());
    auto capacity = intOption(a, "capacity", 30, 1, 1000);
    if (!capacity) return reportError(capacity.error());
    auto list = intOption(a, "list", 20, 0, 1000000);
    if (!list) return reportError(list.error());
    auto deskCapacity = intOption(a, "desk-capacity", 0, 0, 100000);
    if (!deskCapacity) return reportError(deskCapacity.error());
    services::PlanOptions o;
    if (auto d = a.get("deadline")) {
        auto overrides = services::parseDeadlineList(*d);
        if (!overrides) return reportError(overrides.error());
        o.deadline_overrides = std::move(*overrides);
    }
    o.as_of = *date;
    o.horizon_working_days = *days;
    o.default_daily_capacity = *capacity;
    o.service_desk_daily_capacity = *deskCapacity;
    o.vips_stay_with_broker = a.has("vips-with-broker");
    if (auto share = a.get("slipping-share")) {
        char* end = nullptr;
        const double v = std::strtod(share->c_str(), &end);
        if (end == share->c_str() || *end != '\0' || !(v >= 0.0 && v <= 1.0))
            return reportError(expects("slipping-share", "0 to 1", *share));
        o.low_value_slipping_share = v;
    }
    auto sum = [&]() -> Result<services::PlanSummary> {
        if (storage::isServerLocation(*a.get("db"))) {
            auto c = storage::PgConnection::connect(*a.get("db"));
            if (!c) return c.error();
            services::KeptCopyOptions kept;
            if (auto dir = a.get("cache-dir")) kept.dir = *dir;
            services::ServerBatchTimings t;
            auto planned = services::rebuildServerPlan(*c, o, &t, kept);
            if (planned) printKeptCopyNight(t);
            return planned;
        }
        auto db = storage::openBook(*a.get("db"), {.create = false});
        if (!db) return db.error();
        return services::rebuildPlan(*db, o);
    }();
    if (!sum) return reportError(sum.error());
    const auto& s = *sum;
    std::cout << fmt::format("plan run {} as of {}: {} working days, {} .. {}\n", s.run_id,
                             s.as_of.toString(), s.per_day.size(), s.first_day.toString(),
                             s.last_day.toString());
    std::cout << fmt::format("clients {} · with a reason to call {} · planned {} · kept bookings "
                             "{} · dropped {}\n",
                             s.clients, s.candidates, s.planned, s.held, s.dropped.size());
    for (const auto& w : s.warnings) std::cout << "warning: " << w << "\n";
    std::cout << fmt::format("service desk's queue ({}): planned {} · dropped {}; on brokers' "
                             "lists: {}\n",
                             kServiceDeskQueue, s.service_desk_planned, s.service_desk_dropped,
                             s.planned - s.service_desk_planned);
    std::cout << "planned calls per day:\n";
    for (const auto& [d, n] : s.per_day)
        std::cout << fmt::format("  {} {}  {:>6}\n", d.toString(), weekday(d), n);
    if (!s.by_trigger.empty()) {
        std::cout << "reasons on planned calls:";
        for (const auto& [k, n] : s.by_trigger)
            std::cout << fmt::format(" {} {};", phrase::name(k, phrase::Lang::En), n);
        std::cout << "\n";
    }
    if (!s.deadlines_by_kind.empty()) {
        std::size_t total = 0, missed = 0;
        for (const auto& [k, n] : s.deadlines_by_kind) total += n;
        for (const auto& [k, n] : s.shortfalls_by_kind) missed += n;
        std::cout << fmt::format("deadlines in the horizon {} · met {} · missed {}", total,
                                 total - missed, missed);
        if (missed > 0) {
            std::cout << " (";
            const char* sep = "";
            for (const auto& [k, n] : s.shortfalls_by_kind) {
                std::cout << fmt::format("{}{} {}", sep, phrase::name(k, phrase::Lang::En), n);
                sep = "; ";
            }
            std::cout << ")";
        }
        std::cout << "\n";
        const std::size_t shown = std::min(s.shortfalls.size(), static_cast<std::size_t>(*list));
        if (shown > 0)
            std::cout << fmt::format("deadlines missed (by broker, {} of {}; `coverage` lists "
                                     "them all):\n",
                                     shown, s.shortfalls.size());
        for (std::size_t i = 0; i < shown; ++i) {
            const auto& m = s.shortfalls[i];
            std::cout << fmt::format("  {:<10} {:<12} {:>7.3f}  {}\n", m.broker_id, m.client_id,
                                     m.priority, phrase::drop(m.why, phrase::Lang::En));
        }
    }
    if (!s.dropped.empty()) {
        std::cout << "dropped by reason:";
        for (const auto& [r, n] : s.dropped_by_reason)
            std::cout << fmt::format(" {} {};", phrase::name(r, phrase::Lang::En), n);
        std::cout << "\n";
        // Highest priority first across brokers: the ones a manager most needs to see.
        std::vector<const analytics::DroppedItem*> order;
        for (const auto& d : s.dropped) order.push_back(&d);
        std::stable_sort(order.begin(), order.end(), [](const auto* x, const auto* y) {
            if (x->priority != y->priority) return x->priority > y->priority;
            return x->client_ref < y->client_ref;
        });
        const std::size_t shown = std::min(order.size(), static_cast<std::size_t>(*list));
        if (shown > 0)
            std::cout << fmt::format("dropped items (highest priority first, {} of {}; all are "
                                     "stored with the run):\n",
                                     shown, order.size());
        for (std::size_t i = 0; i < shown; ++i)
            std::cout << fmt::format("  {:<10} {:<12} {:>7.3f}  {}\n", order[i]->broker_id,
                                     order[i]->client_id, order[i]->priority,
                                     phrase::drop(order[i]->why, phrase::Lang::En));
    }
    std::cout << fmt::format("timings: load {:.0f} ms, triggers {:.0f} ms, plan {:.0f} ms, save "
                             "{:.0f} ms\n",
                             s.timings.load_ms, s.timings.triggers_ms, s.timings.plan_ms,
                             s.timings.save_ms);
    return kOk;
}

int runLogContact(const Args& a) {
    services::ContactLog log;
    log.client_id = *a.get("client");
    // The parsers never give Unknown: an empty or unknown word is refused.
    const std::string channel = *a.get("channel");
    auto ch = parseContactChannel(channel);
    if (!ch) return reportError(expects("channel", kChannelWords, channel));
    log.channel = *ch;
    const std::string outcome = *a.get("outcome");
    auto out = parseOutcome(outcome);
    if (!out) return reportError(expects("outcome", kOutcomeWords, outcome));
    log.outcome = *out;
    if (a.has("satisfaction")) {
        auto s = intOption(a, "satisfaction", 0, 1, 5);
        if (!s) return reportError(s.error());
        log.satisfaction = *s;
    }
    log.notes = a.get("notes", "");
    if (auto d = a.get("direction")) {
        auto dir = parseDirection(*d);
        if (!dir) return reportError(expects("direction", "inbound or outbound", *d));
        log.direction = *dir;
    }
    auto next = dateOption(a, "next");
    if (!next) return reportError(next.error());
    log.next_follow_up = *next;
    if (auto at = a.get("at")) {
        auto t = parseDateTime(*at);
        if (!t) {
            auto d = parseDate(*at);
            if (!d) return reportError(expects("at", "YYYY-MM-DD HH:MM[:SS]", *at));
            t = DateTime::fromParts(*d, 12, 0, 0);
        }
        log.at = *t;
    }
    if (auto c = a.get("survey")) {
        // The answers to the client's survey call: --answers 4,5,3 --recommend 9.
        services::SurveyResponse r;
        auto id = a.getInt("survey", 0);
        if (!id) return reportError(id.error());
        r.campaign_id = *id;
        auto rec = a.getInt("recommend", -1);
        if (!rec) return reportError(rec.error());
        r.recommend = static_cast<int>(*rec);
        const std::string list = a.get("answers", "");
        for (std::size_t from = 0; from < list.size();) {
            auto comma = list.find(',', from);
            if (comma == std::string::npos) comma = list.size();
            const std::string one = list.substr(from, comma - from);
            char* end = nullptr;
            const long v = std::strtol(one.c_str(), &end, 10);
            if (one.empty() || *end != '\0')
                return reportError(expects("answers", "scores like 4,5,3", list));
            r.item_scores.push_back(static_cast<int>(v));
            from = comma + 1;
        }
        log.survey = r;
    } else if (a.has("answers") || a.has("recommend")) {
        return reportError(
            makeError(ErrorCode::Usage, "--answers and --recommend need --survey CAMPAIGN"));
    }
    auto book = services::RecordBook::open(*a.get("db"));
    if (!book) return reportError(book.error());
    auto applied = book->execute({{}, services::cmd::LogContact{log}});
    if (!applied) return reportError(applied.error());
    const auto& r = applied->contact;
    std::cout << fmt::format("contact {} recorded for {} ({} by {})\n", r->contact_id,
                             log.client_id, toString(log.outcome), toString(log.channel));
    if (r->completed_task)
        std::cout << fmt::format("plan item {} {}\n", *r->completed_task,
                                 log.outcome == Outcome::NoAnswer ? "attempted" : "completed");
    else
        std::cout << "no open plan item for this client\n";
    if (r->survey_campaign)
        std::cout << fmt::format("survey call of campaign {} answered\n", *r->survey_campaign);
    if (r->retry_task)
        std::cout << fmt::format("no answer {} time(s) in a row: retry {} by {}{} (item {})\n",
                                 r->no_answer_streak, r->retry_date->toString(),
                                 toString(r->retry_channel),
                                 r->channel_switched ? " (channel switched)" : "", *r->retry_task);
    if (r->promised_task)
        std::cout << fmt::format("promised follow-up booked on {} (item {})\n",
                                 r->promised_date->toString(), *r->promised_task);
    return kOk;
}

int runCoverage(const Args& a) {
    auto date = dateOption(a, "date");
    if (!date) return reportError(date.error());
    const auto lang = langOption(a);
    if (!lang) return reportError(lang.error());
    auto book = ReadBook::open(*a.get("db"));
    if (!book) return reportError(book.error());
    auto rep = services::computeCoverage(book->db(), *date);
    if (!rep) return reportError(rep.error());
    if (a.has("json")) {
        auto line = [](const services::CoverageLine& l, bool broker) {
            std::string s = "{\"id\": " + jsonString(l.id);
            if (broker) s += ", \"branch_id\": " + jsonString(l.branch_id);
            // No clients to cover: no share (null), not 100%.
            s += fmt::format(", \"clients\": {}, \"covered\": {}, \"share\": {}, \"overdue\": "
                             "{}, \"vips\": {}, \"neglected_vips\": {}, \"deadlines_missed\": {}}}",
                             l.clients, l.covered,
                             l.hasClients() ? fmt::format("{:.4f}", l.share) : "null", l.overdue,
                             l.vips, l.neglected_vips, l.deadlines_missed);
            return s;
        };
        std::cout << "{\"as_of\": " << jsonString(rep->as_of.toString())
                  << ",\n \"total\": " << line(rep->total, false) << ",\n \"brokers\": [";
        for (std::size_t i = 0; i < rep->brokers.size(); ++i)
            std::cout << (i ? ",\n   " : "\n   ") << line(rep->brokers[i], true);
        std::cout << "],\n \"branches\": [";
        for (std::size_t i = 0; i < rep->branches.size(); ++i)
            std::cout << (i ? ",\n   " : "\n   ") << line(rep->branches[i], false);
        std::cout << "],\n \"neglected_vips\": [";
        for (std::size_t i = 0; i < rep->neglected.size(); ++i) {
            const auto& v = rep->neglected[i];
            std::cout << (i ? ",\n   " : "\n   ")
                      << fmt::format("{{\"client_id\": {}, \"name\": {}, \"broker_id\": {}, "
                                     "\"branch_id\": {}, \"cadence_days\": {}, \"last_contact\": "
                                     "{}, \"days_since\": {}}}",
                                     jsonString(v.client_id), jsonString(v.name),
                                     jsonString(v.broker_id), jsonString(v.branch_id),
                                     v.cadence_days,
                                     v.last_contact ? jsonString(v.last_contact->toString())
                                                    : std::string("null"),
                                     v.days_since);
        }
        std::cout << "],\n \"plan_as_of\": "
                  << (rep->plan_as_of ? jsonString(rep->plan_as_of->toString())
                                      : std::string("null"))
                  << ",\n \"deadline_shortfalls\": [";
        for (std::size_t i = 0; i < rep->shortfalls.size(); ++i) {
            const auto& m = rep->shortfalls[i];
            std::cout << (i ? ",\n   " : "\n   ")
                      << fmt::format(
                             "{{\"client_id\": {}, \"broker_id\": {}, \"branch_id\": {}, "
                             "\"kind\": {}, \"deadline\": {}, \"planned\": {}, "
                             "\"reason\": {}}}",
                             jsonString(m.client_id), jsonString(m.broker_id),
                             jsonString(m.branch_id), jsonString(std::string(factKey(m.kind))),
                             jsonString(m.deadline.toString()),
                             m.planned ? jsonString(m.planned->toString()) : std::string("null"),
                             jsonString(phrase::drop(m.why, phrase::Lang::En)));
        }
        std::cout << "]}\n";
        return kOk;
    }
    std::cout << phrase::coverageHeading(rep->as_of, *lang) << "\n";
    using W = phrase::CoverageWord;
    const auto word = [&](W w) { return phrase::name(w, *lang); };
    auto print = [&](W title, const std::vector<services::CoverageLine>& lines, bool total) {
        std::cout << fmt::format("{:<12} {:>8} {:>8} {:>7} {:>8} {:>6} {:>10} {:>9}\n", word(title),
                                 word(W::Clients), word(W::Covered), word(W::Share),
                                 word(W::Overdue), word(W::Vips), word(W::Neglected),
                                 word(W::Deadlines));
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const auto& l = lines[i];
            std::cout << fmt::format(
                "{:<12} {:>8} {:>8} {:>7} {:>8} {:>6} {:>10} {:>9}\n",
                phrase::coverageRow(l.id, total && i + 1 == lines.size(), *lang), l.clients,
                l.covered, l.hasClients() ? fmt::format("{:.1f}%", 100.0 * l.share) : "-",
                l.overdue, l.vips, l.neglected_vips, l.deadlines_missed);
        }
    };
    print(W::Broker, rep->brokers, false);
    std::cout << "\n";
    auto branches = rep->branches;
    branches.push_back(rep->total);
    print(W::Branch, branches, true);
    if (!rep->neglected.empty()) {
        std::cout << "\n" << phrase::neglectedVipsHeading(rep->neglected.size(), *lang) << "\n";
        for (const auto& v : rep->neglected)
            std::cout << fmt::format("  {:<12} {:<16} {}\n", v.client_id, v.name,
                                     phrase::neglectedVip(v.broker_id, v.cadence_days,
                                                          v.last_contact, v.days_since, *lang));
    }
    if (!rep->shortfalls.empty()) {
        std::cout << "\n"
                  << phrase::missedDeadlinesHeading(*rep->plan_as_of, rep->shortfalls.size(), *lang)
                  << "\n";
        for (const auto& m : rep->shortfalls)
            std::cout << fmt::format("  {:<12} {:<16} {}\n", m.client_id, m.name,
                                     phrase::drop(m.why, *lang));
    }
    return kOk;
}

int runCallListExport(const Args& a) {
    auto broker = a.get("broker");
    if (!broker) return reportError(makeError(ErrorCode::Usage, "name the broker (--broker ID)"));
    const std::string out = *a.get("out");
    const bool csv = endsWith(out, ".csv"), xlsx = endsWith(out, ".xlsx"),
               pdf = endsWith(out, ".pdf");
    if (!csv && !xlsx && !pdf)
        return reportError(
            makeError(ErrorCode::Usage, "name the --out file *.csv, *.xlsx or *.pdf"));
#ifndef BD_HAVE_CALLSHEET_PDF
    if (pdf)
        return reportError(makeError(ErrorCode::Usage,
                                     "PDF output not available in this build (the call-sheet "
                                     "renderer is not linked); use .csv or .xlsx"));
#endif
    const auto lang = langOption(a);
    if (!lang) return reportError(lang.error());
    const phrase::Lang words = *lang;
    auto date = dateOption(a, "date");
    if (!date) return reportError(date.error());
    auto days = intOption(a, "days", 1, 1, 60);
    if (!days) return reportError(days.error());
    auto book = ReadBook::open(*a.get("db"));
    if (!book) return reportError(book.error());
    storage::Database* db = &book->db();
    auto brokers = storage::loadPlanBrokers(*db);
    if (!brokers) return reportError(brokers.error());
    const auto b = std::find_if(brokers->begin(), brokers->end(),
                                [&](const auto& r) { return r.broker_id == *broker; });
    // The service desk's queue is listed like a broker's (core/enums.h kServiceDeskQueue).
    const bool desk = *broker == kServiceDeskQueue;
    // A broker the copy does not hold: on a server a colleague the copy leaves out is not
    // the login's (NotYours), one the book does not know is unknown (the phrasebook's words).
    if (b == brokers->end() && !desk)
        return reportError(services::cmd::brokerOutOfView(book->records().store(), *broker));
    auto cal = services::loadBookCalendar(*db);
    if (!cal) return reportError(cal.error());
    const Date first = cal->workingDayOnOrAfter(date->value_or(services::localToday()));
    const Date last = cal->addWorkingDays(first, *days - 1);

    auto run = storage::latestPlanRun(*db);
    if (!run) return reportError(run.error());
    if (!*run) {
        // A book that was never planned: plan it now rather than export an empty list.
        services::PlanOptions o;
        o.as_of = first;
        o.horizon_working_days = std::max(10, *days);
        auto sum = services::rebuildPlan(*db, o);
        if (!sum) return reportError(sum.error());
        std::cerr << phrase::planMadeForCallList(sum->planned, first, words) << "\n";
    }
    if (*run && (last > (*run)->last_day || first < (*run)->first_day))
        std::cerr << phrase::planCoversOnly((*run)->as_of, (*run)->first_day, (*run)->last_day,
                                            book->isServer(), words)
                  << "\n";
    auto items = services::loadBrokerPlan(*db, *broker, first, last);
    if (!items) return reportError(items.error());
    services::CallListOptions opt;
    opt.language = words == phrase::Lang::Zh ? services::CallListLanguage::Chinese
                                             : services::CallListLanguage::English;
    opt.mask_phone = a.has("mask");
    const auto rows = services::callListRowsFor(*items, opt);
    Status st;
    if (csv) {
        st = services::writeCallListCsv(out, rows, opt.language);
    } else if (xlsx) {
        st = services::writeCallListXlsx(out, rows, opt.language);
    } else {
#ifdef BD_HAVE_CALLSHEET_PDF
        reports::CallSheetOptions po;
        po.broker_id = *broker;
        if (desk) {
            po.broker_name = std::string(phrase::queueName(kServiceDeskQueue, words));
        } else {
            po.broker_name = b->name;
            po.branch = b->branch_id;
        }
        po.language = opt.language;
        st = reports::writeCallSheetPdf(out, rows, po);
#endif
    }
    if (!st) return reportError(st.error());
    if (int rc = recordExport(*book, "calllist", std::ssize(rows), opt.mask_phone, out)) return rc;
    std::cout << fmt::format("{} calls for {} {} from {} to {} written to {}\n", rows.size(),
                             desk ? "the queue" : "broker", *broker, first.toString(),
                             last.toString(), out);
    return kOk;
}

} // namespace

std::vector<Command> makePlanCommands() {
    return {catalogued("plan", runPlan), catalogued("log-contact", runLogContact),
            catalogued("coverage", runCoverage)};
}

std::vector<ExportKind> makePlanExports() {
    return {exportKind("calllist", runCallListExport)};
}

} // namespace bd::cli
