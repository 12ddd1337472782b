#include "core/Counted.h"

namespace hookscope {

QString counted(qint64 n, QStringView one, QStringView many)
{
    QString text = QString::number(n);
    text += u' ';
    text += n == 1 ? one : many;
    return text;
}

} // namespace hookscope
