package io.kubezap.operator.sessionapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.kubezap.api.v1alpha1.Account;
import io.kubezap.api.v1alpha1.ExpiringCode;

/** What {@code GET /api/v1/sessions/{name}} on a session pod answers. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionState(
        String name,
        String namespace,
        String phase,
        ExpiringCode qr,
        ExpiringCode pairingCode,
        Account account,
        String lastConnectedAt,
        Integer reconnects,
        LastError lastError) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LastError(String reason, String message, String at) {
    }
}
