package io.kubezap.api.v1alpha1;

/** What happens to the session's data (its rows: messages, events, deliveries…; its volume claim: keys, media) when the resource is deleted. */
public enum DataOnDelete {
    /** Rows and volume claim kept; the operator's Event says where. */
    Retain,
    /** Pod stopped, then rows and volume claim removed with the resource. */
    Delete
}
