#pragma once

#include <QMainWindow>

class QTabWidget;
class QTableView;

namespace hookscope::ui {

// The inspector: the live request list on the left, the selected request's tabs on the right.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

private:
    void createMenus();
    void showAbout();

    QTableView *m_requestList = nullptr;
    QTabWidget *m_detailTabs = nullptr;
};

} // namespace hookscope::ui
