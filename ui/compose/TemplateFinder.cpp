#include "compose/TemplateFinder.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QStringListModel>
#include <QTimer>

namespace hookscope::ui {

TemplateFinder::TemplateFinder(QWidget *parent)
    : QLineEdit(parent)
{
    setObjectName(QStringLiteral("templateFinderEdit"));
    setAccessibleName(tr("Find a template"));
    setPlaceholderText(tr("Find a template (pledge, stripe…)"));
    setClearButtonEnabled(true);
    m_model = new QStringListModel(this);
    m_completer = new QCompleter(m_model, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setMaxVisibleItems(15);
    setCompleter(m_completer);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &TemplateFinder::choose);
    connect(this, &QLineEdit::returnPressed, this, &TemplateFinder::enterPressed);
}

void TemplateFinder::setNames(const QStringList &names)
{
    m_names = names;
    m_model->setStringList(names);
}

void TemplateFinder::choose(const QString &name)
{
    if (m_clearing || !m_names.contains(name))
        return;
    m_clearing = true;
    Q_EMIT chosen(name);
    // The completer writes the name into the field after this signal: emptied once it has.
    QTimer::singleShot(0, this, [this] {
        clear();
        m_clearing = false;
    });
}

void TemplateFinder::enterPressed()
{
    const QString text = this->text().trimmed();
    if (m_names.contains(text))
        return choose(text);
    const QStringList matches = m_names.filter(text, Qt::CaseInsensitive);
    if (matches.size() == 1)
        choose(matches.first());
}

} // namespace hookscope::ui
