#include "storage/import/filebytes.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace bd::storage {
namespace {

Error ioError(const std::string& path, const char* what) {
    Error e = makeError(ErrorCode::Io, what);
    e.file = path;
    return e;
}

} // namespace

FileBytes::~FileBytes() {
    if (m_map) munmap(m_map, m_mapSize);
}

std::string_view FileBytes::view() const {
    if (m_map) return {static_cast<const char*>(m_map), m_mapSize};
    return m_copy;
}

std::size_t FileBytes::release(std::size_t from, std::size_t to) const {
    if (!m_map || to <= from) return from;
    static const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    const std::size_t begin = (from + page - 1) / page * page;
    const std::size_t end = std::min(to, m_mapSize) / page * page;
    if (end <= begin) return from;
    (void)madvise(static_cast<char*>(m_map) + begin, end - begin, MADV_DONTNEED);
    return end;
}

bool FileBytes::maps(std::string_view text) const {
    const auto* base = static_cast<const char*>(m_map);
    return m_map && !text.empty() && text.data() >= base &&
           text.data() + text.size() <= base + m_mapSize;
}

Status FileBytes::load(const std::string& path, FileBytes& out) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ioError(path, "cannot open file");
    struct stat st {};
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        const auto size = static_cast<std::size_t>(st.st_size);
        // MAP_POPULATE: one call maps the whole file instead of a page fault per 4 KiB.
        void* p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (p != MAP_FAILED) {
            (void)madvise(p, size, MADV_SEQUENTIAL);
            ::close(fd);
            out.m_map = p;
            out.m_mapSize = size;
            return {};
        }
    }
    // Not a regular file (a pipe), empty, or not mappable: read it all.
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n == 0) break;
        if (n < 0) {
            ::close(fd);
            return ioError(path, "cannot read file");
        }
        out.m_copy.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return {};
}

} // namespace bd::storage
