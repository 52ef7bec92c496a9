// Whole numbers and amounts of an import row at and beyond the 64-bit range: refused with a
// located error and no overflowing arithmetic (the sanitizer build fails on the latter).
#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/import/import_rowparser.h"

namespace {

using bd::storage::CsvRecord;
using bd::storage::imp::HeaderMap;
using bd::storage::imp::RowParser;
using bd::storage::imp::Sign;

/// One field named `quantity` in the 3rd column of line 7.
struct OneField {
    explicit OneField(std::string v) : value(std::move(v)) {
        map.field = {2};
        map.header = {"quantity"};
        map.fieldCount = 3;
        rec.fields = {"a", "b", value};
        rec.line = 7;
    }
    std::optional<std::int64_t> integer(std::int64_t min, std::int64_t max) {
        std::optional<std::int64_t> out;
        RowParser p(map, rec, errors, nullptr);
        const bool ok = p.integer(0, true, min, max, out);
        EXPECT_EQ(ok, out.has_value());
        return out;
    }
    std::optional<bd::Money> money() {
        std::optional<bd::Money> out;
        RowParser p(map, rec, errors, nullptr);
        const bool ok = p.money(0, true, Sign::Any, out);
        EXPECT_EQ(ok, out.has_value());
        return out;
    }
    /// The one error, located at line 7, column 3, with the value as written.
    std::string error() const {
        EXPECT_EQ(errors.size(), 1u);
        if (errors.size() != 1) return "";
        EXPECT_EQ(errors[0].line, 7);
        EXPECT_EQ(errors[0].column, 3);
        EXPECT_EQ(errors[0].column_name, "quantity");
        EXPECT_EQ(errors[0].value, value);
        return errors[0].message;
    }
    std::string value;
    HeaderMap map;
    CsvRecord rec;
    std::vector<bd::Error> errors;
};

TEST(ImportNumbers, TwoThousandDigitQuantityIsTooLarge) {
    OneField f(std::string(2000, '9'));
    EXPECT_FALSE(f.integer(1, INT64_MAX));
    EXPECT_EQ(f.error(), "whole number too large (at most 9223372036854775807)");
}

TEST(ImportNumbers, Int64Boundaries) {
    EXPECT_EQ(OneField("9223372036854775807").integer(INT64_MIN, INT64_MAX), INT64_MAX);
    EXPECT_EQ(OneField("9,223,372,036,854,775,807").integer(1, INT64_MAX), INT64_MAX);
    EXPECT_EQ(OneField("-9223372036854775808").integer(INT64_MIN, INT64_MAX), INT64_MIN);
    EXPECT_EQ(OneField("-9223372036854775807").integer(INT64_MIN, INT64_MAX), -INT64_MAX);
    EXPECT_EQ(OneField("+0").integer(0, 0), 0);

    OneField over("9223372036854775808");
    EXPECT_FALSE(over.integer(INT64_MIN, INT64_MAX));
    EXPECT_EQ(over.error(), "whole number too large (at most 9223372036854775807)");
    OneField under("-9223372036854775809");
    EXPECT_FALSE(under.integer(INT64_MIN, INT64_MAX));
    EXPECT_EQ(under.error(), "whole number too small (at least -9223372036854775808)");
}

TEST(ImportNumbers, HugeValuesOutsideANarrowRangeGetTheRangeRule) {
    OneField sat(std::string(50, '7'));
    EXPECT_FALSE(sat.integer(1, 5));
    EXPECT_EQ(sat.error(), "must be between 1 and 5");
    OneField negative("-" + std::string(2000, '9'));
    EXPECT_FALSE(negative.integer(1, INT64_MAX));
    EXPECT_EQ(negative.error(), "must be greater than 0");
    OneField malformed(std::string(2000, '9') + ".5");
    EXPECT_FALSE(malformed.integer(1, INT64_MAX));
    EXPECT_EQ(malformed.error(), "expected a whole number");
}

TEST(ImportNumbers, HugeAmountIsOutOfRange) {
    EXPECT_EQ(OneField("922337203685477.5807").money()->units, INT64_MAX);
    OneField huge(std::string(2000, '9') + ".99");
    EXPECT_FALSE(huge.money());
    EXPECT_EQ(huge.error(), "amount out of range (at most 922,337,203,685,477.5807 in magnitude)");
    OneField bad("12x");
    EXPECT_FALSE(bad.money());
    EXPECT_EQ(bad.error(), "invalid amount (digits with up to 4 decimals)");
}

} // namespace
