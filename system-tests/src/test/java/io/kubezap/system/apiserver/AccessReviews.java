package io.kubezap.system.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the API server answers to TokenReviews and SubjectAccessReviews, which the mock's CRUD store cannot: tokens
 * issued to ServiceAccounts for an audience, and what a Role lets each of them do on {@code whatsappsessions}.
 */
public final class AccessReviews {

    static final String TOKEN_REVIEWS = "/apis/authentication.k8s.io/v1/tokenreviews";
    static final String ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/subjectaccessreviews";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Issued(String username, String audience) {
    }

    /** A Role in {@code namespace} granting {@code verbs} on whatsappsessions (group kubezap.io), bound to a user. */
    private record Grant(String namespace, Set<String> verbs) {
    }

    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    /**
     * {@code kubectl create token <account> -n <namespace> --audience <audience>}, with a Role in the account's
     * namespace granting {@code verbs} bound to it.
     */
    public void serviceAccount(String namespace, String account, String token, String audience, Set<String> verbs) {
        String username = "system:serviceaccount:" + namespace + ":" + account;
        tokens.put(token, new Issued(username, audience));
        grants.put(username, new Grant(namespace, Set.copyOf(verbs)));
    }

    /** The answer to a create the CRUD store should not keep, or empty for everything else. */
    Optional<MockResponse> answer(RecordedRequest request) {
        String path = request.getPath().replaceFirst("\\?.*$", "");
        if (!path.equals(TOKEN_REVIEWS) && !path.equals(ACCESS_REVIEWS)) {
            return Optional.empty();
        }
        JsonNode spec = read(request).path("spec");
        Map<String, Object> status = path.equals(TOKEN_REVIEWS) ? tokenReview(spec) : Map.of("allowed", allowed(spec));
        Map<String, Object> review = Map.of("apiVersion", path.equals(TOKEN_REVIEWS) ? "authentication.k8s.io/v1"
                : "authorization.k8s.io/v1", "kind", path.equals(TOKEN_REVIEWS) ? "TokenReview" : "SubjectAccessReview",
                "status", status);
        try {
            return Optional.of(new MockResponse().setResponseCode(HttpURLConnection.HTTP_CREATED)
                    .setBody(JSON.writeValueAsString(review)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As the API server: a token is authenticated only for an audience it was issued for, when audiences are named. */
    private Map<String, Object> tokenReview(JsonNode spec) {
        Issued issued = tokens.get(spec.path("token").asText());
        List<String> asked = new java.util.ArrayList<>();
        spec.path("audiences").forEach(audience -> asked.add(audience.asText()));
        if (issued == null || !(asked.isEmpty() || asked.contains(issued.audience()))) {
            return Map.of("authenticated", false);
        }
        String namespace = issued.username().split(":")[2];
        return Map.of("authenticated", true, "audiences", List.of(issued.audience()), "user", Map.of(
                "username", issued.username(), "uid", "uid-" + issued.username().hashCode(),
                "groups", List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated")));
    }

    private boolean allowed(JsonNode spec) {
        Grant grant = grants.get(spec.path("user").asText());
        JsonNode attributes = spec.path("resourceAttributes");
        return grant != null && "kubezap.io".equals(attributes.path("group").asText())
                && "whatsappsessions".equals(attributes.path("resource").asText())
                && grant.namespace().equals(attributes.path("namespace").asText())
                && grant.verbs().contains(attributes.path("verb").asText());
    }

    private static JsonNode read(RecordedRequest request) {
        try {
            return JSON.readTree(request.getUtf8Body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
