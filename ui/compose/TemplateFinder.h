#pragma once

#include <QLineEdit>
#include <QStringList>

class QCompleter;
class QStringListModel;

namespace hookscope::ui {

// A search field over the template names: typing any part of one ("pledge", "stripe",
// "payment") lists the names that hold it, and picking one, or Enter when the text names
// exactly one, emits `chosen` and empties the field for the next search. Fifty templates in
// one drop-down are too many to scroll through.
class TemplateFinder final : public QLineEdit
{
    Q_OBJECT

public:
    explicit TemplateFinder(QWidget *parent = nullptr);

    void setNames(const QStringList &names);
    QCompleter *finder() const { return m_completer; }

Q_SIGNALS:
    void chosen(const QString &name);

private:
    void choose(const QString &name);
    void enterPressed();

    QStringList m_names;
    QStringListModel *m_model = nullptr;
    QCompleter *m_completer = nullptr;
    bool m_clearing = false; // chosen, the field not yet emptied: Enter then is the same pick
};

} // namespace hookscope::ui
