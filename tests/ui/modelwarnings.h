#pragma once
// Counts QAbstractItemModelTester's complaints while it lives: in Warning mode the tester
// reports through qWarning in the "qt.modeltest" category, which gtest would not see.
#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace bdtest {

class ModelWarnings {
  public:
    ModelWarnings() : m_previous(qInstallMessageHandler(&ModelWarnings::handle)) {
        s_count = 0;
        s_previous = m_previous;
    }
    ~ModelWarnings() { qInstallMessageHandler(m_previous); }
    ModelWarnings(const ModelWarnings&) = delete;
    ModelWarnings& operator=(const ModelWarnings&) = delete;

    /// Complaints so far.
    int count() const { return s_count; }

  private:
    static void handle(QtMsgType type, const QMessageLogContext& ctx, const QString& msg) {
        if (type != QtDebugMsg && ctx.category &&
            QByteArray(ctx.category).startsWith("qt.modeltest"))
            ++s_count;
        if (s_previous) s_previous(type, ctx, msg);
    }
    static inline int s_count = 0;
    static inline QtMessageHandler s_previous = nullptr;
    QtMessageHandler m_previous;
};

} // namespace bdtest
