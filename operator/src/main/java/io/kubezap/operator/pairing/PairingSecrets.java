package io.kubezap.operator.pairing;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.operator.polling.PodObservation;
import io.kubezap.operator.resources.SessionObjects;
import io.kubezap.operator.status.WaitingCode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The session's pairing Secret {@code <name>-pairing}: the QR payload or pairing code its pod shows, while it shows
 * one. A Secret, not the status, because Kubernetes' aggregated {@code view} role reads every custom resource of a
 * namespace and no Secret, while {@code edit} and {@code admin} (who may link a phone anyway) read both.
 */
public final class PairingSecrets {

    private PairingSecrets() {
    }

    /** The code the session's pod showed when last polled, if it waits for one to be used (and is not suspended). */
    public static Optional<WaitingCode> shown(WhatsAppSession session, Context<WhatsAppSession> context) {
        if (session.getSpec().suspended()) {
            return Optional.empty();
        }
        return context.getSecondaryResource(PodObservation.class).map(PodObservation::state).flatMap(WaitingCode::shown);
    }

    static Secret desired(WhatsAppSession session, WaitingCode code) {
        return new SecretBuilder()
                .withMetadata(SessionObjects.ownedMetadata(session, name(session)))
                .withType("Opaque")
                .withData(Map.of(code.secretKey(), encoded(code.code().code()),
                        SessionObjectNames.PAIRING_EXPIRES_AT_KEY, encoded(String.valueOf(code.code().expiresAt()))))
                .build();
    }

    static String name(WhatsAppSession session) {
        return SessionObjectNames.pairingSecretName(session.getMetadata().getName());
    }

    private static String encoded(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
