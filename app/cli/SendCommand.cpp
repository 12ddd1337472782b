#include "cli/SendCommand.h"

#include "cli/CommandArguments.h"
#include "cli/InputFiles.h"
#include "cli/NameSuggestion.h"
#include "cli/ResponseOutput.h"
#include "compose/DeliveryRunner.h"
#include "compose/JsonOverride.h"
#include "compose/LoadSummary.h"
#include "compose/OrderedJson.h"
#include "compose/OwnCertificates.h"
#include "compose/Placeholders.h"
#include "compose/RetrySchedule.h"
#include "compose/SignerFactory.h"
#include "compose/TemplateLibrary.h"
#include "compose/TemplateSuggestion.h"
#include "core/Counted.h"
#include "core/StopSignals.h"
#include "signing/Signing.h"

#include <QCommandLineParser>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStandardPaths>

#include <cmath>
#include <csignal>

namespace hookscope::cli {

using namespace hookscope::compose;

namespace {

// "attempt 3 after 30 min (scaled: 30 ms)": the provider's real wait first, so a simulation
// still tells what production would do.
QString nextAttemptText(const AttemptRecord &record, double timeScale)
{
    const auto wait = [](qint64 ms) {
        return ms == 0 ? QStringLiteral("immediately") : QStringLiteral("after ") + formatDelay(ms);
    };
    QString text = QStringLiteral("attempt %1 %2")
                       .arg(record.attempt + 1)
                       .arg(wait(record.scheduledDelayMs));
    if (timeScale != 1.0 && record.scheduledDelayMs > 0)
        text += QStringLiteral(" (scaled: %1)").arg(formatDelay(record.nextDelayMs));
    return text;
}

QString timelineLine(const AttemptRecord &record, bool showEvent, double timeScale)
{
    QString line = QStringLiteral("[+%1s] ").arg(double(record.startedAtMs) / 1000.0, 0, 'f', 3);
    if (showEvent)
        line += QStringLiteral("event %1 ").arg(record.eventIndex + 1);
    if (!record.eventId.isEmpty())
        line += record.eventId + u' ';
    if (record.delivery == 2)
        line += QStringLiteral("(duplicate) ");
    line += QStringLiteral("attempt %1/%2: %3")
                .arg(record.attempt)
                .arg(record.attemptsPlanned)
                .arg(record.result.summary());
    if (record.result.gotResponse())
        line += QStringLiteral(" (%1 ms)").arg(milliseconds(record.result.durationUs));
    if (record.nextDelayMs >= 0)
        line += QStringLiteral(", retrying: %1").arg(nextAttemptText(record, timeScale));
    else if (record.final && !record.result.succeeded())
        line += QStringLiteral(", giving up");
    return line;
}

// The name a stop is reported under, in the text line and in --json's stopped_by.
QString stopSignalName(int signal)
{
    return signal == SIGINT ? QStringLiteral("SIGINT") : QStringLiteral("SIGTERM");
}

// What a run stopped by a signal got to do, and what it did not: "stopped by SIGINT after 2
// attempts (503 × 2); attempt 3 after 30 min was not sent".
QString stoppedLine(int signal, const DeliveryReport &report, double timeScale)
{
    const QString outcome = LoadSummary::fromReport(report).outcomeText();
    QString line = QStringLiteral("stopped by %1 after %2")
                       .arg(stopSignalName(signal),
                            counted(report.attempts.size(), u"attempt", u"attempts"));
    if (!outcome.isEmpty())
        line += QStringLiteral(" (%1)").arg(outcome);
    const int finished = report.delivered + report.failed;
    if (report.deliveries > 1) {
        line += QStringLiteral("; %1 of %2 deliveries finished, the rest were not sent")
                    .arg(finished)
                    .arg(report.deliveries);
    } else if (!report.attempts.isEmpty() && !report.attempts.last().final) {
        line += QStringLiteral("; %1 was not sent")
                    .arg(nextAttemptText(report.attempts.last(), timeScale));
    } else if (finished == 0) {
        line += QStringLiteral("; the attempt under way was dropped");
    }
    return line;
}

// Each schedule by its id, then its title and what it does, as the composer's Retries picker
// names and describes it.
QString retrySchedulesHelp()
{
    QString text = QStringLiteral("Retry schedules:\n");
    for (const QString &name : RetrySchedule::names())
        text += QStringLiteral("  %1 %2: %3\n")
                    .arg(name.leftJustified(20), RetrySchedule::title(name),
                         RetrySchedule::summary(name));
    return text;
}

} // namespace

CommandSyntax SendCommand::syntax() const
{
    CommandSyntax syntax(
        name(),
        QStringLiteral("hookscope send URL (--template NAME | --body-file FILE|- | --data TEXT) "
                       "[options]"),
        QStringLiteral("Send a test event (a template or a body file) to URL, signed as a "
                       "provider would, with its retry schedule if asked. Ctrl+C or SIGTERM "
                       "stops it with a report of what was sent so far (exit 1)."));
    syntax.setExitStatus(
        QStringLiteral("0 every delivery's final attempt got a 2xx, 1 otherwise (also a file "
                       "that could not be read), 2 usage error."));
    syntax.addPositional(QStringLiteral("URL"), QStringLiteral("http:// or https:// URL"));
    syntax.addOption(QCommandLineOption(QStringLiteral("template"),
                                        QStringLiteral("Template PROVIDER/EVENT (see "
                                                       "'hookscope templates')."),
                                        QStringLiteral("NAME")),
                     ValueHint::Template);
    syntax.addOption(QCommandLineOption(QStringLiteral("body-file"),
                                        QStringLiteral("Body bytes from a file, '-' for "
                                                       "standard input (sent exactly)."),
                                        QStringLiteral("FILE")),
                     ValueHint::File);
    syntax.addOption(QCommandLineOption({QStringLiteral("d"), QStringLiteral("data")},
                                        QStringLiteral("The body itself, sent exactly (as curl's "
                                                       "-d, without its @FILE: use --body-file "
                                                       "for a file)."),
                                        QStringLiteral("TEXT")));
    syntax.addOption(QCommandLineOption(QStringLiteral("set"),
                                        QStringLiteral("Override a JSON field, e.g. "
                                                       "data.attributes.amount_cents=500 (JSON "
                                                       "when it parses, else a string)."),
                                        QStringLiteral("PATH=VALUE")));
    syntax.addChoiceOption(QCommandLineOption(QStringLiteral("scheme"),
                                              QStringLiteral("Signature scheme (default: the "
                                                             "template's)."),
                                              QStringLiteral("SCHEME")),
                           signing::schemeNames());
    syntax.addOption(QCommandLineOption(QStringLiteral("secret"),
                                        QStringLiteral("Signing secret (or --secret-file, or "
                                                       "HOOKSCOPE_SECRET)."),
                                        QStringLiteral("SECRET")));
    syntax.addOption(QCommandLineOption(QStringLiteral("secret-file"),
                                        QStringLiteral("Read the signing secret from FILE."),
                                        QStringLiteral("FILE")),
                     ValueHint::File);
    syntax.addOption(QCommandLineOption({QStringLiteral("H"), QStringLiteral("header")},
                                        QStringLiteral("Add or replace a header, 'Name: value' "
                                                       "(repeatable)."),
                                        QStringLiteral("HEADER")));
    syntax.addOption(QCommandLineOption(QStringLiteral("method"),
                                        QStringLiteral("HTTP method (default: the template's, "
                                                       "or POST)."),
                                        QStringLiteral("METHOD")));
    syntax.addChoiceOption(
        QCommandLineOption(
            QStringLiteral("retry-schedule"),
            QStringLiteral("Retry like a provider: %1 (see Retry schedules below), or "
                           "provider (the template's own).")
                .arg(RetrySchedule::names().join(QStringLiteral(", "))),
            QStringLiteral("NAME")),
        RetrySchedule::names() << QStringLiteral("provider"));
    syntax.addOption(QCommandLineOption(QStringLiteral("time-scale"),
                                        QStringLiteral("Divide every retry wait by X."),
                                        QStringLiteral("X"), QStringLiteral("1")));
    syntax.addOption(QCommandLineOption(QStringLiteral("count"),
                                        QStringLiteral("Send N events (load mode)."),
                                        QStringLiteral("N"), QStringLiteral("1")));
    syntax.addOption(QCommandLineOption(QStringLiteral("rate"),
                                        QStringLiteral("At most R events per second (0: no "
                                                       "limit)."),
                                        QStringLiteral("R"), QStringLiteral("0")));
    syntax.addOption(QCommandLineOption(QStringLiteral("concurrency"),
                                        QStringLiteral("Over C connections."), QStringLiteral("C"),
                                        QStringLiteral("1")));
    syntax.addOption(QCommandLineOption(QStringLiteral("deliver-twice"),
                                        QStringLiteral("Deliver every event a second time (same "
                                                       "id), as providers sometimes do.")));
    syntax.addOption(QCommandLineOption(QStringLiteral("out-of-order"),
                                        QStringLiteral("Make all events first, then deliver "
                                                       "them newest first.")));
    syntax.addOption(QCommandLineOption(QStringLiteral("insecure"),
                                        QStringLiteral("Accept any TLS certificate for this "
                                                       "send (self-signed).")));
    syntax.addOption(QCommandLineOption(QStringLiteral("cacert"),
                                        QStringLiteral("Trust the PEM certificate(s) in FILE for "
                                                       "this send, as curl's --cacert: the "
                                                       "localhost-cert.pem `listen --tls` prints, "
                                                       "or your own CA. Unlike --insecure, any "
                                                       "other certificate is still refused."),
                                        QStringLiteral("FILE")),
                     ValueHint::File);
    const QString defaultTimeout = QString::number(OutgoingRequest().timeoutMs);
    syntax.addOption(QCommandLineOption(QStringLiteral("timeout"),
                                        QStringLiteral("Per-attempt timeout in milliseconds "
                                                       "(default %1).")
                                            .arg(defaultTimeout),
                                        QStringLiteral("MS"), defaultTimeout));
    syntax.addOption(
        QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print one JSON object.")));
    syntax.setNotes(retrySchedulesHelp());
    return syntax;
}

int SendCommand::execute(const QStringList &arguments, CommandIo &io)
{
    const CommandSyntax syntax = this->syntax();
    QCommandLineParser parser;
    const QCommandLineOption &templateOption = syntax.option(u"template");
    const QCommandLineOption &bodyFileOption = syntax.option(u"body-file");
    const QCommandLineOption &dataOption = syntax.option(u"data");
    const QCommandLineOption &setOption = syntax.option(u"set");
    const QCommandLineOption &schemeOption = syntax.option(u"scheme");
    const QCommandLineOption &secretOption = syntax.option(u"secret");
    const QCommandLineOption &secretFileOption = syntax.option(u"secret-file");
    const QCommandLineOption &headerOption = syntax.option(u"header");
    const QCommandLineOption &methodOption = syntax.option(u"method");
    const QCommandLineOption &scheduleOption = syntax.option(u"retry-schedule");
    const QCommandLineOption &timeScaleOption = syntax.option(u"time-scale");
    const QCommandLineOption &countOption = syntax.option(u"count");
    const QCommandLineOption &rateOption = syntax.option(u"rate");
    const QCommandLineOption &concurrencyOption = syntax.option(u"concurrency");
    const QCommandLineOption &twiceOption = syntax.option(u"deliver-twice");
    const QCommandLineOption &outOfOrderOption = syntax.option(u"out-of-order");
    const QCommandLineOption &insecureOption = syntax.option(u"insecure");
    const QCommandLineOption &cacertOption = syntax.option(u"cacert");
    const QCommandLineOption &timeoutOption = syntax.option(u"timeout");
    const QCommandLineOption &jsonOption = syntax.option(u"json");

    const auto usage = usageReporter(io.err, name());
    if (const std::optional<int> exitCode = parseArguments(parser, syntax, arguments, io))
        return *exitCode;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usage(positional.isEmpty() ? QStringLiteral("a URL is required")
                                          : QStringLiteral("only one URL, please"));
    // One source of the body: two would leave the user guessing which one was sent.
    QStringList bodySources;
    for (const QCommandLineOption *option : {&templateOption, &bodyFileOption, &dataOption}) {
        if (parser.isSet(*option))
            bodySources << QStringLiteral("--") + option->names().constLast();
    }
    if (bodySources.size() != 1)
        return usage(bodySources.isEmpty()
                         ? QStringLiteral("give one of --template, --body-file or --data")
                         : QStringLiteral("%1 both give the body; give only one")
                               .arg(bodySources.join(QStringLiteral(" and "))));
    if (parser.value(dataOption).startsWith(u'@'))
        return usage(QStringLiteral("--data takes the body itself, not @FILE as curl does; "
                                    "give the file with --body-file"));
    // A scheme name is checked first, whatever else is given or missing.
    if (const QString name = parser.value(schemeOption);
        parser.isSet(schemeOption) && !signing::isKnownScheme(name) && !name.startsWith(u"custom:"))
        return usage(QStringLiteral("unknown scheme '%1' (known: %2)%3")
                         .arg(name, signing::schemeNames().join(QStringLiteral(", ")),
                              didYouMeanScheme(name, signing::schemeNames())));
    // Warnings and notes wait until every argument is known to be usable.
    QStringList notes;

    // Numbers
    bool ok = true;
    const auto integer = [&](const QCommandLineOption &option, int min, int max) {
        bool parsed = false;
        const int value = parser.value(option).toInt(&parsed);
        if (!parsed || value < min || value > max)
            ok = false;
        return value;
    };
    DeliveryOptions options;
    options.count = integer(countOption, 1, 10'000'000);
    if (!ok)
        return usage(QStringLiteral("--count must be a whole number from 1"));
    options.concurrency = integer(concurrencyOption, 1, 1024);
    if (!ok)
        return usage(QStringLiteral("--concurrency must be from 1 to 1024"));
    options.timeoutMs = integer(timeoutOption, 1, 24 * 3600 * 1000);
    if (!ok)
        return usage(QStringLiteral("--timeout must be a positive number of milliseconds"));
    options.rate = parser.value(rateOption).toDouble(&ok);
    if (!ok || options.rate < 0 || !std::isfinite(options.rate))
        return usage(QStringLiteral("--rate must be a number of events per second (0: no limit)"));
    options.timeScale = parser.value(timeScaleOption).toDouble(&ok);
    if (!ok || !(options.timeScale > 0) || !std::isfinite(options.timeScale))
        return usage(QStringLiteral("--time-scale must be a positive number"));
    options.deliverTwice = parser.isSet(twiceOption);
    options.outOfOrder = parser.isSet(outOfOrderOption);
    options.insecure = parser.isSet(insecureOption);
    if (parser.isSet(cacertOption)) {
        const QString path = parser.value(cacertOption);
        const InputResult file = readInputFile(path, QStringLiteral("certificate"));
        if (!file.ok())
            return reportInputError(io.err, name(), file);
        const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.bytes);
        if (certificates.isEmpty())
            return usage(QStringLiteral("--cacert: no PEM certificate in %1").arg(path));
        // As a CA, for a certificate it issued; as one of our own, for a self-signed one
        // (`listen --tls` makes it CA:FALSE, which OpenSSL refuses as an issuer).
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(certificates);
        QSslConfiguration::setDefaultConfiguration(tls);
        compose::trustOwnCertificate(path);
    }

    // URL, method, headers
    if (const QString problem = invalidUrlMessage(positional.first()); !problem.isEmpty())
        return usage(problem);
    options.url = QUrl(positional.first(), QUrl::StrictMode);
    OutgoingRequest probe;
    probe.url = options.url;
    if (parser.isSet(methodOption)) {
        options.method = parser.value(methodOption).toLatin1();
        probe.method = options.method;
    }
    for (const QString &line : parser.values(headerOption)) {
        HeaderField field;
        QString error;
        if (!parseHeaderLine(line, &field, &error))
            return usage(error);
        setHeader(options.extraHeaders, field.name, field.value);
    }
    probe.headers = options.extraHeaders;
    SendError probeError = SendError::None;
    QString probeMessage;
    if (!validateRequest(probe, &probeError, &probeMessage))
        return usage(probeMessage);

    // Overrides
    QList<JsonOverride> overrides;
    for (const QString &assignment : parser.values(setOption)) {
        JsonOverride override;
        QString error;
        if (!JsonOverride::parse(assignment, &override, &error))
            return usage(error);
        overrides.append(override);
    }
    // Notes (a value sent as a string where the body had a number, say) are said once, for the
    // first event.
    const auto applyOverrides
        = [overrides](QByteArray &body, QString *error, QStringList *overrideNotes = nullptr) {
              for (const JsonOverride &override : overrides) {
                  QString note;
                  if (!applyOverride(body, override, error, &note))
                      return false;
                  if (overrideNotes && !note.isEmpty())
                      *overrideNotes << note;
              }
              return true;
          };

    // The event source: a template rendered afresh for each event, or the body file as is.
    QString eventName;
    QString scheme = parser.value(schemeOption);
    QString templateName;
    QString templateSchedule;
    EventSource source;
    if (parser.isSet(templateOption)) {
        TemplateLibrary library;
        templateName = parser.value(templateOption);
        const auto found = library.find(templateName);
        if (!found)
            return usage(QStringLiteral("no template '%1'%2 (see 'hookscope templates')")
                             .arg(templateName, didYouMean(library.templates(), templateName)));
        const EventTemplate eventTemplate = *found;
        eventName = eventTemplate.event;
        templateSchedule = eventTemplate.retrySchedule;
        if (scheme.isEmpty())
            scheme = eventTemplate.scheme;
        // Render the first event now so that template and --set errors are usage errors.
        RenderedEvent first;
        QString error;
        PlaceholderContext context(1);
        if (!renderTemplate(eventTemplate, context, &first, &error)
            || !applyOverrides(first.body, &error, &notes))
            return usage(error);
        source = [eventTemplate, applyOverrides, first, scheme](qint64 sequence, RenderedEvent *out,
                                                                QString *error) {
            if (sequence == 1) {
                *out = first;
            } else {
                PlaceholderContext context(sequence);
                if (!renderTemplate(eventTemplate, context, out, error)
                    || !applyOverrides(out->body, error))
                    return false;
            }
            out->scheme = scheme;
            return true;
        };
    } else {
        const InputResult input = parser.isSet(dataOption)
            ? InputResult {Success, parser.value(dataOption).toUtf8(), {}}
            : readBodyInput(parser.value(bodyFileOption), io.in);
        if (!input.ok())
            return reportInputError(io.err, name(), input);
        QByteArray body = input.bytes;
        QString error;
        if (!applyOverrides(body, &error, &notes))
            return usage(error);
        RenderedEvent event;
        event.body = body;
        event.scheme = scheme;
        event.timestamp = QDateTime::currentSecsSinceEpoch();
        JsonParseError parseError;
        const JsonValue json = parseJson(body, &parseError);
        event.headers.append({"Content-Type",
                              parseError.ok() ? QByteArray("application/json")
                                              : QByteArray("application/octet-stream")});
        const QByteArray trimmed = body.trimmed();
        if (!parseError.ok() && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
            notes << QStringLiteral("warning: the body looks like JSON but is not valid (%1); "
                                    "sending it as is")
                         .arg(parseError.describe());
        }
        // The envelope's own id and type, when it has them, name the event for retries.
        event.eventId = json.stringValue(u"id");
        eventName = json.stringValue(u"type");
        source = [event](qint64, RenderedEvent *out, QString *) {
            *out = event;
            return true;
        };
    }

    // Signing: the secret comes from --secret, --secret-file or HOOKSCOPE_SECRET, as for `sign`.
    signing::SecretInput secretInput;
    secretInput.hasInlineSecret = parser.isSet(secretOption);
    secretInput.inlineSecret = parser.value(secretOption);
    secretInput.secretFile = parser.value(secretFileOption);
    const InputResult secret = readSecretInput(secretInput);
    if (!secret.ok())
        return reportInputError(io.err, name(), secret);
    if (!secret.bytes.isEmpty()) {
        if (scheme.isEmpty())
            return usage(QStringLiteral("a secret was given but no --scheme to sign with"));
        QString error;
        options.signer = makeSigner(scheme, secret.bytes, &error);
        if (!options.signer)
            return usage(error);
    } else if (parser.isSet(schemeOption) && !parser.isSet(templateOption)) {
        return usage(QStringLiteral("--scheme %1 needs a secret: --secret, --secret-file or "
                                    "HOOKSCOPE_SECRET")
                         .arg(scheme));
    } else if (!scheme.isEmpty() && !parser.isSet(jsonOption)) {
        notes << QStringLiteral(
                     "note: sending unsigned (scheme %1 needs --secret, --secret-file or "
                     "HOOKSCOPE_SECRET)")
                     .arg(scheme);
    }

    // Retry schedule
    if (parser.isSet(scheduleOption)) {
        QString error;
        QString name = parser.value(scheduleOption);
        if (name == u"provider") {
            if (templateSchedule.isEmpty())
                return usage(QStringLiteral("--retry-schedule provider: the template names no "
                                            "retry schedule"));
            name = templateSchedule;
        }
        if (!RetrySchedule::names().contains(name)) {
            const QStringList known = RetrySchedule::names() << QStringLiteral("provider");
            return usage(QStringLiteral("unknown retry schedule '%1' (known: %2)%3")
                             .arg(name, known.join(QStringLiteral(", ")), didYouMean(name, known)));
        }
        const auto schedule = RetrySchedule::named(name, eventName, &error);
        if (!schedule)
            return usage(error);
        options.schedule = *schedule;
    }

    for (const QString &note : std::as_const(notes))
        io.err << note << '\n';
    io.err.flush();

    // Run
    const bool many = options.count > 1 || options.deliverTwice;
    options.keepBodies = !many; // a summary needs no bodies
    // `hookscope listen --tls` on the default database: its certificate needs no --insecure.
    // The data folder is only looked in, never created.
    compose::trustReceiverCertificateIn(
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    DeliveryRunner runner(options, source);
    const int deliveries = options.count * (options.deliverTwice ? 2 : 1);
    const bool json = parser.isSet(jsonOption);
    // A timeline only when there is more than one attempt to tell apart.
    const bool timeline = many || options.schedule.attempts() > 1;
    if (!json && timeline && deliveries <= 50) {
        QObject::connect(&runner, &DeliveryRunner::attemptFinished, &runner,
                         [&io, many, scale = options.timeScale](const AttemptRecord &record) {
                             io.err << timelineLine(record, many, scale) << '\n';
                             io.err.flush();
                         });
    }
    // Said, or a forged signature would seem to lose a header for no reason.
    QObject::connect(&runner, &DeliveryRunner::signatureHeadersDropped, &runner,
                     [&io, scheme](const QStringList &names) {
                         io.err << "note: --header gives the " << scheme
                                << " signature, so the other signature "
                                << (names.size() == 1 ? "header" : "headers")
                                << " Hookscope would add " << (names.size() == 1 ? "is" : "are")
                                << " left out: " << names.join(QStringLiteral(", ")) << '\n';
                         io.err.flush();
                     });
    // Ctrl+C or SIGTERM ends the run as a finished one ends: with what was sent so far.
    const StopSignals stopSignals;
    int stoppedBy = 0;
    QObject::connect(&stopSignals, &StopSignals::received, &runner, [&runner, &stoppedBy](int s) {
        stoppedBy = s;
        runner.cancel();
    });
    const DeliveryReport &report = runner.run();

    const AttemptRecord *last = report.attempts.isEmpty() ? nullptr : &report.attempts.last();
    if (json) {
        JsonValue root = JsonValue::object();
        root.insert(QStringLiteral("ok"), JsonValue::boolean(report.allDelivered()));
        root.insert(QStringLiteral("url"), JsonValue::string(redactedUrl(options.url)));
        if (!templateName.isEmpty())
            root.insert(QStringLiteral("template"), JsonValue::string(templateName));
        root.insert(QStringLiteral("signed"), JsonValue::boolean(bool(options.signer)));
        root.insert(QStringLiteral("retry_schedule"), JsonValue::string(options.schedule.name));
        root.insert(QStringLiteral("time_scale"), JsonValue::number(options.timeScale));
        root.insert(QStringLiteral("events"), JsonValue::number(qint64(options.count)));
        root.insert(QStringLiteral("deliveries"), JsonValue::number(qint64(report.deliveries)));
        root.insert(QStringLiteral("delivered"), JsonValue::number(qint64(report.delivered)));
        root.insert(QStringLiteral("failed"), JsonValue::number(qint64(report.failed)));
        if (!report.error.isEmpty())
            root.insert(QStringLiteral("error"), JsonValue::string(report.error));
        if (report.cancelled) // the attempts below are what was sent before the stop
            root.insert(QStringLiteral("stopped_by"), JsonValue::string(stopSignalName(stoppedBy)));
        root.insert(QStringLiteral("elapsed_ms"), millisecondsJson(report.elapsedUs));
        JsonValue attempts = JsonValue::array();
        for (const AttemptRecord &record : report.attempts) {
            JsonValue item = JsonValue::object();
            item.insert(QStringLiteral("event"), JsonValue::number(qint64(record.eventIndex + 1)));
            item.insert(QStringLiteral("delivery"), JsonValue::number(qint64(record.delivery)));
            item.insert(QStringLiteral("attempt"), JsonValue::number(qint64(record.attempt)));
            item.insert(QStringLiteral("event_id"), JsonValue::string(record.eventId));
            item.insert(QStringLiteral("started_ms"), JsonValue::number(record.startedAtMs));
            item.insert(QStringLiteral("status"), JsonValue::number(qint64(record.result.status)));
            item.insert(QStringLiteral("error"),
                        record.result.gotResponse()
                            ? JsonValue::null()
                            : JsonValue::string(sendErrorName(record.result.error)));
            item.insert(QStringLiteral("duration_ms"), millisecondsJson(record.result.durationUs));
            if (record.nextDelayMs >= 0) {
                item.insert(QStringLiteral("next_delay_ms"), JsonValue::number(record.nextDelayMs));
                item.insert(QStringLiteral("scheduled_delay_ms"),
                            JsonValue::number(record.scheduledDelayMs));
            }
            attempts.append(item);
        }
        root.insert(QStringLiteral("attempts"), attempts);
        if (many) {
            const LoadSummary summary = LoadSummary::fromReport(report);
            JsonValue latency = JsonValue::object();
            for (const auto &[name, percentile] :
                 {std::pair {"p50", 50.0}, {"p90", 90.0}, {"p99", 99.0}, {"max", 100.0}}) {
                const qint64 us = summary.latency().percentileUs(percentile);
                latency.insert(QString::fromLatin1(name),
                               us < 0 ? JsonValue::null() : millisecondsJson(us));
            }
            root.insert(QStringLiteral("throughput_per_s"),
                        JsonValue::number(summary.attemptsPerSecond()));
            root.insert(QStringLiteral("latency_ms"), latency);
        } else if (last) {
            JsonValue request = JsonValue::object();
            request.insert(QStringLiteral("method"),
                           JsonValue::string(QString::fromLatin1(last->request.method)));
            request.insert(QStringLiteral("headers"), headersJson(last->request.headers));
            putBody(request, last->request.body);
            root.insert(QStringLiteral("request"), request);
            if (last->result.gotResponse()) {
                root.insert(QStringLiteral("response"), responseJson(last->result));
            } else {
                root.insert(QStringLiteral("message"), JsonValue::string(last->result.message));
            }
        }
        io.out << QString::fromUtf8(root.toCompact()) << '\n';
        io.out.flush();
        // Said on standard error as without --json, so a person watching a script sees it.
        if (report.cancelled) {
            io.err << "hookscope send: " << stoppedLine(stoppedBy, report, options.timeScale)
                   << '\n';
            io.err.flush();
        }
        return report.allDelivered() ? Success : Failure;
    }

    if (!report.error.isEmpty()) {
        io.err << "hookscope send: " << report.error << '\n';
        io.err.flush();
        return Failure;
    }
    if (many) {
        for (const QString &line : LoadSummary::fromReport(report).textLines())
            io.out << line << '\n';
    } else if (last && last->result.gotResponse()) {
        printResponse(io, last->result);
    } else if (last) {
        io.err << "hookscope send: " << last->result.message << '\n';
    }
    if (report.cancelled)
        io.err << "hookscope send: " << stoppedLine(stoppedBy, report, options.timeScale) << '\n';
    io.out.flush();
    io.err.flush();
    return report.allDelivered() ? Success : Failure;
}

} // namespace hookscope::cli
