package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Baileys' auth state as the pod keeps it on the volume: what a restarted pod hands the bridge back. */
class BaileysAuthStoreTest {

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void credentialsAndKeysSurviveARestart() throws IOException {
        var store = new BaileysAuthStore(json, dataDir);
        store.credentials(tree("{\"registered\":false,\"account\":{\"details\":\"x\"},\"me\":{\"id\":\"5511:1@s.whatsapp.net\"}}"), false);
        store.keys(tree("{\"session\":{\"5511.0\":{\"type\":\"Buffer\",\"data\":\"AAE=\"}},\"pre-key\":{\"1\":{\"k\":1},\"2\":{\"k\":2}}}"));
        store.keys(tree("{\"pre-key\":{\"1\":null}}"));

        var restarted = new BaileysAuthStore(json, dataDir);

        assertThat(restarted.registered()).isTrue();
        JsonNode loaded = restarted.load();
        assertThat(loaded.at("/creds/me/id").asText()).isEqualTo("5511:1@s.whatsapp.net");
        assertThat(loaded.at("/keys/session/5511.0/data").asText()).isEqualTo("AAE=");
        assertThat(loaded.at("/keys/pre-key").has("1")).as("a key the bridge deleted").isFalse();
        assertThat(loaded.at("/keys/pre-key/2/k").asInt()).isEqualTo(2);
        assertThat(dataDir.resolve("baileys/auth.json")).exists();
    }

    @Test
    void aResetForgetsTheKeysAndTheLink() throws IOException {
        var store = new BaileysAuthStore(json, dataDir);
        store.credentials(tree("{\"account\":{\"details\":\"x\"}}"), false);
        store.keys(tree("{\"session\":{\"a\":{\"k\":1}}}"));

        store.credentials(tree("{\"registered\":false}"), true);

        var restarted = new BaileysAuthStore(json, dataDir);
        assertThat(restarted.registered()).isFalse();
        assertThat(restarted.load().path("keys").size()).isZero();
    }

    @Test
    void aTornCurrentFileFallsBackToThePreviousGeneration() throws IOException {
        var store = new BaileysAuthStore(json, dataDir);
        store.credentials(tree("{\"account\":{\"details\":\"x\"}}"), false);
        store.keys(tree("{\"session\":{\"a\":{\"k\":1}}}"));
        Files.writeString(dataDir.resolve("baileys/auth.json"), "{\"creds\":{\"acc");

        var restarted = new BaileysAuthStore(json, dataDir);

        assertThat(restarted.registered()).isTrue();
    }

    @Test
    void aSessionNeverLinkedHasNothingStored() {
        var store = new BaileysAuthStore(json, dataDir);

        assertThat(store.registered()).isFalse();
        assertThat(store.load().isEmpty()).isTrue();
    }

    private JsonNode tree(String text) throws IOException {
        return json.readTree(text);
    }
}
