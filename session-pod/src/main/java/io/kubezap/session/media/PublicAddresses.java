package io.kubezap.session.media;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Decides whether a URL given by an API client may be fetched: it must be http(s) and every address its host resolves
 * to must be public, or in the cluster admin's {@link AddressList}. Loopback, link-local (cloud metadata at 169.254.169.254), private, shared (100.64/10), unique-local
 * IPv6 and multicast addresses would let a send by URL read the cluster's insides.
 */
final class PublicAddresses {

    private PublicAddresses() {
    }

    /** Why {@code url} may not be fetched, or null when it may. */
    static String refusal(URI url, AddressList allowed) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "only http and https URLs can be fetched";
        }
        if (url.getHost() == null || url.getRawUserInfo() != null) {
            return "the URL needs a host and no user information";
        }
        if (allowed.namesHost(url.getHost())) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                if (!isPublic(address) && !allowed.covers(address)) {
                    return "the URL's host " + url.getHost() + " is a private, loopback or link-local address"
                            + " (only the cluster admin can allow such networks: kubezap.session.media-url-allow-list)";
                }
            }
            return null;
        } catch (UnknownHostException unknown) {
            return "the URL's host " + url.getHost() + " cannot be resolved";
        }
    }

    static boolean isPublic(InetAddress address) {
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
