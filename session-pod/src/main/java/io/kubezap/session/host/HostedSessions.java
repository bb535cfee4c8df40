package io.kubezap.session.host;

import io.kubezap.session.config.DatabaseSettings;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.host.scope.SessionKeys;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions this JVM serves (issue 81). A session pod serves its own, from its settings, also the primary session
 * that code naming none serves; a session host will serve those it is assigned, with no primary. {@code @PerSession}
 * beans resolve to the instance of the session the code running names.
 */
@Singleton
@Startup(Integer.MIN_VALUE) // before anything that reaches a @PerSession bean
public class HostedSessions {

    private final Map<String, HostedSession> held = new ConcurrentHashMap<>();

    /** A host's: no primary, so code that names no session reaches no {@code @PerSession} bean. */
    HostedSessions() {
        SessionKeys.ambient(RequestSession::named);
        SessionKeys.primary(null);
    }

    @Inject
    public HostedSessions(SessionSettings settings, DatabaseSettings database) {
        SessionKeys.ambient(RequestSession::named);
        host(new HostedSession(settings.name(), settings.namespace(), settings.apiKey(), database.token().filter(token -> !token.isBlank()),
                settings.engineSettings()));
        SessionKeys.primary(settings.name());
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
