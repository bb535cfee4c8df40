package io.kubezap.session.config;

import io.kubezap.contract.PodEnvironment;
import io.kubezap.session.stream.EventStreamSettings;
import io.kubezap.session.media.QuotaSettings;
import io.kubezap.session.retention.RetentionSettings;
import io.kubezap.session.webhook.WebhookSettings;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigMappings.ConfigClass;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator sets a session pod's environment by the names in {@link PodEnvironment}: each must be a setting the pod
 * reads ({@link SessionConfig}, an {@code application.properties} expression, or Quarkus' own), or the operator's value
 * would be ignored. And each setting the pod reads is either one the operator sets or one declared here as the pod's own.
 */
class PodEnvironmentTest {

    /**
     * Settings the operator never sets: local mode, the migrate command, limits and tuning with the pod's defaults, where
     * the current WhatsApp Web version is learnt.
     */
    private static final Set<String> POD_ONLY = Set.of(
            "KUBEZAP_API_KEY_FILE", "KUBEZAP_LOCAL_MODE", "KUBEZAP_MIGRATE_ONLY",
            "KUBEZAP_SCHEMA_MIGRATE_AT_START", "KUBEZAP_SCHEMA_RECHECK_INTERVAL",
            "KUBEZAP_HTTP_MAX_URI_LENGTH", "KUBEZAP_HTTP_MAX_HEADER_SIZE", "KUBEZAP_HISTORY_MAX_MESSAGES", "KUBEZAP_MAX_BODY_SIZE",
            "KUBEZAP_MEDIA_URL_TIMEOUT", "KUBEZAP_MEDIA_MAX_SIZE_IMAGE", "KUBEZAP_MEDIA_MAX_SIZE_VIDEO",
            "KUBEZAP_MEDIA_MAX_SIZE_AUDIO", "KUBEZAP_MEDIA_MAX_SIZE_VOICE", "KUBEZAP_MEDIA_MAX_SIZE_DOCUMENT",
            "KUBEZAP_MEDIA_MAX_SIZE_STICKER", "KUBEZAP_CONTACTS_CHECKS_PER_MINUTE", "KUBEZAP_CONTACTS_CHECK_CACHE",
            "KUBEZAP_SEND_MAX_ATTEMPTS", "KUBEZAP_SEND_RETRY_INITIAL_DELAY", "KUBEZAP_SEND_RETRY_MAX_DELAY",
            "KUBEZAP_SEND_TIMEOUT", "KUBEZAP_DATABASE_POOL_MAX", "KUBEZAP_DATABASE_IDLE_TIMEOUT",
            "KUBEZAP_WEBHOOK_MAX_ATTEMPTS", "KUBEZAP_WEBHOOK_RETRY_INITIAL_DELAY", "KUBEZAP_WEBHOOK_RETRY_MAX_DELAY",
            "KUBEZAP_WEBHOOK_TIMEOUT", "KUBEZAP_WEBHOOK_POLL_INTERVAL", "KUBEZAP_EVENTS_STREAM_HEARTBEAT",
            "KUBEZAP_EVENTS_STREAM_PAGE_SIZE", "KUBEZAP_EVENTS_STREAM_MAX_BUFFERED_EVENTS",
            "KUBEZAP_EVENTS_STREAM_CONCURRENT_READS", "KUBEZAP_EVENTS_STREAM_STALL_TIMEOUT",
            "KUBEZAP_EVENTS_STREAM_MAX_STREAMS", "KUBEZAP_RETENTION_INTERVAL", "KUBEZAP_RETENTION_BATCH_SIZE",
            "KUBEZAP_STORAGE_QUOTA_CHECK_INTERVAL", "KUBEZAP_WA_VERSION_URL", "KUBEZAP_WA_VERSION_TIMEOUT",
            "KUBEZAP_BAILEYS_BRIDGE", "KUBEZAP_BAILEYS_NODE");

    @Test
    void everyNameTheOperatorSetsIsASettingOfThePod() {
        for (String name : operatorNames()) {
            if (name.startsWith("QUARKUS_")) {
                // Quarkus' own (the database, the port): a setting of an extension the pod configures
                String property = name.toLowerCase(Locale.ROOT).replace('_', '.');
                assertThat(applicationProperties()).as(name).contains(property.substring(0, property.lastIndexOf('.') + 1));
            } else {
                assertThat(podSettings()).as("the pod's settings").contains(name);
            }
        }
    }

    @Test
    void everySettingOfThePodIsSetByTheOperatorOrDeclaredThePodsOwn() {
        Set<String> unclassified = new TreeSet<>(podSettings());
        unclassified.removeAll(operatorNames());
        assertThat(unclassified).as("pod settings neither in PodEnvironment nor declared pod-only").isSubsetOf(POD_ONLY);
    }

    /**
     * The environment names of the pod's settings (its config mappings), as SmallRye Config maps them
     * (kubezap.media.store-max: KUBEZAP_MEDIA_STORE_MAX).
     */
    private static Set<String> podSettings() {
        Set<String> names = new TreeSet<>();
        for (ConfigClass mapping : List.of(ConfigClass.configClass(SessionConfig.class, "kubezap"),
                ConfigClass.configClass(WebhookSettings.class, "kubezap.webhook"),
                ConfigClass.configClass(EventStreamSettings.class, "kubezap.events.stream"),
                ConfigClass.configClass(RetentionSettings.class, "kubezap.retention"),
                ConfigClass.configClass(QuotaSettings.class, "kubezap.storage"))) {
            ConfigMappings.getProperties(mapping).keySet()
                    .forEach(property -> names.add(property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT)));
        }
        Matcher expression = Pattern.compile("\\$\\{(KUBEZAP_[A-Z0-9_]+)").matcher(applicationProperties());
        while (expression.find()) {
            names.add(expression.group(1));
        }
        return names;
    }

    private static Set<String> operatorNames() {
        Set<String> names = new TreeSet<>();
        for (Field field : PodEnvironment.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    private static String applicationProperties() {
        try (InputStream properties = PodEnvironmentTest.class.getResourceAsStream("/application.properties")) {
            return new String(properties.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
