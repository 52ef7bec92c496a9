// FileBytes: a regular file is mapped, anything else read; either way the same bytes.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "storage/import/filebytes.h"
#include "support/tempdir.h"

using bd::storage::FileBytes;

namespace {

std::filesystem::path tempDir() {
    auto dir = bdtest::scratchDir() / ("bd_filebytes_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace

TEST(FileBytes, RegularFileEmptyFileFifoAndMissingFile) {
    const auto dir = tempDir();
    std::string content;
    for (int i = 0; i < 50000; ++i) content += "line " + std::to_string(i) + ",数据\n";
    content += std::string("\0tail", 5); // any byte, NUL included
    {
        std::ofstream(dir / "a.csv", std::ios::binary) << content;
        std::ofstream(dir / "empty.csv", std::ios::binary);
    }
    {
        FileBytes f;
        ASSERT_TRUE(FileBytes::load((dir / "a.csv").string(), f).ok());
        EXPECT_EQ(f.view(), content);
    }
    {
        FileBytes f;
        ASSERT_TRUE(FileBytes::load((dir / "empty.csv").string(), f).ok());
        EXPECT_TRUE(f.view().empty());
    }
    {
        // A named pipe cannot be mapped: it is read to its end.
        const auto fifo = dir / "pipe.csv";
        ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
        std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << content; });
        FileBytes f;
        const auto s = FileBytes::load(fifo.string(), f);
        writer.join();
        ASSERT_TRUE(s.ok());
        EXPECT_EQ(f.view(), content);
    }
    {
        FileBytes f;
        const auto s = FileBytes::load((dir / "missing.csv").string(), f);
        ASSERT_FALSE(s.ok());
        EXPECT_EQ(s.error().code, bd::ErrorCode::Io);
        EXPECT_EQ(s.error().file, (dir / "missing.csv").string());
    }
    std::filesystem::remove_all(dir);
}
