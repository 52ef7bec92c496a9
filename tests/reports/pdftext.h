#pragma once
// The text of a PDF as a back office's tools read it: poppler's pdftotext (poppler-utils, from
// scripts/deps). What it extracts is what a user can search for and copy.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace bdtest {

/// Whether pdftotext was found when the tests were configured.
inline bool havePdfToText() {
    return std::string(BD_PDFTOTEXT).size() > 0;
}

/// The UTF-8 text of `path` (pages `first`..`last`, 1-based; 0 = all), in reading order, or in
/// the page's layout with `layout`. Fails the running test when pdftotext is missing or fails.
inline std::string pdfText(const std::string& path, int first = 0, int last = 0,
                           bool layout = false) {
    if (!havePdfToText()) {
        ADD_FAILURE() << "pdftotext is missing: install poppler-utils (scripts/deps)";
        return {};
    }
    std::string cmd = std::string("'") + BD_PDFTOTEXT + "' -q -enc UTF-8";
    if (layout) cmd += " -layout";
    if (first > 0) cmd += " -f " + std::to_string(first);
    if (last > 0) cmd += " -l " + std::to_string(last);
    cmd += " '" + path + "' -";
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) {
        ADD_FAILURE() << "cannot run " << cmd;
        return {};
    }
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    const int status = pclose(p);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        ADD_FAILURE() << cmd << " failed (status " << status << ")";
    return out;
}

/// What poppler says about the file's structure while reading it ("" for a well-formed PDF;
/// a broken cross-reference table makes it complain and reconstruct).
inline std::string pdfComplaints(const std::string& path) {
    std::string out;
    const std::string cmd = std::string("'") + BD_PDFTOTEXT + "' '" + path + "' /dev/null 2>&1";
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        pclose(p);
    }
    return out;
}

/// How often `needle` occurs in `hay`.
inline int occurrences(const std::string& hay, const std::string& needle) {
    int n = 0;
    for (std::size_t p = hay.find(needle); p != std::string::npos;
         p = hay.find(needle, p + needle.size()))
        ++n;
    return n;
}

} // namespace bdtest
