package io.attune.adapters.amqp;

import com.rabbitmq.client.Connection;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether this instance's connections to the broker are open, for the health endpoints: what it finds is told to
 * {@link BrokerOutage} (which logs an outage once), and its details (broker product and version, since when it is
 * down) are for admins only.
 */
@Singleton
public final class BrokerHealth {

    /** The broker as seen now: up or not, with details for admins. */
    public record Status(boolean up, Map<String, Object> details) {
        public Status {
            details = Map.copyOf(details);
        }
    }

    private final List<Connection> connections;
    private final BrokerOutage outage;

    BrokerHealth(List<Connection> connections, BrokerOutage outage) {
        this.connections = List.copyOf(connections);
        this.outage = outage;
    }

    public Status check() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean open = !connections.isEmpty() && connections.stream().allMatch(BrokerHealth::isOpen);
        if (open) {
            outage.reached();
            Map<String, Object> server = connections.get(0).getServerProperties();
            details.put("product", String.valueOf(server.get("product")));
            details.put("version", String.valueOf(server.get("version")));
        } else {
            outage.failed("health check", "the connection to the broker is closed");
            details.put("error", "the connection to the broker is closed; it is being re-established");
        }
        outage.downSince().ifPresent(since -> details.put("down_since", since.toString()));
        return new Status(open, details);
    }

    private static boolean isOpen(Connection connection) {
        try {
            return connection.isOpen();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
