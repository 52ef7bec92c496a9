#pragma once
// A directory of the test's own under the system temporary directory, removed with it.
// Unique per process, per test and per instance, so that CTest may run any tests side by side
// (`ctest -j8 --schedule-random`) and a test may be repeated without meeting its own leftovers.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace bdtest {

/// `<suite>_<test>` of the running test, fit for a file name ("suite" outside a test).
inline std::string currentTestName() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name =
        info ? std::string(info->test_suite_name()) + "_" + info->name() : std::string("suite");
    for (char& c : name)
        if (c == '/' || c == ' ') c = '_';
    return name;
}

class TempDir {
  public:
    /// `tag` names the directory for a reader of a leftover one (a test killed mid-way).
    explicit TempDir(const std::string& tag = "") {
        static std::atomic<int> counter{0};
        std::string name = "bd_" + currentTestName();
        if (!tag.empty()) name += "_" + tag;
        name += "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
        m_path = std::filesystem::temp_directory_path() / name;
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    /// The path of `name` inside the directory (not created).
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    /// Writes `bytes` to `name` inside the directory; returns its path.
    std::string write(const std::string& name, const std::string& bytes) const {
        const std::string p = file(name);
        std::ofstream(p, std::ios::binary) << bytes;
        return p;
    }

  private:
    std::filesystem::path m_path;
};

/// The scratch directory of the running test: `<tmp>/bd_<pid>/<suite>_<test>`, created on first
/// use; the process's root is removed when the process ends. For helpers that are free
/// functions (fixtures can hold a TempDir instead).
inline std::filesystem::path scratchDir() {
    struct ProcessRoot {
        std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("bd_" + std::to_string(::getpid()) + "_tests");
        ProcessRoot() {
            std::error_code ec;
            std::filesystem::remove_all(path, ec); // a leftover of a killed process of that pid
        }
        ~ProcessRoot() {
            std::error_code ec;
            std::filesystem::remove_all(path, ec);
        }
    };
    static ProcessRoot root;
    auto dir = root.path / currentTestName();
    std::filesystem::create_directories(dir);
    return dir;
}

/// The path of a file under tests/data (in the repository: tests never read outside it).
inline std::string testData(const std::string& relative) {
    return std::string(BD_TEST_DATA_DIR) + "/" + relative;
}

} // namespace bdtest
