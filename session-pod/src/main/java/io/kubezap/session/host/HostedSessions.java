package io.kubezap.session.host;

import io.kubezap.session.config.DatabaseSettings;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.config.SettingsValidator;
import io.kubezap.session.host.scope.SessionKeys;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions this JVM serves (issue 81). A session pod serves its own, from its settings, also the primary session
 * that code naming none serves; a session host serves those it is assigned, with no primary. {@code @PerSession}
 * beans resolve to the instance of the session the code running names.
 */
@Singleton
@Startup(Integer.MIN_VALUE) // before anything that reaches a @PerSession bean
public class HostedSessions {

    private final Map<String, HostedSession> held = new ConcurrentHashMap<>();
    private volatile String primary;

    /** A host's: no primary, so code that names no session reaches no {@code @PerSession} bean. */
    HostedSessions() {
        SessionKeys.ambient(RequestSession::named);
        SessionKeys.primary(null);
    }

    /**
     * A host's ({@code KUBEZAP_HOST_SESSIONS_DIR} set) holds nothing until its sessions' directory is read; a session
     * pod's holds its own session, from its environment, checked here first thing at start-up.
     */
    @Inject
    public HostedSessions(SessionConfig config, DatabaseSettings database) {
        this();
        if (hostSessionsDirectory(config).isEmpty()) {
            SessionSettings own = SettingsValidator.validate(config);
            host(new HostedSession(own, database.token().filter(token -> !token.isBlank()), config));
            primary = own.name();
            SessionKeys.primary(own.name());
        }
    }

    /** Where a session host's sessions are listed (record 0021); empty in a session pod. */
    public static Optional<Path> hostSessionsDirectory(SessionConfig config) {
        return config.hostSessionsDir().map(String::trim).filter(path -> !path.isEmpty()).map(Path::of);
    }

    /**
     * The settings of the session the running code serves, read when asked: a bean that lives longer than one session
     * (a singleton) must ask each time, never keep them.
     */
    @Produces
    @Dependent
    public SessionSettings currentSettings() {
        return current().settings();
    }

    public void host(HostedSession session) {
        held.put(session.name(), session);
        SessionKeys.hold(session.name());
    }

    /** The session leaves this JVM, and its {@code @PerSession} instances with it. */
    public void release(String name) {
        held.remove(name);
        SessionKeys.release(name);
    }

    public Optional<HostedSession> named(String name) {
        return Optional.ofNullable(name).map(held::get);
    }

    /** The API key a request for session {@code name} must carry, that session's own: empty when none such is held. */
    public Optional<String> apiKeyOf(String name) {
        return named(name).map(HostedSession::apiKey);
    }

    /** A session pod's own session; empty on a host. */
    public Optional<HostedSession> primary() {
        return named(primary);
    }

    /**
     * The session a request for {@code name} (null: a path naming none) is judged by: that session when held, else a
     * pod's own (which then refuses it as not found); empty on a host, where nothing else answers.
     */
    public Optional<HostedSession> judging(String name) {
        return named(name).or(this::primary);
    }

    /** The names of the sessions held now. */
    public List<String> names() {
        return List.copyOf(held.keySet());
    }

    public int count() {
        return held.size();
    }

    /** The session the running code serves. */
    public HostedSession current() {
        return SessionKeys.current().flatMap(this::named).orElseThrow(() -> new ContextNotActiveException(
                "No session of the " + held.size() + " this JVM holds is named here"));
    }

    @PreDestroy
    void releaseAll() {
        held.keySet().forEach(this::release);
    }
}
