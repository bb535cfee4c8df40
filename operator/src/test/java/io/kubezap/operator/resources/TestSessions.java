package io.kubezap.operator.resources;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.config.OperatorConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.Map;

/** Sessions and operator configuration for unit tests of the desired-state builders. */
public final class TestSessions {

    private TestSessions() {
    }

    public static WhatsAppSession session(String name) {
        WhatsAppSession session = new WhatsAppSession();
        session.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("shop").withUid("uid-" + name)
                .withGeneration(1L).build());
        return session;
    }

    /** The operator configuration with its documented defaults, overridden by {@code properties}. */
    public static OperatorConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(OperatorConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValues(properties)
                .build()
                .getConfigMapping(OperatorConfig.class);
    }
}
