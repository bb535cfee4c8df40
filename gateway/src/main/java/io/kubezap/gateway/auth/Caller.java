package io.kubezap.gateway.auth;

import java.util.List;
import java.util.Optional;

/** Who made a request, as established by the gateway's authentication. */
public sealed interface Caller {

    /** A gateway API key, from a Secret. */
    record KeyHolder(KeyScope scope) implements Caller {
    }

    /** A Kubernetes identity (a ServiceAccount's token), as the API server's TokenReview reported it. */
    record KubernetesUser(String username, String uid, List<String> groups) implements Caller {

        private static final String SERVICE_ACCOUNT = "system:serviceaccount:";

        /** The namespace of a ServiceAccount ({@code system:serviceaccount:<namespace>:<name>}). */
        public Optional<String> serviceAccountNamespace() {
            if (!username.startsWith(SERVICE_ACCOUNT)) {
                return Optional.empty();
            }
            String rest = username.substring(SERVICE_ACCOUNT.length());
            return rest.indexOf(':') > 0 ? Optional.of(rest.substring(0, rest.indexOf(':'))) : Optional.empty();
        }
    }

    /** A short-lived token from {@code POST /api/v1/tokens}: it opens one event stream over {@code reach}. */
    record StreamTokenHolder(SessionSet reach) implements Caller {
    }
}
