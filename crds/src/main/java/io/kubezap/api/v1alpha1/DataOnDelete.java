package io.kubezap.api.v1alpha1;

/** What happens to the session's stored data (messages, events, deliveries…) when the resource is deleted. */
public enum DataOnDelete {
    /** Kept in the database; the operator's Event says where. */
    Retain,
    /** Removed with the resource. */
    Delete
}
