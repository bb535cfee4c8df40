package io.kubezap.session.label;

import java.time.Instant;

/** A WhatsApp Business label: {@code id} as WhatsApp numbers it, {@code color} an index into WhatsApp's palette. */
public record Label(String id, String name, int color, Instant updatedAt) {
}
