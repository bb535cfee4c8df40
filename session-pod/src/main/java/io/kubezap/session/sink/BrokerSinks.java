package io.kubezap.session.sink;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.EventSinkFile;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.contract.filter.EventSubject;
import io.kubezap.session.event.FilterEntry;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.scope.PerSession;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The configured sinks, read once at start from the JSON file named by KUBEZAP_EVENT_SINKS_FILE (the operator
 * renders it from {@code spec.events.sinks}; credentials are separate files from the mounted Secret, see
 * {@link EventSinkFile}). {@code "username"} and {@code "password"} may be given inline instead (local mode).
 * Like the webhook file, what goes wrong is told by its place in the file, never by the text found there. Each
 * session its own: a pod's from its environment, a host's session's from its entry.
 */
@PerSession
public class BrokerSinks {

    static final String VARIABLE = PodEnvironment.EVENT_SINKS_FILE;

    private final List<BrokerSink> sinks;

    @Inject
    public BrokerSinks(HostedSessions sessions, ObjectMapper json) {
        this(sessions.current().config().eventSinksFile().map(file -> load(Path.of(file), json)).orElse(List.of()));
    }

    BrokerSinks(List<BrokerSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    public List<BrokerSink> all() {
        return sinks;
    }

    List<BrokerSink> wanting(String eventType, Supplier<EventSubject> subject) {
        return sinks.stream().filter(sink -> sink.wants(eventType, subject)).toList();
    }

    static List<BrokerSink> load(Path file, ObjectMapper json) {
        Entry[] entries;
        try {
            entries = json.readValue(Files.readString(file), Entry[].class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(VARIABLE + "=" + file + ": not a JSON list of event sinks");
        } catch (IOException e) {
            throw new IllegalArgumentException(VARIABLE + "=" + file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        List<BrokerSink> sinks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.length; i++) {
            BrokerSink sink = entries[i].toSink(file, i);
            if (!names.add(sink.name())) {
                throw new IllegalArgumentException(VARIABLE + "=" + file + " entry " + i + ": a second sink named " + sink.name());
            }
            sinks.add(sink);
        }
        return sinks;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String name, String kind, String address, String destination, List<String> events, FilterEntry filter,
                 String usernameFile, String passwordFile, String username, String password,
                 String region, String sessionTokenFile, String sessionToken, String deadLetterQueue) {

        BrokerSink toSink(Path file, int index) {
            String where = VARIABLE + "=" + file + " entry " + index;
            EventSinkFile.Kind kind = kind(where);
            Optional<String> user = credential(file, usernameFile, username, where, EventSinkFile.USERNAME_FILE);
            Optional<String> secret = credential(file, passwordFile, password, where, EventSinkFile.PASSWORD_FILE);
            return new BrokerSink(required(name, where, EventSinkFile.NAME), kind,
                    required(address, where, EventSinkFile.ADDRESS), required(destination, where, EventSinkFile.DESTINATION),
                    events == null ? Set.of() : Set.copyOf(events), FilterEntry.toFilter(filter, where), user, secret,
                    kind == EventSinkFile.Kind.SQS ? sqs(file, where, user.isPresent() && secret.isPresent()) : SqsQueue.NONE);
        }

        /** SQS signs every request: a region and the key pair are required (the CRD requires them too). */
        private SqsQueue sqs(Path file, String where, boolean keyPair) {
            if (!keyPair) {
                throw new IllegalArgumentException(where + ": an SQS sink needs " + EventSinkFile.USERNAME_FILE + " (access key id) and "
                        + EventSinkFile.PASSWORD_FILE + " (secret access key)");
            }
            return new SqsQueue(required(region, where, EventSinkFile.REGION),
                    credential(file, sessionTokenFile, sessionToken, where, EventSinkFile.SESSION_TOKEN_FILE),
                    Optional.ofNullable(deadLetterQueue).map(String::strip).filter(queue -> !queue.isEmpty()));
        }

        private EventSinkFile.Kind kind(String where) {
            for (EventSinkFile.Kind known : EventSinkFile.Kind.values()) {
                if (known.name().equals(kind)) {
                    return known;
                }
            }
            throw new IllegalArgumentException(where + ": kind must be one of " + List.of(EventSinkFile.Kind.values()));
        }

        private static String required(String value, String where, String field) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(where + ": " + field + " is required");
            }
            return value.strip();
        }

        private static Optional<String> credential(Path file, String fromFile, String inline, String where, String field) {
            if (fromFile == null) {
                return Optional.ofNullable(inline);
            }
            try {
                return Optional.of(Files.readString(file.resolveSibling(fromFile)).strip());
            } catch (IOException e) {
                throw new IllegalArgumentException(where + ": " + field + " cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
    }
}
