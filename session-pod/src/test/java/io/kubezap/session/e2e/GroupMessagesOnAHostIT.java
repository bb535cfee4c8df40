package io.kubezap.session.e2e;

/** {@link GroupMessagesIT} with its session on a session host (issue 81): the Cobalt run; the Baileys run skips. */
class GroupMessagesOnAHostIT extends GroupMessagesIT implements OnAHost {
}
