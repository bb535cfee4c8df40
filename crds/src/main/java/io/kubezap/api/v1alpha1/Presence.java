package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** The account's own presence. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Presence {

    @JsonPropertyDescription("true: show the account online each time the session connects. Default false: while a device shows the account online, the phone stops notifying its owner.")
    private Boolean markOnlineOnConnect;

    @JsonPropertyDescription("How long the chat sees the account typing (recording, for a voice note) before each message sent without its own delayMs, e.g. 2s or 1500ms; at most 30s. Unset: sent at once.")
    @Pattern("^([1-9][0-9]{0,4}ms|[1-9]s|[1-2][0-9]s|30s)$")
    private String typingBeforeSend;

    public String getTypingBeforeSend() { return typingBeforeSend; }
    public void setTypingBeforeSend(String typingBeforeSend) { this.typingBeforeSend = typingBeforeSend; }

    public Boolean getMarkOnlineOnConnect() { return markOnlineOnConnect; }
    public void setMarkOnlineOnConnect(Boolean markOnlineOnConnect) { this.markOnlineOnConnect = markOnlineOnConnect; }
}
