#include "PayloadTreeView.h"

#include "FlowRows.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <deque>
#include <functional>
#include <tuple>

namespace hookscope::ui {

namespace {

constexpr int kMinKeyWidth = 90;
constexpr int kMinValueWidth = 120; // what the key column leaves the values in a narrow pane
constexpr int kMinTypeWidth = 50;

QToolButton *toolButtonFor(QAction *action, const QString &objectName)
{
    auto *button = new QToolButton;
    button->setDefaultAction(action);
    button->setObjectName(objectName);
    button->setAccessibleName(action->text().remove(u'&'));
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setAutoRaise(true);
    return button;
}

// QTreeView::expand() lays out the rows it adds at once, at a cost that grows with the rows
// already shown; while a relayout is pending it only records the index. Expanding thousands of
// items goes through this, so the rows are laid out once at the end.
class BatchExpandingTreeView final : public QTreeView
{
public:
    template<typename Expand> void expandInOneLayout(Expand expand)
    {
        scheduleDelayedItemsLayout();
        expand();
        executeDelayedItemsLayout();
    }

    std::function<void()> resized; // the tree's own size, which changes when it is shown too

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QTreeView::resizeEvent(event);
        if (resized)
            resized();
    }
};

} // namespace

PayloadTreeView::PayloadTreeView(QWidget *parent)
    : QWidget(parent)
    , m_model(new JsonTreeModel(this))
{
    setObjectName(QStringLiteral("payloadTreeView"));
    setAccessibleName(tr("Payload tree"));

    auto *tree = new BatchExpandingTreeView;
    tree->resized = [this] { fitColumns(); };
    m_tree = tree;
    m_tree->setObjectName(QStringLiteral("payloadTreeWidget"));
    m_tree->setAccessibleName(tr("Payload"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::KeyColumn, QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::TypeColumn, QHeaderView::Interactive);
    connect(m_tree->header(), &QHeaderView::sectionResized, this,
            &PayloadTreeView::noteColumnResized);
    // Expanding many items emits expanded() for each: the keys are measured once after them.
    m_fitTimer = new QTimer(this);
    m_fitTimer->setSingleShot(true);
    m_fitTimer->setInterval(0);
    connect(m_fitTimer, &QTimer::timeout, this, &PayloadTreeView::fitColumns);
    connect(m_tree, &QTreeView::expanded, m_fitTimer, qOverload<>(&QTimer::start));
    connect(m_tree, &QTreeView::collapsed, m_fitTimer, qOverload<>(&QTimer::start));
    connect(m_tree, &QWidget::customContextMenuRequested, this, &PayloadTreeView::showContextMenu);

    m_copyValueAction = addTreeAction(QStringLiteral("copyValueAction"), tr("Copy &Value"),
                                      QKeySequence::Copy, &PayloadTreeView::copyValue);
    m_copyPathAction
        = addTreeAction(QStringLiteral("copyPathAction"), tr("Copy JSON &Path"),
                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), &PayloadTreeView::copyPath);
    m_copyKeyAction = addTreeAction(QStringLiteral("copyKeyAction"), tr("Copy &Key"), {},
                                    &PayloadTreeView::copyKey);
    m_expandAllAction
        = addTreeAction(QStringLiteral("expandAllAction"), tr("&Expand All"),
                        QKeySequence(Qt::CTRL | Qt::Key_Right), &PayloadTreeView::expandAll);
    m_collapseAllAction
        = addTreeAction(QStringLiteral("collapseAllAction"), tr("C&ollapse All"),
                        QKeySequence(Qt::CTRL | Qt::Key_Left), &PayloadTreeView::collapseAll);
    m_findAction = addTreeAction(QStringLiteral("findInTreeAction"), tr("&Find in Tree"),
                                 QKeySequence::Find, &PayloadTreeView::focusFind);
    m_findNextAction = addTreeAction(QStringLiteral("findNextAction"), tr("Find &Next"),
                                     QKeySequence::FindNext, &PayloadTreeView::findNextMatch);
    m_findPreviousAction
        = addTreeAction(QStringLiteral("findPreviousAction"), tr("Find &Previous"),
                        QKeySequence::FindPrevious, &PayloadTreeView::findPreviousMatch);

    m_findEdit = new QLineEdit;
    m_findEdit->setObjectName(QStringLiteral("treeFindLineEdit"));
    m_findEdit->setAccessibleName(tr("Find in tree"));
    // Short, because the composer's Response tab gives the field little room; the tooltip says
    // the rest.
    const QString findKey = QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText);
    m_findEdit->setPlaceholderText(tr("Find (%1)").arg(findKey));
    m_findEdit->setToolTip(
        tr("Find a key or value in the tree (%1); Enter finds the next one").arg(findKey));
    m_findEdit->setClearButtonEnabled(true);
    connect(m_findEdit, &QLineEdit::returnPressed, this, [this] { findNext(false); });
    connect(m_findEdit, &QLineEdit::textChanged, this, [this] { m_findStatus->clear(); });
    m_findStatus = new QLabel;
    m_findStatus->setObjectName(QStringLiteral("treeFindStatusLabel"));
    m_findStatus->setAccessibleName(tr("Find result"));

    // Finding, then expanding: two groups that go onto two rows when the pane is narrow.
    auto *findGroup = new QWidget;
    findGroup->setObjectName(QStringLiteral("treeFindGroup"));
    auto *findLayout = new QHBoxLayout(findGroup);
    findLayout->setContentsMargins(0, 0, 0, 0);
    findLayout->addWidget(m_findEdit, 1);
    // Arrows rather than "Find Previous" / "Find Next": the text is in the tooltip, the menu
    // and the accessible name.
    for (const auto &[action, name, arrow] :
         {std::tuple {m_findPreviousAction, QStringLiteral("findPreviousButton"), Qt::UpArrow},
          std::tuple {m_findNextAction, QStringLiteral("findNextButton"), Qt::DownArrow}}) {
        QToolButton *button = toolButtonFor(action, name);
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
        button->setArrowType(arrow);
        button->setToolTip(QStringLiteral("%1 (%2)").arg(
            action->text().remove(u'&'), action->shortcut().toString(QKeySequence::NativeText)));
        findLayout->addWidget(button);
    }
    findLayout->addWidget(m_findStatus);
    auto *expandGroup = new QWidget;
    expandGroup->setObjectName(QStringLiteral("treeExpandGroup"));
    auto *expandLayout = new QHBoxLayout(expandGroup);
    expandLayout->setContentsMargins(0, 0, 0, 0);
    expandLayout->addWidget(toolButtonFor(m_expandAllAction, QStringLiteral("expandAllButton")));
    expandLayout->addWidget(
        toolButtonFor(m_collapseAllAction, QStringLiteral("collapseAllButton")));
    auto *toolbar = new QVBoxLayout;
    toolbar->setContentsMargins(0, 0, 0, 0);
    toolbar->setSpacing(2);
    m_toolbarRows = std::make_unique<FlowRows>(toolbar, 12);
    m_toolbarRows->addWidget(findGroup, true);
    m_toolbarRows->addWidget(expandGroup);
    m_toolbarRows->arrange(QWIDGETSIZE_MAX);
    m_findEdit->setMinimumWidth(m_findEdit->fontMetrics().horizontalAdvance(u'M') * 8);

    // What "expand all" did when it could not open everything; a line of its own, as it is
    // longer than the toolbar has room for.
    m_expandNote = new QLabel;
    m_expandNote->setObjectName(QStringLiteral("expandNoteLabel"));
    m_expandNote->setAccessibleName(tr("What Expand All opened"));
    m_expandNote->setTextFormat(Qt::PlainText);
    m_expandNote->setWordWrap(true);
    m_expandNote->hide();

    m_problemBanner = new QWidget;
    m_problemBanner->setObjectName(QStringLiteral("parseProblemBanner"));
    m_problemLabel = new QLabel;
    m_problemLabel->setObjectName(QStringLiteral("parseErrorLabel"));
    m_problemLabel->setAccessibleName(tr("Parse error"));
    m_problemLabel->setTextFormat(Qt::PlainText);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_showRawButton = new QPushButton(tr("Show &Raw"));
    m_showRawButton->setObjectName(QStringLiteral("showRawButton"));
    m_showRawButton->setAccessibleName(tr("Show raw body"));
    connect(m_showRawButton, &QPushButton::clicked, this, &PayloadTreeView::rawRequested);
    auto *bannerLayout = new QHBoxLayout(m_problemBanner);
    bannerLayout->setContentsMargins(6, 4, 6, 4);
    bannerLayout->addWidget(m_problemLabel, 1);
    bannerLayout->addWidget(m_showRawButton);
    m_problemBanner->setAutoFillBackground(true);
    m_problemBanner->setBackgroundRole(QPalette::ToolTipBase);
    m_problemBanner->setForegroundRole(QPalette::ToolTipText);
    m_problemBanner->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(toolbar);
    layout->addWidget(m_problemBanner);
    layout->addWidget(m_expandNote);
    layout->addWidget(m_tree, 1);
    layout->addStretch(); // keeps the banner at the top when the tree is hidden
}

