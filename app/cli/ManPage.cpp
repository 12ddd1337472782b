#include "cli/ManPage.h"

#include "cli/CommandLine.h"
#include "core/Version.h"

namespace hookscope::cli {

namespace {

// Text as roff prints it: backslashes and minus signs escaped (so options are not hyphenated
// or turned into dashes), a leading dot or quote defused, non-ASCII written as \[uXXXX].
QString roff(const QString &text)
{
    QString out;
    out.reserve(text.size() + 16);
    bool lineStart = true;
    for (const char32_t ch : text.toUcs4()) {
        if (lineStart && (ch == U'.' || ch == U'\''))
            out += QStringLiteral("\\&");
        lineStart = ch == U'\n';
        if (ch == U'\\')
            out += QStringLiteral("\\e");
        else if (ch == U'-')
            out += QStringLiteral("\\-");
        else if (ch > 0x7e)
            out += QStringLiteral("\\[u%1]").arg(
                QString::number(uint(ch), 16).toUpper().rightJustified(4, u'0'));
        else
            out += QChar(char16_t(ch));
    }
    return out;
}

// "\fB\-h\fR, \fB\-\-help\fR" or "\fB\-\-db\fR \fIPATH\fR"
QString optionLabel(const QCommandLineOption &option)
{
    QStringList names;
    for (const QString &name : option.names())
        names << QStringLiteral("\\fB%1\\fR")
                     .arg(roff(QStringLiteral("-").repeated(name.size() == 1 ? 1 : 2) + name));
    QString label = names.join(QStringLiteral(", "));
    if (!option.valueName().isEmpty())
        label += QStringLiteral(" \\fI%1\\fR").arg(roff(option.valueName()));
    return label;
}

QString optionEntry(const QCommandLineOption &option)
{
    QString description = option.description();
    const QStringList defaults = option.defaultValues();
    if (!defaults.isEmpty() && !description.contains(QStringLiteral("default")))
        description += QStringLiteral(" Default: %1.").arg(defaults.join(QStringLiteral(", ")));
    return QStringLiteral(".TP\n%1\n%2\n").arg(optionLabel(option), roff(description));
}

// Preformatted text (usage lines, the tables of --help's notes) kept as written.
QString literal(const QString &text)
{
    return QStringLiteral(".PP\n.nf\n%1\n.fi\n").arg(roff(text.trimmed()));
}

QString commandSection(const CommandSyntax &syntax)
{
    QString text = QStringLiteral(".SS %1\n").arg(roff(syntax.name()));
    text += literal(syntax.usage());
    text += QStringLiteral(".PP\n%1\n").arg(roff(syntax.description()));
    for (const PositionalSyntax &positional : syntax.positionals())
        text += QStringLiteral(".TP\n\\fI%1\\fR\n%2\n")
                    .arg(roff(positional.name), roff(positional.description));
    for (const OptionSyntax &entry : syntax.options())
        text += optionEntry(entry.option);
    if (!syntax.exitStatus().isEmpty())
        text += QStringLiteral(".PP\nExit status: %1\n").arg(roff(syntax.exitStatus()));
    if (!syntax.notes().isEmpty())
        text += literal(syntax.notes());
    return text;
}

const char kEnvironment[] = R"(.SH ENVIRONMENT
.TP
.B HOOKSCOPE_SECRET
The signing secret for \fBsign\fR, \fBverify\fR, \fBsend\fR, \fBreplay\fR, \fBtemplates\fR
and \fBlisten\fR when neither \fB\-\-secret\fR nor \fB\-\-secret\-file\fR is given. Unlike
an argument, it is not visible to other users in the process list.
.TP
.B HOOKSCOPE_SECRET_BACKEND
Set to \fBfile\fR to keep the secrets the window saves in the secrets file below instead of
the system keyring (headless machines, tests).
.TP
.BR DISPLAY ", " WAYLAND_DISPLAY ", " QT_QPA_PLATFORM
With no command, the window opens on the display they name (or the platform given with
\fB\-platform\fR); when all are unset, \fBhookscope\fR says so and exits 1.
.TP
.BR XDG_DATA_HOME ", " XDG_CONFIG_HOME
Where the data and configuration folders below are (default \fI~/.local/share\fR and
\fI~/.config\fR).
)";

const char kFiles[] = R"(.SH FILES
.TP
.I ~/.local/share/hookscope/captures.sqlite
The captured requests, shared by the window, \fBlisten\fR, \fBexport\fR and \fBreplay\fR
unless \fB\-\-db\fR names another database. SQLite keeps \fI\-wal\fR and \fI\-shm\fR files
beside it.
.TP
.I ~/.local/share/hookscope/captures.sqlite.lock
Held by the one Hookscope that writes the database (the window or \fBlisten\fR); a second one
is refused with the holder's PID. A lock left by a killed process is taken over.
.TP
.IR ~/.local/share/hookscope/localhost\-cert.pem ", " localhost\-key.pem
The self\-signed certificate \fBlisten \-\-tls\fR makes beside the database (the key with mode
0600), unless \fB\-\-cert\fR and \fB\-\-key\fR are given.
.TP
.I ~/.local/share/hookscope/sends.sqlite
Every attempt the window's composer made.
.TP
.I ~/.local/share/hookscope/templates/
Your own event templates, listed by \fBhookscope templates\fR beside the built\-in ones.
.TP
.I ~/.config/hookscope.dev/hookscope.conf
The window's settings: receiver, endpoints, forward targets (passwords and secrets are never
kept here).
.TP
.I ~/.config/hookscope/secrets.json
Endpoint secrets and forward passwords when there is no system keyring (mode 0600).
)";

