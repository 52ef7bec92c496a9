#include "demo/demonames.h"

#include <array>
#include <set>
#include <utility>
#include <vector>

#include "core/idnumber.h"

namespace bd::demo {
namespace {

// Surnames with their approximate share of the population (percent).
constexpr std::pair<std::string_view, double> kSurnames[] = {
    {"王", 7.25},    {"李", 7.19},    {"张", 6.83}, {"刘", 5.38}, {"陈", 4.53},   {"杨", 3.08},
    {"赵", 2.29},    {"黄", 2.23},    {"吴", 2.05}, {"周", 1.95}, {"徐", 1.58},   {"孙", 1.48},
    {"胡", 1.31},    {"朱", 1.21},    {"马", 1.20}, {"郭", 1.15}, {"林", 1.03},   {"何", 1.00},
    {"高", 1.00},    {"罗", 0.87},    {"郑", 0.78}, {"梁", 0.77}, {"谢", 0.72},   {"宋", 0.64},
    {"唐", 0.62},    {"许", 0.61},    {"韩", 0.60}, {"冯", 0.58}, {"邓", 0.55},   {"曹", 0.54},
    {"彭", 0.53},    {"曾", 0.50},    {"肖", 0.50}, {"田", 0.46}, {"董", 0.45},   {"袁", 0.43},
    {"潘", 0.42},    {"于", 0.41},    {"蒋", 0.41}, {"蔡", 0.40}, {"余", 0.39},   {"杜", 0.39},
    {"叶", 0.38},    {"程", 0.37},    {"苏", 0.36}, {"魏", 0.35}, {"吕", 0.34},   {"丁", 0.33},
    {"任", 0.32},    {"沈", 0.31},    {"姚", 0.30}, {"卢", 0.30}, {"姜", 0.29},   {"崔", 0.28},
    {"钟", 0.28},    {"谭", 0.27},    {"陆", 0.26}, {"汪", 0.26}, {"范", 0.25},   {"金", 0.25},
    {"石", 0.24},    {"廖", 0.24},    {"贾", 0.23}, {"夏", 0.23}, {"韦", 0.22},   {"付", 0.22},
    {"方", 0.22},    {"白", 0.21},    {"邹", 0.21}, {"孟", 0.20}, {"熊", 0.20},   {"秦", 0.20},
    {"邱", 0.19},    {"江", 0.19},    {"尹", 0.18}, {"薛", 0.18}, {"闫", 0.17},   {"段", 0.17},
    {"雷", 0.17},    {"侯", 0.16},    {"龙", 0.16}, {"史", 0.16}, {"陶", 0.15},   {"黎", 0.15},
    {"贺", 0.15},    {"顾", 0.14},    {"毛", 0.14}, {"郝", 0.14}, {"龚", 0.13},   {"邵", 0.13},
    {"万", 0.13},    {"钱", 0.13},    {"严", 0.12}, {"覃", 0.12}, {"武", 0.12},   {"戴", 0.12},
    {"莫", 0.11},    {"孔", 0.11},    {"向", 0.11}, {"汤", 0.11}, {"欧阳", 0.03}, {"司马", 0.01},
    {"上官", 0.006}, {"诸葛", 0.005},
};

constexpr std::string_view kMaleChars[] = {
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华",
    "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "旭", "宁", "龙", "林", "阳", "建",
    "国", "志", "文", "海", "峰", "东", "晨", "博", "家", "子", "天", "泽", "睿", "豪", "铭",
    "轩", "昊", "亮", "成", "军", "兵", "忠", "德", "永", "春", "庆", "彬", "毅", "然", "航"};
constexpr std::string_view kFemaleChars[] = {
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "玲", "燕", "萍", "红",
    "婷", "雪", "琳", "慧", "颖", "晶", "洁", "倩", "佳", "怡", "欣", "悦", "梦",
    "雨", "思", "婉", "瑶", "琪", "璐", "妍", "馨", "薇", "露", "丹", "月", "晓",
    "雅", "蓉", "莉", "兰", "凤", "梅", "琴", "云", "君", "宁", "诗"};

struct City {
    std::string_view name;
    std::vector<std::string_view> areas;
};

const std::vector<City>& cities() {
    static const std::vector<City> kCities{
        {"上海",
         {"310101", "310103", "310104", "310105", "310106", "310107", "310108", "310109", "310110",
          "310112", "310113", "310115", "310116", "310117", "310118", "310120"}},
        {"北京",
         {"110101", "110102", "110105", "110106", "110107", "110108", "110111", "110112",
          "110114"}},
        {"深圳", {"440303", "440304", "440305", "440306", "440307"}},
        {"杭州", {"330102", "330105", "330106", "330108", "330109", "330110"}},
        {"南京", {"320102", "320104", "320105", "320106", "320111", "320115"}},
        {"成都", {"510104", "510105", "510106", "510107", "510108"}},
        {"武汉", {"420102", "420103", "420104", "420106", "420111"}},
        {"广州", {"440103", "440104", "440105", "440106", "440111", "440113"}},
    };
    return kCities;
}

// Areas people commonly move to a big city from.
constexpr std::string_view kElsewhere[] = {
    "320583", "320506", "330203", "330302", "340104", "350203", "360102", "370102", "370202",
    "410105", "430104", "450103", "500103", "610113", "120101", "130102", "140105", "210102",
    "220102", "230103", "530102", "520102", "620102", "341202", "321282", "412726", "421003",
    "360502", "350583", "440882", "511702", "130682", "371302", "420984", "432503"};

constexpr BranchInfo kBranches[] = {
    {"上海浦东新区世纪大道营业部", 0}, {"上海徐汇区漕溪北路营业部", 0},
    {"北京朝阳区建国路营业部", 1},     {"深圳福田区益田路营业部", 2},
    {"杭州西湖区文三路营业部", 3},     {"南京鼓楼区中山北路营业部", 4},
    {"成都高新区天府大道营业部", 5},   {"武汉江汉区建设大道营业部", 6},
    {"广州天河区珠江新城营业部", 7},
};

constexpr std::string_view kMobilePrefixes[] = {
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150",
    "151", "152", "153", "155", "156", "157", "158", "159", "180", "181", "182",
    "183", "185", "186", "187", "188", "189", "191", "193", "195", "198", "199"};

template <typename T, std::size_t N>
const T& pick(rnd::Engine& g, const T (&items)[N]) {
    return items[rnd::below(g, N)];
}

void appendDigits(std::string& out, rnd::Engine& g, int n) {
    for (int i = 0; i < n; ++i) out += static_cast<char>('0' + rnd::below(g, 10));
}

} // namespace

std::span<const BranchInfo> branchCatalogue() {
    return kBranches;
}

std::string chineseName(rnd::Engine& g, Gender gender) {
    static const std::vector<double> kWeights = [] {
        std::vector<double> w;
        for (const auto& s : kSurnames) w.push_back(s.second);
        return w;
    }();
    std::string name(kSurnames[rnd::weighted(g, kWeights)].first);
    const bool male = gender == Gender::Male;
    auto given = [&]() -> std::string_view {
        return male ? pick(g, kMaleChars) : pick(g, kFemaleChars);
    };
    const std::string_view first = given();
    name += first;
    if (rnd::chance(g, 0.78)) { // most given names have two characters
        if (!male && rnd::chance(g, 0.04)) {
            name += first; // reduplicated: 婷婷, 晶晶
        } else {
            std::string_view second = given();
            while (second == first) second = given();
            name += second;
        }
    }
    return name;
}

std::string_view areaCode(rnd::Engine& g, int city) {
    const auto& cs = cities();
    if (city < 0 || city >= static_cast<int>(cs.size()) || rnd::chance(g, 0.25))
        return pick(g, kElsewhere);
    const auto& areas = cs[static_cast<std::size_t>(city)].areas;
    return areas[rnd::below(g, areas.size())];
}

std::string idNumber(rnd::Engine& g, std::string_view area, Date birth, Gender gender) {
    int y = 0, m = 0, d = 0;
    birth.toYmd(y, m, d);
    std::string id(area);
    id.reserve(18);
    id += std::to_string(y);
    id += static_cast<char>('0' + m / 10);
    id += static_cast<char>('0' + m % 10);
    id += static_cast<char>('0' + d / 10);
    id += static_cast<char>('0' + d % 10);
    appendDigits(id, g, 2);
    const int parity = gender == Gender::Male ? 1 : 0;
    id += static_cast<char>('0' + 2 * static_cast<int>(rnd::below(g, 5)) + parity);
    id += idNumberCheckChar(id);
    return id;
}

std::string mobilePhone(rnd::Engine& g) {
    std::string p(pick(g, kMobilePrefixes));
    appendDigits(p, g, 8);
    return p;
}

bool isMobilePhone(std::string_view phone) {
    if (phone.size() != 11) return false;
    for (char c : phone)
        if (c < '0' || c > '9') return false;
    for (auto prefix : kMobilePrefixes)
        if (phone.substr(0, 3) == prefix) return true;
    return false;
}

std::string emailAddress(rnd::Engine& g) {
    std::string out;
    const double u = rnd::uniform01(g);
    if (u < 0.55) { // QQ mail: the QQ number itself
        out += static_cast<char>('1' + rnd::below(g, 9));
        appendDigits(out, g, static_cast<int>(rnd::between(g, 6, 9)));
        out += "@qq.com";
        return out;
    }
    static constexpr std::string_view kSyllables[] = {
        "wang", "li",  "zhang", "liu",  "chen", "yang", "huang", "zhao", "wu",  "zhou",
        "xu",   "sun", "ma",    "zhu",  "hu",   "lin",  "wei",   "jun",  "hua", "ming",
        "xiao", "yu",  "hong",  "feng", "lei",  "jie",  "ling",  "fang", "yan", "hao"};
    out += pick(g, kSyllables);
    out += pick(g, kSyllables);
    if (rnd::chance(g, 0.7))
        out += std::to_string(rnd::between(g, 1960, 2005) % 100 + 100).substr(1);
    static constexpr std::string_view kDomains[] = {"@163.com",     "@163.com",     "@126.com",
                                                    "@sina.com",    "@foxmail.com", "@gmail.com",
                                                    "@hotmail.com", "@aliyun.com"};
    out += pick(g, kDomains);
    return out;
}

namespace {

struct Anchor {
    std::string_view code;
    std::string_view name;
    Board board;
    int risk;
    std::string_view industry;
    double price;
};

// Well-known listings so the book looks familiar; prices are only starting points.
constexpr Anchor kAnchors[] = {
    {"600519.SH", "贵州茅台", Board::Main, 3, "食品饮料", 1680.00},
    {"601318.SH", "中国平安", Board::Main, 3, "非银金融", 42.50},
    {"600036.SH", "招商银行", Board::Main, 3, "银行", 31.20},
    {"000858.SZ", "五粮液", Board::Main, 3, "食品饮料", 142.00},
    {"000333.SZ", "美的集团", Board::Main, 3, "家用电器", 58.30},
    {"300750.SZ", "宁德时代", Board::ChiNext, 4, "电力设备", 165.00},
    {"002594.SZ", "比亚迪", Board::Main, 3, "汽车", 228.00},
    {"601012.SH", "隆基绿能", Board::Main, 3, "电力设备", 21.80},
    {"600276.SH", "恒瑞医药", Board::Main, 3, "医药生物", 44.60},
    {"000001.SZ", "平安银行", Board::Main, 3, "银行", 10.30},
    {"601166.SH", "兴业银行", Board::Main, 3, "银行", 16.40},
    {"600900.SH", "长江电力", Board::Main, 3, "公用事业", 23.10},
    {"601888.SH", "中国中免", Board::Main, 3, "商贸零售", 78.00},
    {"300059.SZ", "东方财富", Board::ChiNext, 4, "非银金融", 13.60},
    {"688981.SH", "中芯国际", Board::Star, 4, "电子", 52.00},
    {"688111.SH", "金山办公", Board::Star, 4, "计算机", 318.00},
    {"300760.SZ", "迈瑞医疗", Board::ChiNext, 4, "医药生物", 286.00},
    {"002415.SZ", "海康威视", Board::Main, 3, "计算机", 32.50},
    {"600030.SH", "中信证券", Board::Main, 3, "非银金融", 20.70},
    {"601398.SH", "工商银行", Board::Main, 3, "银行", 4.95},
    {"601288.SH", "农业银行", Board::Main, 3, "银行", 3.72},
    {"601857.SH", "中国石油", Board::Main, 3, "石油石化", 7.60},
    {"600028.SH", "中国石化", Board::Main, 3, "石油石化", 5.80},
    {"000651.SZ", "格力电器", Board::Main, 3, "家用电器", 33.90},
    {"600309.SH", "万华化学", Board::Main, 3, "基础化工", 82.00},
    {"002475.SZ", "立讯精密", Board::Main, 3, "电子", 29.40},
    {"603259.SH", "药明康德", Board::Main, 3, "医药生物", 64.00},
    {"600887.SH", "伊利股份", Board::Main, 3, "食品饮料", 26.80},
    {"000568.SZ", "泸州老窖", Board::Main, 3, "食品饮料", 188.00},
    {"601899.SH", "紫金矿业", Board::Main, 3, "有色金属", 12.90},
    {"600048.SH", "保利发展", Board::Main, 3, "房地产", 11.20},
    {"000002.SZ", "万科A", Board::Main, 3, "房地产", 11.80},
    {"601088.SH", "中国神华", Board::Main, 3, "煤炭", 29.50},
    {"300015.SZ", "爱尔眼科", Board::ChiNext, 4, "医药生物", 17.20},
    {"688599.SH", "天合光能", Board::Star, 4, "电力设备", 28.60},
    {"002714.SZ", "牧原股份", Board::Main, 3, "农林牧渔", 41.00},
    {"600031.SH", "三一重工", Board::Main, 3, "机械设备", 14.80},
    {"601633.SH", "长城汽车", Board::Main, 3, "汽车", 24.30},
    {"000725.SZ", "京东方A", Board::Main, 3, "电子", 3.95},
    {"600585.SH", "海螺水泥", Board::Main, 3, "建筑材料", 23.40},
    {"830799.BJ", "艾融软件", Board::Bse, 4, "计算机", 21.50},
    {"430047.BJ", "诺思兰德", Board::Bse, 5, "医药生物", 12.30},
    {"510300.SH", "沪深300ETF", Board::Fund, 3, "指数基金", 3.65},
    {"510050.SH", "上证50ETF", Board::Fund, 3, "指数基金", 2.48},
    {"159915.SZ", "创业板ETF", Board::Fund, 3, "指数基金", 1.86},
    {"588000.SH", "科创50ETF", Board::Fund, 3, "指数基金", 0.92},
    {"512880.SH", "证券ETF", Board::Fund, 3, "行业基金", 0.88},
    {"512010.SH", "医药ETF", Board::Fund, 3, "行业基金", 0.46},
    {"518880.SH", "黄金ETF", Board::Fund, 3, "商品基金", 4.75},
    {"159941.SZ", "纳指ETF", Board::Fund, 4, "跨境基金", 1.02},
    {"511010.SH", "国债ETF", Board::Fund, 2, "债券基金", 124.50},
    {"511880.SH", "银华日利", Board::Fund, 1, "货币基金", 100.30},
    {"511990.SH", "华宝添益", Board::Fund, 1, "货币基金", 100.00},
    {"511660.SH", "建信添益", Board::Fund, 1, "货币基金", 100.10},
    {"113052.SH", "兴业转债", Board::Bond, 3, "可转债", 106.80},
    {"110059.SH", "浦发转债", Board::Bond, 3, "可转债", 104.20},
    {"127045.SZ", "牧原转债", Board::Bond, 3, "可转债", 118.50},
    {"128136.SZ", "立讯转债", Board::Bond, 3, "可转债", 121.00},
};

struct IndustryWords {
    std::string_view industry;
    std::array<std::string_view, 4> suffixes;
};

constexpr IndustryWords kIndustries[] = {
    {"电子", {"电子", "光电", "微电子", "精密"}},   {"计算机", {"软件", "信息", "数据", "科技"}},
    {"医药生物", {"医药", "生物", "药业", "医疗"}}, {"电力设备", {"电气", "新能", "能源", "电力"}},
    {"汽车", {"汽车", "汽配", "动力", "车桥"}},     {"机械设备", {"机械", "重工", "装备", "智能"}},
    {"基础化工", {"化工", "化学", "新材", "材料"}}, {"有色金属", {"矿业", "铝业", "锂业", "资源"}},
    {"食品饮料", {"食品", "酒业", "乳业", "饮品"}}, {"家用电器", {"电器", "家电", "厨电", "科技"}},
    {"传媒", {"传媒", "文化", "影视", "互动"}},     {"通信", {"通信", "网络", "光通", "信息"}},
    {"国防军工", {"航空", "航天", "防务", "装备"}}, {"建筑装饰", {"建设", "建工", "装饰", "设计"}},
    {"交通运输", {"物流", "航运", "港务", "快运"}}, {"公用事业", {"电力", "水务", "燃气", "环境"}},
    {"农林牧渔", {"农业", "牧业", "种业", "渔业"}}, {"纺织服饰", {"服饰", "纺织", "家纺", "时尚"}},
    {"轻工制造", {"包装", "家居", "纸业", "印务"}}, {"商贸零售", {"商业", "百货", "零售", "商贸"}},
};

constexpr std::string_view kNameHeads[] = {"华", "中", "东", "金", "海", "天", "新", "恒", "国",
                                           "长", "宏", "凯", "瑞", "鼎", "盛", "泰", "联", "鸿",
                                           "永", "安", "博", "远", "荣", "嘉", "众", "兴", "光",
                                           "宇", "晨", "万", "明", "信", "正", "德", "亿"};
constexpr std::string_view kNameTails[] = {"信", "泰", "达", "源", "宇", "科", "润", "欣", "华",
                                           "通", "发", "成", "康", "力", "德", "隆", "汇", "锦",
                                           "辰", "创", "威", "立", "讯", "川", "峰", "诚", "和"};

struct BoardSpec {
    Board board;
    std::array<std::string_view, 4> prefixes; // 3-digit code prefixes ("" = unused)
    std::string_view market;
    double share; // of the generated listings
};

constexpr BoardSpec kBoardSpecs[] = {
    {Board::Main, {"600", "601", "603", "605"}, "SH", 0.36},
    {Board::Main, {"000", "001", "002", "003"}, "SZ", 0.30},
    {Board::ChiNext, {"300", "301", "", ""}, "SZ", 0.16},
    {Board::Star, {"688", "689", "", ""}, "SH", 0.09},
    {Board::Bse, {"430", "831", "832", "872"}, "BJ", 0.03},
    {Board::Fund, {"510", "512", "515", "159"}, "", 0.04},
    {Board::Bond, {"110", "113", "123", "127"}, "", 0.02},
};

/// A board's daily volatility and price limit, in Board order.
struct BoardMoves {
    double vol, limit;
};
constexpr BoardMoves kBoardMoves[] = {{0.019, 0.1}, {0.019, 0.1}, {0.028, 0.2}, {0.032, 0.2},
                                      {0.036, 0.3}, {0.012, 0.1}, {0.011, 0.2}};
static_assert(std::size(kBoardMoves) == kEnumCodes<Board>);

BoardMoves boardMoves(Board b) {
    return kBoardMoves[static_cast<std::size_t>(b)];
}

} // namespace

std::vector<SecuritySeed> securityCatalogue(rnd::Engine& g, int count) {
    std::vector<SecuritySeed> out;
    std::set<std::string> codes;
    std::set<std::string> names;
    for (const auto& a : kAnchors) {
        SecuritySeed s{.code = std::string(a.code),
                       .name = std::string(a.name),
                       .board = a.board,
                       .risk = a.risk,
                       .industry = std::string(a.industry),
                       .price = a.price,
                       .vol = boardMoves(a.board).vol,
                       .beta = rnd::uniform(g, 0.7, 1.3),
                       .lot = a.board == Board::Bond ? 10 : 100,
                       .limit = boardMoves(a.board).limit};
        if (a.board == Board::Fund) {
            if (a.risk == 1) {
                s.vol = 0.00015; // money-market ETFs barely move
                s.beta = 0.0;
            } else if (a.risk == 2) {
                s.vol = 0.0015;
                s.beta = 0.02;
            } else {
                s.beta = 1.0;
            }
        }
        codes.insert(s.code);
        names.insert(s.name);
        out.push_back(std::move(s));
    }
    std::vector<double> shares;
    for (const auto& b : kBoardSpecs) shares.push_back(b.share);
    int guard = 0;
    while (static_cast<int>(out.size()) < count && guard++ < count * 50) {
        const BoardSpec& spec = kBoardSpecs[rnd::weighted(g, shares)];
        std::string_view prefix;
        do {
            prefix = spec.prefixes[rnd::below(g, spec.prefixes.size())];
        } while (prefix.empty());
        std::string code(prefix);
        // BSE and SZ codes are dense from the bottom; SH main codes spread widely.
        code += std::to_string(rnd::between(g, 1000, 1999)).substr(1);
        std::string_view market = spec.market;
        if (market.empty())
            market = (prefix[0] == '5' || prefix == "110" || prefix == "113") ? "SH" : "SZ";
        code += '.';
        code += market;
        if (codes.count(code)) continue;

        SecuritySeed s;
        s.code = code;
        s.board = spec.board;
        s.vol = boardMoves(spec.board).vol;
        s.limit = boardMoves(spec.board).limit;
        s.beta = rnd::uniform(g, 0.6, 1.4);
        const auto& ind = kIndustries[rnd::below(g, std::size(kIndustries))];
        std::string head(kNameHeads[rnd::below(g, std::size(kNameHeads))]);
        head += kNameTails[rnd::below(g, std::size(kNameTails))];
        if (spec.board == Board::Fund) {
            s.name = std::string(ind.industry) + "ETF";
            if (s.name.size() > 0 && names.count(s.name))
                s.name = head + std::string(ind.suffixes[0]) + "ETF";
            s.industry = "行业基金";
            s.risk = 3;
            s.price = rnd::lognormal(g, std::log(1.2), 0.5);
            s.beta = 1.0;
        } else if (spec.board == Board::Bond) {
            s.name = head.substr(0, 3) + std::string(ind.suffixes[0].substr(0, 3)) + "转债";
            s.industry = "可转债";
            s.risk = 3;
            s.price = rnd::uniform(g, 98, 135);
            s.lot = 10;
            s.beta = 0.4;
        } else {
            s.name = head + std::string(ind.suffixes[rnd::below(g, ind.suffixes.size())]);
            s.industry = ind.industry;
            s.risk = spec.board == Board::Main ? 3 : 4;
            if (spec.board == Board::Bse && rnd::chance(g, 0.3)) s.risk = 5;
            s.price = rnd::lognormal(g, std::log(spec.board == Board::Main ? 12.0 : 28.0), 0.75);
            if (spec.board == Board::Main && rnd::chance(g, 0.04)) {
                // Special-treatment shares: risk warning, tighter limit, penny prices.
                s.name = (rnd::chance(g, 0.5) ? "ST" : "*ST") + s.name;
                s.risk = 5;
                s.limit = 0.05;
                s.price = rnd::uniform(g, 1.2, 5.0);
                s.vol = 0.03;
            }
        }
        if (names.count(s.name)) continue;
        if (s.price < 1.0) s.price = 1.0 + rnd::uniform01(g);
        codes.insert(s.code);
        names.insert(s.name);
        out.push_back(std::move(s));
    }
    return out;
}

std::string contactNote(rnd::Engine& g, ContactChannel channel, Outcome outcome,
                        std::string_view security, std::string_view industry, int month) {
    auto fill = [&](std::string_view tpl) {
        std::string s;
        for (std::size_t i = 0; i < tpl.size(); ++i) {
            if (tpl.substr(i, 3) == "{s}") {
                s += security;
                i += 2;
            } else if (tpl.substr(i, 3) == "{i}") {
                s += industry;
                i += 2;
            } else if (tpl.substr(i, 3) == "{m}") {
                s += std::to_string(month);
                i += 2;
            } else {
                s += tpl[i];
            }
        }
        return s;
    };
    if (outcome == Outcome::NoAnswer) {
        static constexpr std::string_view k[] = {"电话未接通，稍后再联系", "无人接听，已发短信告知",
                                                 "客户关机，改日再拨", "占线，未能接通"};
        return fill(pick(g, k));
    }
    if (outcome == Outcome::Callback) {
        static constexpr std::string_view k[] = {
            "客户正忙，约定稍后回电", "客户在开会，约明天上午再联系", "客户要求收盘后回电"};
        return fill(pick(g, k));
    }
    if (outcome == Outcome::Refused) {
        static constexpr std::string_view k[] = {"客户表示暂不需要服务，不希望频繁联系",
                                                 "客户婉拒产品推荐", "客户表示已有其他券商服务"};
        return fill(pick(g, k));
    }
    if (outcome == Outcome::Complaint) {
        static constexpr std::string_view k[] = {"客户投诉交易软件卡顿，已登记并反馈技术部门",
                                                 "客户对佣金标准有异议，已上报营业部负责人",
                                                 "客户投诉回访过于频繁，已调整联系频率",
                                                 "客户反映转账到账延迟，已协助核查"};
        return fill(pick(g, k));
    }
    switch (channel) {
    case ContactChannel::Phone: {
        static constexpr std::string_view k[] = {"电话回访，客户关注{s}近期走势，已提示波动风险",
                                                 "电话沟通持仓情况，客户暂无调仓意向",
                                                 "介绍新发行的理财产品，客户表示考虑",
                                                 "提醒客户关注两融业务开通条件",
                                                 "客户咨询佣金费率，已解释现行标准",
                                                 "市场波动较大，电话安抚客户并建议控制仓位",
                                                 "回访{i}板块持仓，客户计划逢高减仓",
                                                 "客户来电咨询{s}分红安排，已解答"};
        return fill(pick(g, k));
    }
    case ContactChannel::Sms: {
        static constexpr std::string_view k[] = {
            "短信推送：{m}月市场策略要点", "短信提醒：风险测评即将到期，请及时更新",
            "短信通知：新股申购提醒", "节日问候短信", "短信提醒：账户长期未登录，请注意账户安全"};
        return fill(pick(g, k));
    }
    case ContactChannel::Wechat: {
        static constexpr std::string_view k[] = {
            "微信发送研报《{i}行业深度报告》，客户已读", "微信交流{s}基本面，客户表示继续持有",
            "微信推送每日早盘点评", "微信答复客户关于{s}的问题", "微信发送{m}月投资策略会邀请"};
        return fill(pick(g, k));
    }
    case ContactChannel::Email: {
        static constexpr std::string_view k[] = {
            "邮件发送月度对账单及组合分析", "邮件发送季度资产配置建议", "邮件发送《{i}行业月报》"};
        return fill(pick(g, k));
    }
    case ContactChannel::Visit: {
        static constexpr std::string_view k[] = {
            "上门拜访，讨论家庭资产配置方案", "拜访客户，介绍资管及私募产品",
            "客户来营业部面谈，梳理持仓结构", "拜访客户，复盘{s}持仓并讨论止盈计划",
            "陪同客户办理业务，顺便沟通{i}行业观点"};
        return fill(pick(g, k));
    }
    case ContactChannel::Seminar: {
        static constexpr std::string_view k[] = {"参加营业部{m}月投资策略会", "参加{i}行业主题讲座",
                                                 "参加年度客户答谢会", "参加投资者教育专场活动"};
        return fill(pick(g, k));
    }
    default:
        return "其他联系";
    }
}

} // namespace bd::demo
