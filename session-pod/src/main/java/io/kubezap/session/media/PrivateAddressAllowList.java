package io.kubezap.session.media;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The private networks (CIDRs, single addresses) and host names that sends by URL may reach although they are not
 * public: the cluster admin's list ({@code KUBEZAP_MEDIA_URL_ALLOW_LIST}, which the operator sets from its own setting
 * {@code kubezap.session.media-url-allow-list}; no field of the session's spec reaches it).
 */
final class PrivateAddressAllowList {

    static final PrivateAddressAllowList NONE = new PrivateAddressAllowList(List.of(), Set.of());

    private final List<IpSubnetFilterRule> networks;
    private final Set<String> hosts;

    private PrivateAddressAllowList(List<IpSubnetFilterRule> networks, Set<String> hosts) {
        this.networks = networks;
        this.hosts = hosts;
    }

    /**
     * @throws IllegalArgumentException for a malformed entry: no send by URL works with a list nobody can read
     */
    static PrivateAddressAllowList of(List<String> entries) {
        List<IpSubnetFilterRule> networks = new ArrayList<>();
        Set<String> hosts = new HashSet<>();
        for (String raw : entries) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            if (NetUtil.isValidIpV4Address(address) || NetUtil.isValidIpV6Address(address)) {
                int bits = slash < 0 ? (address.contains(":") ? 128 : 32) : prefix(entry, entry.substring(slash + 1));
                networks.add(new IpSubnetFilterRule(address, bits, IpFilterRuleType.ACCEPT));
            } else if (slash < 0) {
                hosts.add(entry);
            } else {
                throw new IllegalArgumentException("KUBEZAP_MEDIA_URL_ALLOW_LIST: '" + raw + "' is neither a CIDR nor a host name");
            }
        }
        return new PrivateAddressAllowList(List.copyOf(networks), Set.copyOf(hosts));
    }

    boolean allowsHost(String host) {
        return hosts.contains(host.toLowerCase(Locale.ROOT));
    }

    boolean allows(InetAddress address) {
        var socket = new InetSocketAddress(address, 0);
        return networks.stream().anyMatch(network -> network.matches(socket));
    }

    private static int prefix(String entry, String bits) {
        try {
            return Integer.parseInt(bits);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("KUBEZAP_MEDIA_URL_ALLOW_LIST: '" + entry + "' has no prefix length");
        }
    }
}
