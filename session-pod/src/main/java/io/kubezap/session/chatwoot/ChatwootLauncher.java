package io.kubezap.session.chatwoot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.SessionApi;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.session.config.AdminEgressLists;
import io.kubezap.session.config.ChatwootSettings;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.scope.PerSession;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.egress.CheckedHttp;
import io.kubezap.session.group.GroupRepository;
import io.kubezap.session.egress.EgressRule;
import io.kubezap.session.event.EventSignal;
import io.kubezap.session.media.MediaFiles;
import io.kubezap.session.media.MediaIntake;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.outbound.SendIntake;
import io.kubezap.session.retry.Backoff;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;

import java.util.Optional;

/**
 * Starts the Chatwoot connector when {@code spec.chatwoot} is set, and only then makes any of its parts (client,
 * mirror, worker thread): a session without Chatwoot loads this class, the outbox's and the route's, and nothing more.
 * Started by the session runtime once the schema is there, stopped with the session; each session its own, with its
 * own {@code spec.chatwoot}.
 */
@PerSession
public class ChatwootLauncher {

    /** The webhook's path under the session's; the inbox's secret token follows it. */
    public static final String WEBHOOK = "/chatwoot/webhook";

    private final ChatwootSettings settings;
    private final HostedSessions sessions;
    private final Instance<SessionDb> db;
    private final Instance<SendIntake> sends;
    private final Instance<MessageRepository> messages;
    private final Instance<GroupRepository> groups;
    private final Instance<MediaFiles> media;
    private final Instance<MediaIntake> intake;
    private final Instance<AdminEgressLists> admin;
    private final ObjectMapper json;
    private final EventSignal signal;
    private final Vertx vertx;
    private volatile ChatwootConnector connector;
    private volatile CheckedHttp http;

    public ChatwootLauncher(HostedSessions sessions, Instance<SessionDb> db, Instance<SendIntake> sends,
                            Instance<MessageRepository> messages, Instance<GroupRepository> groups, Instance<MediaFiles> media,
                            Instance<MediaIntake> intake, Instance<AdminEgressLists> admin, ObjectMapper json, EventSignal signal, Vertx vertx) {
        this.vertx = vertx;
        this.groups = groups;
        this.intake = intake;
        this.settings = sessions.current().config().chatwoot();
        this.sessions = sessions;
        this.db = db;
        this.sends = sends;
        this.messages = messages;
        this.media = media;
        this.admin = admin;
        this.json = json;
        this.signal = signal;
    }

    public void start() {
        if (!settings.enabled()) {
            return;
        }
        SessionSettings session = sessions.currentSettings();
        ChatwootConnector made = ChatwootParts.assemble(settings, session, db.get(), json, http(), sends.get(), messages.get(),
                groups.get(), media.get(), intake.get(), signal, webhookBaseUrl(session), SessionApi.SESSION.replace("{session}", session.name()) + WEBHOOK);
        made.start();
        connector = made;
    }

    /** With its session: at its stop, or as it leaves the JVM. */
    @PreDestroy
    public synchronized void stop() throws InterruptedException {
        if (connector != null) {
            connector.stop();
            connector = null;
        }
        if (http != null) {
            http.close();
            http = null;
        }
    }

    /** The connector's handler of Chatwoot's webhook, once it runs and its inbox is linked. */
    Optional<ChatwootReplies> replies() {
        return connector == null ? Optional.empty() : connector.replies();
    }

    private CheckedHttp http() {
        http = new CheckedHttp(vertx, EgressRule.ofAdmin(admin.get()), ChatwootClient.MAX_ANSWER);
        return http;
    }

    private String webhookBaseUrl(SessionSettings session) {
        return settings.webhookBaseUrl().filter(url -> !url.isBlank())
                .orElseGet(() -> SessionObjectNames.baseUrl(session.namespace(), session.name()));
    }

    static Backoff backoff(ChatwootSettings settings) {
        return Backoff.withEqualJitter(settings.retryInitialDelay(), settings.retryMaxDelay());
    }
}
