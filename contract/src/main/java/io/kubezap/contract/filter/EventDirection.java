package io.kubezap.contract.filter;

/**
 * Which messages' events an {@link EventFilter} passes: those the account received, those it sent (from the API or its
 * phone), or both (the default). Its own type, not a member of the filter's, so that the published API documents do not
 * take it for a message's {@code direction} ({@code in}, {@code out}).
 */
public enum EventDirection { Incoming, Outgoing, Both }
