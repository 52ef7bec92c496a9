#include "services/csvwriter.h"

#include "core/fileerror.h"

#include <cerrno>
#include <cstring>

namespace bd::services {

Result<CsvWriter> CsvWriter::open(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f)
        return fileError(ErrorCode::Io, std::string("cannot write file: ") + std::strerror(errno),
                         path);
    return CsvWriter(f, path);
}

std::string CsvWriter::escape(std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
    std::string out = "\"";
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

void CsvWriter::row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) m_buffer += ',';
        m_buffer += escape(fields[i]);
    }
    m_buffer += "\r\n";
    if (m_buffer.size() >= (1u << 16)) {
        std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file.get());
        m_buffer.clear();
    }
}

Status CsvWriter::close() {
    if (!m_file) return {};
    std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file.get());
    m_buffer.clear();
    const bool bad = std::ferror(m_file.get()) != 0;
    const int rc = std::fclose(m_file.release());
    if (bad || rc != 0) {
        Error e = makeError(ErrorCode::Io, "write failed");
        e.file = m_path;
        return e;
    }
    return {};
}

} // namespace bd::services
