#include "viewsfixture.h"

#include <gtest/gtest.h>

#include "demo/demogenerator.h"
#include "services/refresh.h"
#include "storage/schema/schema.h"

namespace bdtest {

bd::ui::BookSession& demoSession() {
    static bd::ui::BookSession* session = [] {
        auto db = bd::storage::openBook(":memory:");
        EXPECT_TRUE(db);
        bd::demo::DemoOptions o;
        o.clients = 1500;
        o.seed = 11;
        auto demo = bd::demo::generateDemoBook(*db, o);
        EXPECT_TRUE(demo) << (demo ? "" : demo.error().toString());
        auto r = bd::services::refreshBook(*db);
        EXPECT_TRUE(r) << (r ? "" : r.error().toString());
        // Leaked on purpose: lives for the whole test program like the QApplication.
        return new bd::ui::BookSession(std::move(*db));
    }();
    return *session;
}

bd::storage::Database& demoBook() {
    return demoSession().book();
}

} // namespace bdtest
