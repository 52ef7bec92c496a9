#pragma once
// The workstation in Chinese for one test: the UI language is zh while it lives and English
// again after it (the tests of one executable share the application and its translators).
#include <QCoreApplication>

#include "i18n.h"

namespace bdtest {

class ChineseUi {
  public:
    ChineseUi() : ok(bd::ui::setUiLanguage(*QCoreApplication::instance(), "zh") == "zh") {}
    ~ChineseUi() { bd::ui::setUiLanguage(*QCoreApplication::instance(), "en"); }
    ChineseUi(const ChineseUi&) = delete;
    ChineseUi& operator=(const ChineseUi&) = delete;
    const bool ok; // the Chinese catalogue is in effect
};

} // namespace bdtest
