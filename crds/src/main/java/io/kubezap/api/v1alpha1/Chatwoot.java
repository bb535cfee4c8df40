package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The Chatwoot inbox a session is mirrored into, and whose agents' replies it sends. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Chatwoot.ONE_WAY_TO_NAME_THE_INBOX, message = "chatwoot.inboxId uses an existing inbox, chatwoot.inboxName names the one the session makes: set one of them",
        reason = "FieldValueForbidden")
public class Chatwoot {

    /** CEL: an existing inbox is used as it is; a name is for the inbox the connector makes. */
    public static final String ONE_WAY_TO_NAME_THE_INBOX = "!(has(self.inboxId) && has(self.inboxName))";
    /** An http or https base URL: no query, no fragment, no credentials. */
    public static final String BASE_URL_PATTERN = "^https?://[^\\s/?#@]+(/[^\\s?#]*)?$";

    @JsonPropertyDescription("Chatwoot's base URL, e.g. https://chatwoot.example.com. A private or in-cluster address is reachable only when the cluster admin allows it (operator setting kubezap.session.media-url-allow-list), as for webhooks.")
    @Required
    @Pattern(BASE_URL_PATTERN)
    @Size(max = 2048)
    private String url;

    @JsonPropertyDescription("The Chatwoot account id (the number in the account's URLs, /app/accounts/<id>/...).")
    @Required
    @Min(1)
    private Long accountId;

    @JsonPropertyDescription("Key of a Secret (labelled kubezap.io/session-secret=true) holding a Chatwoot access token (Profile settings > Access token; an administrator's, to create the inbox). Never shown in status, logs or metrics. Rotating it rolls the pod.")
    @Required
    private SecretKeyRef apiAccessTokenRef;

    @JsonPropertyDescription("An existing API-channel inbox to use; its webhook URL is set to the session's. Unset: the session makes an API inbox named inboxName (or finds the one it made before).")
    @Min(1)
    private Long inboxId;

    @JsonPropertyDescription("The name of the API inbox the session makes. Default: the session's name.")
    @Size(min = 1, max = 100)
    private String inboxName;

    @JsonPropertyDescription("Where Chatwoot reaches the session pod for agents' replies (the inbox's webhook URL is this, the session's path and a secret token). Default: the pod's in-cluster address, http://<name>-0.kubezap-sessions.<namespace>.svc:8080, for a Chatwoot in the same cluster that the session namespace's NetworkPolicy lets in.")
    @Pattern(BASE_URL_PATTERN)
    @Size(max = 2048)
    private String webhookBaseUrl;

    @JsonPropertyDescription("Key of a Secret (labelled kubezap.io/session-secret=true) holding the inbox's webhook secret, as Chatwoot shows it in the API inbox's settings (Chatwoot versions that sign webhooks: X-Chatwoot-Signature, X-Chatwoot-Timestamp). Set: every webhook call must carry a valid signature made less than 5 minutes ago, besides the secret token in its URL. Unset: the token in the URL alone admits a call.")
    private SecretKeyRef webhookSecretRef;

    @JsonPropertyDescription("Import the phone's recent history into Chatwoot when the session is linked (Evolution API's importMessages): the messages of the last daysLimitImportMessages days that WhatsApp's history sync brings (as deep as spec.history asks), each posted once into its contact's conversation, oldest first. Default: false.")
    private Boolean importMessages;

    @JsonPropertyDescription("How many days back importMessages reaches (Evolution API's daysLimitImportMessages). Default: 3.")
    @Min(1)
    @Max(365)
    private Integer daysLimitImportMessages;

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }

    public Long getAccountId() { return accountId; }
    public void setAccountId(Long accountId) { this.accountId = accountId; }

    public SecretKeyRef getApiAccessTokenRef() { return apiAccessTokenRef; }
    public void setApiAccessTokenRef(SecretKeyRef apiAccessTokenRef) { this.apiAccessTokenRef = apiAccessTokenRef; }

    public Long getInboxId() { return inboxId; }
    public void setInboxId(Long inboxId) { this.inboxId = inboxId; }

    public String getInboxName() { return inboxName; }
    public void setInboxName(String inboxName) { this.inboxName = inboxName; }

    public String getWebhookBaseUrl() { return webhookBaseUrl; }
    public void setWebhookBaseUrl(String webhookBaseUrl) { this.webhookBaseUrl = webhookBaseUrl; }

    public SecretKeyRef getWebhookSecretRef() { return webhookSecretRef; }
    public void setWebhookSecretRef(SecretKeyRef webhookSecretRef) { this.webhookSecretRef = webhookSecretRef; }

    public Boolean getImportMessages() { return importMessages; }
    public void setImportMessages(Boolean importMessages) { this.importMessages = importMessages; }

    public Integer getDaysLimitImportMessages() { return daysLimitImportMessages; }
    public void setDaysLimitImportMessages(Integer daysLimitImportMessages) { this.daysLimitImportMessages = daysLimitImportMessages; }
}
