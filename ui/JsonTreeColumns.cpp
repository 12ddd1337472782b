#include "JsonTreeColumns.h"

namespace hookscope::ui {

QVariant JsonTreeColumns::title(int section, Qt::Orientation orientation, int role)
{
    static constexpr const char *kTitles[ColumnCount]
        = {QT_TR_NOOP("Key"), QT_TR_NOOP("Value"), QT_TR_NOOP("Type")};
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= ColumnCount)
        return {};
    return tr(kTitles[section]);
}

} // namespace hookscope::ui
