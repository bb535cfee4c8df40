package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.Secret;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.model.TestSessions;

import java.util.Map;

/** The session's database Secret copy as {@link DatabaseSecretDependent} writes it, for tests outside this package. */
public final class DatabaseSecretTestAccess {

    private DatabaseSecretTestAccess() {
    }

    public static Secret sessionSecret(Secret admin, WhatsAppSession session, String role, String password,
                                       String token) {
        return new DatabaseSecretDependent(new DatabaseSecretSource(
                TestSessions.config(Map.of("kubezap.database.secret-name", "pg-app")).database(), "kubezap-system", null))
                .sessionSecret(admin, session, role, password, token);
    }
}
