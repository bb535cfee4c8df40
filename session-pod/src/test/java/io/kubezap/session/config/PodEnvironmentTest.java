package io.kubezap.session.config;

import io.kubezap.session.pool.PoolSettings;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.contract.PodSetting;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigMappings.ConfigClass;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator sets a session pod's environment by the rows of {@link PodSetting} (names in {@link PodEnvironment}):
 * each must be a setting the pod reads ({@link SessionConfig}, an {@code application.properties} expression, or
 * Quarkus' own), or the operator's value would be ignored. Each setting the pod reads is a row of the table,
 * and the table's defaults are the pod's.
 */
class PodEnvironmentTest {

    @Test
    void everyNameTheOperatorSetsIsASettingOfThePod() {
        for (String name : operatorNames()) {
            if (environmentOnly().contains(name)) {
                // read from the variable alone, never through the configuration (a system property would win there)
                assertThat(podSettings()).as("settings read through the configuration").doesNotContain(name);
                assertThat(AdminEgressLists.fromEnvironment(Map.of(name, "10.1.0.0/16")).toString()).as(name)
                        .contains("10.1.0.0/16");
            } else if (name.startsWith("QUARKUS_DATASOURCE_")) {
                // the database's login: read by name by the pod's own pool (io.kubezap.session.pool), not by an extension
                assertThat(poolSettingsWith(name, "set-by-the-operator").toString()).as(name).contains("set-by-the-operator");
            } else if (name.startsWith("QUARKUS_")) {
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
        assertThat(unclassified).as("pod settings that are not rows of PodSetting (the pod's own tuning is a row too)").isEmpty();
    }

    /** Each default the settings table gives is the pod's own: the docs and the operator's view agree with the pod. */
    @Test
    void theTablesDefaultsAreThePods() {
        Map<String, String> defaults = podDefaults();
        for (PodSetting setting : PodSetting.values()) {
            if (setting.podDefault().isPresent() && !setting.env().startsWith("QUARKUS_")) {
                assertThat(defaults).as("the pod's default of " + setting.env()).containsEntry(setting.env(),
                        setting.podDefault().get());
            } else if (!setting.env().startsWith("QUARKUS_")) {
                assertThat(defaults).as("the pod's default of " + setting.env() + " (the table has none)")
                        .doesNotContainKey(setting.env());
            }
        }
    }

    /** The table names every variable the pod reads from the environment alone. */
    @Test
    void theEgressListsAreReadFromTheEnvironmentAloneAsTheTableSays() {
        assertThat(environmentOnly()).containsExactlyInAnyOrder(PodEnvironment.MEDIA_URL_ALLOW_LIST, PodEnvironment.WEBHOOK_DENY_LIST);
    }

    private static Set<String> environmentOnly() {
        return Arrays.stream(PodSetting.values()).filter(setting -> setting.read() == PodSetting.Read.ENVIRONMENT_ONLY)
                .map(PodSetting::env).collect(Collectors.toSet());
    }

    /** The defaults of the pod's settings by environment name: its config mappings and application.properties' ${VAR:default}. */
    private static Map<String, String> podDefaults() {
        Map<String, String> defaults = new TreeMap<>();
        for (ConfigClass mapping : mappings()) {
            ConfigMappings.getProperties(mapping).forEach((property, definition) -> {
                if (definition.hasDefaultValue()) {
                    defaults.put(environmentName(property), definition.getDefaultValue());
                }
            });
        }
        Matcher expression = Pattern.compile("\\$\\{(KUBEZAP_[A-Z0-9_]+):([^}]*)}").matcher(applicationProperties());
        while (expression.find()) {
            defaults.put(expression.group(1), expression.group(2));
        }
        return defaults;
    }

    private static List<ConfigClass> mappings() {
        return List.of(ConfigClass.configClass(SessionConfig.class, "kubezap"));
    }

    /** What the pod's pool reads with {@code variable} set in its environment. */
    private static PoolSettings poolSettingsWith(String variable, String value) {
        var environment = new java.util.HashMap<>(Map.of(PodEnvironment.DATABASE_URL, "jdbc:postgresql://database/kubezap"));
        environment.put(variable, value);
        var config = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(environment, 300))
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(DatabaseSettings.class, "kubezap.database").build();
        return PoolSettings.of(config, config.getConfigMapping(DatabaseSettings.class, "kubezap.database"));
    }

    private static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /**
     * The environment names of the pod's settings (its config mappings), as SmallRye Config maps them
     * (kubezap.media.store-max: KUBEZAP_MEDIA_STORE_MAX).
     */
    private static Set<String> podSettings() {
        Set<String> names = new TreeSet<>();
        for (ConfigClass mapping : mappings()) {
            ConfigMappings.getProperties(mapping).keySet().forEach(property -> names.add(environmentName(property)));
        }
        Matcher expression = Pattern.compile("\\$\\{(KUBEZAP_[A-Z0-9_]+)").matcher(applicationProperties());
        while (expression.find()) {
            names.add(expression.group(1));
        }
        return names;
    }

    /** Every name of the settings table and of {@link PodEnvironment}: the two must not disagree either. */
    private static Set<String> operatorNames() {
        Set<String> names = new TreeSet<>();
        Arrays.stream(PodSetting.values()).map(PodSetting::env).forEach(names::add);
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
