package io.kubezap.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.kubezap.contract.SessionObjectNames;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may read the code that links a phone to a session (its QR payload or pairing code): whoever holds it may link
 * their own phone to the tenant's number, so it belongs to who may change the session's link (Kubernetes' {@code edit},
 * {@code admin}), not to who may read the namespace ({@code view}). A principal is the rules the chart aggregates into
 * that Kubernetes role plus the relevant rules of the role itself; the code can be read where the chart's CRD puts it
 * in the resource (anyone who may {@code get} the session reads its status), when the chart's operator fills those
 * fields ({@code session.pairingCodesInStatus}, the default), or in the pairing Secret.
 */
class LinkingCodeAccessTest {

    private static final String CRD_FILE = "files/crds/whatsappsessions.kubezap.io-v1.yml";
    /** Kubernetes' own {@code edit} (and {@code admin}) read Secrets; its {@code view} never did (bootstrap policy). */
    private static final PolicyRule KUBERNETES_EDIT_READS_SECRETS = new PolicyRuleBuilder()
            .withApiGroups("").withResources("secrets").withVerbs("get", "list", "watch").build();

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void withCodesKeptInTheSecretViewCannotReadTheCodeThatLinksAPhoneAndEditCan() {
        Manifests manifests = chart.render(Map.of("session.pairingCodesInStatus", false));
        List<String> codesInStatus = codesTheOperatorPutsInTheStatus(manifests);

        assertThat(readsTheCode(viewRules(manifests), codesInStatus)).as("view reads a linking code (status fields %s, or Secret %s)",
                codesInStatus, SessionObjectNames.pairingSecretName("<session>")).isFalse();
        assertThat(readsTheCode(editRules(manifests), codesInStatus)).as("edit reads the linking code").isTrue();
    }

    /** The design's default, and its documented trade-off: the status shows the code, so who may read the resource may link a phone. */
    @Test
    void byDefaultTheStatusShowsTheCodeWithItsExpiryToWhoeverReadsTheResource() {
        Manifests manifests = chart.render();
        List<String> codesInStatus = codesTheOperatorPutsInTheStatus(manifests);

        assertThat(codesInStatus).containsExactlyInAnyOrder("status.qr.code", "status.pairingCode.code");
        assertThat(codesInTheStatus().stream().map(code -> code.replace(".code", ".expiresAt")))
                .allSatisfy(expiry -> assertThat(statusProperty(expiry)).as(expiry).isNotNull());
        assertThat(readsTheCode(viewRules(manifests), codesInStatus)).as("view reads the code in the status").isTrue();
        assertThat(readsTheCode(editRules(manifests), codesInStatus)).as("edit reads the linking code").isTrue();
    }

    /** The chart gives view nothing else that reveals the code: no Secret, no pod's API or logs, no gateway verb past get. */
    @Test
    void theChartsViewRulesRevealNothingElseOfALinkingCode() {
        List<PolicyRule> view = viewRules(chart.render());

        for (String resource : List.of("secrets", "pods/portforward", "pods/proxy", "services/proxy", "pods/exec")) {
            assertThat(allows(view, "", resource, "get") || allows(view, "", resource, "create"))
                    .as("view on %s", resource).isFalse();
        }
        for (String gatewayVerb : List.of("manage", "read-messages", "send")) {
            assertThat(allows(view, "kubezap.io", "whatsappsessions", gatewayVerb)).as("view may %s", gatewayVerb).isFalse();
        }
    }

    private static List<PolicyRule> viewRules(Manifests manifests) {
        return aggregatedInto(manifests, Manifests.AGGREGATE_TO_VIEW);
    }

    private static List<PolicyRule> editRules(Manifests manifests) {
        List<PolicyRule> edit = new ArrayList<>(aggregatedInto(manifests, Manifests.AGGREGATE_TO_EDIT));
        edit.add(KUBERNETES_EDIT_READS_SECRETS);
        return edit;
    }

    /**
     * The status properties that carry a code, as the installed operator fills them: none when it keeps codes out
     * (unset, the operator's default, {@code kubezap.session.pairing-codes-in-status=true}, puts them in).
     */
    private List<String> codesTheOperatorPutsInTheStatus(Manifests manifests) {
        boolean inStatus = Boolean.parseBoolean(
                manifests.operatorEnv().getOrDefault("KUBEZAP_SESSION_PAIRING_CODES_IN_STATUS", "true"));
        return inStatus ? codesInTheStatus() : List.of();
    }

    private static boolean readsTheCode(List<PolicyRule> rules, List<String> codesInStatus) {
        boolean fromTheResource = !codesInStatus.isEmpty() && allows(rules, "kubezap.io", "whatsappsessions", "get");
        return fromTheResource || allows(rules, "", "secrets", "get");
    }

    private static List<PolicyRule> aggregatedInto(Manifests manifests, String aggregationLabel) {
        return manifests.all(ClusterRole.class).stream()
                .filter(role -> role.getMetadata().getLabels() != null
                        && "true".equals(role.getMetadata().getLabels().get(aggregationLabel)))
                .flatMap(role -> role.getRules().stream())
                .toList();
    }

    static boolean allows(List<PolicyRule> rules, String group, String resource, String verb) {
        return rules.stream().anyMatch(rule -> matches(rule.getApiGroups(), group) && matches(rule.getResources(), resource)
                && matches(rule.getVerbs(), verb));
    }

    private static boolean matches(List<String> granted, String asked) {
        return granted != null && (granted.contains(asked) || granted.contains("*"));
    }

    /** Every property path under the CRD's status schema whose object holds a {@code code}: a code someone could read. */
    private List<String> codesInTheStatus() {
        try {
            JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(chart.file(CRD_FILE).toFile());
            List<String> found = new ArrayList<>();
            for (JsonNode version : crd.path("spec").path("versions")) {
                collectCodes(version.path("schema").path("openAPIV3Schema").path("properties").path("status"), "status", found);
            }
            return found;
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private JsonNode statusProperty(String path) {
        try {
            JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(chart.file(CRD_FILE).toFile())
                    .path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
            for (String name : path.split("\\.")) {
                node = node.path("properties").path(name);
            }
            return node.isMissingNode() ? null : node;
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private static void collectCodes(JsonNode schema, String path, List<String> found) {
        JsonNode properties = schema.path("properties");
        properties.fieldNames().forEachRemaining(name -> {
            if (name.equals("code")) {
                found.add(path + ".code");
            }
            collectCodes(properties.path(name), path + "." + name, found);
        });
        Stream.of(schema.path("items"), schema.path("additionalProperties")).filter(JsonNode::isObject)
                .forEach(nested -> collectCodes(nested, path + "[]", found));
    }
}
