package io.attune.adapters.postgres;

import io.attune.application.port.in.CatalogQueries.PolicyFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.PolicyRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.policy.Policy;
import io.attune.domain.policy.Policy.ActionTarget;
import io.attune.domain.policy.Policy.Concurrency;
import io.attune.domain.policy.Policy.ConcurrencyBehavior;
import io.attune.domain.policy.Policy.GlobalTarget;
import io.attune.domain.policy.Policy.PackTarget;
import io.attune.domain.policy.Policy.RateBehavior;
import io.attune.domain.policy.Policy.RateLimit;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Policies in the {@code policies} table: the target as (target_kind, target), concurrency and rate limit as JSONB
 * objects in the pack file's spelling. Joins the current transaction; outside one, each call runs in a short
 * transaction of its own. Written only through {@link PostgresPackRepository}.
 */
@Singleton
public final class PostgresPolicyRepository implements PolicyRepository {

    private static final String COLUMNS =
            "ref, description, target_kind, target, concurrency::text AS concurrency, rate_limit::text AS rate_limit, enabled,"
            + " retry::text AS retry";

    /** Policies that apply to the action bound twice: its own, its pack's, and global ones. */
    private static final String APPLIES_TO_ACTION =
            "(target_kind = 'global' OR (target_kind = 'action' AND target = ?) OR (target_kind = 'pack' AND target = ?))";

    private final Jdbc jdbc;

    PostgresPolicyRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Policy> find(Ref ref) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM policies WHERE ref = ?",
                PostgresPolicyRepository::policy, ref.toString()));
    }

    @Override
    public Page<Policy> list(PolicyFilter filter, PageRequest page) {
        Jdbc.Where where = new Jdbc.Where().andIf(filter.pack(), "pack = ?");
        filter.action().ifPresent(action -> where.and(APPLIES_TO_ACTION, action.toString(), action.pack()));
        return jdbc.read(c -> Jdbc.page(c, COLUMNS, "policies", where, "ref", page, PostgresPolicyRepository::policy));
    }

    @Override
    public List<Policy> applicableTo(Ref action) {
        return jdbc.read(c -> Jdbc.list(c,
                "SELECT " + COLUMNS + " FROM policies WHERE enabled AND " + APPLIES_TO_ACTION + " ORDER BY ref",
                PostgresPolicyRepository::policy, action.toString(), action.pack()));
    }

    /** Inserts or updates by ref; for the pack's transaction. */
    static void upsert(Connection connection, Policy policy) throws SQLException {
        String kind = switch (policy.target()) {
            case ActionTarget a -> "action";
            case PackTarget p -> "pack";
            case GlobalTarget g -> "global";
        };
        String target = switch (policy.target()) {
            case ActionTarget a -> a.action().toString();
            case PackTarget p -> p.pack();
            case GlobalTarget g -> null;
        };
        Jdbc.update(connection, """
                INSERT INTO policies (ref, pack, description, target_kind, target, concurrency, rate_limit, enabled,
                                      retry)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb)
                ON CONFLICT (ref) DO UPDATE SET
                    pack = EXCLUDED.pack, description = EXCLUDED.description, target_kind = EXCLUDED.target_kind,
                    target = EXCLUDED.target, concurrency = EXCLUDED.concurrency, rate_limit = EXCLUDED.rate_limit,
                    enabled = EXCLUDED.enabled, retry = EXCLUDED.retry, updated_at = now()
                """,
                policy.ref().toString(), policy.ref().pack(), policy.description(), kind, target,
                JsonColumns.write(policy.concurrency().map(PostgresPolicyRepository::concurrency).orElse(null)),
                JsonColumns.write(policy.rateLimit().map(PostgresPolicyRepository::rateLimit).orElse(null)),
                policy.enabled(), RetryColumns.write(policy.retry()));
    }

    private static Policy policy(ResultSet row) throws SQLException {
        String kind = row.getString("target_kind");
        Policy.Target target = switch (kind) {
            case "action" -> new ActionTarget(Ref.parse(row.getString("target")));
            case "pack" -> new PackTarget(row.getString("target"));
            case "global" -> new GlobalTarget();
            default -> throw new PersistenceException("unknown target_kind '" + kind + "' stored");
        };
        String concurrency = row.getString("concurrency");
        String rateLimit = row.getString("rate_limit");
        return new Policy(
                Ref.parse(row.getString("ref")),
                row.getString("description"),
                target,
                Optional.ofNullable(concurrency).map(JsonColumns::readObject).map(PostgresPolicyRepository::concurrency),
                Optional.ofNullable(rateLimit).map(JsonColumns::readObject).map(PostgresPolicyRepository::rateLimit),
                row.getBoolean("enabled"),
                RetryColumns.read(row.getString("retry")));
    }

    private static Map<String, Object> concurrency(Concurrency concurrency) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("limit", concurrency.limit());
        json.put("behavior", concurrency.behavior().name().toLowerCase(Locale.ROOT));
        json.put("attributes", concurrency.attributes());
        json.put("max_queue", concurrency.maxQueue());
        concurrency.queueTimeout().ifPresent(t -> json.put("queue_timeout", t.toSeconds()));
        json.put("overflow", concurrency.overflow().name().toLowerCase(Locale.ROOT));
        return json;
    }

    private static Concurrency concurrency(Map<String, Object> json) {
        List<String> attributes = JsonColumns.strings(json.get("attributes"), "concurrency.attributes");
        return new Concurrency(
                JsonColumns.integer(json.get("limit"), "concurrency.limit"),
                Codes.decode(ConcurrencyBehavior::fromCode, "concurrency.behavior", (String) json.get("behavior")),
                attributes,
                // policies stored before queues were bounded have the defaults
                json.get("max_queue") == null ? Concurrency.DEFAULT_MAX_QUEUE
                        : JsonColumns.integer(json.get("max_queue"), "concurrency.max_queue"),
                Optional.ofNullable(json.get("queue_timeout"))
                        .map(t -> java.time.Duration.ofSeconds(JsonColumns.integer(t, "concurrency.queue_timeout"))),
                Codes.decode(Policy.Overflow::fromCode, "concurrency.overflow", (String) json.get("overflow")));
    }

    private static Map<String, Object> rateLimit(RateLimit rateLimit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("max", rateLimit.max());
        json.put("window_seconds", rateLimit.windowSeconds());
        json.put("behavior", rateLimit.behavior().name().toLowerCase(Locale.ROOT));
        return json;
    }

    private static RateLimit rateLimit(Map<String, Object> json) {
        return new RateLimit(
                JsonColumns.integer(json.get("max"), "rate_limit.max"),
                JsonColumns.integer(json.get("window_seconds"), "rate_limit.window_seconds"),
                Codes.decode(RateBehavior::fromCode, "rate_limit.behavior", (String) json.get("behavior")));
    }
}
