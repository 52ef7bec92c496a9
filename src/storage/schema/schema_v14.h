#pragma once
// Schema version 14: satisfaction surveys and return visits (conventions as in schema_v1.h).
#include <string_view>

namespace bd::storage {

/// Surveys and return visits (issue 21 item 4): `survey_templates` and their `survey_items`
/// (1..5 items scored 1..5; a standard template's items are kinds the phrasebook words, a
/// manager's are stored as typed), `survey_campaigns` (a template aimed at an audience, launched
/// on a day with a deadline), `survey_calls` (one per client of a launched campaign, with the
/// queue it went to and its deadline; answered once a contact carries its answers) and
/// `survey_answers` (per contact and item; item 0 is the 0..10 "would you recommend").
/// Two standard templates come with the book (service satisfaction; compliance return visit).
extern const std::string_view kSchemaV14Surveys; // the migration (schema_v14.cpp)

} // namespace bd::storage
