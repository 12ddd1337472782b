#pragma once

#include "compose/ComposeView.h"

#include <QTemporaryDir>

#include <memory>

namespace hookscope::test {

// The Compose page on templates and a send history of its own in `dir`, not yet shown.
inline std::unique_ptr<ui::ComposeView> composeViewIn(const QTemporaryDir &dir)
{
    ui::ComposeViewOptions options;
    options.userTemplateDirectory = dir.filePath(QStringLiteral("templates"));
    options.historyPath = dir.filePath(QStringLiteral("sends.sqlite"));
    return std::make_unique<ui::ComposeView>(options);
}

} // namespace hookscope::test
