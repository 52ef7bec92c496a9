// libFuzzer target: any bytes through encoding detection, GB18030 conversion and the CSV reader
// (fuzz/harness.h).
#include <cstddef>
#include <cstdint>

#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return bd::fuzz::fuzzOne(bd::fuzz::Harness::Csv, data, size);
}
