#pragma once
// A small RFC 4180 CSV writer: UTF-8, comma separated, CRLF line ends, fields quoted only
// when they contain a comma, quote, CR or LF (quotes doubled).
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace bd::services {

class CsvWriter {
  public:
    /// Opens `path` for writing (truncates). Io error when it cannot be created.
    static Result<CsvWriter> open(const std::string& path);

    /// Writes one record.
    void row(const std::vector<std::string>& fields);
    /// Flushes and closes; reports write errors (disk full, ...).
    Status close();

    /// One field escaped per RFC 4180.
    static std::string escape(std::string_view field);

  private:
    struct FileCloser {
        void operator()(std::FILE* f) const {
            if (f) std::fclose(f);
        }
    };
    CsvWriter(std::FILE* f, std::string path) : m_file(f), m_path(std::move(path)) {}
    std::unique_ptr<std::FILE, FileCloser> m_file;
    std::string m_path;
    std::string m_buffer;
};

} // namespace bd::services
