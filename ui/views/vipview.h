#pragma once
// The VIP ranking page: pick a scope (firm, branch, broker) and a top-N percent; the table
// lists that scope's VIPs by value score with profit, CLV, AUM, p_alive and the explanation.
#include <memory>
#include <vector>

#include "services/vipranking.h"
#include "session/scorescache.h"
#include "views/bookview.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace bd::ui {

class VipTableModel;

class VipView : public BookView {
    Q_OBJECT
  public:
    explicit VipView(QWidget* parent = nullptr);

    /// Scope kinds (the scope combo's item data; a login is offered those it can see whole).
    enum ScopeKind { Firm = 0, Branch = 1, Broker = 2 };
    /// Selects a scope (id ignored for Firm) and the top percent, then re-ranks.
    void setScope(ScopeKind kind, const QString& id = {});
    void setTopPercent(double percent);
    /// Rows shown (the scope's VIPs).
    int vipCount() const;
    /// Clients in the current scope.
    qint64 scopeSize() const { return m_scopeSize; }
    VipTableModel* model() const { return m_model; }
    bool isLoading() const override { return m_scoresLoad.pending(); }

  protected:
    void reload() override;
    void watch(BookSession& session) override;

  private:
    /// Shows the newest run's scores (read off the window's thread, ScoresCache).
    void showScores(const Result<ScoresCache::Scores>& scores);
    /// The scopes that mean something to the login (all on a desk), keeping the chosen one.
    void fillScopes();
    ScopeKind scopeKind() const;
    void fillScopeIds();
    void rerank();
    void showExplanation();

    std::shared_ptr<const std::vector<services::ScoredClient>> m_clients;
    qint64 m_scopeSize = 0;
    ScoresLoad m_scoresLoad;
    QLabel* m_runInfo = nullptr;
    QComboBox* m_scope = nullptr;
    QComboBox* m_scopeId = nullptr;
    QDoubleSpinBox* m_percent = nullptr;
    QLabel* m_summary = nullptr;
    QTableView* m_table = nullptr;
    VipTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLabel* m_explanation = nullptr;
};

} // namespace bd::ui
