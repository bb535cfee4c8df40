package io.kubezap.session.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.host.HostSessionFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A session host as the operator renders it, run as the kubelet would run it: {@code operator-rendered-host.json},
 * which the operator's {@code host.RenderedHostFixtureTest} writes from its builders (the host StatefulSet and every
 * Secret it renders in the namespace) and holds equal to what they render. The container's environment is taken as
 * written, each Secret's key resolved from those Secrets; each volume is laid out in a directory of its own (a Secret's
 * keys as files, an emptyDir empty), and a value naming a path below a mount names that directory instead.
 */
final class RenderedHost {

    static final String RESOURCE = "operator-rendered-host.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A session's login as its database Secret holds it: its namespace's role and password, its token. */
    record Login(String session, String role, String password, String token) {
    }

    private final JsonNode fixture;
    private final Map<String, JsonNode> secrets = new TreeMap<>();

    private RenderedHost(JsonNode fixture) {
        this.fixture = fixture;
        fixture.path("secrets").forEach(secret -> secrets.put(secret.path("metadata").path("name").asText(), secret));
    }

    static RenderedHost read() throws IOException {
        try (InputStream in = RenderedHost.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: the operator's RenderedHostFixtureTest writes it");
            }
            return new RenderedHost(JSON.readTree(in));
        }
    }

    String namespace() {
        return fixture.path("namespace").asText();
    }

    /** The host container's environment with its volumes laid out below {@code root}. */
    Map<String, String> environment(Path root) throws IOException {
        Map<String, Path> mounts = layOutMounts(root);
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode variable : container().path("env")) {
            environment.put(variable.path("name").asText(), moved(value(variable), mounts));
        }
        return environment;
    }

    /** Each session's login, from the database Secrets the operator renders for the namespace's sessions. */
    List<Login> logins() {
        List<Login> logins = new ArrayList<>();
        secrets.forEach((name, secret) -> {
            if (name.endsWith("-database")) {
                logins.add(new Login(name.substring(0, name.length() - "-database".length()), key(name, "username"),
                        key(name, "password"), key(name, "token")));
            }
        });
        return logins;
    }

    /** The entries of the host's sessions Secret, the one its sessions' directory is mounted from. */
    List<HostSessionFile.Entry> entries() {
        List<HostSessionFile.Entry> entries = new ArrayList<>();
        String secret = sessionsVolume().path("secret").path("secretName").asText();
        secrets.get(secret).path("data").fieldNames().forEachRemaining(file -> HostSessionFile.sessionOf(file)
                .ifPresent(session -> entries.add(HostSessionFile.read(session, key(secret, file)))));
        return entries;
    }

    private JsonNode container() {
        return fixture.path("statefulSet").path("spec").path("template").path("spec").path("containers").path(0);
    }

    private JsonNode volume(String name) {
        for (JsonNode volume : fixture.path("statefulSet").path("spec").path("template").path("spec").path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new IllegalStateException("the host mounts volume " + name + ", which its pod does not have");
    }

    private JsonNode sessionsVolume() {
        for (JsonNode mount : container().path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(HostSessionFile.DIRECTORY)) {
                return volume(mount.path("name").asText());
            }
        }
        throw new IllegalStateException("the host mounts nothing at " + HostSessionFile.DIRECTORY);
    }

    /** Mount path → the directory it is laid out in: a Secret's keys as files, anything else empty. */
    private Map<String, Path> layOutMounts(Path root) throws IOException {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (JsonNode mount : container().path("volumeMounts")) {
            String name = mount.path("name").asText();
            Path directory = Files.createDirectories(root.resolve(name));
            JsonNode secret = volume(name).path("secret");
            if (!secret.isMissingNode()) {
                String secretName = secret.path("secretName").asText();
                for (var file = secretOf(secretName).path("data").fieldNames(); file.hasNext(); ) {
                    String key = file.next();
                    Files.writeString(directory.resolve(key), key(secretName, key));
                }
            }
            mounts.put(mount.path("mountPath").asText(), directory);
        }
        return mounts;
    }

    private String value(JsonNode variable) {
        JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
        if (ref.isMissingNode()) {
            return variable.path("value").asText();
        }
        return key(ref.path("name").asText(), ref.path("key").asText());
    }

    private static String moved(String value, Map<String, Path> mounts) {
        for (var mount : mounts.entrySet()) {
            if (value.equals(mount.getKey()) || value.startsWith(mount.getKey() + "/")) {
                return mount.getValue() + value.substring(mount.getKey().length());
            }
        }
        return value;
    }

    private JsonNode secretOf(String name) {
        return Optional.ofNullable(secrets.get(name)).orElseThrow(() -> new IllegalStateException(
                "the host refers to Secret " + name + ", which the operator does not render"));
    }

    private String key(String secret, String key) {
        JsonNode value = secretOf(secret).path("data").path(key);
        if (value.isMissingNode()) {
            throw new IllegalStateException("the host refers to key " + key + " of Secret " + secret + ", which it does not hold");
        }
        return new String(Base64.getDecoder().decode(value.asText()), StandardCharsets.UTF_8);
    }
}
