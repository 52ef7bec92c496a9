#pragma once
// Test helpers for the CDNOW reference data: a minimal JSON reader for golden_values.json and
// plain readers for the two CSV files (simple, unquoted files).
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "analytics/clv.h"
#include "core/date.h"

namespace bdtest {

/// A parsed JSON value: number, string, array or object (booleans/null kept as kind only).
struct Json {
    enum class Kind { Null, Bool, Number, String, Array, Object } kind = Kind::Null;
    double number = 0.0;
    std::string text;
    std::vector<Json> items;
    std::map<std::string, Json> fields;

    const Json& operator[](const std::string& key) const {
        auto it = fields.find(key);
        if (it == fields.end()) throw std::runtime_error("missing JSON key " + key);
        return it->second;
    }
    const Json& operator[](std::size_t i) const { return items.at(i); }
    double num() const {
        if (kind != Kind::Number) throw std::runtime_error("JSON value is not a number");
        return number;
    }

    static Json parse(const std::string& s) {
        std::size_t pos = 0;
        Json v = parseValue(s, pos);
        skip(s, pos);
        if (pos != s.size()) throw std::runtime_error("trailing JSON text");
        return v;
    }

  private:
    static void skip(const std::string& s, std::size_t& pos) {
        while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos]))) ++pos;
    }
    static std::string parseString(const std::string& s, std::size_t& pos) {
        std::string out;
        ++pos; // opening quote
        while (pos < s.size() && s[pos] != '"') {
            if (s[pos] == '\\') ++pos;
            out += s[pos++];
        }
        ++pos;
        return out;
    }
    static Json parseValue(const std::string& s, std::size_t& pos) {
        skip(s, pos);
        if (pos >= s.size()) throw std::runtime_error("unexpected end of JSON");
        Json v;
        const char c = s[pos];
        if (c == '{') {
            v.kind = Kind::Object;
            ++pos;
            skip(s, pos);
            if (s[pos] == '}') return ++pos, v;
            while (true) {
                skip(s, pos);
                std::string key = parseString(s, pos);
                skip(s, pos);
                if (s[pos++] != ':') throw std::runtime_error("expected ':'");
                v.fields[key] = parseValue(s, pos);
                skip(s, pos);
                if (s[pos] == ',') {
                    ++pos;
                    continue;
                }
                if (s[pos++] != '}') throw std::runtime_error("expected '}'");
                return v;
            }
        }
        if (c == '[') {
            v.kind = Kind::Array;
            ++pos;
            skip(s, pos);
            if (s[pos] == ']') return ++pos, v;
            while (true) {
                v.items.push_back(parseValue(s, pos));
                skip(s, pos);
                if (s[pos] == ',') {
                    ++pos;
                    continue;
                }
                if (s[pos++] != ']') throw std::runtime_error("expected ']'");
                return v;
            }
        }
        if (c == '"') {
            v.kind = Kind::String;
            v.text = parseString(s, pos);
            return v;
        }
        if (s.compare(pos, 4, "true") == 0) return pos += 4, v.kind = Kind::Bool, v.number = 1, v;
        if (s.compare(pos, 5, "false") == 0) return pos += 5, v.kind = Kind::Bool, v;
        if (s.compare(pos, 4, "null") == 0) return pos += 4, v;
        char* end = nullptr;
        v.kind = Kind::Number;
        v.number = std::strtod(s.c_str() + pos, &end);
        if (end == s.c_str() + pos) throw std::runtime_error("bad JSON number");
        pos = static_cast<std::size_t>(end - s.c_str());
        return v;
    }
};

inline std::string cdnowDir() {
    return std::string(BD_TEST_DATA_DIR) + "/cdnow";
}

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline Json golden() {
    return Json::parse(readFile(cdnowDir() + "/golden_values.json"));
}

inline std::vector<std::string> splitComma(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    for (char ch : line) {
        if (ch == ',') {
            out.push_back(cur);
            cur.clear();
        } else if (ch != '\r') {
            cur += ch;
        }
    }
    out.push_back(cur);
    return out;
}

/// The published summary: x, t_x, T (weeks, 2 decimals) and zbar per customer, in file order.
struct PublishedSummary {
    std::vector<int> id;
    bd::analytics::RfmData rfm;
    Eigen::VectorXd zbar;
};

inline PublishedSummary publishedSummary() {
    std::istringstream in(readFile(cdnowDir() + "/cdnow_customers_summary_with_transactions.csv"));
    std::string line;
    std::getline(in, line); // header
    std::vector<double> x, tx, T, z;
    PublishedSummary s;
    while (std::getline(in, line)) {
        if (line.empty() || line == "\r") continue;
        auto f = splitComma(line);
        s.id.push_back(std::stoi(f.at(0)));
        x.push_back(std::stod(f.at(1)));
        tx.push_back(std::stod(f.at(2)));
        T.push_back(std::stod(f.at(3)));
        z.push_back(std::stod(f.at(4)));
    }
    const auto n = static_cast<Eigen::Index>(x.size());
    s.rfm.x = Eigen::Map<Eigen::VectorXd>(x.data(), n);
    s.rfm.t_x = Eigen::Map<Eigen::VectorXd>(tx.data(), n);
    s.rfm.T = Eigen::Map<Eigen::VectorXd>(T.data(), n);
    s.zbar = Eigen::Map<Eigen::VectorXd>(z.data(), n);
    return s;
}

/// The transactions grouped by customer id (ids are 1..2357, so index = id − 1).
inline std::vector<std::vector<bd::analytics::Purchase>> cdnowPurchases() {
    std::istringstream in(readFile(cdnowDir() + "/cdnow_transactions.csv"));
    std::string line;
    std::getline(in, line);
    std::vector<std::vector<bd::analytics::Purchase>> out;
    while (std::getline(in, line)) {
        if (line.empty() || line == "\r") continue;
        auto f = splitComma(line);
        const auto id = static_cast<std::size_t>(std::stoi(f.at(0)));
        if (out.size() < id) out.resize(id);
        auto d = bd::parseDate(f.at(1));
        if (!d) throw std::runtime_error("bad date " + f.at(1));
        out[id - 1].push_back({d->days, std::stod(f.at(2))});
    }
    return out;
}

} // namespace bdtest
