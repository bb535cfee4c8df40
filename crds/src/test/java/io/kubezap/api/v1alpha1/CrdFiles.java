package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build puts the generated CRD and where the chart keeps its committed copy. */
final class CrdFiles {

    static final String CRD_FILE = "whatsappsessions.kubezap.io-v1.yml";
    static final String REFRESH_COMMAND = "./mvnw -pl crds -am -Pupdate-crd process-classes";

    /** Strict: an unknown field in a manifest is an error, as with kubectl's strict field validation. */
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CrdFiles() {
    }

    static Path generated() {
        return Path.of(System.getProperty("kubezap.generatedCrd", "target/classes/META-INF/fabric8/" + CRD_FILE));
    }

    static Path committed() {
        return Path.of(System.getProperty("kubezap.committedCrdDir", "../helm/kubezap/files/crds")).resolve(CRD_FILE);
    }

    /** The committed CRD is at {@code helm/kubezap/files/crds/} below the repository's root. */
    static Path repositoryRoot() {
        return committed().toAbsolutePath().normalize().getParent().getParent().getParent().getParent().getParent();
    }

    static JsonNode generatedCrd() {
        return readYaml(generated());
    }

    static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
