#pragma once
// The bytes of an input file, read-only. A regular file is mapped into memory rather than
// copied: an import reads a nightly export of hundreds of MB once, and a copy costs zeroing and
// filling that much memory before the first record is parsed. Anything else (a pipe, a file
// that cannot be mapped) is read into memory as before. Like any mapping, a file cut short by
// another program during the import would fault; an export is complete before it is imported.
#include <string>
#include <string_view>

#include "core/result.h"

namespace bd::storage {

class FileBytes {
  public:
    FileBytes() = default;
    ~FileBytes();
    FileBytes(const FileBytes&) = delete;
    FileBytes& operator=(const FileBytes&) = delete;

    /// Opens `path` (errors: ErrorCode::Io with the file set).
    static Status load(const std::string& path, FileBytes& out);
    std::string_view view() const;
    /// Lets go of the whole pages of a mapped file within [from, to) (offsets into view()): a
    /// file is read front to back once, and its pages would otherwise stay resident (counted
    /// as the process's memory) until the end. Reading them again faults them back in from the
    /// file, so a late reader still sees the bytes. No-op for a file read into memory. Returns
    /// the end of what it let go (page-aligned; `from` when nothing): where the next call
    /// should start so that no page is left behind.
    std::size_t release(std::size_t from, std::size_t to) const;
    /// `text` lies in the mapping (not a copy or a conversion): release() applies to it.
    bool maps(std::string_view text) const;

  private:
    void* m_map = nullptr;
    std::size_t m_mapSize = 0;
    std::string m_copy;
};

} // namespace bd::storage
