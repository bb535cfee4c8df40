package io.kubezap.session.egress;

import io.kubezap.contract.PodEnvironment;
import io.kubezap.session.config.AdminEgressLists;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a URL that a tenant or an API client wrote may lead the pod (sends by URL, webhooks): only to public
 * addresses, unless the cluster admin's allow-list ({@code KUBEZAP_MEDIA_URL_ALLOW_LIST}) admits the host or the
 * network, and never to what the admin's deny-list names. Loopback, link-local (cloud metadata at 169.254.169.254),
 * private, shared (100.64/10), unique-local IPv6 and multicast addresses would let such a URL read the cluster's
 * insides.
 * <p>
 * The host is resolved once, here; the caller connects to the {@link Target#address()} it gets back, never to the name
 * again, so a DNS answer that changes between the check and the connection (rebinding) cannot slip past.
 */
public final class EgressRule {

    /** How host names become addresses: the JVM's resolver, or a test's. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The address to connect to, or why nothing may be sent. */
    public record Target(InetAddress address, String refusal) {

        static Target refused(String why) {
            return new Target(null, why);
        }

        public boolean allowed() {
            return refusal == null;
        }
    }

    static final String ALLOW_LIST = io.kubezap.contract.PodEnvironment.MEDIA_URL_ALLOW_LIST;

    private final AddressList allowed;
    private final AddressList denied;
    private final String deniedBy;
    private final Resolver resolver;

    /** {@code deniedBy}: the variable the deny-list comes from, named in a refusal. */
    public EgressRule(AddressList allowed, AddressList denied, String deniedBy, Resolver resolver) {
        this.allowed = allowed;
        this.denied = denied;
        this.deniedBy = deniedBy;
        this.resolver = resolver;
    }

    /** The cluster admin's rule, for what a tenant's URL names (the AI responder's endpoint, Chatwoot). */
    public static EgressRule ofAdmin(AdminEgressLists lists) {
        return new EgressRule(AddressList.of(PodEnvironment.MEDIA_URL_ALLOW_LIST, lists.mediaUrlAllowList()),
                AddressList.of(PodEnvironment.WEBHOOK_DENY_LIST, lists.webhookDenyList()), PodEnvironment.WEBHOOK_DENY_LIST,
                InetAddress::getAllByName);
    }

    public EgressRule(AddressList allowed) {
        this(allowed, AddressList.NONE, "", InetAddress::getAllByName);
    }

    /** The address {@code url}'s host resolves to, checked: every address it resolves to must be reachable. */
    public Target check(URI url) {
        String host = url.getHost();
        if (host == null) {
            return Target.refused("the URL names no host");
        }
        return check(host);
    }

    /** The address {@code host} resolves to, checked the same way (brokers' addresses are host lists, not URLs). */
    public Target check(String host) {
        if (denied.namesHost(host)) {
            return Target.refused("the cluster admin denies " + host + " (" + deniedBy + ")");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException unknown) {
            return Target.refused("the URL's host " + host + " cannot be resolved");
        }
        if (addresses.length == 0) {
            return Target.refused("the URL's host " + host + " cannot be resolved");
        }
        boolean hostAllowed = allowed.namesHost(host);
        for (InetAddress address : addresses) {
            if (denied.covers(address)) {
                return Target.refused("the cluster admin denies " + address.getHostAddress() + " (" + deniedBy + ")");
            }
            if (!hostAllowed && !isPublic(address) && !allowed.covers(address)) {
                return Target.refused("the URL's host " + host + " is a private, loopback or link-local address ("
                        + address.getHostAddress() + "); " + howToAllow(host, address));
            }
        }
        return new Target(addresses[0], null);
    }

    /**
     * The setting that would allow it, for both kinds of reader: a local-mode user sets the variable in the pod's own
     * environment; in a cluster only the admin can, through the chart (the operator then sets the variable).
     */
    static String howToAllow(String host, InetAddress address) {
        String entry = host.equals(address.getHostAddress()) ? host : host + " or " + address.getHostAddress();
        return "to allow it, add " + entry + " to " + ALLOW_LIST + " (local mode: the environment of session-pod/kubezap-local;"
                + " in a cluster the cluster admin's chart value session.mediaUrlAllowList, operator setting"
                + " kubezap.session.media-url-allow-list)";
    }

    public static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            boolean shared = first == 100 && second >= 64 && second < 128;
            return first != 0 && !shared && first < 224;
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
            return !uniqueLocal;
        }
        return true;
    }
}
