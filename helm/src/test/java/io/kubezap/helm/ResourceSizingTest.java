package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's and the gateway's requests and limits follow {@code operator.maxSessions} by the formula of
 * helm/README.md, "Running 10,000 sessions" (the table there is these rows), so raising maxSessions never leaves the
 * operator or a gateway replica with the memory of a smaller fleet; an explicit {@code resources} value is used as given.
 */
class ResourceSizingTest {

    /** The JVM 10,000 sessions were measured on (docs/benchmarks/2026-11-26-operator-10000-compact-maps.md). */
    private static final String JVM_OPTIONS = "-XX:+UseSerialGC -XX:+UseStringDeduplication -XX:MaxMetaspaceSize=128m"
            + " -XX:TieredStopAtLevel=1 -Xmn32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20"
            + " -XX:TrimNativeHeapInterval=10000";
    /** What the process took beside its heap at 10,000 sessions, measured (183 MiB), with a little to spare. */
    private static final long NON_HEAP_MIB = 192;

    private final KubezapChart chart = KubezapChart.inModule();

    @ParameterizedTest(name = "{0} sessions: operator {1} / {2}, gateway {3} / {4}")
    @CsvSource({
            "500,   320Mi,  125m, 384Mi, 110m",
            "5000,  384Mi,  350m, 448Mi, 200m",
            "10000, 448Mi,  600m, 576Mi, 300m"})
    void operatorAndGatewayAreSizedForMaxSessions(int sessions, String operatorMemory, String operatorCpu,
                                                  String gatewayMemory, String gatewayCpu) {
        Manifests manifests = chart.render(Map.of("operator.maxSessions", sessions));

        assertSized(resources(manifests, "kubezap-operator"), operatorMemory, operatorCpu);
        assertSized(resources(manifests, "kubezap-gateway"), gatewayMemory, gatewayCpu);
    }

