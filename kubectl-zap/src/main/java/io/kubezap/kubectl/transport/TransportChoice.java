package io.kubezap.kubectl.transport;

import io.kubezap.contract.GatewayKeyCopy;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubezap.kubectl.failure.CliFailure;
import io.kubezap.kubectl.cluster.SessionLookup;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the transport: a gateway the user named; else the gateway the chart installed (its Service, found by the
 * chart's labels) with a key the user gave or the chart's admin key, if the user may read it; else the session pod.
 */
public class TransportChoice {

    /** The labels the chart puts on the gateway's Service (helm/kubezap/templates/_helpers.tpl, kubezap.gateway.labels). */
    static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
    static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    /** The chart's admin key Secret, {@code <gateway>-admin-key} with the key in {@code key}. */
    static final String ADMIN_KEY_SUFFIX = "-admin-key";
    static final String ADMIN_KEY_FIELD = "key";

    private final KubernetesClient client;
    private final PortForwarder forwarder;
    private final PrintWriter err;

    public TransportChoice(KubernetesClient client, PortForwarder forwarder, PrintWriter err) {
        this.client = client;
        this.forwarder = forwarder;
        this.err = err;
    }

    public SessionTransport choose(TransportOptions options) {
        PodTransport pod = new PodTransport(new SessionLookup(client), forwarder);
        if (options.direct()) {
            return pod;
        }
        if (options.gatewayUrl() != null) {
            if (options.gatewayKey() == null) {
                throw new CliFailure("a gateway URL needs a gateway key: --gateway-key or " + TransportOptions.GATEWAY_KEY_ENV);
            }
            URI url = URI.create(options.gatewayUrl());
            return new GatewayTransport("the gateway at " + url, () -> new Tunnel(url, () -> { }), options.gatewayKey());
        }
        Optional<Service> gateway = installedGateway();
        if (gateway.isEmpty()) {
            return pod;
        }
        Service service = gateway.get();
        String where = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
        String key = options.gatewayKey() != null ? options.gatewayKey() : adminKey(service).orElse(null);
        if (key == null) {
            err.println("kubectl-zap: the gateway " + where + " is installed but no gateway key was given ("
                    + TransportOptions.GATEWAY_KEY_ENV + ") or readable; going to the session pod directly");
            return pod;
        }
        int port = port(service);
        return new GatewayTransport("the gateway " + where,
                () -> forwarder.toService(service.getMetadata().getNamespace(), service.getMetadata().getName(), port),
                key);
    }

    private Optional<Service> installedGateway() {
        try {
            return client.services().inAnyNamespace().withLabel(PART_OF_LABEL, "kubezap")
                    .withLabel(COMPONENT_LABEL, "gateway").list().getItems().stream()
                    .min(Comparator.comparing((Service s) -> s.getMetadata().getNamespace())
                            .thenComparing(s -> s.getMetadata().getName()));
        } catch (KubernetesClientException notAllowed) {
            return Optional.empty();
        }
    }

    private Optional<String> adminKey(Service gateway) {
        try {
            Secret secret = client.secrets().inNamespace(keysNamespace(gateway))
                    .withName(gateway.getMetadata().getName() + ADMIN_KEY_SUFFIX).get();
            return Optional.ofNullable(secret).map(Secret::getData).map(data -> data.get(ADMIN_KEY_FIELD))
                    .map(encoded -> new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).trim());
        } catch (KubernetesClientException notAllowed) {
            return Optional.empty();
        }
    }

    /** Where the chart keeps the gateway's keys: the namespace its Service names, else the Service's own (older charts). */
    private static String keysNamespace(Service gateway) {
        Map<String, String> annotations = gateway.getMetadata().getAnnotations();
        String named = annotations == null ? null : annotations.get(GatewayKeyCopy.KEYS_NAMESPACE_ANNOTATION);
        return named == null || named.isBlank() ? gateway.getMetadata().getNamespace() : named;
    }

    private static int port(Service gateway) {
        return gateway.getSpec().getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .or(() -> gateway.getSpec().getPorts().stream().findFirst())
                .map(ServicePort::getPort)
                .orElseThrow(() -> new CliFailure("the gateway's Service " + gateway.getMetadata().getName() + " has no port"));
    }
}
