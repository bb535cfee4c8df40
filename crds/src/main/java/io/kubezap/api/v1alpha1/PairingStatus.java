package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.kubezap.contract.PairingMethod;

import java.time.Instant;

/**
 * What the status says about a code waiting to link a phone, without the code: which kind, where it is kept, until
 * when. The code itself is in the Secret {@code secretName}, and in {@code status.qr} or {@code status.pairingCode}
 * unless the installation keeps it out of the status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PairingStatus(
        @JsonPropertyDescription("Which code waits: QR (scan it) or PairingCode (type it on the phone).")
        PairingMethod method,
        @JsonPropertyDescription("The Secret holding the code (key qr or pairing-code, and expires-at); readable by who may read Secrets in the namespace (edit, admin), not by view.")
        String secretName,
        @JsonPropertyDescription("When the code stops being accepted (RFC 3339); a new one (a rotated QR) has a new expiry.")
        Instant expiresAt) {
}
