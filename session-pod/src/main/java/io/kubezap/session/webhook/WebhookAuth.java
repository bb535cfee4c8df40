package io.kubezap.session.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * How a webhook's receiver is told who calls ({@code spec.webhooks[].auth}), besides the signature: the
 * {@code Authorization} header of each delivery. The secret parts never show: {@link #toString()} and {@link #kind()}
 * are all that logs and API answers see.
 */
public sealed interface WebhookAuth {

    /** What {@code GET /webhooks} shows: none, bearer, basic or oauth2. */
    String kind();

    /** No Authorization header. */
    record None() implements WebhookAuth {
        @Override
        public String kind() {
            return "none";
        }
    }

    /** {@code Authorization: Bearer <token>}, the token a Secret holds. */
    record Bearer(String token) implements WebhookAuth {
        public Bearer {
            token = requireSingleLine(token, "bearer token");
        }

        String header() {
            return "Bearer " + token;
        }

        @Override
        public String kind() {
            return "bearer";
        }

        @Override
        public String toString() {
            return "Bearer[redacted]";
        }
    }

    /** {@code Authorization: Basic base64(username:password)} (RFC 7617, UTF-8). */
    record Basic(String username, String password) implements WebhookAuth {
        public Basic {
            if (username == null || username.isBlank() || username.contains(":")) {
                throw new IllegalArgumentException("basic.username is required and may not contain ':'");
            }
            password = requireSingleLine(password, "basic password");
        }

        String header() {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String kind() {
            return "basic";
        }

        @Override
        public String toString() {
            return "Basic[" + username + ", redacted]";
        }
    }

    /** An OAuth2 client-credentials grant (RFC 6749 4.4): the access token it gives is sent as a bearer token. */
    record ClientCredentials(URI tokenUrl, String clientId, String clientSecret, List<String> scopes) implements WebhookAuth {
        public ClientCredentials {
            if (tokenUrl == null || tokenUrl.getHost() == null
                    || !("http".equals(tokenUrl.getScheme()) || "https".equals(tokenUrl.getScheme()))) {
                throw new IllegalArgumentException("oauth2.tokenUrl must be an http(s) URL with a host");
            }
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("oauth2.clientId is required");
            }
            clientSecret = requireSingleLine(clientSecret, "oauth2 client secret");
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }

        @Override
        public String kind() {
            return "oauth2";
        }

        @Override
        public String toString() {
            return "ClientCredentials[" + RedactedUrl.of(tokenUrl) + ", " + clientId + ", redacted]";
        }
    }

    WebhookAuth NONE = new None();

    /** A secret read from a file ends with a newline more often than not; inside, a line break would split the header. */
    private static String requireSingleLine(String value, String what) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (stripped.contains("\n") || stripped.contains("\r")) {
            throw new IllegalArgumentException(what + " spans several lines");
        }
        return stripped;
    }
}
