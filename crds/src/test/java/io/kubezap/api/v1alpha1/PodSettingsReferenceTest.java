package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.contract.PodSetting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings table ({@link PodSetting}) against the CRD and the docs: every spec field a row copies is a field of the
 * generated CRD, the env rule the CRD holds is the table's, and the configuration reference in
 * {@code session-pod/README.md} holds the table as {@link #reference()} writes it, and no other row of a variable. After a
 * change to the table, write the reference with {@code ./mvnw -pl crds -am test -Dtest=PodSettingsReferenceTest -Dkubezap.writeReference=true}.
 */
class PodSettingsReferenceTest {

    static final String BEGIN = "<!-- BEGIN generated from contract PodSetting (crds PodSettingsReferenceTest): do not edit -->";
    static final String END = "<!-- END generated from contract PodSetting -->";

    @Test
    void everySpecFieldTheTableCopiesIsAFieldOfTheCrd() {
        JsonNode spec = CrdFiles.generatedCrd().at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
        for (PodSetting setting : PodSetting.values()) {
            setting.specField().ifPresent(field -> {
                JsonNode schema = spec;
                for (String part : field.split("\\.")) {
                    schema = schema.path("properties").path(part);
                }
                assertThat(schema.isMissingNode()).as("%s copies spec.%s, a field the CRD does not have", setting, field).isFalse();
            });
        }
    }

    @Test
    void theCrdsEnvRuleIsTheTables() {
        JsonNode env = CrdFiles.generatedCrd().at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/podTemplate"
                + "/properties/env/x-kubernetes-validations/0/rule");
        assertThat(env.asText()).isEqualTo(PodTemplate.ENV_RULE).contains("'" + PodSetting.SEND_MAX_ATTEMPTS.env() + "'")
                .doesNotContain("'" + PodSetting.MEDIA_URL_ALLOW_LIST.env() + "'", "OPTIONS", "PROXY", "OPENSSL");
    }

    @Test
    void theConfigurationReferenceIsTheTables() throws IOException {
        Path readme = CrdFiles.repositoryRoot().resolve("session-pod/README.md");
        String text = Files.readString(readme);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("%s has the generated section", readme).isNotNegative();
        String written = text.substring(begin, end + END.length());
        String expected = BEGIN + "\n" + reference() + END;
        if (Boolean.getBoolean("kubezap.writeReference") && !written.equals(expected)) {
            Files.writeString(readme, text.replace(written, expected));
            written = expected;
        }
        assertThat(written).as("the generated section of %s (write it again: see this test's comment)", readme)
                .isEqualTo(expected);
    }

    /** One table of the pod's variables: a row that names one outside the generated section is a second, unchecked one. */
    @Test
    void noVariableIsDocumentedOutsideTheTable() throws IOException {
        String text = Files.readString(CrdFiles.repositoryRoot().resolve("session-pod/README.md"));
        String outside = text.substring(0, text.indexOf(BEGIN)) + text.substring(text.indexOf(END));
        assertThat(outside.lines().filter(line -> VARIABLE_ROW.matcher(line).find()))
                .as("rows of variables in session-pod/README.md outside the generated table").isEmpty();
    }

    private static final Pattern VARIABLE_ROW = Pattern.compile("^\\|\\s*`?(KUBEZAP|QUARKUS)_");

    /** The table as Markdown. */
    static String reference() {
        String rows = Arrays.stream(PodSetting.values()).map(setting -> "| `" + setting.env() + "` | "
                + setting.meaning().replace("|", "\\|") + " | "
                + setting.from().name().toLowerCase(Locale.ROOT) + ": " + setting.origin().replace("<", "&lt;") + " | " + setting.rendering().words()
                + (setting.read() == PodSetting.Read.ENVIRONMENT_ONLY ? ", read from the environment alone" : "") + " | "
                + setting.podDefault().map(value -> "`" + value + "`").orElse("—") + " | "
                + (setting.tenantMaySet() ? "may set" : "refused") + " |\n").collect(Collectors.joining());
        return "| variable | meaning | set from | written as | pod's default | in `spec.podTemplate.env` |\n"
                + "| --- | --- | --- | --- | --- | --- |\n" + rows + "\n"
                + "Any other name is refused in `spec.podTemplate.env` (an allow-list): the JVM, the dynamic loader, Node.js (the "
                + "Baileys bridge), OpenSSL, glibc or Quarkus' config loader act on many (`JAVA_TOOL_OPTIONS`, `LD_PRELOAD`, "
                + "`NODE_OPTIONS`, `OPENSSL_CONF`, `HTTPS_PROXY`, `GCONV_PATH`, ...) before the pod's own checks. Write the names "
                + "as above, in upper case.\n";
    }
}
