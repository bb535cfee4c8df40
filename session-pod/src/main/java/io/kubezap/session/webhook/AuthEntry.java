package io.kubezap.session.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A webhook's {@code auth} as the webhooks file holds it ({@link io.kubezap.contract.WebhookFile#AUTH}): exactly one
 * of bearer, basic, oauth2, each secret in a file next to the list (the operator's projection) or inline (local mode).
 * Errors name the entry and the field, never a value.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AuthEntry(BearerEntry bearer, BasicEntry basic, OAuth2Entry oauth2) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BearerEntry(String tokenFile, String token) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BasicEntry(String username, String passwordFile, String password) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OAuth2Entry(String tokenUrl, String clientId, String clientSecretFile, String clientSecret, List<String> scopes) {
    }

    WebhookAuth toAuth(Path file, String where) {
        int given = (bearer == null ? 0 : 1) + (basic == null ? 0 : 1) + (oauth2 == null ? 0 : 1);
        if (given != 1) {
            throw new IllegalArgumentException(where + ": auth takes exactly one of bearer, basic or oauth2");
        }
        try {
            if (bearer != null) {
                return new WebhookAuth.Bearer(secret(file, bearer.tokenFile(), bearer.token(), where + ": auth.bearer.token"));
            }
            if (basic != null) {
                return new WebhookAuth.Basic(basic.username(),
                        secret(file, basic.passwordFile(), basic.password(), where + ": auth.basic.password"));
            }
            return new WebhookAuth.ClientCredentials(tokenUrl(where), oauth2.clientId(),
                    secret(file, oauth2.clientSecretFile(), oauth2.clientSecret(), where + ": auth.oauth2.clientSecret"),
                    oauth2.scopes());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(where) ? e.getMessage() : where + ": auth." + e.getMessage());
        }
    }

    private URI tokenUrl(String where) {
        try {
            return new URI(oauth2.tokenUrl() == null ? "" : oauth2.tokenUrl().strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(where + ": auth.oauth2.tokenUrl is not a valid URL (at character " + e.getIndex() + ")");
        }
    }

    private static String secret(Path file, String secretFile, String inline, String what) {
        if (secretFile == null) {
            if (inline == null) {
                throw new IllegalArgumentException(what + " is required (a file or, in local mode, the value)");
            }
            return inline;
        }
        try {
            return Files.readString(file.resolveSibling(secretFile));
        } catch (IOException e) {
            throw new IllegalArgumentException(what + "'s file cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
