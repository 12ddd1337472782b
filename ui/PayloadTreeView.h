#pragma once

#include "JsonTreeModel.h"

#include <QWidget>

#include <memory>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QToolButton;
class QTreeView;

namespace hookscope::ui {

class FlowRows;

// The payload tree with its tools: a find bar, expand/collapse all, copy value / copy path
// (context menu and shortcuts), and a banner for a body that could not be parsed, with a way to
// its raw text.
class PayloadTreeView final : public QWidget
{
    Q_OBJECT

public:
    // Trees up to this many values are expanded wholly by "expand all"; in larger ones it opens
    // the top levels first until it has added this many rows.
    static constexpr int kExpandAllLimit = 20000;

    explicit PayloadTreeView(QWidget *parent = nullptr);
    ~PayloadTreeView() override;

    JsonTreeModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    // The actions (copy value, copy path, expand, collapse, find...) for menus.
    QList<QAction *> treeActions() const;

    void setSections(QList<JsonTreeModel::Section> sections);
    // A banner above the tree; empty hides it. withRawButton offers "Show raw".
    void setProblem(const QString &message, bool withRawButton);
    QString problem() const;

    void expandAll();
    void collapseAll();
    void copyValue();
    void copyPath();
    void copyKey();
    void focusFind();
    bool findNext(bool backwards = false);
    void findNextMatch() { findNext(false); }
    void findPreviousMatch() { findNext(true); }

    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void rawRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QAction *addTreeAction(const QString &objectName, const QString &text,
                           const QKeySequence &shortcut, void (PayloadTreeView::*slot)());
    void showContextMenu(const QPoint &position);
    void expandInitially();
    void setExpandNote(const QString &note);
    void showTreeIfUseful();
    // The key and type columns as wide as the keys and types in sight, up to 3/5 and 1/4 of
    // the tree. A width the user dragged is kept.
    void fitColumns();
    void noteColumnResized(int column);
    // Returns how many objects and arrays are open after it.
    int expandWithinBudget(int maxNewRows);

    JsonTreeModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    QLineEdit *m_findEdit = nullptr;
    QLabel *m_findStatus = nullptr;
    QLabel *m_expandNote = nullptr;
    std::unique_ptr<FlowRows> m_toolbarRows;
    QTimer *m_fitTimer = nullptr; // refits once after rows are shown or hidden
    bool m_fittingColumns = false;
    bool m_keyWidthChosen = false; // by the user, dragging the header
    bool m_typeWidthChosen = false;
    QWidget *m_problemBanner = nullptr;
    QLabel *m_problemLabel = nullptr;
    QPushButton *m_showRawButton = nullptr;
    QAction *m_copyValueAction = nullptr;
    QAction *m_copyPathAction = nullptr;
    QAction *m_copyKeyAction = nullptr;
    QAction *m_expandAllAction = nullptr;
    QAction *m_collapseAllAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_findNextAction = nullptr;
    QAction *m_findPreviousAction = nullptr;
};

} // namespace hookscope::ui
