package io.kubezap.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.kubernetes.client.KubernetesServer;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mock API server answering TokenReviews and SubjectAccessReviews as a cluster would where the ServiceAccount
 * {@code shop/client} has a Role in "shop" granting get, list, read-messages and send on whatsappsessions, the
 * ServiceAccount {@code shop/viewer} one granting get and list only (Kubernetes' {@code view}), and nothing else.
 */
public final class ServiceAccountReviews {

    public static final String SA_TOKEN = "eyJhbGciOi.client-token.signature";
    public static final String SA_USER = "system:serviceaccount:shop:client";
    /** The token of {@code shop/viewer}, which may get and list sessions in "shop" and nothing more. */
    public static final String VIEWER_TOKEN = "eyJhbGciOi.viewer-token.signature";
    public static final String VIEWER_USER = "system:serviceaccount:shop:viewer";
    /** The same ServiceAccount's token as every pod has it mounted: issued for the API server. */
    public static final String API_SERVER_TOKEN = "eyJhbGciOi.default-token.signature";
    private static final String GATEWAY_AUDIENCE = "kubezap-gateway";
    private static final String API_SERVER_AUDIENCE = "https://kubernetes.default.svc.cluster.local";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceAccountReviews() {
    }

    public static void answerOn(KubernetesServer server) {
        server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews")
                .andReply(201, ServiceAccountReviews::tokenReview).always();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews")
                .andReply(201, ServiceAccountReviews::accessReview).always();
    }

    /**
     * Only {@link #SA_TOKEN} (issued for the audience {@code kubezap-gateway}) and {@link #API_SERVER_TOKEN} (the same
     * ServiceAccount's default token, issued for the API server) are valid; as the API server does, a review naming
     * audiences authenticates a token only for one of them, and says which.
     */
    private static Object tokenReview(RecordedRequest request) {
        JsonNode spec = read(request).path("spec");
        String token = spec.path("token").asText();
        List<String> asked = new java.util.ArrayList<>();
        spec.path("audiences").forEach(audience -> asked.add(audience.asText()));
        String issuedFor = SA_TOKEN.equals(token) || VIEWER_TOKEN.equals(token) ? GATEWAY_AUDIENCE
                : API_SERVER_TOKEN.equals(token) ? API_SERVER_AUDIENCE : null;
        boolean valid = issuedFor != null && (asked.isEmpty() || asked.contains(issuedFor));
        return Map.of("apiVersion", "authentication.k8s.io/v1", "kind", "TokenReview",
                "status", valid ? Map.of("authenticated", true, "audiences", List.of(issuedFor),
                        "user", Map.of("username", VIEWER_TOKEN.equals(token) ? VIEWER_USER : SA_USER, "uid", "u-1",
                        "groups", List.of("system:serviceaccounts", "system:serviceaccounts:shop")))
                        : Map.of("authenticated", false));
    }

    private static Object accessReview(RecordedRequest request) {
        JsonNode spec = read(request).path("spec");
        JsonNode attributes = spec.path("resourceAttributes");
        Set<String> verbs = switch (spec.path("user").asText()) {
            case SA_USER -> Set.of("get", "list", "read-messages", "send");
            case VIEWER_USER -> Set.of("get", "list");
            default -> Set.of();
        };
        boolean allowed = "kubezap.io".equals(attributes.path("group").asText())
                && "whatsappsessions".equals(attributes.path("resource").asText())
                && "shop".equals(attributes.path("namespace").asText())
                && verbs.contains(attributes.path("verb").asText());
        return Map.of("apiVersion", "authorization.k8s.io/v1", "kind", "SubjectAccessReview",
                "status", Map.of("allowed", allowed));
    }

    private static JsonNode read(RecordedRequest request) {
        try {
            return JSON.readTree(request.getUtf8Body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