PayloadTreeView::~PayloadTreeView() = default;

void PayloadTreeView::fitColumns()
{
    m_fitTimer->stop();
    const QScopedValueRollback fitting(m_fittingColumns, true);
    QHeaderView *header = m_tree->header();
    const int room = m_tree->viewport()->width();
    // Measures the rows in sight and some around them (the header's resize precision),
    // indentation included, so a deep key is whole.
    const QAbstractItemView *rows = m_tree; // where sizeHintForColumn() is public
    const auto wanted = [rows, header](int column) {
        return std::max(rows->sizeHintForColumn(column), header->sectionSizeHint(column));
    };
    if (!m_typeWidthChosen)
        // "object (included)" whole, up to a quarter of the tree.
        header->resizeSection(JsonTreeModel::TypeColumn,
                              std::clamp(wanted(JsonTreeModel::TypeColumn), kMinTypeWidth,
                                         std::max(kMinTypeWidth, room / 4)));
    if (!m_keyWidthChosen) {
        // Up to 3/5 of the tree; in a narrow pane the values keep some room first.
        const int most = std::min(
            room * 3 / 5, room - header->sectionSize(JsonTreeModel::TypeColumn) - kMinValueWidth);
        header->resizeSection(JsonTreeModel::KeyColumn,
                              std::clamp(wanted(JsonTreeModel::KeyColumn), kMinKeyWidth,
                                         std::max(kMinKeyWidth, most)));
    }
}

