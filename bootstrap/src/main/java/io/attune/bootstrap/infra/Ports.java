package io.attune.bootstrap.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks the TCP port an embedded server listens on. */
final class Ports {

    private Ports() {
    }

    /** The preferred port when nothing listens on it on the loopback interface, otherwise a free one (0 = any). */
    static int preferredOrFree(int preferred) throws IOException {
        if (preferred > 0 && isFree(preferred)) {
            return preferred;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as servers do: connections in TIME_WAIT do not make a port busy
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
