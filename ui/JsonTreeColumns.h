#pragma once

#include <QCoreApplication>
#include <QVariant>

namespace hookscope::ui {

// The columns of both JSON trees, the received payload's (JsonTreeModel) and the composer's body
// (BodyTreeModel), so the two read alike. The models take the names in with `using enum`.
class JsonTreeColumns final
{
    Q_DECLARE_TR_FUNCTIONS(JsonTreeColumns)

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };

    // "Key", "Value", "Type": what the models' headerData() answers.
    static QVariant title(int section, Qt::Orientation orientation, int role);
};

} // namespace hookscope::ui
