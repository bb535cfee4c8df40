package io.kubezap.session.message;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;

/** {@code GET /messages/{id}}: the message and every status it went through. */
public record MessageDetail(@JsonUnwrapped Message message, List<StatusChange> statusHistory) {
}
