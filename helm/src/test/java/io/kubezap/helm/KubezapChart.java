package io.kubezap.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** The chart in helm/kubezap, linted and rendered through helm-java's embedded Helm library (no network: lookups reach {@link FakeKubernetesApi}). */
final class KubezapChart {

    static final String RELEASE = "kubezap";
    static final String NAMESPACE = "kubezap-system";

    /** Kubernetes version the renders assume (helm-java's own default, 1.20, is older than the chart's kubeVersion). */
    static final String KUBE_VERSION = "1.31.0";

    private static final KubezapChart IN_MODULE = locate();

    private final Path directory;
    private final FakeKubernetesApi cluster;

    private KubezapChart(Path directory, FakeKubernetesApi cluster) {
        this.directory = directory;
        this.cluster = cluster;
    }

    static KubezapChart inModule() {
        return IN_MODULE;
    }

    private static KubezapChart locate() {
        Path directory = Path.of(System.getProperty("kubezap.chartDir", "kubezap")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(directory.resolve("Chart.yaml"))) {
            throw new IllegalStateException("no Chart.yaml under " + directory);
        }
        String kubeconfig = System.getenv("KUBECONFIG");
        if (kubeconfig == null || kubeconfig.isBlank()) {
            throw new IllegalStateException("KUBECONFIG must name a file for the fake API server (the helm module's surefire configuration sets it)");
        }
        return new KubezapChart(directory, FakeKubernetesApi.start(Path.of(kubeconfig)));
    }

    /**
     * A copy of the chart in {@code workDir} whose hooks render as plain objects: helm-java's template returns the
     * release manifest without hooks (the Helm CLI appends them), so the hook annotations are dropped from the copy.
     */
    KubezapChart withHooksAsObjects(Path workDir) throws java.io.IOException {
        Path copy = ChartCopy.of(directory, workDir.resolve(directory.getFileName()));
        try (var templates = Files.walk(copy.resolve("templates"))) {
            for (Path template : templates.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(template);
                Files.writeString(template, text.lines().filter(line -> !line.contains("\"helm.sh/hook"))
                        .collect(java.util.stream.Collectors.joining("\n", "", "\n")));
            }
        }
        return new KubezapChart(copy, cluster);
    }

    /** A copy of the chart whose hooks render as objects that keep their hook annotations, renamed {@value #HOOK}…. */
    KubezapChart withHooksAnnotated(Path workDir) throws java.io.IOException {
        Path copy = ChartCopy.of(directory, workDir.resolve(directory.getFileName() + "-annotated"));
        try (var templates = Files.walk(copy.resolve("templates"))) {
            for (Path template : templates.filter(Files::isRegularFile).toList()) {
                Files.writeString(template, Files.readString(template).replace("\"helm.sh/hook", "\"" + HOOK));
            }
        }
        return new KubezapChart(copy, cluster);
    }

    static final String HOOK = "test.kubezap.io/hook";

    /** What the chart's {@code lookup} calls see. */
    FakeKubernetesApi cluster() {
        return cluster;
    }

    Path file(String relativePath) {
        return directory.resolve(relativePath);
    }

    /** The values files in ci/, each an install scenario that must lint clean. */
    Stream<Path> ciValuesFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve("ci"))) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    LintResult lintStrict() {
        return new Helm(directory).lint().strict().call();
    }

    /**
     * {@code helm lint --strict} with an extra values file. helm-java 0.0.21's lint takes no values, so the
     * chart is copied to {@code workDir} with that file merged into its values.yaml, the way Helm would merge it.
     */
    LintResult lintStrict(Path valuesFile, Path workDir) throws IOException {
        Path copy = ChartCopy.of(directory, workDir.resolve(directory.getFileName()));
        Path values = copy.resolve("values.yaml");
        YamlValues.write(YamlValues.merge(YamlValues.read(values), YamlValues.read(valuesFile)), values);
        return new Helm(copy).lint().strict().call();
    }

    /** What {@code helm install} prints after installing, NOTES.txt rendered: a client-only dry run. */
    String notes(Map<String, Object> setValues) {
        var install = new Helm(directory).install().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION).clientOnly().dryRun();
        setValues.forEach(install::set);
        return install.call().getOutput();
    }

    Manifests render() {
        return render(UnaryOperator.identity());
    }

    Manifests render(Path valuesFile) {
        return render(command -> command.withValuesFile(valuesFile));
    }

    Manifests render(Map<String, Object> setValues) {
        return render(command -> {
            setValues.forEach(command::set);
            return command;
        });
    }

    /**
     * Renders like {@code helm template kubezap helm/kubezap -n kubezap-system --skip-crds}, then applies {@code options}
     * (which may override the namespace); throws with Helm's message on failure.
     */
    Manifests render(UnaryOperator<TemplateCommand> options) {
        TemplateCommand command = new Helm(directory).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION).skipCrds();
        return Manifests.parse(options.apply(command).call());
    }
}
