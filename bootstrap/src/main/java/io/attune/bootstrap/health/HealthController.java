package io.attune.bootstrap.health;

import io.attune.adapters.amqp.BrokerHealth;
import io.attune.bootstrap.wiring.Roles;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code /health}, {@code /health/liveness} and {@code /health/readiness} for load balancers and orchestrators.
 * Anyone gets {@code {"status": "UP"}} or {@code "DOWN"} (200 or 503); only an authenticated admin also gets the
 * details (database and broker versions, the JDBC URL, the roles). Readiness counts the database always and the
 * broker only on an instance without the api role: the API keeps taking requests while the broker is away (the
 * outbox holds their messages), so a load balancer must not turn traffic away from it.
 */
@Controller("/health")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HealthController {

    private static final int DATABASE_TIMEOUT_SECONDS = 2;

    private final Roles roles;
    private final TransactionOperations<Connection> database;
    private final BrokerHealth broker;

    HealthController(Roles roles, TransactionOperations<Connection> database, BrokerHealth broker) {
        this.roles = roles;
        this.database = database;
        this.broker = broker;
    }

    /** Everything this instance needs: the database and the broker. */
    @Get
    public HttpResponse<Map<String, Object>> health(HttpRequest<?> request) {
        Probe db = database();
        BrokerHealth.Status amqp = broker.check();
        return answer(request, db.up() && amqp.up(), db, amqp);
    }

    /** Up while the process serves HTTP: a failing liveness probe means "restart me", never "the broker is away". */
    @Get("/liveness")
    public HttpResponse<Map<String, Object>> liveness() {
        return HttpResponse.ok(Map.of("status", "UP"));
    }

    /** Whether this instance should get work: the database always; the broker only on instances without the api role. */
    @Get("/readiness")
    public HttpResponse<Map<String, Object>> readiness(HttpRequest<?> request) {
        Probe db = database();
        BrokerHealth.Status amqp = broker.check();
        boolean needsBroker = !roles.has("api");
        return answer(request, db.up() && (amqp.up() || !needsBroker), db, amqp);
    }

    private HttpResponse<Map<String, Object>> answer(HttpRequest<?> request, boolean up, Probe db,
                                                     BrokerHealth.Status amqp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        if (isAdmin(request)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("jdbc", Map.of("status", db.up() ? "UP" : "DOWN", "details", db.details()));
            details.put("rabbitmq", Map.of("status", amqp.up() ? "UP" : "DOWN", "details", amqp.details()));
            body.put("details", details);
            body.put("roles", new TreeSet<>(roles.all()));
        }
        return HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    private static boolean isAdmin(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class).map(a -> a.getRoles().contains("admin")).orElse(false);
    }

    private record Probe(boolean up, Map<String, Object> details) {
    }

    private Probe database() {
        try {
            return database.execute(TransactionDefinition.READ_ONLY, status -> {
                try {
                    Connection connection = status.getConnection();
                    if (!connection.isValid(DATABASE_TIMEOUT_SECONDS)) {
                        return new Probe(false, Map.of("error", "the database did not answer within "
                                + DATABASE_TIMEOUT_SECONDS + " s"));
                    }
                    DatabaseMetaData meta = connection.getMetaData();
                    return new Probe(true, Map.of("database", meta.getDatabaseProductName(),
                            "version", meta.getDatabaseProductVersion(), "url", meta.getURL()));
                } catch (SQLException e) {
                    return new Probe(false, Map.of("error", "the database failed: " + e.getSQLState()));
                }
            });
        } catch (RuntimeException e) {
            return new Probe(false, Map.of("error", "the database cannot be reached: " + e.getClass().getSimpleName()));
        }
    }
}
