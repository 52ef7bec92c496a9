// `export review`: a client's portfolio review for a meeting, as a PDF (drawn by bd_reports).
#include <algorithm>
#include <cctype>
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "reports/reviewpdf.h"
#include "services/portfolioservice.h"
#include "services/portfoliosettings.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

bool endsWithPdf(std::string path) {
    std::transform(path.begin(), path.end(), path.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return path.size() > 4 && path.compare(path.size() - 4, 4, ".pdf") == 0;
}

int runReview(const Args& a) {
    const char* const who = "brokerdesk-cli export review: ";
    const auto client = a.get("client");
    if (!client || client->empty()) {
        std::cerr << who << "--client ID is required\n";
        return static_cast<int>(kUsage);
    }
    const std::string out = a.get("out", "");
    if (!endsWithPdf(out)) {
        std::cerr << who << "--out must name a .pdf file (got '" << out << "')\n";
        return static_cast<int>(kUsage);
    }
    std::optional<Date> asOf;
    if (auto s = a.get("as-of")) {
        asOf = parseDate(*s);
        if (!asOf) {
            std::cerr << who << "--as-of '" << *s << "' is not a date (YYYY-MM-DD)\n";
            return static_cast<int>(kUsage);
        }
    }
    const auto language = reports::parseReviewLanguage(a.get("lang", "en"));
    if (!language) {
        std::cerr << who << "--lang must be zh or en\n";
        return static_cast<int>(kUsage);
    }
    const auto copy = reports::parseReviewCopy(a.get("copy", "client"));
    if (!copy) {
        std::cerr << who << "--copy must be client or broker\n";
        return static_cast<int>(kUsage);
    }

    auto book = ReadBook::open(a.get("db", ""));
    if (!book) return reportError(book.error());
    storage::Database* db = &book->db();
    // The book's badge thresholds, suitability house rule and cost method (Settings).
    auto portfolioOptions = services::loadPortfolioOptions(*db);
    if (!portfolioOptions) return reportError(portfolioOptions.error());
    // A merged client's id reviews the client it was merged into (and says so). Looked up in
    // the book itself: on a server the copy holds only the login's clients, and a colleague's
    // is refused there as not the login's (NotYours), not as unknown.
    auto found = lookupClientNamed(book->records().store(), *client);
    if (!found) return reportError(found.error());
    auto review =
        services::loadPortfolioReview(*db, found->record.client.client_id, asOf, *portfolioOptions);
    if (!review) {
        if (review.error().code == ErrorCode::NotFound) {
            std::cerr << who << review.error().message << " in " << a.get("db", "") << "\n";
            return static_cast<int>(kRejected);
        }
        return reportError(review.error());
    }

    const auto& r = review->report;
    const Status written = reports::writeClientReviewPdf(out, *review, *language, *copy);
    if (!written) return reportError(written.error());
    if (int rc = recordExport(*book, "review", 1, false, out)) return rc;

    std::cout << "wrote the portfolio review of " << r.client_id << " as of "
              << (r.as_of ? r.as_of->toString() : std::string("-")) << " (" << r.holdings.size()
              << " holdings, " << r.suitability_mismatches.size() << " suitability mismatches) to "
              << out << "\n";
    return static_cast<int>(kOk);
}

} // namespace

std::vector<ExportKind> makeReviewExports() {
    return {exportKind("review", runReview)};
}

} // namespace bd::cli
