package io.kubezap.session.webhook;

import io.kubezap.session.egress.AddressList;
import io.kubezap.session.egress.EgressRule;

import java.net.URI;

/**
 * Where a webhook may be delivered, whatever its URL (the tenant's to write) says: the same egress rule as sends by
 * URL — public addresses, plus the private networks and hosts the cluster admin allows
 * ({@code KUBEZAP_MEDIA_URL_ALLOW_LIST}: in-cluster receivers) — and never what the admin denies
 * ({@code KUBEZAP_WEBHOOK_DENY_LIST}: e.g. the API server, the nodes). Checked before every attempt, on the address the
 * attempt then connects to.
 */
final class WebhookTargets {

    static final String DENY_LIST = "KUBEZAP_WEBHOOK_DENY_LIST";

    private final EgressRule rule;

    WebhookTargets(EgressRule rule) {
        this.rule = rule;
    }

    WebhookTargets(AddressList allowed, AddressList denied) {
        this(new EgressRule(allowed, denied, DENY_LIST, java.net.InetAddress::getAllByName));
    }

    /** The cluster admin's lists, as the pod's environment holds them. */
    static WebhookTargets of(io.kubezap.session.config.AdminEgressLists admin) {
        return new WebhookTargets(
                AddressList.of(io.kubezap.contract.PodEnvironment.MEDIA_URL_ALLOW_LIST, admin.mediaUrlAllowList()),
                AddressList.of(io.kubezap.contract.PodEnvironment.WEBHOOK_DENY_LIST, admin.webhookDenyList()));
    }

    /** The address to deliver {@code url}'s request to, or why nothing may be sent there. */
    EgressRule.Target target(URI url) {
        return rule.check(url);
    }
}
