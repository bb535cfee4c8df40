package io.kubezap.contract;

/**
 * How much of the phone's past conversations a session asks for when the device is linked: the resource's
 * {@code spec.history}, passed to the session pod as {@link PodEnvironment#HISTORY}.
 */
public enum HistoryDepth {
    /** None: only what arrives after linking. */
    None,
    /** The phone's recent history (WhatsApp Web's default: about the last three months, chunked). */
    Recent,
    /** Everything the phone has. */
    Full
}
