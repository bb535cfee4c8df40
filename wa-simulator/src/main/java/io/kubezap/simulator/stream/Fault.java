package io.kubezap.simulator.stream;

import java.util.Arrays;

/** Server-side misbehaviour the control API can inflict on a linked device's connection. */
public enum Fault {
    /** Closes the TCP connection without a WebSocket close. */
    DROP("drop"),
    /** {@code <stream:error code="515"/>}: the client must reconnect (as after pairing). */
    RESTART_REQUIRED("stream-error-515"),
    /** {@code <stream:error><conflict type="replaced"/></stream:error>}: another socket took over. */
    CONFLICT("conflict"),
    /** {@code <failure reason="401"/>}: the device is unlinked; later logins fail the same way. */
    LOGGED_OUT("failure-401"),
    /** {@code <failure reason="403"/>}: the account is banned; later logins fail the same way. */
    BANNED("failure-403"),
    /** {@code <stream:error code="401"><conflict type="device_removed"/></stream:error>}: unlinked from the phone. */
    DEVICE_REMOVED("device-removed"),
    /**
     * Nothing is sent: the acknowledgements of messages the device sends on its current connection are lost, as when
     * the client was killed just before they left; what it got is delivered again at its next login.
     */
    LOSE_ACKS("lose-acks"),
    /**
     * Nothing is sent: at the device's next login, the messages it got and did not acknowledge come again with
     * ciphertexts it cannot decrypt (the MAC broken), as for a client that wrote its Signal keys past them and was
     * killed before storing them.
     */
    UNDECRYPTABLE_REDELIVERY("undecryptable-redelivery"),
    /** Nothing is sent: the device's next app-state push is refused (its collection answered {@code type="error"} 400). */
    REFUSE_APP_STATE_PUSH("refuse-app-state-push");

    private final String id;

    Fault(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean needsOpenConnection() {
        return this == DROP || this == RESTART_REQUIRED || this == CONFLICT || this == LOSE_ACKS;
    }

    public static Fault fromId(String id) {
        return Arrays.stream(values())
                .filter(fault -> fault.id.equalsIgnoreCase(id) || fault.name().equalsIgnoreCase(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown fault " + id + "; known: "
                        + Arrays.stream(values()).map(Fault::id).toList()));
    }
}
