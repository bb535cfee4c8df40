package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.kubezap.contract.PairingMethod;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Pairing.PHONE_REQUIRED_FOR_PAIRING_CODE,
        message = "pairing.phoneNumber is required when pairing.method is PairingCode",
        reason = "FieldValueRequired")
public class Pairing {

    /** CEL: a pairing code is always bound to one phone number. */
    public static final String PHONE_REQUIRED_FOR_PAIRING_CODE =
            "has(self.phoneNumber) || !has(self.method) || self.method != 'PairingCode'";

    public static final String PHONE_PATTERN = "^[0-9]{8,15}$";

    @JsonPropertyDescription("QR (default): scan the QR code kept in the Secret named by status.pairing.secretName (key qr). PairingCode: type the code kept there (key pairing-code) on the phone.")
    @Default("QR")
    private PairingMethod method;

    @JsonPropertyDescription("The account's phone number in international format, digits only (country code first, no + or spaces), 8 to 15 digits. Required when method is PairingCode.")
    @Pattern(PHONE_PATTERN)
    private String phoneNumber;

    public Pairing() {
    }

    public Pairing(PairingMethod method, String phoneNumber) {
        this.method = method;
        this.phoneNumber = phoneNumber;
    }

    public PairingMethod getMethod() { return method; }
    public void setMethod(PairingMethod method) { this.method = method; }

    public String getPhoneNumber() { return phoneNumber; }
    public void setPhoneNumber(String phoneNumber) { this.phoneNumber = phoneNumber; }

    public PairingMethod effectiveMethod() { return method != null ? method : PairingMethod.QR; }
}
