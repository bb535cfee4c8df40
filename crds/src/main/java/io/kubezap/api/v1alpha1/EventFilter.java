package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.kubezap.contract.filter.ChatSelector;

import java.util.List;

/**
 * Which events a webhook or an event sink takes beyond their type: the CRD's face of
 * {@link io.kubezap.contract.filter.EventFilter}, whose field names it has, so the operator passes it to the pod as it is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = EventFilter.NOT_BOTH, message = "a chat is either in filter.chats or in filter.excludeChats, not both",
        reason = "FieldValueInvalid")
public class EventFilter {

    static final String NOT_BOTH = "!has(self.chats) || !has(self.excludeChats) || !self.chats.exists(c, c in self.excludeChats)";
    private static final String ENTRIES = " Each entry: groups (every group), direct (every one-to-one chat), status"
            + " (the status broadcast), newsletters (every channel), or one chat as a send names it: a phone number with"
            + " country code, 8 to 15 digits (+55 11 99999-9999, 5511999999999), or a chat's JID"
            + " (5511999999999@s.whatsapp.net, 120363000000000000@g.us, ...@lid, ...@newsletter).";

    @JsonProperty(io.kubezap.contract.filter.EventFilter.CHATS)
    @JsonPropertyDescription("Only events about these chats (empty: every chat). Events about no chat (the session's, labels', history's) are not filtered by chat." + ENTRIES)
    @Size(max = io.kubezap.contract.filter.EventFilter.MAX_CHATS)
    @ValidationRule(value = ChatSelector.CEL_ALL_VALID, message = ChatSelector.EXPECTED, reason = "FieldValueInvalid")
    private List<@Size(max = ChatSelector.MAX_LENGTH) String> chats;

    @JsonProperty(io.kubezap.contract.filter.EventFilter.EXCLUDE_CHATS)
    @JsonPropertyDescription("No events about these chats; [groups, status] ignores groups and status." + ENTRIES)
    @Size(max = io.kubezap.contract.filter.EventFilter.MAX_CHATS)
    @ValidationRule(value = ChatSelector.CEL_ALL_VALID, message = ChatSelector.EXPECTED, reason = "FieldValueInvalid")
    private List<@Size(max = ChatSelector.MAX_LENGTH) String> excludeChats;

    @JsonProperty(io.kubezap.contract.filter.EventFilter.DIRECTION)
    @JsonPropertyDescription("Events about messages the account received (Incoming), sent (Outgoing, from this API or its phone) or Both (default); a reaction, edit or deletion goes with the message it is about, a receipt with the sent message.")
    private io.kubezap.contract.filter.EventDirection direction;

    @JsonProperty(io.kubezap.contract.filter.EventFilter.FROM_ME)
    @JsonPropertyDescription("false: leave out what the account itself did (its messages, from this API or its phone, its reactions, votes, edits and deletions). Default true.")
    private Boolean fromMe;

    public List<String> getChats() { return chats; }
    public void setChats(List<String> chats) { this.chats = chats; }

    public List<String> getExcludeChats() { return excludeChats; }
    public void setExcludeChats(List<String> excludeChats) { this.excludeChats = excludeChats; }

    public io.kubezap.contract.filter.EventDirection getDirection() { return direction; }
    public void setDirection(io.kubezap.contract.filter.EventDirection direction) { this.direction = direction; }

    public Boolean getFromMe() { return fromMe; }
    public void setFromMe(Boolean fromMe) { this.fromMe = fromMe; }
}
