#pragma once
// A small, portable random generator for analytics (same stream on every platform and compiler,
// unlike std:: distributions), so seeded results are reproducible everywhere.
#include <cstdint>

namespace bd::analytics {

/// SplitMix64 step: a well-mixed 64-bit value from a state; also used to derive sub-seeds.
inline std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/// xoshiro256** generator seeded through SplitMix64.
class Rng {
  public:
    explicit Rng(std::uint64_t seed) {
        for (auto& s : m_s) s = splitmix64(seed);
    }
    /// Seed of stream `index` derived from a master seed (restart r, sample, ...).
    static std::uint64_t derive(std::uint64_t master, std::uint64_t index) {
        std::uint64_t st = master ^ (0xD1B54A32D192ED03ULL * (index + 1));
        return splitmix64(st);
    }
    /// Next 64 random bits.
    std::uint64_t next() {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    /// Uniform double in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform integer in [0, n) (n > 0; exact enough for n << 2^53).
    std::uint64_t below(std::uint64_t n) {
        const auto v = static_cast<std::uint64_t>(uniform() * static_cast<double>(n));
        return v < n ? v : n - 1;
    }

  private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4]{};
};

} // namespace bd::analytics
