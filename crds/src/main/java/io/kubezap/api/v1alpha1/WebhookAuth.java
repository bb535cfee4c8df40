package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

/**
 * How a webhook's receiver is told who is calling, besides the signature: one of a bearer token, basic auth, or an
 * OAuth2 client-credentials token the pod fetches and refreshes. Every secret part comes from a Secret key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = WebhookAuth.EXACTLY_ONE, message = "auth takes exactly one of bearer, basic or oauth2",
        reason = "FieldValueInvalid")
public class WebhookAuth {

    static final String EXACTLY_ONE = "(has(self.bearer) ? 1 : 0) + (has(self.basic) ? 1 : 0) + (has(self.oauth2) ? 1 : 0) == 1";

    @JsonPropertyDescription("Authorization: Bearer <token>, the token read from a Secret key.")
    private WebhookBearer bearer;

    @JsonPropertyDescription("Authorization: Basic, a user name and a password from a Secret key.")
    private WebhookBasicAuth basic;

    @JsonPropertyDescription("Authorization: Bearer <access token> from an OAuth2 token endpoint (client credentials grant, RFC 6749 4.4), fetched before the first delivery and again before it expires.")
    private WebhookOAuth2 oauth2;

    public WebhookBearer getBearer() { return bearer; }
    public void setBearer(WebhookBearer bearer) { this.bearer = bearer; }

    public WebhookBasicAuth getBasic() { return basic; }
    public void setBasic(WebhookBasicAuth basic) { this.basic = basic; }

    public WebhookOAuth2 getOauth2() { return oauth2; }
    public void setOauth2(WebhookOAuth2 oauth2) { this.oauth2 = oauth2; }

    /** Every Secret key the auth names. */
    public List<SecretKeyRef> secretRefs() {
        if (bearer != null) {
            return listOf(bearer.getTokenRef());
        }
        if (basic != null) {
            return listOf(basic.getPasswordRef());
        }
        return oauth2 == null ? List.of() : listOf(oauth2.getClientSecretRef());
    }

    private static List<SecretKeyRef> listOf(SecretKeyRef ref) {
        return ref == null ? List.of() : List.of(ref);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class WebhookBearer {
        @JsonPropertyDescription("Key of a Secret (labelled kubezap.io/session-secret=true) holding the token.")
        @Required
        private SecretKeyRef tokenRef;

        public SecretKeyRef getTokenRef() { return tokenRef; }
        public void setTokenRef(SecretKeyRef tokenRef) { this.tokenRef = tokenRef; }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class WebhookBasicAuth {
        @JsonPropertyDescription("The user name (not a secret; RFC 7617 forbids ':' in it).")
        @Required
        @Size(max = 256)
        @Pattern("^[^:\\r\\n]+$")
        private String username;

        @JsonPropertyDescription("Key of a Secret (labelled kubezap.io/session-secret=true) holding the password.")
        @Required
        private SecretKeyRef passwordRef;

        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }

        public SecretKeyRef getPasswordRef() { return passwordRef; }
        public void setPasswordRef(SecretKeyRef passwordRef) { this.passwordRef = passwordRef; }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class WebhookOAuth2 {
        @JsonPropertyDescription("The authorization server's token endpoint, an http or https URL (the egress rules of webhooks apply to it).")
        @Required
        @Pattern("^https?://[^\\s/?#@]+[^\\s]*$")
        @Size(max = 2048)
        private String tokenUrl;

        @JsonPropertyDescription("The client id (not a secret).")
        @Required
        @Size(max = 256)
        @Pattern("^[^\\r\\n]+$")
        private String clientId;

        @JsonPropertyDescription("Key of a Secret (labelled kubezap.io/session-secret=true) holding the client secret.")
        @Required
        private SecretKeyRef clientSecretRef;

        @JsonPropertyDescription("Scopes asked for (space-joined into the request's scope parameter); empty: none asked.")
        @Size(max = 32)
        private List<@Pattern("^[!#-\\[\\]-~]+$") String> scopes;

        public String getTokenUrl() { return tokenUrl; }
        public void setTokenUrl(String tokenUrl) { this.tokenUrl = tokenUrl; }

        public String getClientId() { return clientId; }
        public void setClientId(String clientId) { this.clientId = clientId; }

        public SecretKeyRef getClientSecretRef() { return clientSecretRef; }
        public void setClientSecretRef(SecretKeyRef clientSecretRef) { this.clientSecretRef = clientSecretRef; }

        public List<String> getScopes() { return scopes; }
        public void setScopes(List<String> scopes) { this.scopes = scopes; }
    }
}
