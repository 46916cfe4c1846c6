// Turns SIGTERM and SIGINT into a Qt signal: the handler only writes a byte to a self-pipe; a
// QSocketNotifier reads it on the event loop, where it is safe to act.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace tenkai::daemon {

class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    // Installs the handlers (once per process); false if the pipe could not be made.
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;
    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void readSignals();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace tenkai::daemon
