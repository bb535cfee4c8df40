package io.kubezap.operator.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.api.v1alpha1.EffectiveOutputs;
import io.kubezap.api.v1alpha1.EventPayload;
import io.kubezap.api.v1alpha1.EventSink;
import io.kubezap.api.v1alpha1.Events;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.contract.WebhookLabel;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a session's events go once defaults are applied, pure. Webhooks: the session's own when it has any, else the
 * namespace's defaults when they name webhooks, else the installation's. Event sinks: the session's own, then the
 * namespace's defaults of names the session does not use (the installation's sinks, {@link InstallationSinks}, come on
 * top of both, as before). The payload's shape ({@code events.payload}): the session's own, else the namespace's. The
 * session with these in its spec ({@link #applyTo}) is what the pod template, the
 * referenced Secrets and the pod's settings table are made from; {@link #status} is what the session's status shows.
 */
public record SessionOutputs(List<Webhook> webhooks, String webhooksFrom, Map<String, EventSink> sinks,
                             Map<String, String> sinksFrom, EventPayload payload) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static SessionOutputs of(WhatsAppSessionSpec spec, SessionDefaults namespace, SessionDefaults installation) {
        List<Webhook> own = spec.getWebhooks() == null ? List.of() : spec.getWebhooks();
        List<Webhook> webhooks = own;
        String webhooksFrom = EffectiveOutputs.FROM_SESSION;
        if (own.isEmpty() && namespace.webhooks() != null) {
            webhooks = namespace.webhooks();
            webhooksFrom = EffectiveOutputs.FROM_NAMESPACE;
        } else if (own.isEmpty() && installation.webhooks() != null) {
            webhooks = installation.webhooks();
            webhooksFrom = EffectiveOutputs.FROM_INSTALLATION;
        }
        Map<String, EventSink> sinks = new LinkedHashMap<>();
        Map<String, String> sinksFrom = new LinkedHashMap<>();
        spec.effectiveSinks().forEach(sink -> {
            sinks.put(sink.getName(), sink);
            sinksFrom.put(sink.getName(), EffectiveOutputs.FROM_SESSION);
        });
        if (namespace.sinks() != null) {
            namespace.sinks().stream().filter(sink -> !sinks.containsKey(sink.getName())).forEach(sink -> {
                sinks.put(sink.getName(), sink);
                sinksFrom.put(sink.getName(), EffectiveOutputs.FROM_NAMESPACE);
            });
        }
        EventPayload ownPayload = spec.getEvents() == null ? null : spec.getEvents().getPayload();
        // the payload's shape is one setting: the session's own, else its namespace's
        EventPayload payload = ownPayload == null ? namespace.payload() : null;
        return new SessionOutputs(List.copyOf(webhooks), webhooksFrom, sinks, sinksFrom, payload);
    }

    /**
     * The session as if its spec named these outputs itself: a copy (the cached resource is never changed), the same
     * object when the defaults add nothing, so a session without defaults renders exactly as before.
     */
    public WhatsAppSession applyTo(WhatsAppSession session) {
        WhatsAppSessionSpec spec = session.getSpec();
        boolean ownWebhooks = EffectiveOutputs.FROM_SESSION.equals(webhooksFrom);
        boolean ownSinks = !sinksFrom.containsValue(EffectiveOutputs.FROM_NAMESPACE);
        if (ownWebhooks && ownSinks && payload == null) {
            return session;
        }
        WhatsAppSessionSpec copy = JSON.convertValue(spec, WhatsAppSessionSpec.class);
        copy.setWebhooks(new ArrayList<>(webhooks));
        if (!ownSinks || payload != null) {
            Events events = copy.getEvents() == null ? new Events() : copy.getEvents();
            events.setSinks(new ArrayList<>(sinks.values()));
            if (payload != null) {
                events.setPayload(payload);
            }
            copy.setEvents(events);
        }
        WhatsAppSession applied = new WhatsAppSession();
        applied.setMetadata(session.getMetadata());
        applied.setSpec(copy);
        applied.setStatus(session.getStatus());
        return applied;
    }

    /** What the status shows: each webhook by its label (never its path or query), each sink by name, with its source. */
    public EffectiveOutputs status(InstallationSinks installation) {
        List<EffectiveOutputs.Output> hooks = webhooks.stream()
                .map(webhook -> new EffectiveOutputs.Output(label(webhook.getUrl()), webhooksFrom)).toList();
        List<EffectiveOutputs.Output> published = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        installation.sinks().forEach(sink -> {
            taken.add(sink.getName());
            published.add(new EffectiveOutputs.Output(sink.getName(), EffectiveOutputs.FROM_INSTALLATION));
        });
        sinksFrom.forEach((name, from) -> {
            if (!taken.contains(name)) {
                published.add(new EffectiveOutputs.Output(name, from));
            }
        });
        return new EffectiveOutputs(new ArrayList<>(hooks), published);
    }

    private static String label(String url) {
        try {
            return WebhookLabel.of(URI.create(url.strip()));
        } catch (IllegalArgumentException unparsable) {
            return "(a URL that cannot be parsed)";
        }
    }
}