void PayloadTreeView::noteColumnResized(int column)
{
    if (m_fittingColumns)
        return;
    if (column == JsonTreeModel::KeyColumn)
        m_keyWidthChosen = true;
    else if (column == JsonTreeModel::TypeColumn)
        m_typeWidthChosen = true;
}

void PayloadTreeView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const QMargins margins = layout()->contentsMargins();
    if (m_toolbarRows->arrange(width() - margins.left() - margins.right()))
        updateGeometry();
}

QSize PayloadTreeView::minimumSizeHint() const
{
    // As narrow as the tools can be once wrapped, whatever rows they are on now.
    const QSize laidOut = QWidget::minimumSizeHint();
    const QMargins margins = layout()->contentsMargins();
    return {std::min(laidOut.width(),
                     std::max(m_toolbarRows->minimumWidth(), m_tree->minimumSizeHint().width())
                         + margins.left() + margins.right()),
            laidOut.height()};
}

QAction *PayloadTreeView::addTreeAction(const QString &objectName, const QString &text,
                                        const QKeySequence &shortcut,
                                        void (PayloadTreeView::*slot)())
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    action->setShortcut(shortcut);
    // Active while focus is anywhere in the tree pane, so Ctrl+C in the find field still
    // copies text there (the line edit takes its own shortcut first).
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, slot);
    addAction(action);
    return action;
}

QList<QAction *> PayloadTreeView::treeActions() const
{
    return {m_copyValueAction,   m_copyPathAction, m_copyKeyAction,  m_expandAllAction,
            m_collapseAllAction, m_findAction,     m_findNextAction, m_findPreviousAction};
}

void PayloadTreeView::setSections(QList<JsonTreeModel::Section> sections)
{
    m_model->setSections(std::move(sections));
    showTreeIfUseful();
    m_findStatus->clear();
    setExpandNote({});
    expandInitially();
    m_fitTimer->start();
}

void PayloadTreeView::expandInitially()
{
    // Small payloads open to their second level; large ones show only their sections, so
    // nothing more is built until the user asks.
    for (int row = 0; row < m_model->rowCount(); ++row)
        m_tree->expand(m_model->index(row, 0));
    if (m_model->nodeCount() <= 2000)
        m_tree->expandToDepth(2);
    if (m_model->rowCount() > 0)
        m_tree->setCurrentIndex(m_model->index(0, 0));
}

void PayloadTreeView::setProblem(const QString &message, bool withRawButton)
{
    m_problemLabel->setText(message);
    m_showRawButton->setVisible(withRawButton);
    m_problemBanner->setVisible(!message.isEmpty());
    showTreeIfUseful();
}

void PayloadTreeView::showTreeIfUseful()
{
    // An empty tree under a banner that says why only takes the banner's room: in a short
    // window that cut a malformed request's note after two lines.
    m_tree->setVisible(m_model->rowCount() > 0 || m_problemBanner->isHidden());
}

QString PayloadTreeView::problem() const
{
    return m_problemBanner->isHidden() ? QString() : m_problemLabel->text();
}

