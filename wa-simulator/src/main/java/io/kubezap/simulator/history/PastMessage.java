package io.kubezap.simulator.history;

import java.time.Instant;

/**
 * A message of a phone's past conversation: its id, who wrote it ({@code fromMe}: the phone's owner), when, and the
 * {@code Message} protobuf it holds. {@code type} and {@code text} are what the control API shows of it.
 */
public record PastMessage(String id, boolean fromMe, Instant at, byte[] message, String type, String text) {
}
