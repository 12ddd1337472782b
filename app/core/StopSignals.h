#pragma once

#include <QObject>

#include <csignal>

class QSocketNotifier;

namespace hookscope {

// SIGINT and SIGTERM as a Qt signal, so a process asked to stop (Ctrl+C, `kill`, a desktop
// logging out) goes through its normal shutdown: everything stored, the database lock gone.
// The handler only writes a byte to a socket pair; the event loop reads it. Installed from
// construction to destruction, and the previous handlers come back after; one at a time.
class StopSignals final : public QObject
{
    Q_OBJECT

public:
    explicit StopSignals(QObject *parent = nullptr);
    ~StopSignals() override;
    StopSignals(const StopSignals &) = delete;
    StopSignals &operator=(const StopSignals &) = delete;

    // False when the socket pair could not be made: the signals keep their old handlers.
    bool isInstalled() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void received(int signal);

private:
    void readSignal();

    struct sigaction m_oldInt {
    };
    struct sigaction m_oldTerm {
    };
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace hookscope
