#pragma once

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QLabel>
#include <QStringList>
#include <QWidget>

namespace hookscope::test {

// Every control under root that takes focus, and every button, with no name for a screen
// reader, hidden ones (pages and tabs not shown) included, as "Class objectName in parent". A
// button's or label's text is its name; Qt's own parts (qt_ names, a spin box's text field,
// combo box popups, tab bar arrows), tab bars, headers, scroll bars and viewports are left out.
inline QStringList unnamedControls(const QWidget *root)
{
    QStringList unnamed;
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (const QWidget *widget : widgets) {
        const QWidget *parent = widget->parentWidget();
        // Buttons count even when they take no focus: a screen reader lists them all (as the
        // toolbar's extension button, a check box to it).
        const auto *button = qobject_cast<const QAbstractButton *>(widget);
        if ((!button && widget->focusPolicy() == Qt::NoFocus)
            || (!button && widget->objectName().startsWith(u"qt_"))
            || qobject_cast<const QAbstractSpinBox *>(parent))
            continue;
        if (const auto *area = qobject_cast<const QAbstractScrollArea *>(parent);
            area && area->viewport() == widget)
            continue;
        if (widget->inherits("QTabBar") || widget->inherits("QHeaderView")
            || widget->inherits("QScrollBar") || widget->inherits("QSplitterHandle")
            || widget->inherits("QLineEditIconButton") || widget->inherits("QTableCornerButton")
            || (parent
                && (parent->inherits("QComboBoxPrivateContainer") || parent->inherits("QTabBar"))))
            continue;
        // A button's or label's text is what a screen reader says for it.
        const auto *label = qobject_cast<const QLabel *>(widget);
        if (!widget->accessibleName().isEmpty() || (button && !button->text().isEmpty())
            || (label && !label->text().isEmpty()))
            continue;
        unnamed << QStringLiteral("%1 %2 in %3")
                       .arg(QString::fromLatin1(widget->metaObject()->className()),
                            widget->objectName(),
                            parent ? parent->objectName() + u' '
                                    + QString::fromLatin1(parent->metaObject()->className())
                                   : QStringLiteral("nothing"));
    }
    return unnamed;
}

} // namespace hookscope::test
