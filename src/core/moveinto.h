#pragma once
// Loading a value's parts one by one, each a Result, stopping at the first error.
#include <utility>

#include "core/result.h"

namespace bd {

/// Moves a result's value into `to`, or gives its error:
///   if (auto s = moveInto(out.run, readRun(db, id)); !s) return s.error();
template <typename T, typename U>
Status moveInto(T& to, Result<U> r) {
    if (!r) return r.error();
    to = std::move(*r);
    return {};
}

} // namespace bd
