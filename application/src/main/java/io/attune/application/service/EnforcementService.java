package io.attune.application.service;

import io.attune.application.port.in.ExecutionCommands.RequestExecution;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.RuleEnforcement;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.EnforcementRepository;
import io.attune.application.port.out.EnforcementRepository.Claim;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.out.KeyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.SchemaValidator;
import io.attune.application.port.out.SecretCipher;
import io.attune.application.port.out.TemplateRenderer;
import io.attune.application.port.out.TemplateRenderer.Rendered;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.action.Action;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.common.Ref;
import io.attune.domain.enforcement.Enforcement;
import io.attune.domain.event.Event;
import io.attune.domain.event.EventSource;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import io.attune.domain.rule.Rule;
import io.attune.domain.rule.criteria.CriteriaEvaluator;
import io.attune.domain.rule.criteria.CriteriaResult;
import io.attune.domain.rule.criteria.RegexEngine;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The rules engine: matches an event against the enabled rules of its trigger, renders each matching rule's action
 * parameters, and records one enforcement per (rule, event) together with the execution it asks for, in one
 * transaction. A timer event is enforced only by the rule that declared the timer, a webhook event only by the rules
 * on its url ({@link EventSource}).
 */
public final class EnforcementService implements RuleEnforcement {

    private static final System.Logger LOG = System.getLogger(EnforcementService.class.getName());

    private final EventRepository events;
    private final RuleRepository rules;
    private final ActionRepository actions;
    private final SchemaValidator schemas;
    private final EnforcementRepository enforcements;
    private final KeyRepository keys;
    private final Secrets secrets;
    private final TemplateRenderer renderer;
    private final ExecutionService executions;
    private final Dispatch dispatch;
    private final TransactionRunner tx;
    private final Clock clock;
    private final CriteriaEvaluator criteria;