    @Test
    void explicitResourcesAreUsedAsGiven() {
        Manifests manifests = chart.render(Map.of("operator.maxSessions", 10000,
                "operator.resources.limits.memory", "3Gi", "operator.resources.requests.memory", "2Gi",
                "gateway.resources.limits.memory", "700Mi"));

        ResourceRequirements operator = resources(manifests, "kubezap-operator");
        assertThat(operator.getLimits()).containsOnly(Map.entry("memory", new Quantity("3Gi")));
        assertThat(operator.getRequests()).containsOnly(Map.entry("memory", new Quantity("2Gi")));
        ResourceRequirements gateway = resources(manifests, "kubezap-gateway");
        assertThat(gateway.getLimits()).containsOnly(Map.entry("memory", new Quantity("700Mi")));
        assertThat(gateway.getRequests()).isNullOrEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubezap-operator", "kubezap-gateway"})
    void moreSessionsNeverGetLessMemory(String deployment) {
        Quantity previous = new Quantity("0");
        for (int sessions : new int[] {1, 100, 500, 1000, 2500, 5000, 7500, 10000, 20000}) {
            Quantity limit = resources(chart.render(Map.of("operator.maxSessions", sessions)), deployment)
                    .getLimits().get("memory");
            assertThat(limit.getNumericalAmount()).as("%d sessions", sessions)
                    .isGreaterThanOrEqualTo(previous.getNumericalAmount());
            previous = limit;
        }
    }

    /**
     * The operator's heap follows maxSessions (docs/benchmarks/2026-11-26-operator-10000-compact-maps.md: 10,000
     * sessions converged with -Xmx216m, peak resident 399 MiB), on the collector it was measured with.
     */
    @ParameterizedTest(name = "{0} sessions: heap {1}")
    @CsvSource({"500, -Xmx92m", "5000, -Xmx151m", "10000, -Xmx216m"})
    void theOperatorsHeapFollowsMaxSessions(int sessions, String heap) {
        Manifests manifests = chart.render(Map.of("operator.maxSessions", sessions));

        assertThat(jvmOptions(manifests)).isEqualTo(
                JVM_OPTIONS + " " + heap);
    }

    /**
     * The gateway's heap is its limit less the non-heap memory measured with 2,000 and 10,000 sessions
     * (docs/benchmarks/2026-11-26-gateway-10000.md), on the collector it was measured with: at 10,000 the limit the
     * gateway had before (704 MiB, the image's heap share: 528 MiB) was under its measured peak (731 MiB).
     */
    @ParameterizedTest(name = "{0} sessions: heap {1}")
    @CsvSource({"500, -Xmx144m", "2000, -Xmx208m", "5000, -Xmx208m", "10000, -Xmx336m"})
    void theGatewaysHeapIsItsLimitLessTheMeasuredNonHeapMemory(int sessions, String heap) {
        Manifests manifests = chart.render(Map.of("operator.maxSessions", sessions));

        assertThat(environment(manifests, "kubezap-gateway", "JDK_JAVA_OPTIONS")).isEqualTo("-XX:+UseSerialGC " + heap);
    }

    @Test
    void withExplicitResourcesTheGatewaysHeapStaysTheImagesShareOfTheLimit() {
        Manifests manifests = chart.render(Map.of("gateway.resources.limits.memory", "2Gi"));

        assertThat(manifests.one(Deployment.class, "kubezap-gateway").getSpec().getTemplate().getSpec().getContainers()
                .getFirst().getEnv()).noneMatch(env -> env.getName().equals("JDK_JAVA_OPTIONS"));
    }

    /** The limit always leaves the measured non-heap memory beside -Xmx: the heap can grow to its cap without an OOM kill. */
    @Test
    void theLimitLeavesTheNonHeapMemoryBesideTheHeap() {
        for (int sessions : new int[] {1, 100, 500, 1000, 2500, 5000, 7500, 10000, 20000}) {
            Manifests manifests = chart.render(Map.of("operator.maxSessions", sessions));
            long limitMiB = resources(manifests, "kubezap-operator").getLimits().get("memory").getNumericalAmount()
                    .longValue() >> 20;
            long heapMiB = Long.parseLong(jvmOptions(manifests).replaceAll(".*-Xmx(\\d+)m.*", "$1"));

            assertThat(limitMiB - heapMiB).as("%d sessions: limit %d MiB, -Xmx%dm", sessions, limitMiB, heapMiB)
                    .isGreaterThanOrEqualTo(NON_HEAP_MIB);
        }
    }

    @Test
    void withExplicitResourcesTheHeapStaysTheImagesShareOfTheLimit() {
        Manifests manifests = chart.render(Map.of("operator.resources.limits.memory", "3Gi"));

        assertThat(jvmOptions(manifests)).isEqualTo(JVM_OPTIONS);
    }

    /** As measured: glibc's arenas bounded, or the operator's threads take resident memory outside every JVM bound. */
    @Test
    void theOperatorRunsWithTwoMallocArenas() {
        assertThat(environment(chart.render(Map.of()), "MALLOC_ARENA_MAX")).isEqualTo("2");
    }

    private static String jvmOptions(Manifests manifests) {
        return environment(manifests, "JDK_JAVA_OPTIONS");
    }

    private static String environment(Manifests manifests, String name) {
        return environment(manifests, "kubezap-operator", name);
    }

    private static String environment(Manifests manifests, String deployment, String name) {
        return manifests.one(Deployment.class, deployment).getSpec().getTemplate().getSpec().getContainers()
                .getFirst().getEnv().stream().filter(env -> env.getName().equals(name)).findFirst()
                .orElseThrow().getValue();
    }

    private static void assertSized(ResourceRequirements resources, String memory, String cpu) {
        assertThat(resources.getLimits()).containsOnly(Map.entry("memory", new Quantity(memory)));
        assertThat(resources.getRequests()).containsOnly(Map.entry("memory", new Quantity(memory)),
                Map.entry("cpu", new Quantity(cpu)));
    }

    private static ResourceRequirements resources(Manifests manifests, String deployment) {
        return manifests.one(Deployment.class, deployment).getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getResources();
    }
}
