package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** A QR payload or pairing code that is only valid until {@code expiresAt}. */
public class ExpiringCode {

    @JsonPropertyDescription("The QR payload to render, or the pairing code to type on the phone.")
    private String code;

    @JsonPropertyDescription("When the code stops being accepted (RFC 3339).")
    private String expiresAt;

    public ExpiringCode() {
    }

    public ExpiringCode(String code, String expiresAt) {
        this.code = code;
        this.expiresAt = expiresAt;
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }

    public String getExpiresAt() { return expiresAt; }
    public void setExpiresAt(String expiresAt) { this.expiresAt = expiresAt; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpiringCode other && Objects.equals(code, other.code) && Objects.equals(expiresAt, other.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, expiresAt);
    }
}
