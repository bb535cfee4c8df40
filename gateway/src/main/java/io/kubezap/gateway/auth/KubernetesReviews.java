package io.kubezap.gateway.auth;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kubezap.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Asks the API server who a token belongs to (TokenReview) and what that identity may do (SubjectAccessReview). Both
 * answers, yes or no, are kept for {@code kubezap.gateway.review-cache-ttl}, tokens by their SHA-256 (no token is held):
 * a caller's steady stream of requests costs the API server nothing. A token not yet reviewed spends the client's
 * budget of {@link FailedAuthentications} when it turns out invalid.
 */
@ApplicationScoped
public class KubernetesReviews {

    public static final String RESOURCE = "whatsappsessions";
    /**
     * The audience a ServiceAccount token must be issued for (a projected token, {@code kubectl create token
     * --audience kubezap-gateway}). A token for the API server (every pod's default) is not accepted: whoever a
     * client handed such a token to could otherwise replay it here.
     */
    public static final String AUDIENCE = "kubezap-gateway";

    private final KubernetesClient client;
    private final FailedAuthentications failures;
    private final Cache<String, Optional<Caller.KubernetesUser>> identities;
    private final Cache<Question, Boolean> answers;

    KubernetesReviews(KubernetesClient client, FailedAuthentications failures, GatewayConfig config) {
        this.client = client;
        this.failures = failures;
        this.identities = Caffeine.newBuilder().expireAfterWrite(config.reviewCacheTtl()).maximumSize(100_000).build();
        this.answers = Caffeine.newBuilder().expireAfterWrite(config.reviewCacheTtl()).maximumSize(100_000).build();
    }

    /** Who {@code token} belongs to; asks the API server only when the answer is not cached and {@code client} has budget. */
    public Optional<Caller.KubernetesUser> authenticate(String token, String client) {
        String fingerprint = fingerprint(token);
        Optional<Caller.KubernetesUser> known = identities.getIfPresent(fingerprint);
        if (known != null) {
            return known;
        }
        failures.requireBudget(client);
        Optional<Caller.KubernetesUser> identity = identities.get(fingerprint, f -> review(token));
        if (identity.isEmpty()) {
            failures.failed(client);
        }
        return identity;
    }

    private Optional<Caller.KubernetesUser> review(String token) {
        TokenReview review = new TokenReviewBuilder().withNewSpec().withToken(token).withAudiences(AUDIENCE).endSpec().build();
        TokenReview answer = client.authentication().v1().tokenReviews().create(review);
        if (answer.getStatus() == null || !Boolean.TRUE.equals(answer.getStatus().getAuthenticated())
                || answer.getStatus().getUser() == null || answer.getStatus().getAudiences() == null
                || !answer.getStatus().getAudiences().contains(AUDIENCE)) {
            return Optional.empty();
        }
        var user = answer.getStatus().getUser();
        return Optional.of(new Caller.KubernetesUser(user.getUsername(), user.getUid(),
                user.getGroups() == null ? List.of() : user.getGroups()));
    }

    /** May {@code user} do {@code verb} on whatsappsessions in {@code namespace} (null: all), to {@code name}? */
    public boolean allowed(Caller.KubernetesUser user, String verb, String namespace, String name) {
        return answers.get(new Question(user, verb, namespace, name), q -> ask(user, verb, namespace, name));
    }

    private record Question(Caller.KubernetesUser user, String verb, String namespace, String name) {
    }

    private boolean ask(Caller.KubernetesUser user, String verb, String namespace, String name) {
        SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
                .withUser(user.username()).withUid(user.uid()).withGroups(user.groups())
                .withNewResourceAttributes()
                .withGroup(WhatsAppSession.GROUP).withVersion(WhatsAppSession.VERSION).withResource(RESOURCE)
                .withVerb(verb).withNamespace(namespace).withName(name)
                .endResourceAttributes()
                .endSpec().build();
        SubjectAccessReview answer = client.authorization().v1().subjectAccessReview().create(review);
        return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    }

    static String fingerprint(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
