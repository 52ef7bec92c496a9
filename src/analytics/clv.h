#pragma once
// Customer lifetime value: from per-customer transaction days to BG/NBD + Gamma-Gamma predictions.
//
// Usage (e.g. a refresh pipeline; one inner vector per client, any order, duplicates allowed):
//
//   std::vector<std::vector<bd::analytics::Purchase>> days = ...;  // {day, value} per trade
//   auto summary = bd::analytics::summarizeCustomers(days, asOf, bd::analytics::TimeUnit::Week);
//   if (!summary) return summary.error();
//   auto models = bd::analytics::fitClvModels(*summary);           // BG/NBD + Gamma-Gamma (ML)
//   if (!models) return models.error();
//   auto pred = bd::analytics::predictClv(summary->rfm, summary->m_x,
//                                         models->bgnbd.params, models->gamma_gamma.params,
//                                         bd::analytics::horizonUnits(TimeUnit::Week, 52));
//   // pred->p_alive[i], pred->expected_transactions[i], pred->expected_value[i] belong to
//   // input customer summary->source[i].
//
// Conventions (the CDNOW reference, see tests/data/cdnow/README.md): all of a
// customer's purchases on one date are one transaction worth their sum; purchases after the
// calibration end are ignored; x = transaction days after the first; t_x = last − first;
// T = calibration_end − first (in the time unit); m_x = mean value of the repeat days.
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "analytics/bgnbd.h"
#include "analytics/gammagamma.h"
#include "core/date.h"
#include "core/result.h"

namespace bd::analytics {

enum class TimeUnit { Week, Day };

/// Days per time unit (7 or 1).
double unitDays(TimeUnit unit);
/// A horizon of `weeks` weeks in the given unit (52 weeks = 52 or 364).
double horizonUnits(TimeUnit unit, double weeks);

/// One purchase (or trade): its date as bd::Date::days and its value (any currency unit).
struct Purchase {
    std::int32_t day = 0;
    double value = 0.0;
};

/// Calibration summary of the customers who had bought by the calibration end.
struct CustomerSummary {
    RfmData rfm;                     // x, t_x, T per included customer (no weights)
    Eigen::VectorXd m_x;             // mean value of the repeat transaction days (0 when x = 0)
    std::vector<std::size_t> source; // index of each row in the input customer list
    TimeUnit unit = TimeUnit::Week;
};

/// Builds the RFM summary. Customers with no purchase on or before `calibration_end` are left
/// out (see `source`). Error on a non-finite value.
Result<CustomerSummary> summarizeCustomers(const std::vector<std::vector<Purchase>>& customers,
                                           Date calibration_end, TimeUnit unit);

/// The Gamma-Gamma inputs (x, m_x) of a summary.
SpendData spendData(const CustomerSummary& summary);

struct ClvModels {
    BgNbdFit bgnbd;
    GammaGammaFit gamma_gamma;
};

/// Fits BG/NBD on all rows and Gamma-Gamma on the rows with x > 0 and m_x > 0.
Result<ClvModels> fitClvModels(const CustomerSummary& summary, const BgNbdFitOptions& bgnbd = {},
                               const GammaGammaFitOptions& gamma_gamma = {});

/// Per-customer predictions, aligned with the rows of the input.
struct ClvPrediction {
    Eigen::VectorXd p_alive;               // P(alive | x, t_x, T)
    Eigen::VectorXd expected_transactions; // E[Y(horizon) | x, t_x, T]
    Eigen::VectorXd expected_value;        // E(Z | x, m_x) per future transaction
};

/// Predictions for every row (identical rows are computed once). `horizon` is in the time unit
/// of `rfm`. Error on invalid data/parameters or when Gamma-Gamma q <= 1.
Result<ClvPrediction> predictClv(const RfmData& rfm, const Eigen::VectorXd& m_x,
                                 const BgNbdParams& bgnbd, const GammaGammaParams& gamma_gamma,
                                 double horizon);

} // namespace bd::analytics
