package io.kubezap.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.api.v1alpha1.EventSink;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.contract.EventCatalogue;
import io.kubezap.contract.EventSinkFile;
import io.kubezap.contract.filter.EventFilter;
import io.kubezap.operator.config.OperatorConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The event sinks every session pod publishes to besides its own {@code spec.events.sinks}: the operator's setting
 * {@code kubezap.session.event-sinks} (the chart's {@code session.events.sinks}), JSON in the shape of
 * {@code spec.events.sinks}. Names: the installation's sink wins, a session's own sink of the same name is not used
 * (condition {@code SpecFieldsIgnored} says so). Credentials: {@code usernameRef}/{@code passwordRef} name Secrets in
 * each session's own namespace (a pod can mount nothing else), which the platform provides there under that name.
 */
public record InstallationSinks(List<EventSink> sinks) {

    public static final InstallationSinks NONE = new InstallationSinks(List.of());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final String SETTING = "kubezap.session.event-sinks (the chart's session.events.sinks)";

    public InstallationSinks {
        sinks = List.copyOf(sinks);
    }

    public static InstallationSinks of(OperatorConfig.Session settings) {
        return parse(settings.eventSinks());
    }

    /** Refuses what the CRD would refuse in {@code spec.events.sinks}, naming the setting: the operator does not start. */
    static InstallationSinks parse(Optional<String> json) {
        if (json.isEmpty() || json.get().isBlank()) {
            return NONE;
        }
        List<EventSink> sinks;
        try {
            sinks = List.of(JSON.readValue(json.get(), EventSink[].class));
        } catch (JsonProcessingException unreadable) {
            throw new IllegalArgumentException(SETTING + " is not a list of sinks: " + unreadable.getOriginalMessage());
        }
        Set<String> names = new HashSet<>();
        for (EventSink sink : sinks) {
            require(sink.getName() != null && NAME.matcher(sink.getName()).matches(), "a sink's name must be a DNS label, got '"
                    + sink.getName() + "'");
            require(names.add(sink.getName()), "sink names must be unique, '" + sink.getName() + "' is twice");
            require(sink.getKind() != null, "sink '" + sink.getName() + "' needs a kind (Kafka, NATS, RabbitMQ or SQS)");
            require(sink.getAddress() != null && !sink.getAddress().isBlank() && !sink.getAddress().contains("@"),
                    "sink '" + sink.getName() + "' needs an address without credentials (use usernameRef/passwordRef)");
            require(sink.getDestination() != null && !sink.getDestination().isBlank(),
                    "sink '" + sink.getName() + "' needs a destination");
            require(sink.getEvents() == null || EventCatalogue.ALL.containsAll(sink.getEvents()),
                    "sink '" + sink.getName() + "' names an unknown event type; known: " + EventCatalogue.ALL);
            sqsFields(sink);
            filterOf(sink);
        }
        return new InstallationSinks(sinks);
    }

    /** What the CRD's rules on an SQS sink refuse in {@code spec.events.sinks}. */
    private static void sqsFields(EventSink sink) {
        if (sink.getKind() == EventSinkFile.Kind.SQS) {
            require(sink.getRegion() != null && sink.getUsernameRef() != null && sink.getPasswordRef() != null,
                    "SQS sink '" + sink.getName() + "' needs a region, usernameRef (access key id) and passwordRef (secret access key)");
        } else {
            require(sink.getRegion() == null && sink.getSessionTokenRef() == null && sink.getDeadLetterQueue() == null,
                    "sink '" + sink.getName() + "': region, sessionTokenRef and deadLetterQueue are for SQS sinks only");
        }
    }

    /** A sink's filter as the pod will read it: a bad one is refused here, not by every session pod at its start. */
    private static void filterOf(EventSink sink) {
        var filter = sink.getFilter();
        if (filter == null) {
            return;
        }
        try {
            EventFilter.of(filter.getChats(), filter.getExcludeChats(),
                    filter.getDirection() == null ? null : filter.getDirection().name(), filter.getFromMe());
        } catch (EventFilter.Invalid invalid) {
            throw new IllegalArgumentException(SETTING + ": sink '" + sink.getName() + "' filter." + invalid.getMessage());
        }
    }

    /** What the session's pod publishes to: the installation's sinks, then the session's own whose names are free. */
    public List<EventSink> effective(WhatsAppSessionSpec spec) {
        List<EventSink> all = new ArrayList<>(sinks);
        Set<String> taken = names();
        spec.effectiveSinks().stream().filter(own -> !taken.contains(own.getName())).forEach(all::add);
        return all;
    }

    /** The session's own sinks that an installation sink of the same name replaces. */
    public List<String> shadowed(WhatsAppSessionSpec spec) {
        Set<String> taken = names();
        return spec.effectiveSinks().stream().map(EventSink::getName).filter(taken::contains).toList();
    }

    private Set<String> names() {
        Set<String> names = new HashSet<>();
        sinks.forEach(sink -> names.add(sink.getName()));
        return names;
    }

    private static void require(boolean holds, String problem) {
        if (!holds) {
            throw new IllegalArgumentException(SETTING + ": " + problem);
        }
    }
}
