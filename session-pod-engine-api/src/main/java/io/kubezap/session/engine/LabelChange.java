package io.kubezap.session.engine;

/**
 * A WhatsApp Business label created, renamed, recoloured or deleted, in either direction: sent with
 * {@link WhatsAppEngine#editLabel}, reported as {@link EngineEvent.LabelEdited}. {@code id} is the account's own
 * numbering ("1", "2", …); {@code color} an index into WhatsApp's palette (0–19).
 */
public record LabelChange(String id, String name, int color, boolean deleted) {
}
