#pragma once
// Schema version 7: what changed after version 6 (conventions as in schema_v1.h).
#include <string>
#include <string_view>

#include "core/facts.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// The book stores facts, never words (core/facts.h): a follow-up task's reasons and talking
/// points and a dropped item's reason become kinds with their arguments (one JSON object per
/// reason), and a generated segment name becomes its theme and distinguishing feature
/// (segments.name_fact) while a name the user edited stays as the user wrote it. Older books
/// stored both languages' sentences ("kinds\nEnglish\nChinese"); the migration reads the
/// arguments back from the English sentence, and a sentence it cannot read keeps its kind only
/// (the phrasebook words such a reason in general terms).
extern const std::string_view kSchemaV7FactsNotWords; // the SQL before the conversion
/// The conversion itself (run in the migration's transaction, after kSchemaV7FactsNotWords).
Status convertV6WordsToFacts(Database& db);

/// An old reasons column ("kinds\nEnglish\nChinese") as encoded facts; talking points likewise
/// from their English line, given the reasons' facts. Public for the migration's tests.
std::string v6ReasonsToFacts(std::string_view stored);
std::string v6PointsToFacts(std::string_view stored, std::string_view storedReasons);
/// An old dropped item's reason (its code and English sentence) as a fact.
DropFact v6DropToFact(int reason, const std::string& en);
/// An old factor name ("trading activity & asset size") as theme keys ("activity&assets").
std::string v6FactorNameToThemes(const std::string& words);
/// An old generated segment name (Chinese, e.g. 高资产（资产规模较高）) as an encoded
/// SegmentName; "" when it is not one.
std::string v6SegmentNameToFact(std::string_view nameZh);

} // namespace bd::storage
