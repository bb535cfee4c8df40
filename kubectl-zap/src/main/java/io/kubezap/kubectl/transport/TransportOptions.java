package io.kubezap.kubectl.transport;

/**
 * How the user asked to reach sessions: {@code direct} forces the port-forward to the pod; {@code gatewayUrl} (flag
 * or KUBEZAP_GATEWAY) and {@code gatewayKey} (flag or KUBEZAP_GATEWAY_KEY) name a gateway; all null: discover.
 */
public record TransportOptions(boolean direct, String gatewayUrl, String gatewayKey) {

    public static final String GATEWAY_ENV = "KUBEZAP_GATEWAY";
    public static final String GATEWAY_KEY_ENV = "KUBEZAP_GATEWAY_KEY";
}
