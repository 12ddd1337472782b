#pragma once

#include "compose/EventTemplate.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hookscope::compose {

// The built-in templates (compiled in under :/templates) plus the user's own, kept as .json files
// in <data folder>/templates. A user template with the same name as a built-in one replaces it.
class TemplateLibrary final
{
public:
    explicit TemplateLibrary(const QString &userDirectory = defaultUserDirectory());

    static QString defaultUserDirectory();
    static QString builtInDirectory() { return QStringLiteral(":/templates"); }

    void reload();
    QList<EventTemplate> templates() const { return m_templates; } // sorted by name
    std::optional<EventTemplate> find(const QString &name) const;
    // Files that could not be read, one "path: reason" each.
    QStringList loadErrors() const { return m_errors; }

    // Writes a user template as <user folder>/<provider>/<event>.json (':' becomes '_' in the
    // file name) and reloads.
    bool save(const EventTemplate &eventTemplate, QString *error, QString *path = nullptr);

private:
    void loadDirectory(const QString &directory, bool builtIn);

    QString m_userDirectory;
    QList<EventTemplate> m_templates;
    QStringList m_errors;
};

} // namespace hookscope::compose
