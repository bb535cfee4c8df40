package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** The WhatsApp account the device is linked to. */
public class Account {

    @JsonPropertyDescription("The account's JID, e.g. 5511999999999@s.whatsapp.net.")
    private String jid;

    @JsonPropertyDescription("The account's phone number, digits only.")
    private String phoneNumber;

    @JsonPropertyDescription("The profile name the account shows to others.")
    private String pushName;

    public Account() {
    }

    public Account(String jid, String phoneNumber, String pushName) {
        this.jid = jid;
        this.phoneNumber = phoneNumber;
        this.pushName = pushName;
    }

    public String getJid() { return jid; }
    public void setJid(String jid) { this.jid = jid; }

    public String getPhoneNumber() { return phoneNumber; }
    public void setPhoneNumber(String phoneNumber) { this.phoneNumber = phoneNumber; }

    public String getPushName() { return pushName; }
    public void setPushName(String pushName) { this.pushName = pushName; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Account other && Objects.equals(jid, other.jid)
                && Objects.equals(phoneNumber, other.phoneNumber) && Objects.equals(pushName, other.pushName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jid, phoneNumber, pushName);
    }
}
