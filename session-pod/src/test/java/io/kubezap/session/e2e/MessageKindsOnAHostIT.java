package io.kubezap.session.e2e;

/** {@link MessageKindsIT} with its session on a session host (issue 81): the Cobalt run; the Baileys run skips. */
class MessageKindsOnAHostIT extends MessageKindsIT implements OnAHost {
}
