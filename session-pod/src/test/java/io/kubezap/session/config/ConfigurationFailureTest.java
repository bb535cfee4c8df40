package io.kubezap.session.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A typed value the pod cannot read stops start-up with one line naming the variable, not the converter's words. */
class ConfigurationFailureTest {

    @Test
    void aDurationThatIsNoneIsNamedByItsVariable() {
        Throwable failure = startWith(Map.of("KUBEZAP_QR_FIRST_LIFETIME", "soon"));
        assertThat(ConfigurationFailure.describe(new RuntimeException("Failed to start quarkus", failure)))
                .containsExactly("Invalid configuration: KUBEZAP_QR_FIRST_LIFETIME cannot be read from 'soon'");
    }

    @Test
    void eachUnreadableValueIsOneLine() {
        Throwable failure = startWith(Map.of("KUBEZAP_WEBHOOK_MAX_ATTEMPTS", "many", "KUBEZAP_MEDIA_STORE_MAX", "lots",
                "KUBEZAP_STORAGE_MODE", "Cloud"));
        assertThat(ConfigurationFailure.describe(failure)).containsExactlyInAnyOrder(
                "Invalid configuration: KUBEZAP_WEBHOOK_MAX_ATTEMPTS cannot be read from 'many'",
                "Invalid configuration: KUBEZAP_MEDIA_STORE_MAX cannot be read from 'lots'",
                "Invalid configuration: KUBEZAP_STORAGE_MODE cannot be read from 'Cloud'");
    }

    @Test
    void anotherFailureIsNotTheConfigurations() {
        assertThat(ConfigurationFailure.describe(new IllegalStateException("port in use"))).isEmpty();
    }

    /** What building the pod's configuration throws with {@code environment}, as Quarkus builds it at start. */
    private static Throwable startWith(Map<String, String> environment) {
        Throwable failure = catchThrowable(() -> new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(SessionConfig.class)
                .build());
        assertThat(failure).as("the configuration refuses the value").isNotNull();
        return failure;
    }
}
