package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.kubezap.contract.AutoMarkRead;

/** Read receipts: which incoming messages the session marks read as they arrive, and whether contacts see them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReadReceipts {

    @JsonPropertyDescription("Mark incoming messages read as they arrive (read receipts sent, the chat's unread count reset): All (one-to-one chats and groups; never statuses or channels), Direct (one-to-one chats only) or Never (default: they stay unread until POST /chats/{jid}/read).")
    private AutoMarkRead autoMarkRead;

    @JsonPropertyDescription("The account's read receipts privacy setting, applied at each login: false, contacts never see that the account read their messages (and it does not see theirs), as WhatsApp's \"Read receipts\" off; true, they do. Unset: left as the phone has it.")
    private Boolean send;

    public AutoMarkRead getAutoMarkRead() { return autoMarkRead; }
    public void setAutoMarkRead(AutoMarkRead autoMarkRead) { this.autoMarkRead = autoMarkRead; }

    public Boolean getSend() { return send; }
    public void setSend(Boolean send) { this.send = send; }
}