const char kExamples[] = R"(.SH EXAMPLES
Receive on a free port, one JSON object per request:
.PP
.RS
.nf
hookscope listen \-\-port 0 \-\-json
.fi
.RE
.PP
Verify GitHub deliveries on \fI/github\fR, everything else by detecting the scheme:
.PP
.RS
.nf
hookscope listen \-\-endpoint /github=gh \-\-endpoint\-scheme gh=github \e
    \-\-endpoint\-secret\-file gh=github.secret \-\-scheme auto
.fi
.RE
.PP
Send a signed Patreon pledge with another amount to your own server:
.PP
.RS
.nf
hookscope send http://localhost:3000/webhooks \-\-template patreon/pledges:create \e
    \-\-secret\-file patreon.secret \-\-set data.attributes.amount_cents=500
.fi
.RE
.PP
Sign a body, then check it (exit 0 when valid):
.PP
.RS
.nf
hookscope sign \-\-scheme github \-\-secret\-file gh.secret \-\-body\-file body.json > headers.txt
hookscope verify \-\-secret\-file gh.secret \-\-headers\-file headers.txt \-\-body\-file body.json
.fi
.RE
.PP
Check the signature of stored request 12 again, as the receiver checked it when it arrived,
with the full diagnosis when it fails:
.PP
.RS
.nf
hookscope verify \-\-id 12 \-\-secret\-file gh.secret
.fi
.RE
.PP
Export everything captured as HAR, and send request 12 again, re\-signed:
.PP
.RS
.nf
hookscope export \-\-format har \-\-out captures.har
hookscope replay \-\-id 12 \-\-resign \-\-secret\-file gh.secret http://localhost:3000/
.fi
.RE
)";

} // namespace

QString manPage(const std::vector<std::unique_ptr<Command>> &commands)
{
    QString page;
    page
        += QStringLiteral(".\\\" Generated by 'hookscope --man' from the commands' own options.\n");
    page += QStringLiteral(".TH HOOKSCOPE 1 \"\" \"hookscope %1\" \"User Commands\"\n")
                .arg(QString::fromLatin1(kVersion));
    page += QStringLiteral(".SH NAME\nhookscope \\- webhook inspector and tester\n");
    page += QStringLiteral(".SH SYNOPSIS\n.B hookscope\n.br\n");
    for (const auto &command : commands)
        page
            += QStringLiteral(".B hookscope %1\n.RI [ OPTIONS ]\n.br\n").arg(roff(command->name()));
    page += QStringLiteral(".B hookscope\n.BR \\-\\-help \" | \" \\-\\-version\n");
    page += QStringLiteral(
        ".SH DESCRIPTION\n"
        "Hookscope runs a receiving server that captures every request byte for byte and keeps "
        "it in SQLite, tells whether its signature is genuine and, when it is not, why. It "
        "builds signed test events and sends them to your own server. With no command, "
        "\\fBhookscope\\fR opens its window; a command runs the same core without a display.\n"
        ".PP\n"
        "An option's value goes after a space or an equals sign (\\fB\\-\\-port 0\\fR or "
        "\\fB\\-\\-port=0\\fR). Options marked repeatable may be given more than once.\n");
    page += QStringLiteral(".SH OPTIONS\n");
    for (const QCommandLineOption &option : topLevelOptions())
        page += optionEntry(option);
    page += QStringLiteral(".SH COMMANDS\n");
    for (const auto &command : commands)
        page += commandSection(command->syntax());
    page += QStringLiteral(
        ".SH \"EXIT STATUS\"\n"
        ".TP\n.B 0\nSuccess: see each command for what it means.\n"
        ".TP\n.B 1\nThe command ran and failed (an invalid signature, an "
        "answer that is not 2xx, a database or file that does not exist or cannot be "
        "read or written).\n"
        ".TP\n.B 2\nUsage error: an unknown command or option, a missing or "
        "malformed value. Nothing was done.\n");
    page += QString::fromLatin1(kEnvironment);
    page += QString::fromLatin1(kFiles);
    page += QString::fromLatin1(kExamples);
    page += QStringLiteral(".SH \"SEE ALSO\"\n"
                           "The README at \\fIhttps://hookscope.dev\\fR; "
                           "\\fBhookscope completion bash\\fR prints the bash completion.\n");
    return page;
}

} // namespace hookscope::cli
