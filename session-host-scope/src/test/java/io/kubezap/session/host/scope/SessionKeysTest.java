package io.kubezap.session.host.scope;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Which session the running code serves: the one it names, else the request's, else the primary; none on a host without one. */
class SessionKeysTest {

    @AfterEach
    void releaseAll() {
        SessionKeys.ambient(() -> null);
        SessionKeys.release("loja-01");
        SessionKeys.release("loja-02");
    }

    @Test
    void aHostWithoutPrimaryServesNoSessionWhereNoneIsNamed() {
        SessionKeys.hold("loja-01");
        SessionKeys.hold("loja-02");

        assertThat(SessionKeys.current()).isEmpty();
        assertThat(new PerSessionContext().isActive()).isFalse();
    }

    @Test
    void theNamedSessionWinsOverTheRequestsAndThePrimary() {
        SessionKeys.hold("loja-01");
        SessionKeys.hold("loja-02");
        SessionKeys.primary("loja-01");
        AtomicReference<String> request = new AtomicReference<>("loja-02");
        SessionKeys.ambient(request::get);

        assertThat(SessionKeys.current()).contains("loja-02");
        SessionKeys.run("loja-01", () -> assertThat(SessionKeys.current()).contains("loja-01"));
        request.set(null);
        assertThat(SessionKeys.current()).contains("loja-01");
    }

    @Test
    void aNameTheJvmDoesNotHoldServesNothing() {
        SessionKeys.hold("loja-01");

        SessionKeys.run("loja-03", () -> assertThat(SessionKeys.current()).isEmpty());
        SessionKeys.release("loja-01");
        assertThat(SessionKeys.current()).isEmpty();
    }
}
