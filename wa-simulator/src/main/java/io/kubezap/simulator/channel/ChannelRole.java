package io.kubezap.simulator.channel;

/** How an account sees a channel, as {@code viewer_metadata.role} names it. */
public enum ChannelRole {
    OWNER, ADMIN, SUBSCRIBER, GUEST
}
