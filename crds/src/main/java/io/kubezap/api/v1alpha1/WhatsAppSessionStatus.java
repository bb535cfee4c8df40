package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import io.kubezap.contract.Account;
import io.kubezap.contract.ExpiringCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the operator observed; written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WhatsAppSessionStatus {

    public static final String CONDITION_READY = "Ready";
    public static final String CONDITION_POD_READY = "PodReady";
    public static final String CONDITION_PAIRED = "Paired";
    public static final String CONDITION_CONNECTED = "Connected";
    /** False while the session pod reports a repair of its WhatsApp key store (see the operator's StatusAggregator). */
    public static final String CONDITION_KEY_STORE_HEALTHY = "KeyStoreHealthy";
    /** False while the session pod reports that the session keeps more than spec.storage.quota. */
    public static final String CONDITION_STORAGE_QUOTA = "StorageQuota";
    /**
     * True while WhatsApp keeps the account from starting new chats (reason ReachoutTimelocked or NewChatLimitReached,
     * the end in the message), as the session pod reports it; False (NotRestricted) once lifted.
     */
    public static final String CONDITION_RESTRICTED = "Restricted";
    /**
     * True (reason AutoRepliesDropped) once the session pod reports incoming messages its automatic replies left
     * unanswered because of a limit since it started; the message names the count, the latest reason and its time.
     */
    public static final String CONDITION_AUTO_REPLIES_DROPPED = "AutoRepliesDropped";

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Where the session is: Pending, Starting, WaitingForQR, WaitingForPairingCode, WaitingForPasskey, Connected, Reconnecting, LoggedOut, Suspended or Failed.")
    private SessionPhase phase;

    @JsonPropertyDescription("A code waiting to link a phone: which kind, the Secret that holds it and its expiry (the code itself is in qr or pairingCode unless the installation keeps it in the Secret only); present only while the phase is WaitingForQR or WaitingForPairingCode and the code is valid.")
    private PairingStatus pairing;

    @JsonPropertyDescription("The QR to scan (a https://wa.me/settings/linked_devices# link) and its expiry; present only while the phase is WaitingForQR and the code is valid, unless the installation keeps codes in the pairing Secret only (chart value session.pairingCodesInStatus: false). Whoever reads the resource (Kubernetes' view role included) can link their own phone to the session with it.")
    private ExpiringCode qr;

    @JsonPropertyDescription("The code to type on the phone and its expiry; present only while the phase is WaitingForPairingCode and the code is valid, unless the installation keeps codes in the pairing Secret only (chart value session.pairingCodesInStatus: false).")
    private ExpiringCode pairingCode;

    @JsonPropertyDescription("WhatsApp's passkey challenge (a passkey-protected account: the phone approved the link, WhatsApp waits for the owner's WebAuthn assertion, made in a browser tab on web.whatsapp.com and sent to POST /api/v1/sessions/{name}/pairing/passkey); present only while the phase is WaitingForPasskey and the challenge is valid, unless the installation keeps codes in the pairing Secret only (chart value session.pairingCodesInStatus: false). Only the account's passkey can answer it.")
    private io.kubezap.contract.PasskeyChallenge passkey;

    @JsonPropertyDescription("The linked WhatsApp account, once paired.")
    private Account account;

    @JsonPropertyDescription("In-cluster base URL of this session's REST API.")
    private String endpoint;

    @JsonPropertyDescription("The session host that runs this session (placement Host): its StatefulSet's name, e.g. kubezap-host-0 (pod kubezap-host-0-0); absent for a session on a pod of its own.")
    private String host;

    @JsonPropertyDescription("Name of the Secret (key api-key) holding the REST API key of this session.")
    private String apiKeySecret;

    @JsonPropertyDescription("When the session last became Connected (RFC 3339).")
    private String lastConnectedAt;

    @JsonPropertyDescription("How often the session had to reconnect since its pod started.")
    private Integer reconnects;

    @JsonPropertyDescription("Where the session's events go once the namespace's and the installation's defaults are applied: its webhooks and event sinks, each with where it came from.")
    private EffectiveOutputs outputs;

    @JsonPropertyDescription("Ready (pod up and session Connected), PodReady, Paired, Connected.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }

    public SessionPhase getPhase() { return phase; }
    public void setPhase(SessionPhase phase) { this.phase = phase; }

    public PairingStatus getPairing() { return pairing; }
    public void setPairing(PairingStatus pairing) { this.pairing = pairing; }

    public ExpiringCode getQr() { return qr; }
    public void setQr(ExpiringCode qr) { this.qr = qr; }

    public ExpiringCode getPairingCode() { return pairingCode; }
    public void setPairingCode(ExpiringCode pairingCode) { this.pairingCode = pairingCode; }

    public io.kubezap.contract.PasskeyChallenge getPasskey() { return passkey; }
    public void setPasskey(io.kubezap.contract.PasskeyChallenge passkey) { this.passkey = passkey; }

    public Account getAccount() { return account; }
    public void setAccount(Account account) { this.account = account; }

    public String getEndpoint() { return endpoint; }
    public void setEndpoint(String endpoint) { this.endpoint = endpoint; }

    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }

    public String getApiKeySecret() { return apiKeySecret; }
    public void setApiKeySecret(String apiKeySecret) { this.apiKeySecret = apiKeySecret; }

    public String getLastConnectedAt() { return lastConnectedAt; }
    public void setLastConnectedAt(String lastConnectedAt) { this.lastConnectedAt = lastConnectedAt; }

    public Integer getReconnects() { return reconnects; }
    public void setReconnects(Integer reconnects) { this.reconnects = reconnects; }

    public EffectiveOutputs getOutputs() { return outputs; }
    public void setOutputs(EffectiveOutputs outputs) { this.outputs = outputs; }

    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }

    public Optional<Condition> condition(String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WhatsAppSessionStatus other
                && Objects.equals(observedGeneration, other.observedGeneration)
                && phase == other.phase
                && Objects.equals(pairing, other.pairing)
                && Objects.equals(qr, other.qr)
                && Objects.equals(pairingCode, other.pairingCode)
                && Objects.equals(passkey, other.passkey)
                && Objects.equals(account, other.account)
                && Objects.equals(endpoint, other.endpoint)
                && Objects.equals(host, other.host)
                && Objects.equals(apiKeySecret, other.apiKeySecret)
                && Objects.equals(lastConnectedAt, other.lastConnectedAt)
                && Objects.equals(reconnects, other.reconnects)
                && Objects.equals(outputs, other.outputs)
                && Objects.equals(conditions, other.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, phase, pairing, qr, pairingCode, passkey, account, endpoint, host, apiKeySecret,
                lastConnectedAt, reconnects, outputs, conditions);
    }
}
