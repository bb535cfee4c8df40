package io.kubezap.gateway.auth;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Asks the API server who a token belongs to (TokenReview) and what that identity may do (SubjectAccessReview). */
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

    KubernetesReviews(KubernetesClient client) {
        this.client = client;
    }

    public Optional<Caller.KubernetesUser> authenticate(String token) {
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
        SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
                .withUser(user.username()).withUid(user.uid()).withGroups(user.groups())
                .withNewResourceAttributes()
                .withGroup(WhatsAppSession.GROUP).withVersion(WhatsAppSession.VERSION).withResource(RESOURCE)
                .withVerb(verb).withNamespace(namespace).withName(name)
                .endResourceAttributes()
                .endSpec().build();
        SubjectAccessReview answer = client.authorization().v1().subjectAccessReview().create(review);
        return answer.getStatus() != null && answer.getStatus().getAllowed();
    }
}
