// libFuzzer target: a clients.csv through a strict and a lenient import into a seeded book
// (fuzz/harness.h).
#include <cstddef>
#include <cstdint>

#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return bd::fuzz::fuzzOne(bd::fuzz::Harness::Clients, data, size);
}
