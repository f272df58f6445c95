package io.attune.adapters.http.support;

import io.micronaut.http.HttpRequest;
import java.net.InetSocketAddress;
import java.util.Optional;

/** The address a request came from, as the server's socket saw it (no proxy headers are trusted). */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static Optional<String> of(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? Optional.empty()
                : Optional.of(remote.getAddress().getHostAddress());
    }
}
