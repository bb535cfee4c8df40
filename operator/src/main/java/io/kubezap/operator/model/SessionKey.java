package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A session by namespace and name: what the model's per-session memories are keyed by. */
public record SessionKey(String namespace, String name) {

    public static SessionKey of(HasMetadata object) {
        return new SessionKey(object.getMetadata().getNamespace(), object.getMetadata().getName());
    }
}
