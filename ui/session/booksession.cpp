#include "session/booksession.h"

#include <spdlog/spdlog.h>

#include <type_traits>

#include "services/segmentation.h"
#include "services/servicepolicies.h"

namespace bd::ui {

BookSession::BookSession(services::Database book, QObject* parent)
    : QObject(parent), m_book(std::move(book)) {
    setObjectName("bookSession");
}

BookSession::~BookSession() = default;

QString BookSession::path() const {
    return QString::fromStdString(m_book.path());
}

Status BookSession::open(const QString& path) {
    services::OpenOptions options;
    options.create = false; // opening a typo must not create an empty book
    auto db = services::openBook(path.toStdString(), options);
    if (!db) {
        spdlog::error("open book {}: {}", path.toStdString(), db.error().toString());
        return db.error();
    }
    m_book = std::move(*db);
    announce(services::BookReplaced{});
    return {};
}

Result<services::ContactLogResult> BookSession::logContact(const services::ContactLog& log) {
    auto r = services::logContact(m_book, log);
    if (!r) return r;
    const auto clients = services::ClientSet::of({r->client_ref});
    announce(services::ContactsChange{clients, 1});
    // The contact closed, or booked, plan items of the client's broker.
    if (r->completed_task || r->retry_task || r->promised_task)
        announce(services::PlanChange{clients, {r->broker_id}});
    return r;
}

Result<Date> BookSession::reschedule(const services::PlanItem& item, Date to) {
    auto r = services::rescheduleItem(m_book, item.task_id, to);
    if (r)
        announce(
            services::PlanChange{services::ClientSet::of({item.client_ref}), {item.broker_id}});
    return r;
}

Status BookSession::skip(const services::PlanItem& item, const std::string& reason) {
    auto s = services::skipItem(m_book, item.task_id, reason);
    if (s)
        announce(
            services::PlanChange{services::ClientSet::of({item.client_ref}), {item.broker_id}});
    return s;
}

Result<services::PlanSummary> BookSession::rebuildPlan(const services::PlanOptions& options) {
    auto r = services::rebuildPlan(m_book, options);
    if (r) announce(services::PlanChange{services::ClientSet::all(), {}});
    return r;
}

Status BookSession::renameSegment(int segmentId, const std::string& nameZh,
                                  const std::string& nameEn) {
    auto s = services::renameSegment(m_book, segmentId, nameZh, nameEn);
    if (s)
        announce(
            services::AnalyticsChange{services::AnalyticsChange::Kind::SegmentNames, {segmentId}});
    return s;
}

Status BookSession::saveServicePolicies(const std::vector<analytics::ServicePolicy>& policies) {
    auto s = services::saveServicePolicies(m_book, policies);
    if (s) announce(services::SettingsChange{services::SettingsChange::Kind::ServicePolicies});
    return s;
}

void BookSession::announce(const services::BookChange& change) {
    std::visit(
        [this](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, services::ContactsChange>)
                emit contactsChanged(c);
            else if constexpr (std::is_same_v<T, services::PlanChange>)
                emit planChanged(c);
            else if constexpr (std::is_same_v<T, services::AnalyticsChange>)
                emit analyticsChanged(c);
            else if constexpr (std::is_same_v<T, services::ClientsChange>)
                emit clientsChanged(c);
            else if constexpr (std::is_same_v<T, services::SettingsChange>)
                emit settingsChanged(c);
            else
                emit bookReplaced();
        },
        change);
}

} // namespace bd::ui
