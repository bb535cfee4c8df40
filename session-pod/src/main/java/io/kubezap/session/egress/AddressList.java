package io.kubezap.session.egress;

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
 * Networks (CIDRs, single addresses) and host names a cluster admin listed: the private ones sends by URL may reach
 * ({@code KUBEZAP_MEDIA_URL_ALLOW_LIST}), the ones webhooks must not ({@code KUBEZAP_WEBHOOK_DENY_LIST}). The operator
 * sets both from its own settings; no field of the session's spec reaches them.
 */
public final class AddressList {

    public static final AddressList NONE = new AddressList(List.of(), Set.of());

    private final List<IpSubnetFilterRule> networks;
    private final Set<String> hosts;

    private AddressList(List<IpSubnetFilterRule> networks, Set<String> hosts) {
        this.networks = networks;
        this.hosts = hosts;
    }

    /** {@code commaSeparated}: the entries as the setting holds them. */
    public static AddressList of(String setting, String commaSeparated) {
        return of(setting, List.of(commaSeparated.split(",")));
    }

    /**
     * @param setting the variable the entries come from, named in the refusal of a malformed one
     * @throws IllegalArgumentException for a malformed entry: a list nobody can read is not guessed at
     */
    public static AddressList of(String setting, List<String> entries) {
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
                int bits = slash < 0 ? (address.contains(":") ? 128 : 32) : prefix(setting, entry, entry.substring(slash + 1));
                networks.add(new IpSubnetFilterRule(address, bits, IpFilterRuleType.ACCEPT));
            } else if (slash < 0) {
                hosts.add(entry);
            } else {
                throw new IllegalArgumentException(setting + ": '" + raw + "' is neither a CIDR nor a host name");
            }
        }
        return new AddressList(List.copyOf(networks), Set.copyOf(hosts));
    }

    public boolean namesHost(String host) {
        return hosts.contains(host.toLowerCase(Locale.ROOT));
    }

    public boolean covers(InetAddress address) {
        var socket = new InetSocketAddress(address, 0);
        return networks.stream().anyMatch(network -> network.matches(socket));
    }

    private static int prefix(String setting, String entry, String bits) {
        try {
            return Integer.parseInt(bits);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(setting + ": '" + entry + "' has no prefix length");
        }
    }
}
