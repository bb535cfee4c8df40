package io.kubezap.gateway.auth;

import java.util.List;

/** Who made a request, as established by the gateway's authentication. */
public sealed interface Caller {

    /** A gateway API key, from a Secret. */
    record KeyHolder(KeyScope scope) implements Caller {
    }

    /** A Kubernetes identity (a ServiceAccount's token), as the API server's TokenReview reported it. */
    record KubernetesUser(String username, String uid, List<String> groups) implements Caller {
    }
}
