#include "PlainToolTip.h"

#include <QTextDocument>

namespace hookscope::ui {

QString plainToolTip(const QString &text)
{
    return Qt::mightBeRichText(text)
        ? QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(text.toHtmlEscaped())
        : text;
}

} // namespace hookscope::ui
