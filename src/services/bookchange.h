#pragma once
// What a write changed in a book, as plain facts. The workstation's BookSession announces each
// change to its views as a signal of its kind; writers to come (editing, an import in the
// workstation, other desks' changes from a branch server) describe theirs in the same terms.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace bd::services {

/// The clients a change touches: some, by row id (clients.id), or every client.
struct ClientSet {
    bool everyone = false;
    std::vector<std::int64_t> refs; // sorted, without repeats; empty for everyone

    static ClientSet all();
    static ClientSet of(std::vector<std::int64_t> refs);
    bool contains(std::int64_t ref) const;
    bool empty() const { return !everyone && refs.empty(); }
    friend bool operator==(const ClientSet&, const ClientSet&) = default;
};

/// Contacts of these clients were added (or edited, or removed).
struct ContactsChange {
    ClientSet clients;
    std::int64_t added = 0; // contacts added; negative when removed
    friend bool operator==(const ContactsChange&, const ContactsChange&) = default;
};

/// Follow-up tasks of these clients, in these brokers' plans, changed (planned, done, moved,
/// skipped, booked). A rebuild touches every client and every broker.
struct PlanChange {
    ClientSet clients;
    std::vector<std::string> brokers; // sorted, without repeats; empty when every broker

    /// True when broker `id`'s plan may have changed.
    bool touchesBroker(const std::string& id) const;
    friend bool operator==(const PlanChange&, const PlanChange&) = default;
};

/// Analytics results changed: a new run (scores, VIPs, segments), or segment names edited.
struct AnalyticsChange {
    enum class Kind { NewRun = 1, SegmentNames };
    Kind kind = Kind::NewRun;
    std::vector<int> segment_ids; // the renamed segments (SegmentNames)
    friend bool operator==(const AnalyticsChange&, const AnalyticsChange&) = default;
};

/// Client records (profile, broker, status) changed, or clients came or went.
struct ClientsChange {
    ClientSet clients;
    friend bool operator==(const ClientsChange&, const ClientsChange&) = default;
};

/// A book setting changed. ValueModel: costs, weights, VIP % (the VIP page ranks again, the
/// Value page says a refresh is needed); Planning: capacities, channel limits, deadlines, the
/// slipping-away share (the plan is rebuilt with them); Segmentation: the Kotler thresholds;
/// General: the risk assessment's validity.
struct SettingsChange {
    enum class Kind {
        ServicePolicies = 1,
        PortfolioOptions,
        ValueModel,
        Calendar,
        SegmentCount,
        Planning,
        Segmentation,
        General,
        Surveys // a survey template or campaign was added (its calls enter the next plan)
    };
    Kind kind = Kind::ServicePolicies;
    friend bool operator==(const SettingsChange&, const SettingsChange&) = default;
};

/// Another book was opened, or the book was read again after other programs wrote to it:
/// anything may differ.
struct BookReplaced {
    friend bool operator==(const BookReplaced&, const BookReplaced&) = default;
};

/// Any of the above.
using BookChange = std::variant<ContactsChange, PlanChange, AnalyticsChange, ClientsChange,
                                SettingsChange, BookReplaced>;

} // namespace bd::services
