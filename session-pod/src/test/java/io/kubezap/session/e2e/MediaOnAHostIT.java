package io.kubezap.session.e2e;

/** {@link MediaIT} with its session on a session host (issue 81): the Cobalt run; the Baileys run skips. */
class MediaOnAHostIT extends MediaIT implements OnAHost {
}
