package io.kubezap.session.webhook;

import io.kubezap.session.media.AddressList;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a webhook may not be delivered, whatever its URL (the tenant's to write) says: link-local addresses (cloud
 * metadata at 169.254.169.254), the unspecified and multicast addresses, and what the cluster admin denies
 * ({@code KUBEZAP_WEBHOOK_DENY_LIST}: e.g. the API server, the nodes, other tenants' ranges). Private addresses stay
 * allowed: in-cluster receivers are common, and the chart's egress NetworkPolicy decides which of them a pod reaches.
 * Checked before every attempt, so a name that resolves elsewhere later is caught then.
 */
public final class WebhookTargets {

    private final AddressList denied;

    /** The same rule for event sinks' brokers, whose addresses the tenant writes too. */
    public WebhookTargets(AddressList denied) {
        this.denied = denied;
    }

    /** Why nothing may be sent to {@code url}, or null when it may. */
    String refusal(URI url) {
        String host = url.getHost();
        if (host == null) {
            return "the URL names no host";
        }
        return refusal(host);
    }

    /** Why nothing may be sent to {@code host}, or null when it may. */
    public String refusal(String host) {
        if (denied.namesHost(host)) {
            return "the cluster admin denies webhooks to " + host + " (KUBEZAP_WEBHOOK_DENY_LIST)";
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                    return host + " is a link-local, unspecified or multicast address: no webhook goes there";
                }
                if (denied.covers(address)) {
                    return "the cluster admin denies webhooks to " + address.getHostAddress() + " (KUBEZAP_WEBHOOK_DENY_LIST)";
                }
            }
            return null;
        } catch (UnknownHostException unknown) {
            return null; // the attempt itself reports the name that does not resolve
        }
    }
}