void PayloadTreeView::expandAll()
{
    if (m_model->nodeCount() <= kExpandAllLimit) {
        m_tree->expandAll();
        setExpandNote({});
        return;
    }
    // Expanding every row of a huge payload would freeze the window: open the top levels
    // first, in document order, until the rows added reach a budget, and say how far it got.
    int open = 0;
    static_cast<BatchExpandingTreeView *>(m_tree)->expandInOneLayout(
        [&] { open = expandWithinBudget(kExpandAllLimit); });
    const QString opened = open == 1
        ? tr("1 object or array open")
        : tr("%1 objects and arrays open").arg(QLocale().toString(open));
    setExpandNote(tr("Large payload (%1 values): %2, top levels first; the rest stay collapsed")
                      .arg(QLocale().toString(m_model->nodeCount()), opened));
}

int PayloadTreeView::expandWithinBudget(int maxNewRows)
{
    // Breadth first, so a wide array still has its first items opened. A container too big
    // for the whole budget is opened anyway, once, at its first level (as a click on it would):
    // stopping there left {"items":[60,000 objects]} as it was. Others that do not fit what
    // is left stay collapsed while smaller ones go on opening.
    std::deque<QModelIndex> pending;
    for (int row = 0; row < m_model->rowCount(); ++row)
        pending.push_back(m_model->index(row, 0));
    int added = 0;
    int open = 0;
    bool openedOversized = false;
    while (!pending.empty()) {
        const QModelIndex index = pending.front();
        pending.pop_front();
        if (!m_model->hasChildren(index))
            continue;
        const int rows = m_model->rowCount(index);
        if (!m_tree->isExpanded(index)) {
            const bool oversized = rows > maxNewRows && !openedOversized;
            if (!oversized && added + rows > maxNewRows)
                continue;
            m_tree->expand(index);
            // Its rows are what any Expand All must show first: they do not count against the
            // budget, which goes on to its items.
            if (oversized)
                openedOversized = true;
            else
                added += rows;
        }
        ++open;
        for (int row = 0; row < rows; ++row)
            pending.push_back(m_model->index(row, 0, index));
    }
    return open;
}

void PayloadTreeView::setExpandNote(const QString &note)
{
    m_expandNote->setText(note);
    m_expandNote->setVisible(!note.isEmpty());
}

void PayloadTreeView::collapseAll()
{
    setExpandNote({});
    m_tree->collapseAll();
    for (int row = 0; row < m_model->rowCount(); ++row)
        m_tree->expand(m_model->index(row, 0));
}

void PayloadTreeView::copyValue()
{
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid())
        QGuiApplication::clipboard()->setText(
            current.data(JsonTreeModel::CopyValueRole).toString());
}

void PayloadTreeView::copyPath()
{
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid())
        QGuiApplication::clipboard()->setText(current.data(JsonTreeModel::PathRole).toString());
}

void PayloadTreeView::copyKey()
{
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid())
        QGuiApplication::clipboard()->setText(
            current.siblingAtColumn(JsonTreeModel::KeyColumn).data().toString());
}

void PayloadTreeView::focusFind()
{
    m_findEdit->setFocus(Qt::ShortcutFocusReason);
    m_findEdit->selectAll();
}

bool PayloadTreeView::findNext(bool backwards)
{
    const QString text = m_findEdit->text();
    if (text.isEmpty())
        return false;
    const QModelIndex current = m_tree->currentIndex();
    const QModelIndex found = m_model->find(text, current, backwards);
    if (!found.isValid()) {
        m_findStatus->setText(tr("Not found"));
        return false;
    }
    m_findStatus->setText(found == current.siblingAtColumn(0) ? tr("Only match") : QString());
    m_tree->setCurrentIndex(found);
    m_tree->scrollTo(found);
    return true;
}

void PayloadTreeView::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_tree->indexAt(position);
    if (index.isValid())
        m_tree->setCurrentIndex(index);
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("payloadTreeContextMenu"));
    menu.addAction(m_copyValueAction);
    menu.addAction(m_copyPathAction);
    menu.addAction(m_copyKeyAction);
    menu.addSeparator();
    if (index.isValid() && m_model->hasChildren(index.siblingAtColumn(0))) {
        QAction *subtree = menu.addAction(tr("Expand &Subtree"), this, [this, index] {
            m_tree->expandRecursively(index.siblingAtColumn(0), 3);
        });
        subtree->setObjectName(QStringLiteral("expandSubtreeAction"));
    }
    menu.addAction(m_expandAllAction);
    menu.addAction(m_collapseAllAction);
    menu.exec(m_tree->viewport()->mapToGlobal(position));
}

} // namespace hookscope::ui
