#pragma once

#include "compose/EventTemplate.h"

#include <QList>
#include <QSet>
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
    // Whether a template of that name is compiled in, even while a user template hides it.
    bool hasBuiltIn(const QString &name) const { return m_builtInNames.contains(name); }
    // Files that could not be read, one "path: reason" each.
    QStringList loadErrors() const { return m_errors; }

    // Writes a user template as <user folder>/<provider>/<event>.json (':' becomes '_' in the
    // file name) and reloads.
    bool save(const EventTemplate &eventTemplate, QString *error, QString *path = nullptr);
    // The file save() writes for that provider and event; one already there is replaced.
    QString userFilePath(const QString &provider, const QString &event) const;
    // Deletes the user template of that name (its file) and reloads, so a built-in template it
    // hid is back. False, with the reason, when there is no such user template or its file
    // cannot be removed.
    bool remove(const QString &name, QString *error);

private:
    void loadDirectory(const QString &directory, bool builtIn);

    QString m_userDirectory;
    QList<EventTemplate> m_templates;
    QSet<QString> m_builtInNames;
    QStringList m_errors;
};

} // namespace hookscope::compose
