package io.kubezap.session.config;

import io.kubezap.contract.PodSetting;

import java.util.Map;

/**
 * The cluster admin's egress lists ({@link PodSetting#MEDIA_URL_ALLOW_LIST}, {@link PodSetting#WEBHOOK_DENY_LIST}),
 * read from those environment variables alone ({@link PodSetting.Read#ENVIRONMENT_ONLY}), never through Quarkus'
 * configuration: there a system property ({@code JAVA_TOOL_OPTIONS=-Dkubezap.media.url-allow-list=...}), a config file
 * ({@code QUARKUS_CONFIG_LOCATIONS}) or another spelling of the name ({@code kubezap.webhook.deny-list}) would take
 * precedence over the variable the operator sets, and each of those is within a tenant's reach through the pod's
 * environment or its volume. Only the operator sets these two names (the CRD and the operator refuse them in a
 * session's {@code spec.podTemplate.env}).
 *
 * @param mediaUrlAllowList comma-separated CIDRs and host names that may be reached although private; empty: none
 * @param webhookDenyList   comma-separated CIDRs and host names never reached; empty: none
 */
public record AdminEgressLists(String mediaUrlAllowList, String webhookDenyList) {

    /** From the process' environment, as the operator set it. */
    public static AdminEgressLists fromEnvironment(Map<String, String> environment) {
        return new AdminEgressLists(environment.getOrDefault(PodSetting.MEDIA_URL_ALLOW_LIST.env(), ""),
                environment.getOrDefault(PodSetting.WEBHOOK_DENY_LIST.env(), ""));
    }
}
