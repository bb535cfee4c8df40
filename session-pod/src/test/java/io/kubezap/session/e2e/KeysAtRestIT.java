package io.kubezap.session.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.EngineKind;
import io.kubezap.session.keystore.sealing.KeyMaterialCipher;
import io.kubezap.session.keystore.sealing.WrappingKeysSettings;
import io.kubezap.session.keystore.sealing.KeyOwner;
import io.kubezap.session.testing.LocalKms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.controller.KeysSpec;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identities encrypted at rest (issue 71, item 4), attacked as someone who got the session's volume, its database and
 * a dump of it: the packaged pod is linked against wa-simulator with the cluster's wrapping key set
 * ({@code KUBEZAP_KEY_WRAPPING_KEYS}), writes and reads texts (Signal sessions made), and is stopped. The private keys
 * the engine uses (identity, noise, signed pre-key and pre-keys) are taken from its key store, opened with that
 * wrapping key, and looked for, as bytes, base64 and hex, in every file of the volume,
 * in every table of the database as {@code pg_dump} writes their data ({@code COPY ... TO STDOUT}; the embedded
 * server's binaries have no {@code pg_dump}, and the Debian one here is older than the server). None is there. Then the
 * pod starts again on the sealed store and comes back linked, without a QR. Cobalt runs in storage mode Database (the
 * copy in PostgreSQL is the source of truth), Baileys on its volume (its adapter keeps no copy in the database). Cobalt's
 * data key is wrapped by the Secret's key, Baileys' by AWS KMS ({@code KUBEZAP_KEY_WRAPPING_KMS_KEY}, a stand-in
 * speaking KMS' wire protocol on loopback): sealing is the engines' shared code, so each wrapping runs once.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class KeysAtRestIT {

    private static final String WRAPPING_KEYS = "e2e-1:" + newKey();
    private static LocalKms kms;

    @BeforeAll
    static void startKms() throws IOException {
        kms = LocalKms.start();
    }

    @AfterAll
    static void stopKms() {
        kms.close();
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"Cobalt", "Baileys"})
    void noKeyOfTheSessionIsOnTheVolumeNorInTheDatabaseNorItsDumpInTheClearAndTheSessionComesBackLinked(EngineKind engine)
            throws Exception {
        var owner = engine == EngineKind.Cobalt ? "5511999990711" : "5511999990712";
        var customer = engine == EngineKind.Cobalt ? "5511988880711" : "5511988880712";
        var wrapping = engine == EngineKind.Cobalt ? Map.of("KUBEZAP_KEY_WRAPPING_KEYS", WRAPPING_KEYS)
                : Map.of("KUBEZAP_KEY_WRAPPING_KMS_KEY", kms.aliasArn, "KUBEZAP_KEY_WRAPPING_KMS_ENDPOINT", kms.endpoint().toString(),
                        "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "stand-in");
        var environment = new HashMap<>(BaileysBridge.environment(engine, wrapping));
        if (engine == EngineKind.Cobalt) {
            environment.put("KUBEZAP_STORAGE_MODE", "Database");
        }
        Path workDir = Files.createTempDirectory(Path.of("target"), "keys-at-rest-it-" + engine + "-");
        try (var world = PodAgainstSimulator.create(workDir, "loja-71-" + engine.name().toLowerCase(), environment)) {
            world.startLinked(owner, customer);
            world.phoneWritesAndTheSessionStoresIt(customer, owner, "Oi, vocês abrem amanhã?");
            new Conversation(world).sendThroughApiUntilThePhoneHasIt(customer, "Abrimos às 9h");
            long before = world.lastEventId();
            world.stopPod();

            var secrets = engine == EngineKind.Cobalt ? cobaltKeys(world.keyStore()) : baileysKeys(world.keyStore());
            assertThat(secrets).as("private keys the engine uses").hasSizeGreaterThanOrEqualTo(3);
            assertThat(foundIn(volume(world.dataDir()), secrets)).as("key material in the clear on the volume").isEmpty();
            assertThat(foundIn(dump(world), secrets)).as("key material in the clear in the database's dump").isEmpty();
            if (engine == EngineKind.Baileys) {
                assertThat(kms.requestsOf("Encrypt")).as("the pod had KMS wrap its data key").isNotEmpty();
            }

            world.startPod();
            world.awaitPhase("Connected");
            assertThat(world.eventsAfter("session.qr", before)).as("no QR: the device stayed linked").isEmpty();
            world.phoneWritesAndTheSessionStoresIt(customer, owner, "Perfeito, obrigado!");
        }
    }

    /** Cobalt's private keys, from its keys file opened with the test's wrapping key (a clear file opens as it is). */
    private static Map<String, byte[]> cobaltKeys(Path keyStore) throws IOException {
        var device = Files.readString(keyStore.resolve("session-id")).strip();
        var keys = KeysSpec.decode(ProtobufInputStream.fromStream(new ByteArrayInputStream(
                opened(keyStore.resolve("web").resolve(device).resolve("keys.proto")))));
        Map<String, byte[]> found = new java.util.TreeMap<>(Map.of("identity", keys.identityKeyPair().privateKey(),
                "noise", keys.noiseKeyPair().privateKey(), "signed pre-key", keys.signedKeyPair().privateKey()));
        keys.preKeys().forEach(preKey -> found.put("pre-key " + preKey.id(), preKey.privateKey()));
        return found;
    }

    /**
     * Every private key of Baileys' auth state (identity, noise, signed pre-key, pre-keys): a Buffer named {@code private}
     * (as JSON: {@code {"type":"Buffer","data":"<base64>"}}). Public keys are left out: the QR, which session.qr events
     * carry, shows the identity's and the noise key's by design.
     */
    private static Map<String, byte[]> baileysKeys(Path keyStore) throws IOException {
        Map<String, byte[]> found = new java.util.TreeMap<>();
        privateKeys("", new ObjectMapper().readTree(opened(keyStore.resolve("auth.json"))), found);
        return found;
    }

    private static void privateKeys(String path, JsonNode node, Map<String, byte[]> found) {
        node.fields().forEachRemaining(field -> {
            var value = field.getValue();
            if (field.getKey().equals("private") && "Buffer".equals(value.path("type").asText())) {
                found.put(path, Base64.getDecoder().decode(value.path("data").asText()));
            } else if (value.isObject()) {
                privateKeys(path + "/" + field.getKey(), value, found);
            }
        });
    }

    /**
     * Opening needs only the wrapping keys (the Secret's or KMS'): each sealed file carries its wrapped data key, which
     * KMS opens for the session it was wrapped for (the Baileys pod's).
     */
    private static byte[] opened(Path file) throws IOException {
        var wrappingKeys = new WrappingKeysSettings(java.util.Optional.of(WRAPPING_KEYS), java.util.Optional.of(kms.aliasArn),
                java.util.Optional.of(kms.endpoint().toString()),
                new KeyOwner(PodAgainstSimulator.NAMESPACE, "loja-71-" + EngineKind.Baileys.name().toLowerCase())).wrappingKeys();
        return new KeyMaterialCipher(wrappingKeys, null).open(Files.readAllBytes(file));
    }

    private static String volume(Path dataDir) throws IOException {
        var all = new StringBuilder();
        try (var files = Files.walk(dataDir)) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }

    /** Every table's data as pg_dump writes it. */
    private static String dump(PodAgainstSimulator world) throws SQLException, IOException {
        var dump = new StringWriter();
        try (var connection = world.podDatabase().getConnection();
             var tables = connection.createStatement().executeQuery("select format('%I.%I', schemaname, tablename) from pg_tables"
                     + " where schemaname not in ('pg_catalog', 'information_schema') order by 1")) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            int count = 0;
            while (tables.next()) {
                dump.append("COPY ").append(tables.getString(1)).append(" FROM stdin;\n");
                copy.copyOut("COPY " + tables.getString(1) + " TO STDOUT", dump);
                count++;
            }
            assertThat(count).as("tables dumped").isGreaterThan(10);
        }
        assertThat(dump.toString()).as("the key store's copy is in the dump").contains("key_store_mirrors");
        return dump.toString();
    }

    /** Each secret's bytes, base64 and hex ({@code bytea} in a dump) found in {@code haystack}. */
    private static List<String> foundIn(String haystack, Map<String, byte[]> secrets) {
        List<String> found = new ArrayList<>();
        secrets.forEach((name, secret) -> Map.of("bytes", new String(secret, StandardCharsets.ISO_8859_1),
                        "base64", Base64.getEncoder().withoutPadding().encodeToString(secret),
                        "hex", HexFormat.of().formatHex(secret))
                .forEach((form, value) -> {
                    if (haystack.contains(value)) {
                        found.add(form + " of " + name);
                    }
                }));
        return found;
    }

    private static String newKey() {
        var key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
