package io.kubezap.contract;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The WhatsApp account a session's device is linked to: what the engine reports, the session pod serves and the
 * resource's {@code status.account} shows.
 */
public record Account(
        @JsonPropertyDescription("The account's JID, e.g. 5511999999999@s.whatsapp.net.") String jid,
        @JsonPropertyDescription("The account's phone number, digits only.") String phoneNumber,
        @JsonPropertyDescription("The profile name the account shows to others.") String pushName) {
}
