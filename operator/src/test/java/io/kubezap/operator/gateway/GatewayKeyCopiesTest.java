package io.kubezap.operator.gateway;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.GatewayKeyCopy;
import io.kubezap.operator.model.SessionObjects;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayKeyCopiesTest {

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    @Test
    void withNoGatewayNothingIsCopiedOrDeleted() {
        GatewayKeyCopies copies = new GatewayKeyCopies(Optional.empty());

        assertThat(copies.eventSource(null)).isEmpty();
        // the copy's dependent is not reconciled: its precondition does not hold (a null context: nothing is read)
        assertThat(new GatewayKeyWanted(copies).isMet(null, session("shop", "papa"), null)).isFalse();
        // a null client: any call to the API server would fail
        copies.remove(session("shop", "papa"), null);
    }

    @Test
    void withAGatewayTheCopyIsReconciledOnceTheSessionsSecretHoldsAKey() {
        GatewayKeyWanted wanted = new GatewayKeyWanted(new GatewayKeyCopies(Optional.of("kubezap")));
        WhatsAppSession session = session("shop", "papa");

        assertThat(wanted.isMet(null, session, holding(session, Set.of()))).as("no Secret yet").isFalse();
        assertThat(wanted.isMet(null, session, holding(session, Set.of(apiKeySecret(session, ""))))).as("empty key").isFalse();
        assertThat(wanted.isMet(null, session, holding(session, Set.of(apiKeySecret(session, "k"))))).isTrue();
    }

    @Test
    void copiesOfDifferentSessionsNeverShareANameAndStayValidNames() {
        String longNamespace = "n".repeat(63);
        String longName = "s".repeat(63) + "." + "t".repeat(63) + "." + "u".repeat(63);

        assertThat(GatewayKeyCopy.name("a-b", "c")).isNotEqualTo(GatewayKeyCopy.name("a", "b-c"));
        assertThat(GatewayKeyCopy.name(longNamespace, longName + "x")).isNotEqualTo(GatewayKeyCopy.name(longNamespace, longName + "y"));
        for (String name : new String[] {GatewayKeyCopy.name(longNamespace, longName), GatewayKeyCopy.name("shop", "papa"),
                GatewayKeyCopy.name("a", "b.c"), GatewayKeyCopy.name(longNamespace.substring(2), "x." + longName)}) {
            assertThat(name).hasSizeLessThanOrEqualTo(253).matches(DNS_SUBDOMAIN);
        }
    }

    @Test
    void theCopyNamesItsSessionAndSource() {
        var copy = GatewayKeyCopies.desired(session("shop", "papa"), "kubezap", "k");

        assertThat(copy.getMetadata().getNamespace()).isEqualTo("kubezap");
        assertThat(GatewayKeyCopy.isCopyOf(copy.getMetadata().getLabels(), "shop", "papa")).isTrue();
        assertThat(GatewayKeyCopy.isCopyOf(copy.getMetadata().getLabels(), "shop", "quebec")).isFalse();
        assertThat(copy.getMetadata().getAnnotations()).containsEntry(GatewayKeyCopy.SOURCE_ANNOTATION, "shop/papa-api-key");
    }

    private static WhatsAppSession session(String namespace, String name) {
        WhatsAppSession session = new WhatsAppSession();
        session.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withUid("uid-" + name).build());
        return session;
    }

    /** The session's API-key Secret as its dependent writes it (owned by the session). */
    private static Secret apiKeySecret(WhatsAppSession session, String key) {
        return new SecretBuilder()
                .withMetadata(SessionObjects.ownedMetadata(session, SessionObjects.apiKeySecretName(session)))
                .withStringData(Map.of(SessionObjects.API_KEY_SECRET_KEY, key))
                .build();
    }

    @SuppressWarnings("unchecked")
    private static Context<WhatsAppSession> holding(WhatsAppSession session, Set<Secret> cached) {
        return (Context<WhatsAppSession>) Proxy.newProxyInstance(GatewayKeyCopiesTest.class.getClassLoader(),
                new Class<?>[] {Context.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSecondaryResourcesAsStream" -> cached.stream();
                    case "getPrimaryResource" -> session;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
