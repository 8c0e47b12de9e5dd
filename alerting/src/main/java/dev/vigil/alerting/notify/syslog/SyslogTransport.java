package dev.vigil.alerting.notify.syslog;

import java.io.IOException;

/** Moves finished syslog messages to the receiver; one implementation per protocol. */
interface SyslogTransport extends AutoCloseable {

    /** Sends one message; on failure the transport is left ready to reconnect on the next call. */
    void send(byte[] message) throws IOException;

    @Override
    void close();
}
