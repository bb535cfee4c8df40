package io.kubezap.operator.pairing;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.operator.model.SessionObjects;
import io.kubezap.operator.polling.PodObservation;
import io.kubezap.operator.status.WaitingCode;
import io.kubezap.operator.status.WaitingPasskey;

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

    /**
     * What the Secret holds while the session's pod, when last polled, waits for a code to be used (and is not suspended):
     * the code and its expiry, or WhatsApp's passkey request options and their expiry.
     */
    public static Optional<Map<String, String>> shown(WhatsAppSession session, Context<WhatsAppSession> context) {
        if (session.getSpec().suspended()) {
            return Optional.empty();
        }
        var state = context.getSecondaryResource(PodObservation.class).map(PodObservation::state);
        return state.flatMap(WaitingCode::shown).map(code -> Map.of(code.secretKey(), code.code().code(),
                        SessionObjectNames.PAIRING_EXPIRES_AT_KEY, String.valueOf(code.code().expiresAt())))
                .or(() -> state.flatMap(WaitingPasskey::shown).map(challenge -> Map.of(
                        SessionObjectNames.PAIRING_PASSKEY_KEY, challenge.requestOptions(),
                        SessionObjectNames.PAIRING_EXPIRES_AT_KEY, String.valueOf(challenge.expiresAt()))));
    }

    static Secret desired(WhatsAppSession session, Map<String, String> content) {
        var data = new java.util.TreeMap<String, String>();
        content.forEach((key, value) -> data.put(key, encoded(value)));
        return new SecretBuilder()
                .withMetadata(SessionObjects.ownedMetadata(session, name(session)))
                .withType("Opaque")
                .withData(data)
                .build();
    }

    static String name(WhatsAppSession session) {
        return SessionObjectNames.pairingSecretName(session.getMetadata().getName());
    }

    private static String encoded(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
