package io.kubezap.simulator.phone;

/** Where a linked companion device stands with the server. */
public enum DeviceStatus {
    /** Paired and allowed to log in. */
    LINKED,
    /** Unlinked (by the phone, by a fault or by the companion's logout): logins fail with 401. */
    LOGGED_OUT,
    /** The account is banned: logins fail with 403. */
    BANNED
}
