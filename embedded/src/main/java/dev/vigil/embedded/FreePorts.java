package dev.vigil.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a currently unused local TCP port, for servers that must know their port before they bind it. */
final class FreePorts {

    private FreePorts() {
    }

    /** Returns {@code port} itself when it is positive, otherwise a port that is free on {@code host} right now. */
    static int resolve(String host, int port) {
        return port > 0 ? port : pick(host);
    }

    static int pick(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }
}
