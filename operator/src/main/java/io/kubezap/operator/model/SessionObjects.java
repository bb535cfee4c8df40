package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.kubezap.api.v1alpha1.AiResponder;
import io.kubezap.api.v1alpha1.AutoReply;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.contract.SessionObjectNames;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Names, labels and metadata shared by every object the operator creates for a session. */
public final class SessionObjects {

    public static final String MANAGED_BY = "kubezap-operator";
    public static final String LABEL_NAME = "app.kubernetes.io/name";
    public static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    /** {@link #LABEL_NAME} of every session pod: what the namespace's headless Service and NetworkPolicies select. */
    public static final String SESSION_POD_NAME = "kubezap-session";
    /** Informers of owned objects only cache what carries this label. */
    public static final String MANAGED_SELECTOR = LABEL_MANAGED_BY + "=" + MANAGED_BY;

    public static final String API_KEY_SECRET_KEY = SessionObjectNames.API_KEY_SECRET_KEY;
    /** The key of a session's database Secret that holds its token. */
    public static final String DATABASE_TOKEN_KEY = "token";
    /** The namespace's key-wrapping Secret (one per namespace, made by the operator) and its key. */
    public static final String KEY_WRAPPING_SECRET = "kubezap-key-wrapping";
    public static final String KEY_WRAPPING_SECRET_KEY = "keys";
    public static final int HTTP_PORT = SessionObjectNames.HTTP_PORT;
    public static final int MANAGEMENT_PORT = SessionObjectNames.MANAGEMENT_PORT;
    /** The name of the container port of the probes and metrics, which the chart's PodMonitor scrapes. */
    public static final String MANAGEMENT_PORT_NAME = "management";

    private SessionObjects() {
    }

    /** Sorted, so that anything rendered from them (and hashed) is stable across JVMs. */
    public static Map<String, String> labels(WhatsAppSession session) {
        return new TreeMap<>(Map.of(LABEL_NAME, SESSION_POD_NAME,
                LABEL_INSTANCE, session.getMetadata().getName(),
                LABEL_MANAGED_BY, MANAGED_BY));
    }

    /** Pods are selected without the managed-by label so the selector never needs to change. */
    public static Map<String, String> selector(WhatsAppSession session) {
        return new TreeMap<>(Map.of(LABEL_NAME, SESSION_POD_NAME, LABEL_INSTANCE, session.getMetadata().getName()));
    }

    public static String apiKeySecretName(WhatsAppSession session) {
        return SessionObjectNames.apiKeySecretName(session.getMetadata().getName());
    }

    public static String databaseSecretName(WhatsAppSession session) {
        return session.getMetadata().getName() + "-database";
    }

    /** spec.autoReply.ai.apiKeyRef, when the session has an AI responder with a key. */
    public static Optional<SecretKeyRef> aiKeyRef(WhatsAppSessionSpec spec) {
        return Optional.ofNullable(spec.getAutoReply()).map(AutoReply::getAi).map(AiResponder::getApiKeyRef);
    }

    /** The Service of its own a session created by an earlier release keeps ({@code workflow.SessionServiceDependent}). */
    public static String ownServiceName(WhatsAppSession session) {
        return SessionObjectNames.ownServiceName(session.getMetadata().getName());
    }

    /** Metadata of an owned object: named, labelled and owned (controller) by the session. */
    public static ObjectMeta ownedMetadata(WhatsAppSession session, String name) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(session.getMetadata().getNamespace())
                .withLabels(labels(session))
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(session.getApiVersion())
                        .withKind(session.getKind())
                        .withName(session.getMetadata().getName())
                        .withUid(session.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(false)
                        .build())
                .build();
    }
}
