package io.kubezap.sdk;

import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The one place the three clients' generation is set: which generator, which names, which files are kept. All three
 * come from the gateway's document, which also carries the session pod's paths (the {@code …InDefaultNamespace}
 * operations have the pod's own path shape, so one client reaches a session through the gateway or directly).
 */
enum SdkGenerator {

    JAVA("java", "java", "native", Map.of(
            "apiPackage", "io.kubezap.client.api",
            "modelPackage", "io.kubezap.client.model",
            "invokerPackage", "io.kubezap.client",
            "useJakartaEe", true,
            "openApiNullable", false,
            "annotationLibrary", "none",
            "hideGenerationTimestamp", true)),
    TYPESCRIPT("typescript/src", "typescript-fetch", null, Map.of(
            "supportsES6", true,
            "hideGenerationTimestamp", true)),
    PYTHON("python", "python", null, Map.of(
            "packageName", "kubezap_client",
            "projectName", "kubezap-client",
            "packageVersion", "0.1.0",
            "hideGenerationTimestamp", true));

    /** What the generator lists in every output directory: the files it wrote. */
    static final String FILE_LIST = ".openapi-generator/FILES";
    private static final String IGNORE_FILE = ".openapi-generator-ignore";

    private final String directory;
    private final String generatorName;
    private final String library;
    private final Map<String, Object> options;

    SdkGenerator(String directory, String generatorName, String library, Map<String, Object> options) {
        this.directory = directory;
        this.generatorName = generatorName;
        this.library = library;
        this.options = options;
    }

    /** Where this client is kept, under the repository's {@code sdk/} folder. */
    Path keptIn(Path repositoryRoot) {
        return repositoryRoot.resolve("sdk").resolve(directory);
    }

    /** Writes the client into {@code output}, keeping out what the kept copy's ignore file keeps out. */
    void generate(Path repositoryRoot, Path output) throws IOException {
        Files.createDirectories(output);
        Path ignore = keptIn(repositoryRoot).resolve(IGNORE_FILE);
        if (!output.equals(keptIn(repositoryRoot)) && Files.exists(ignore)) {
            Files.copy(ignore, output.resolve(IGNORE_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
        var configurator = new CodegenConfigurator()
                .setGeneratorName(generatorName)
                .setInputSpec(repositoryRoot.resolve("docs/openapi/gateway.json").toString())
                .setOutputDir(output.toString())
                .setAdditionalProperties(Map.copyOf(options))
                .addGlobalProperty("apiTests", "false")
                .addGlobalProperty("modelTests", "false")
                .addGlobalProperty("apiDocs", "false")
                .addGlobalProperty("modelDocs", "false")
                // the upload form's model too: typescript-fetch imports it whether it writes it or not
                .addGlobalProperty("skipFormModel", "false");
        if (library != null) {
            configurator.setLibrary(library);
        }
        new DefaultGenerator().opts(configurator.toClientOptInput()).generate();
    }
}
