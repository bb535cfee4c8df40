package io.kubezap.operator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kubezap.api.v1alpha1.EventPayload;
import io.kubezap.api.v1alpha1.EventSink;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.validation.CrdSchemaValidator;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Webhooks and event sinks a session gets unless it has its own: the namespace's (ConfigMap
 * {@value #CONFIG_MAP}, labelled {@value #LABEL}{@code =true}, key {@value #KEY}) or the installation's (the chart's
 * {@code session.defaults.webhooks}). Written in the shape of a session's {@code spec} ({@code webhooks},
 * {@code events.sinks}) and checked by the CRD's own schema and CEL rules, so a default is refused for what a session
 * would be refused for. {@code null}: the level says nothing of that output. The ConfigMap also holds the namespace's
 * {@link HostDefaults} ({@code placement}, {@code sessionsPerHost}).
 */
public record SessionDefaults(List<Webhook> webhooks, List<EventSink> sinks, EventPayload payload, HostDefaults hosts) {

    public static final SessionDefaults NONE = new SessionDefaults(null, null);

    public SessionDefaults(List<Webhook> webhooks, List<EventSink> sinks) {
        this(webhooks, sinks, null);
    }

    public SessionDefaults(List<Webhook> webhooks, List<EventSink> sinks, EventPayload payload) {
        this(webhooks, sinks, payload, HostDefaults.NONE);
    }
    /** The one ConfigMap per namespace that holds its defaults. */
    public static final String CONFIG_MAP = "kubezap-session-defaults";
    /** The label that lets the operator see it (it caches no other ConfigMap). */
    public static final String LABEL = "kubezap.io/session-defaults";
    /** The key holding the defaults, YAML in the shape of a session's spec. */
    public static final String KEY = "defaults.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> FIELDS = List.of("webhooks", "events", HostDefaults.PLACEMENT, HostDefaults.SESSIONS_PER_HOST);
    private static volatile CrdSchemaValidator validator;

    /** Refused defaults: {@code where} names the ConfigMap or the setting, the message what the CRD says. */
    public static final class Invalid extends IllegalArgumentException {
        Invalid(String where, String problem) {
            super(where + ": " + problem);
        }
    }

    /** {@code yaml} read and checked; {@code where} names where it came from in every error. */
    public static SessionDefaults parse(String yaml, String where) {
        if (yaml == null || yaml.isBlank()) {
            return NONE;
        }
        JsonNode spec;
        try {
            spec = YAML.readTree(yaml);
        } catch (IOException unreadable) {
            throw new Invalid(where, "not YAML (" + unreadable.getClass().getSimpleName() + ")");
        }
        if (spec == null || !spec.isObject()) {
            throw new Invalid(where, "must be a map with webhooks, events.sinks and/or events.payload");
        }
        for (Iterator<String> names = spec.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new Invalid(where, "'" + name + "' cannot be a default; only webhooks, events.sinks, events.payload, "
                        + HostDefaults.PLACEMENT + " and " + HostDefaults.SESSIONS_PER_HOST);
            }
        }
        HostDefaults hosts = hosts(spec, where);
        ObjectNode outputs = ((ObjectNode) spec).deepCopy();
        outputs.remove(List.of(HostDefaults.PLACEMENT, HostDefaults.SESSIONS_PER_HOST));
        List<CrdSchemaValidator.Violation> violations = validator().validate(asSession(outputs));
        if (!violations.isEmpty()) {
            throw new Invalid(where, violations.stream()
                    .map(v -> v.path().replaceFirst("^\\$\\.spec\\.?", "") + ": " + v.message())
                    .collect(Collectors.joining("; ")));
        }
        try {
            return new SessionDefaults(
                    spec.has("webhooks") ? Arrays.asList(YAML.treeToValue(spec.get("webhooks"), Webhook[].class)) : null,
                    spec.path("events").has("sinks")
                            ? Arrays.asList(YAML.treeToValue(spec.path("events").get("sinks"), EventSink[].class)) : null,
                    spec.path("events").has("payload") ? YAML.treeToValue(spec.path("events").get("payload"), EventPayload.class) : null,
                    hosts);
        } catch (IOException unreadable) {
            throw new Invalid(where, unreadable.getClass().getSimpleName());
        }
    }

    /**
     * The installation's defaults: the operator's setting {@code kubezap.session.default-webhooks} (the chart's
     * {@code session.defaults.webhooks}), a JSON list in the shape of {@code spec.webhooks}. Refused as a session's
     * webhooks would be, naming the setting: the operator does not start.
     */
    public static SessionDefaults installation(Optional<String> webhooksJson) {
        if (webhooksJson.isEmpty() || webhooksJson.get().isBlank()) {
            return NONE;
        }
        return INSTALLATION.computeIfAbsent(webhooksJson.get(), json -> {
            String where = "kubezap.session.default-webhooks (the chart's session.defaults.webhooks)";
            JsonNode list;
            try {
                list = YAML.readTree(json);
            } catch (IOException unreadable) {
                throw new Invalid(where, "not a JSON list of webhooks");
            }
            ObjectNode spec = YAML.createObjectNode();
            spec.set("webhooks", list);
            return parse(spec.toString(), where);
        });
    }

    /**
     * {@code placement} ({@code Pod} or {@code Host}: not checked by the CRD's rules, whose Host rule asks a session
     * for its own storage mode) and {@code sessionsPerHost}.
     */
    private static HostDefaults hosts(JsonNode spec, String where) {
        JsonNode placement = spec.path(HostDefaults.PLACEMENT);
        JsonNode perHost = spec.path(HostDefaults.SESSIONS_PER_HOST);
        io.kubezap.contract.Placement chosen = null;
        if (!placement.isMissingNode()) {
            chosen = Arrays.stream(io.kubezap.contract.Placement.values())
                    .filter(value -> value.name().equals(placement.asText())).findFirst()
                    .orElseThrow(() -> new Invalid(where, HostDefaults.PLACEMENT + ": must be Pod or Host, not '"
                            + placement.asText() + "'"));
        }
        if (perHost.isMissingNode()) {
            return new HostDefaults(chosen, null);
        }
        if (!perHost.canConvertToInt() || !perHost.isIntegralNumber()) {
            throw new Invalid(where, HostDefaults.SESSIONS_PER_HOST + ": must be a whole number, not '" + perHost.asText() + "'");
        }
        try {
            return new HostDefaults(chosen, perHost.asInt());
        } catch (IllegalArgumentException outOfRange) {
            throw new Invalid(where, outOfRange.getMessage());
        }
    }

    private static final java.util.Map<String, SessionDefaults> INSTALLATION = new java.util.concurrent.ConcurrentHashMap<>();

    private static JsonNode asSession(JsonNode spec) {
        ObjectNode session = YAML.createObjectNode();
        session.put("apiVersion", WhatsAppSession.GROUP + "/" + WhatsAppSession.VERSION);
        session.put("kind", "WhatsAppSession");
        session.putObject("metadata").put("name", "defaults");
        session.set("spec", spec);
        return session;
    }

    private static CrdSchemaValidator validator() {
        if (validator == null) {
            validator = CrdSchemaValidator.forWhatsAppSession();
        }
        return validator;
    }
}
