package io.kubezap.simulator.group;

/**
 * What a participant change did to one account, with WhatsApp's per-participant code: 200 done,
 * 403 the account's privacy (or block) refused it, 404 not on WhatsApp or not in the group, 409 already in.
 */
public record ParticipantResult(String number, int code) {
    public boolean done() {
        return code == 200;
    }
}
