package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.ValidationRule;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.kubezap.contract.EngineKind;
import io.kubezap.contract.HistoryDepth;
import io.kubezap.contract.Placement;

import java.util.ArrayList;
import java.util.List;

/** What the user asks for. The operator never writes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = WhatsAppSessionSpec.DATABASE_MODE_IS_COBALTS, reason = "FieldValueForbidden",
        message = "spec.storage.mode Database needs spec.engine Cobalt: Baileys keeps its keys on a volume only")
@ValidationRule(value = WhatsAppSessionSpec.HOST_NEEDS_DATABASE_MODE, reason = "FieldValueForbidden",
        message = "spec.placement Host needs spec.storage.mode Database: a session on a host has no volume of its own, its key store lives in PostgreSQL")
public class WhatsAppSessionSpec {

    /** CEL: Baileys' auth state has no copy in PostgreSQL, so it cannot run without a volume. */
    public static final String DATABASE_MODE_IS_COBALTS = "!(has(self.storage) && has(self.storage.mode)"
            + " && self.storage.mode == 'Database' && has(self.engine) && self.engine == 'Baileys')";

    /** CEL: a host holds no volume per session, so its sessions keep their keys in PostgreSQL (decision record 0021). */
    public static final String HOST_NEEDS_DATABASE_MODE = "!(has(self.placement) && self.placement == 'Host')"
            + " || (has(self.storage) && has(self.storage.mode) && self.storage.mode == 'Database')";

    @JsonPropertyDescription("Free label for humans, e.g. the shop or team that owns the number.")
    @Size(max = 128)
    private String displayName;

    @JsonPropertyDescription("How the device is linked to the WhatsApp account: by scanning a QR code (default) or by typing a pairing code on the phone.")
    private Pairing pairing;

    @JsonPropertyDescription("The WhatsApp Web client that runs the session: Cobalt (default; every capability of the API) or Baileys (a Node.js client beside it in the pod: messages of every kind, media, groups, contacts, presence, calls, history and chat app state; statuses, the account's profile and privacy, group extras and channels answer 501 engine-unsupported). Changing it rolls the pod, and the device must be linked again: the engines keep different keys.")
    @Default("Cobalt")
    private EngineKind engine;

    @JsonPropertyDescription("How much of the phone's past conversations the session asks for when the device is linked: None, Recent (default; WhatsApp Web's recent history, about the last three months) or Full (everything the phone has). History messages are stored marked as history, never announced as message.received; each batch is one history.synced event. It takes effect at the next linking.")
    @Default("Recent")
    private HistoryDepth history;

    @JsonPropertyDescription("true scales the session pod to zero; credentials and stored messages are kept and the session resumes when set back to false.")
    @Default("false")
    private Boolean suspend;

    @JsonPropertyDescription("HTTP endpoints that receive this session's events, signed per the Standard Webhooks specification.")
    @Size(max = 16)
    private List<Webhook> webhooks = new ArrayList<>();

    @JsonPropertyDescription("Brokers (Kafka, NATS, RabbitMQ) that receive this session's events as CloudEvents.")
    private Events events;

    @JsonPropertyDescription("Where the session runs: Pod, a StatefulSet of one pod of its own, or Host, one of the namespace's session hosts, pods that run many of its sessions in one process (needs storage.mode Database; status.host names the host). Unset: the namespace's default (placement in the ConfigMap kubezap-session-defaults), else Pod. The resource, its status and its REST API are the same in both; a change moves the session without a new QR.")
    private Placement placement;

    @JsonPropertyDescription("Where the session keeps its WhatsApp key store: a persistent volume per session (mode Volume), or PostgreSQL with only a cache on the node (mode Database); the volume's size and class, the session's quota.")
    private Storage storage;

    @JsonPropertyDescription("true (default): when this resource is deleted, the linked device is unlinked from the WhatsApp account before the pod goes away.")
    @Default("true")
    private Boolean logoutOnDelete;

    @JsonPropertyDescription("Compute resources of the session pod. Empty: the operator's defaults.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("What happens to the session's data when this resource is deleted: its stored messages, chats, events and webhook deliveries, and its volume claim (WhatsApp keys and media files). Retain (default) keeps them (an Event says where); Delete stops the pod, then removes the rows and deletes the claim.")
    @Default("Retain")
    private DataOnDelete dataOnDelete;

    @JsonPropertyDescription("Outbound message pacing, which protects the number from being banned for bulk sending.")
    private SendRateLimit sendRateLimit;

    @JsonPropertyDescription("Media files: what is downloaded on arrival, how long and how much is kept.")
    private Media media;

    @JsonPropertyDescription("How long stored messages, media files, events and webhook deliveries are kept; older ones are deleted by the session pod.")
    private Retention retention;

    @JsonPropertyDescription("Incoming calls: decline them automatically, optionally with a text to the caller.")
    private Calls calls;

    @JsonPropertyDescription("The account's own presence: whether the session shows it online when it connects.")
    private Presence presence;

    @JsonPropertyDescription("Read receipts: mark incoming messages read as they arrive (all chats, one-to-one only, or never), and whether contacts see the account's read receipts at all.")
    private ReadReceipts readReceipts;

    @JsonPropertyDescription("Automatic replies to one-to-one messages: keyword rules (with CEL conditions), a greeting on a contact's first message, an away message outside weekly business hours; capped per contact per day. Each reply is a normal outgoing message, sent at most once per incoming message.")
    private AutoReply autoReply;

    @JsonPropertyDescription("The WhatsApp Web version this session announces at login, e.g. 2.3000.1030000001; overrides the operator's (chart value session.waVersion). Unset: the pod learns the current one from web.whatsapp.com at start and whenever WhatsApp refuses its version as outdated, else uses the version that last worked, else the one pinned in its release.")
    @Pattern("^[0-9]+(\\.[0-9]+){2,4}$")
    private String webVersion;

    @JsonPropertyDescription("A proxy (HTTP CONNECT or SOCKS5) the session reaches WhatsApp through: its socket, media uploads and downloads, and the WhatsApp Web version lookup, so that accounts can be spread over addresses. Webhooks, event sinks and sends by URL do not use it (they are the namespace's own egress). A proxy that refuses (wrong credentials, say) shows as lastError reason ProxyRefused; one out of reach as ProxyUnreachable. A change rolls the pod.")
    private Proxy proxy;

    @JsonPropertyDescription("A Chatwoot inbox for this session (docs/integrations/chatwoot.md): incoming messages, the phone's own, reactions and receipts mirrored into conversations, agents' replies sent through the session. A change rolls the pod.")
    private Chatwoot chatwoot;

    @JsonPropertyDescription("Where and how the session pod runs: image pull secrets, node selection, tolerations, affinity, topology spread, priority, ServiceAccount, extra environment, labels and annotations. Overrides the chart's defaults for every session (session.podTemplate); a change rolls the pod.")
    private PodTemplate podTemplate;

    public EngineKind getEngine() { return engine; }
    public HistoryDepth getHistory() { return history; }
    public void setHistory(HistoryDepth history) { this.history = history; }
    public void setEngine(EngineKind engine) { this.engine = engine; }

    public String getWebVersion() { return webVersion; }
    public void setWebVersion(String webVersion) { this.webVersion = webVersion; }

    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }

    public Pairing getPairing() { return pairing; }
    public void setPairing(Pairing pairing) { this.pairing = pairing; }

    public Boolean getSuspend() { return suspend; }
    public void setSuspend(Boolean suspend) { this.suspend = suspend; }

    public List<Webhook> getWebhooks() { return webhooks; }
    public void setWebhooks(List<Webhook> webhooks) { this.webhooks = webhooks; }

    public Events getEvents() { return events; }
    public void setEvents(Events events) { this.events = events; }

    /** The configured sinks; empty when there are none. */
    public List<EventSink> effectiveSinks() {
        return events == null || events.getSinks() == null ? List.of() : events.getSinks();
    }

    public Placement getPlacement() { return placement; }
    public void setPlacement(Placement placement) { this.placement = placement; }

    public Storage getStorage() { return storage; }
    public void setStorage(Storage storage) { this.storage = storage; }

    public Boolean getLogoutOnDelete() { return logoutOnDelete; }
    public void setLogoutOnDelete(Boolean logoutOnDelete) { this.logoutOnDelete = logoutOnDelete; }

    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }

    public DataOnDelete getDataOnDelete() { return dataOnDelete; }
    public void setDataOnDelete(DataOnDelete dataOnDelete) { this.dataOnDelete = dataOnDelete; }

    public Media getMedia() { return media; }
    public void setMedia(Media media) { this.media = media; }

    public Retention getRetention() { return retention; }
    public void setRetention(Retention retention) { this.retention = retention; }

    public Calls getCalls() { return calls; }
    public void setCalls(Calls calls) { this.calls = calls; }

    public Presence getPresence() { return presence; }
    public void setPresence(Presence presence) { this.presence = presence; }

    public ReadReceipts getReadReceipts() { return readReceipts; }
    public void setReadReceipts(ReadReceipts readReceipts) { this.readReceipts = readReceipts; }

    public Chatwoot getChatwoot() { return chatwoot; }
    public void setChatwoot(Chatwoot chatwoot) { this.chatwoot = chatwoot; }
    public AutoReply getAutoReply() { return autoReply; }
    public void setAutoReply(AutoReply autoReply) { this.autoReply = autoReply; }

    public Proxy getProxy() { return proxy; }
    public void setProxy(Proxy proxy) { this.proxy = proxy; }

    public PodTemplate getPodTemplate() { return podTemplate; }
    public void setPodTemplate(PodTemplate podTemplate) { this.podTemplate = podTemplate; }

    public SendRateLimit getSendRateLimit() { return sendRateLimit; }
    public void setSendRateLimit(SendRateLimit sendRateLimit) { this.sendRateLimit = sendRateLimit; }

    /** The effective values, with the schema's defaults applied when a client skipped defaulting. */
    public boolean suspended() { return Boolean.TRUE.equals(suspend); }

    public boolean logsOutOnDelete() { return !Boolean.FALSE.equals(logoutOnDelete); }

    public DataOnDelete effectiveDataOnDelete() { return dataOnDelete != null ? dataOnDelete : DataOnDelete.Retain; }

    public Pairing effectivePairing() { return pairing != null ? pairing : new Pairing(); }

    public Storage effectiveStorage() { return storage != null ? storage : new Storage(); }

    public int effectiveSendRatePerMinute() {
        return sendRateLimit != null && sendRateLimit.getPerMinute() != null
                ? sendRateLimit.getPerMinute() : SendRateLimit.DEFAULT_PER_MINUTE;
    }
}