    /** {@code regexes} matches the criteria's regexes: linear-time in the server, the dry run included. */
    public EnforcementService(EventRepository events, RuleRepository rules, ActionRepository actions,
                              SchemaValidator schemas, EnforcementRepository enforcements, KeyRepository keys,
                              SecretCipher cipher, TemplateRenderer renderer, RegexEngine regexes,
                              ExecutionService executions, Dispatch dispatch, TransactionRunner tx, Clock clock) {
        this.criteria = new CriteriaEvaluator(regexes);
        this.events = events;
        this.rules = rules;
        this.actions = actions;
        this.schemas = schemas;
        this.enforcements = enforcements;
        this.keys = keys;
        this.secrets = new Secrets(cipher);
        this.renderer = renderer;
        this.executions = executions;
        this.dispatch = dispatch;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public List<Enforcement> enforce(long eventId) {
        return enforceAll(List.of(eventId));
    }

    @Override
    public List<Enforcement> enforceAll(List<Long> eventIds) {
        List<Enforcement> written = dispatch.inTransaction(pending -> {
            Map<Claim, Match> matches = new LinkedHashMap<>(); // an event twice in a batch is enforced once
            for (long eventId : eventIds) {
                Optional<Event> found = events.find(eventId);
                if (found.isEmpty()) {
                    LOG.log(Level.WARNING, "event {0} does not exist: nothing to enforce", eventId);
                    continue;
                }
                Event event = found.get();
                for (Rule rule : candidates(event)) {
                    if (criteria.evaluate(rule.criteria(), event.payload(), clock.instant()).matched()) {
                        matches.putIfAbsent(new Claim(rule.ref(), event.id()), new Match(rule, event));
                    }
                }
            }
            // the pairs enforced already (a redelivered event) get no id and are left alone
            Map<Claim, Long> reserved = enforcements.reserve(matches.keySet());
            List<Enforcement> done = new ArrayList<>();
            reserved.forEach((claim, id) -> {
                Match match = matches.get(claim);
                done.add(enforceOne(id, match.rule(), match.event(), pending));
            });
            // in the same transaction: an event leaves the intake backlog exactly when its enforcements exist
            events.markProcessed(eventIds);
            return done;
        });
        return written;
    }

    /** The enabled rules of the event's trigger that the event is addressed to. */
    private List<Rule> candidates(Event event) {
        Optional<String> timerRule = EventSource.timerRule(event.source());
        if (timerRule.isPresent()) {
            return rules.find(Ref.parse(timerRule.get()))
                    .filter(r -> r.enabled() && r.trigger().equals(event.trigger()))
                    .map(List::of).orElse(List.of());
        }
        List<Rule> enabled = rules.enabledOn(event.trigger());
        if (event.trigger().equals(WebhookService.TRIGGER)) {
            return EventSource.webhookUrl(event.source()).map(url -> WebhookService.listeningAt(enabled, url))
                    .orElse(List.of());
        }
        return enabled;
    }

    private record Match(Rule rule, Event event) {
    }

    /**
     * Renders the rule's parameters and requests its execution, then stores the enforcement once, in its final state,
     * under the reserved {@code id} (the execution names it; the reference is checked at commit). Another delivery of
     * the same event that stored it first, concurrently, rolls this transaction back: its execution is not kept.
     */
    private Enforcement enforceOne(long id, Rule rule, Event event, Dispatch.Pending pending) {
        Enforcement enforcement = new Enforcement(id, rule.ref(), event.id(), Enforcement.Status.CREATED, Map.of(),
                OptionalLong.empty(), Optional.empty(), clock.instant());
        Optional<Action> action = actions.find(rule.action());
        KeyLookup keyLookup = new KeyLookup(keys, secrets, rule.ref().pack(), clock, true);
        Rendered rendered = renderEach(rule.actionParameters(), context(rule, event, keyLookup), keyLookup);
        Enforcement outcome = switch (rendered) {
            case Rendered.Failed f -> failed(enforcement, Map.of(), keyLookup.scrub(keyLookup.unreadable()
                    .map(why -> "cannot render " + f.path() + ": " + why)
                    .orElse("cannot render " + f.path() + ": " + failure(f, keyLookup))));
            case Rendered.Ok ok -> {
                Map<String, Object> shown = masked(action, ok.parameters(), keyLookup);
                if (keyLookup.unreadable().isPresent()) {
                    yield failed(enforcement, shown, "cannot render the parameters: " + keyLookup.unreadable().get());
                }
                Optional<String> leak = undeclaredSecret(rule, action, keyLookup);
                if (leak.isPresent()) {
                    yield failed(enforcement, shown, leak.get());
                }
                try {
                    ExecutionService.Stored stored = executions.requestWithin(new RequestExecution(rule.action().toString(),
                            ok.parameters(), Optional.empty(), OptionalLong.empty(), OptionalLong.of(enforcement.id())),
                            pending);
                    yield new Enforcement(enforcement.id(), rule.ref(), event.id(), Enforcement.Status.SUCCEEDED,
                            stored.action().parameters().mask(stored.execution().parameters()),
                            OptionalLong.of(stored.execution().id()), Optional.empty(), enforcement.createdAt());
                } catch (UseCaseException e) {
                    yield failed(enforcement, shown, keyLookup.scrub(keyLookup.readsSecrets() ? refusal(e) : e.getMessage()));
                }
            }
        };
        if (!enforcements.insert(outcome)) {
            throw new IllegalStateException("rule " + rule.ref() + " was enforced for event " + event.id()
                    + " by a concurrent delivery: this one is rolled back");
        }
        if (outcome.status() == Enforcement.Status.FAILED) {
            LOG.log(Level.INFO, "rule {0} matched event {1} but enforcement {2} failed: {3}", rule.ref(), event.id(),
                    outcome.id(), outcome.failure().orElse(""));
        }
        return outcome;
    }

    /**
     * What a failed render may say: the engine's account quotes the values it was given, so once a secret key has been
     * read (in any transformed form: lowered, reversed, encoded, sliced) only the kind of failure and its line.
     */
    private static String failure(Rendered.Failed failed, KeyLookup keyLookup) {
        return keyLookup.readsSecrets() ? failed.withoutValues() : failed.message();
    }

    /** The action's refusal of parameters that read secret keys: the fields it names, not what it says of their values. */
    private static String refusal(UseCaseException e) {
        if (e instanceof UseCaseException.Invalid invalid && !invalid.errors().isEmpty()) {
            return "the action refused the parameters " + invalid.errors().stream().map(FieldError::field)
                    .distinct().map(field -> "'" + field + "'").toList()
                    + " (the details are withheld: the parameters read secret keys)";
        }
        return "the execution could not be requested (" + e.getClass().getSimpleName()
                + "; the details are withheld: the parameters read secret keys)";
    }

    /**
     * Renders each parameter on its own, so that the secret keys each one reads are known ({@link KeyLookup#readBy}):
     * the same outcome as one render of the whole map (within one budget), the first failure in parameter order.
     */
    private Rendered renderEach(Map<String, Object> templates, Map<String, Object> context, KeyLookup keyLookup) {
        TemplateRenderer.Session session = renderer.session(); // the rule's parameters share one render budget
        Map<String, Object> rendered = new LinkedHashMap<>();
        for (Map.Entry<String, Object> template : templates.entrySet()) {
            keyLookup.reading(template.getKey());
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(template.getKey(), template.getValue());
            switch (session.render(one, context)) {
                case Rendered.Failed f -> {
                    return f;
                }
                case Rendered.Ok ok -> rendered.putAll(ok.parameters());
            }
        }
        return new Rendered.Ok(rendered);
    }

    /**
     * An action receives a secret only in a parameter it declares secret (stored sealed, shown masked): a template
     * that puts a secret key's value into any other parameter fails the enforcement, naming both, never the value.
     */
    private static Optional<String> undeclaredSecret(Rule rule, Optional<Action> action, KeyLookup keyLookup) {
        if (action.isEmpty()) {
            return Optional.empty(); // the request refuses the missing action
        }
        Set<String> declared = action.get().parameters().secretNames();
        for (Map.Entry<String, Set<String>> read : keyLookup.readBy().entrySet()) {
            if (!declared.contains(read.getKey()) && !read.getValue().isEmpty()) {
                return Optional.of("parameter '" + read.getKey() + "' reads the secret key '"
                        + read.getValue().iterator().next() + "', but action '" + rule.action()
                        + "' does not declare it secret: declare the parameter 'secret: true' or use a key that is not"
                        + " secret (the value was not used)");
            }
        }
        return Optional.empty();
    }

    /**
     * Rendered parameters as they may be stored or shown: the action's secret parameters masked, and every parameter
     * whose template read a secret key.
     */
    private static Map<String, Object> masked(Optional<Action> action, Map<String, Object> parameters,
                                              KeyLookup keyLookup) {
        Map<String, Object> masked = new LinkedHashMap<>(action.map(a -> a.parameters().mask(parameters)).orElse(parameters));
        keyLookup.readBy().forEach((name, read) -> {
            if (!read.isEmpty() && masked.get(name) != null) {
                masked.put(name, ParameterSchema.MASK);
            }
        });
        return masked;
    }

    private static Enforcement failed(Enforcement e, Map<String, Object> rendered, String why) {
        return new Enforcement(e.id(), e.rule(), e.event(), Enforcement.Status.FAILED, rendered, OptionalLong.empty(),
                Optional.of(why), e.createdAt());
    }

    @Override
    public RuleTest test(String rule, Map<String, Object> payload) {
        Ref ref;
        try {
            ref = Ref.parse(rule);
        } catch (IllegalArgumentException e) {
            throw UseCaseException.Invalid.of("rule", e.getMessage());
        }
        Map<String, Object> body = payload == null ? Map.of() : payload;
        return tx.readOnly(() -> {
            Rule found = rules.find(ref).orElseThrow(() -> new UseCaseException.NotFound("rule", ref.toString()));
            Instant now = clock.instant();
            CriteriaResult result = criteria.evaluate(found.criteria(), body, now);
            Optional<FailedCriterion> failedCriterion = result instanceof CriteriaResult.NotMatched n
                    ? Optional.of(new FailedCriterion(n.criterion().path(), n.criterion().operator().code(),
                    n.criterion().pattern(), n.reason()))
                    : Optional.empty();
            // a dry run never decrypts: secret keys render as the mask
            KeyLookup keyLookup = new KeyLookup(keys, secrets, found.ref().pack(), clock, false);
            Rendered rendered = renderer.render(found.actionParameters(),
                    context(found, new Event(0, found.trigger(), body, now, Optional.of("test")), keyLookup));
            return switch (rendered) {
                case Rendered.Failed f -> new RuleTest(ref.toString(), found.action().toString(), result.matched(),
                        failedCriterion, Optional.empty(), Optional.of(FieldError.of(f.path(), failure(f, keyLookup))),
                        List.of());
                case Rendered.Ok ok -> new RuleTest(ref.toString(), found.action().toString(), result.matched(),
                        failedCriterion, Optional.of(masked(actions.find(found.action()), ok.parameters(), keyLookup)),
                        Optional.empty(), parameterErrors(found, ok.parameters()));
            };
        });
    }

    /** What the action would say of the rendered parameters: its schema's errors, or that it does not exist. */
    private List<FieldError> parameterErrors(Rule rule, Map<String, Object> parameters) {
        return actions.find(rule.action())
                .map(a -> schemas.validate(a.parameters().toJsonSchema(), a.parameters().withDefaults(parameters), "parameters"))
                .orElse(List.of(FieldError.of("action", "action '" + rule.action() + "' does not exist")));
    }

    /** What templates see: {@code trigger} (the payload), {@code event} (id, time) and {@code keys} (read on use). */
    private static Map<String, Object> context(Rule rule, Event event, KeyLookup keyLookup) {
        Map<String, Object> eventFields = new LinkedHashMap<>();
        eventFields.put("id", event.id());
        eventFields.put("time", event.occurredAt().toString());
        event.source().ifPresent(s -> eventFields.put("source", s));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("trigger", event.payload());
        context.put("event", eventFields);
        context.put("keys", keyLookup);
        return context;
    }

    /**
     * The keys a rule sees, as a map that reads a key only when a template asks for it (rendering never loads the
     * whole store): the rule's pack's key of that name, else the system one. Expired keys are absent; iterating shows
     * nothing. A secret key is decrypted when {@code decrypt} is set (else it reads as the mask), and remembered per
     * parameter being rendered, so that its value can be kept out of parameters, messages and logs. A key that cannot
     * be decrypted reads as absent, and {@link #unreadable} says why. Used by one render, on one thread.
     */
    private static final class KeyLookup extends AbstractMap<String, Object> {
        private final KeyRepository keys;
        private final Secrets secrets;
        private final String pack;
        private final Clock clock;
        private final boolean decrypt;
        private final Map<String, Set<String>> readBy = new LinkedHashMap<>();
        private final Set<String> clearValues = new LinkedHashSet<>();
        private String parameter = "";
        private String unreadable;

        KeyLookup(KeyRepository keys, Secrets secrets, String pack, Clock clock, boolean decrypt) {
            this.keys = keys;
            this.secrets = secrets;
            this.pack = pack;
            this.clock = clock;
            this.decrypt = decrypt;
        }

        /** The parameter whose template is rendered next. */
        void reading(String name) {
            parameter = name;
        }

        /** Per parameter, the secret keys its template read. */
        Map<String, Set<String>> readBy() {
            return readBy;
        }

        /** Whether any template has read a secret key (decrypted or not). */
        boolean readsSecrets() {
            return readBy.values().stream().anyMatch(read -> !read.isEmpty());
        }

        /** Why a key a template asked for could not be decrypted, naming the key, never a value. */
        Optional<String> unreadable() {
            return Optional.ofNullable(unreadable);
        }

        /** {@code text} with every secret value read replaced by the mask. */
        String scrub(String text) {
            return Secrets.masked(text, clearValues);
        }

        @Override
        public Object get(Object name) {
            if (!(name instanceof String text)) {
                return null;
            }
            Optional<Key> key;
            try {
                Instant now = clock.instant();
                key = keys.find(text, new KeyScope.Pack(pack)).filter(k -> !k.isExpired(now));
                if (key.isEmpty()) {
                    key = keys.find(text, new KeyScope.System()).filter(k -> !k.isExpired(now));
                }
            } catch (IllegalArgumentException e) {
                return null; // not a valid key name
            }
            if (key.isEmpty()) {
                return null;
            }
            if (!key.get().secret()) {
                return key.get().value();
            }
            readBy.computeIfAbsent(parameter, p -> new LinkedHashSet<>()).add(text);
            if (!decrypt) {
                return ParameterSchema.MASK;
            }
            try {
                String value = secrets.valueOf(key.get());
                clearValues.add(value);
                return value;
            } catch (UseCaseException.Conflict e) {
                unreadable = e.getMessage();
                return null;
            }
        }

        @Override
        public boolean containsKey(Object name) {
            return get(name) != null;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of();
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
