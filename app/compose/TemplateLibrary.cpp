#include "compose/TemplateLibrary.h"

#include "core/Application.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace hookscope::compose {

TemplateLibrary::TemplateLibrary(const QString &userDirectory)
    : m_userDirectory(userDirectory)
{
    reload();
}

QString TemplateLibrary::defaultUserDirectory()
{
    return dataDirectory() + QStringLiteral("/templates");
}

void TemplateLibrary::reload()
{
    m_templates.clear();
    m_builtInNames.clear();
    m_errors.clear();
    loadDirectory(builtInDirectory(), true);
    if (!m_userDirectory.isEmpty())
        loadDirectory(m_userDirectory, false);
    std::sort(m_templates.begin(), m_templates.end(),
              [](const EventTemplate &a, const EventTemplate &b) { return a.name() < b.name(); });
}

void TemplateLibrary::loadDirectory(const QString &directory, bool builtIn)
{
    QDirIterator it(directory, {QStringLiteral("*.json")}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    for (const QString &path : std::as_const(files)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            m_errors.append(QStringLiteral("%1: %2").arg(path, file.errorString()));
            continue;
        }
        QString error;
        auto loaded = EventTemplate::fromJson(file.readAll(), &error);
        if (!loaded) {
            m_errors.append(QStringLiteral("%1: %2").arg(path, error));
            continue;
        }
        loaded->sourcePath = path;
        loaded->builtIn = builtIn;
        const QString name = loaded->name();
        if (builtIn)
            m_builtInNames.insert(name);
        const auto existing
            = std::find_if(m_templates.begin(), m_templates.end(),
                           [&](const EventTemplate &t) { return t.name() == name; });
        if (existing != m_templates.end())
            *existing = *loaded;
        else
            m_templates.append(*loaded);
    }
}

std::optional<EventTemplate> TemplateLibrary::find(const QString &name) const
{
    for (const EventTemplate &t : m_templates) {
        if (t.name() == name)
            return t;
    }
    return std::nullopt;
}

static QString fileNameFor(const QString &part)
{
    QString name = part;
    for (QChar &c : name) {
        if (c == u':' || c == u'/' || c == u'\\' || c.unicode() < 0x20)
            c = u'_';
    }
    return name;
}

bool TemplateLibrary::save(const EventTemplate &eventTemplate, QString *error, QString *path)
{
    if (eventTemplate.provider.isEmpty() || eventTemplate.event.isEmpty()) {
        *error = QStringLiteral("a template needs a provider and an event name");
        return false;
    }
    const QString target = userFilePath(eventTemplate.provider, eventTemplate.event);
    const QString folder = QFileInfo(target).path();
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("cannot create %1").arg(folder);
        return false;
    }
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || file.write(eventTemplate.toJson()) < 0
        || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(target, file.errorString());
        return false;
    }
    if (path)
        *path = target;
    reload();
    return true;
}

QString TemplateLibrary::userFilePath(const QString &provider, const QString &event) const
{
    return m_userDirectory + u'/' + fileNameFor(provider) + u'/' + fileNameFor(event)
        + QStringLiteral(".json");
}

bool TemplateLibrary::remove(const QString &name, QString *error)
{
    const std::optional<EventTemplate> found = find(name);
    if (!found || found->builtIn) {
        *error = QStringLiteral("%1 is not one of your templates").arg(name);
        return false;
    }
    QFile file(found->sourcePath);
    if (!file.remove()) {
        *error = QStringLiteral("cannot delete %1: %2").arg(found->sourcePath, file.errorString());
        return false;
    }
    reload();
    return true;
}

} // namespace hookscope::compose
