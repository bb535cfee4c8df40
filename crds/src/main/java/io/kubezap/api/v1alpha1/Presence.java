package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The account's own presence. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Presence {

    @JsonPropertyDescription("true: show the account online each time the session connects. Default false: while a device shows the account online, the phone stops notifying its owner.")
    private Boolean markOnlineOnConnect;

    public Boolean getMarkOnlineOnConnect() { return markOnlineOnConnect; }
    public void setMarkOnlineOnConnect(Boolean markOnlineOnConnect) { this.markOnlineOnConnect = markOnlineOnConnect; }
}
