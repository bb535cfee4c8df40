package io.kubezap.gateway.auth;

import io.kubezap.gateway.problem.GatewayException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 51, item 10: what a confirmation to end a session is bound to, and how long it lasts. */
class SessionConfirmationsTest {

    private static final byte[] KEY = "shared-by-every-replica".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Caller ALICE = new Caller.KubernetesUser("alice", "1", List.of());
    private static final Caller BOB = new Caller.KubernetesUser("bob", "2", List.of());
    private static final String BROWSER = "same-origin";

    private final SessionConfirmations issuer = at(NOW);

    @Test
    void aConfirmationWorksForItsCallerActionAndSessionOnceAndOnAnyReplica() {
        String token = issuer.issue(ALICE, SessionAudit.Action.DELETE, "shop", "loja").token();
        SessionConfirmations otherReplica = at(NOW.plusSeconds(30));
        assertThatCode(() -> otherReplica.requireFromBrowser(BROWSER, token, ALICE, SessionAudit.Action.DELETE,
                "shop", "loja")).doesNotThrowAnyException();
        refused(otherReplica, token, ALICE, SessionAudit.Action.DELETE, "loja"); // replayed
    }

    @Test
    void aConfirmationForAnotherCallerActionOrSessionOrAnExpiredOrTamperedOneIsRefused() {
        String token = issuer.issue(ALICE, SessionAudit.Action.DELETE, "shop", "loja").token();
        refused(issuer, token, BOB, SessionAudit.Action.DELETE, "loja");
        refused(issuer, token, ALICE, SessionAudit.Action.SUSPEND, "loja");
        refused(issuer, token, ALICE, SessionAudit.Action.DELETE, "other");
        refused(at(NOW.plus(SessionConfirmations.LIFETIME).plusSeconds(1)), token, ALICE, SessionAudit.Action.DELETE, "loja");
        refused(issuer, token.substring(0, token.length() - 2) + "AA", ALICE, SessionAudit.Action.DELETE, "loja");
        refused(new SessionConfirmations("another-key".getBytes(StandardCharsets.UTF_8), clock(NOW)), token, ALICE,
                SessionAudit.Action.DELETE, "loja");
        refused(issuer, null, ALICE, SessionAudit.Action.DELETE, "loja");
        refused(issuer, "junk", ALICE, SessionAudit.Action.DELETE, "loja");
    }

    @Test
    void aClientThatIsNoBrowserNeedsNoConfirmation() {
        assertThatCode(() -> issuer.requireFromBrowser(null, null, ALICE, SessionAudit.Action.LOGOUT, "shop", "loja"))
                .doesNotThrowAnyException();
    }

    private static void refused(SessionConfirmations confirmations, String token, Caller caller, SessionAudit.Action action,
                                String session) {
        assertThatThrownBy(() -> confirmations.requireFromBrowser(BROWSER, token, caller, action, "shop", session))
                .isInstanceOf(GatewayException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((GatewayException) e).problem().status())
                        .isEqualTo(428));
    }

    private static SessionConfirmations at(Instant instant) {
        return new SessionConfirmations(KEY, clock(instant));
    }

    private static Clock clock(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
