#pragma once
// The workstation's main window over an in-memory synthetic book, shown offscreen, and a
// named-child lookup that fails the test when the child is missing: shared by the window tests.
#include <gtest/gtest.h>

#include <QSize>
#include <QTest>

#include <memory>

#include "mainwindow.h"
#include "storage/schema/schema.h"
#include "support/syntheticbook.h"

namespace bdtest {

inline std::unique_ptr<bd::ui::MainWindow> openSyntheticWindow(int clients, int brokers,
                                                               QSize size = {}) {
    auto db = bd::storage::openBook(":memory:");
    EXPECT_TRUE(db);
    SyntheticBookSpec spec;
    spec.clients = clients;
    spec.brokers = brokers;
    EXPECT_TRUE(fillSyntheticBook(*db, spec));
    auto w = std::make_unique<bd::ui::MainWindow>(std::move(*db));
    if (size.isValid()) w->resize(size);
    w->show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(w.get()));
    return w;
}

template <typename T>
T* find(QWidget* w, const char* name) {
    auto* child = w->findChild<T*>(name);
    EXPECT_NE(child, nullptr) << name;
    return child;
}

} // namespace bdtest
