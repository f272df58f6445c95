package io.attune.bootstrap.infra;

import io.attune.adapters.runtime.ActionAccounts;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where Attune's database and broker are, as the environment says.
 *
 * <p>An absent (or blank) {@code ATTUNE_DATABASE_URL} means "start the embedded PostgreSQL"; an absent
 * {@code ATTUNE_AMQP_URL} means "start the embedded AMQP 0-9-1 broker". Both embedded pieces keep their
 * data under {@link #dataDir()}.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><td>{@code ATTUNE_DATABASE_URL}</td><td>{@code jdbc:postgresql://host:port/db} or
 *       {@code postgresql://user:pass@host:port/db} (converted)</td></tr>
 *   <tr><td>{@code ATTUNE_DATABASE_USER}, {@code ATTUNE_DATABASE_PASSWORD}</td><td>credentials; win over those in the URL</td></tr>
 *   <tr><td>{@code ATTUNE_AMQP_URL}</td><td>{@code amqp://guest:guest@127.0.0.1:5672/}</td></tr>
 *   <tr><td>{@code ATTUNE_DATA_DIR}</td><td>default {@code ~/.attune}; as root {@code /var/lib/attune}</td></tr>
 *   <tr><td>{@code ATTUNE_HTTP_PORT}</td><td>default 8080</td></tr>
 *   <tr><td>{@code ATTUNE_EMBEDDED_DATABASE_PORT}</td><td>preferred port of the embedded PostgreSQL, default 5433</td></tr>
 *   <tr><td>{@code ATTUNE_EMBEDDED_AMQP_PORT}</td><td>preferred port of the embedded broker, default 5673</td></tr>
 * </table>
 */
public record InfrastructureSettings(
        Path dataDir,
        int httpPort,
        Optional<Database> database,
        Optional<String> amqpUrl,
        int embeddedDatabasePort,
        int embeddedAmqpPort) {

    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_EMBEDDED_DATABASE_PORT = 5433;
    public static final int DEFAULT_EMBEDDED_AMQP_PORT = 5673;

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");

    /** A database to connect to: a JDBC URL and, when known, the credentials. */
    public record Database(String jdbcUrl, Optional<String> username, Optional<String> password) {

        /** The URL with any password in it masked, for logs. */
        public String safeUrl() {
            return PASSWORD_PARAM.matcher(jdbcUrl).replaceAll("$1****");
        }
    }

    /** The data directory of a server running as root when none is configured. */
    public static final String ROOT_DATA_DIR = "/var/lib/attune";

    public static InfrastructureSettings fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, ActionAccounts.serverIsRoot());
    }

    /**
     * The settings from {@code env}. The data directory defaults to {@code ~/.attune}, but for a server running as
     * root to {@value #ROOT_DATA_DIR} (unless {@code ~/.attune} already holds data): actions then run as another user,
     * who must reach the pack folders, and root's home is closed to other users.
     */
    static InfrastructureSettings fromEnvironment(Map<String, String> env, boolean root) {
        String home = System.getProperty("user.home");
        Path inHome = Path.of(home, ".attune");
        Path dataDir = value(env, "ATTUNE_DATA_DIR")
                .map(dir -> dir.equals("~") ? home : dir.startsWith("~/") ? home + dir.substring(1) : dir)
                .map(Path::of)
                .orElse(root && !holdsData(inHome) ? Path.of(ROOT_DATA_DIR) : inHome)
                .toAbsolutePath()
                .normalize();
        int httpPort = port(env, "ATTUNE_HTTP_PORT", DEFAULT_HTTP_PORT);
        Optional<Database> database = value(env, "ATTUNE_DATABASE_URL").map(url -> database(
                url, value(env, "ATTUNE_DATABASE_USER"), optional(env, "ATTUNE_DATABASE_PASSWORD")));
        Optional<String> amqpUrl = value(env, "ATTUNE_AMQP_URL").map(InfrastructureSettings::normalizeAmqpUrl);
        return new InfrastructureSettings(dataDir, httpPort, database, amqpUrl,
                port(env, "ATTUNE_EMBEDDED_DATABASE_PORT", DEFAULT_EMBEDDED_DATABASE_PORT),
                port(env, "ATTUNE_EMBEDDED_AMQP_PORT", DEFAULT_EMBEDDED_AMQP_PORT));
    }

    public boolean embeddedDatabase() {
        return database.isEmpty();
    }

    public boolean embeddedBroker() {
        return amqpUrl.isEmpty();
    }

    /**
     * Accepts a JDBC URL as it is, and converts a libpq-style {@code postgresql://user:pass@host:port/db?params}
     * (or {@code postgres://...}) into {@code jdbc:postgresql://host:port/db?params}, taking the credentials
     * out of it. Credentials given separately win over those in the URL.
     */
    public static Database database(String url, Optional<String> user, Optional<String> password) {
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:")) {
            return new Database(trimmed, user, password);
        }
        if (!trimmed.startsWith("postgresql://") && !trimmed.startsWith("postgres://")) {
            throw new IllegalArgumentException("ATTUNE_DATABASE_URL must be jdbc:postgresql://host:port/db"
                    + " or postgresql://user:password@host:port/db, not " + trimmed);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("ATTUNE_DATABASE_URL is not a valid URL: " + e.getMessage(), e);
        }
        Optional<String> urlUser = Optional.empty();
        Optional<String> urlPassword = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            urlUser = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                urlPassword = Optional.of(decode(userInfo.substring(colon + 1)));
            }
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://");
        String host = uri.getHost();
        jdbc.append(host == null || host.isEmpty() ? "localhost" : host);
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        jdbc.append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        Optional<String> fromUrlUser = urlUser;
        Optional<String> fromUrlPassword = urlPassword;
        return new Database(jdbc.toString(), user.or(() -> fromUrlUser), password.or(() -> fromUrlPassword));
    }

    /**
     * {@code amqp://host:port/} names the virtual host "" for the RabbitMQ Java client (the path after the
     * first slash), not the default "/"; a bare trailing slash is dropped so that it means the default
     * virtual host, as people who write it expect. {@code amqp://host/%2F} still names "/" explicitly.
     */
    public static String normalizeAmqpUrl(String url) {
        String trimmed = url.trim();
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("amqp") || scheme.equalsIgnoreCase("amqps"))) {
                throw new IllegalArgumentException("ATTUNE_AMQP_URL must start with amqp:// or amqps://, not " + trimmed);
            }
            if ("/".equals(uri.getRawPath()) && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return trimmed.substring(0, trimmed.length() - 1);
            }
            return trimmed;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("ATTUNE_AMQP_URL is not a valid URL: " + e.getMessage(), e);
        }
    }

    /** The AMQP URL without its password, for logs. */
    public static String safeAmqpUrl(String url) {
        return url.replaceFirst("(?<=://)([^:/@]*):[^@/]*@", "$1:****@");
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** A password may legitimately be blank-padded; only an absent or empty value counts as unset. */
    private static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        Optional<String> raw = value(env, name);
        if (raw.isEmpty()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(raw.get());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException("out of range");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a TCP port number (0-65535), not " + raw.get(), e);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static boolean holdsData(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
