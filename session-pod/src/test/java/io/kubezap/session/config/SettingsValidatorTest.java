package io.kubezap.session.config;

import io.kubezap.contract.EngineKind;
import io.kubezap.contract.PairingMethod;
import io.quarkus.runtime.configuration.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsValidatorTest {

    private final Map<String, String> env = new HashMap<>(Map.of(
            "session", "loja-01", "apiKey", "0123456789abcdef0123"));

    @TempDir
    Path dir;

    @Test
    void aCompleteEnvironmentBecomesSettings() {
        env.put("pairingMethod", "PairingCode");
        env.put("pairingPhone", "5511999999999");
        SessionSettings settings = SettingsValidator.validate(config());
        assertThat(settings.name()).isEqualTo("loja-01");
        assertThat(settings.namespace()).isEqualTo("default");
        assertThat(settings.pairingMethod()).isEqualTo(PairingMethod.PairingCode);
        assertThat(settings.engineSettings().pairingPhone()).contains("5511999999999");
        assertThat(settings.sendRatePerMinute()).isEqualTo(30);
    }

    @Test
    void theApiKeyCanComeFromAFile() throws IOException {
        env.remove("apiKey");
        Path file = Files.writeString(dir.resolve("api-key"), "from-the-secret-0123456\n");
        env.put("apiKeyFile", file.toString());
        assertThat(SettingsValidator.validate(config()).apiKey()).isEqualTo("from-the-secret-0123456");
    }

    @Test
    void eachWrongValueIsNamedInOneLine() {
        assertRejected("session", null, "KUBEZAP_SESSION is required");
        assertRejected("session", "Loja_01", "KUBEZAP_SESSION must be a DNS label");
        assertRejected("apiKey", null, "KUBEZAP_API_KEY is required");
        assertRejected("apiKeyFile", dir.resolve("missing").toString(), "KUBEZAP_API_KEY_FILE cannot be read");
        assertRejected("pairingMethod", "Telepathy", "KUBEZAP_PAIRING_METHOD must be QR or PairingCode");
        assertRejected("pairingPhone", "+5511999", "KUBEZAP_PAIRING_PHONE must be 8 to 15 digits");
        assertRejected("pairingPhone", "1234567", "KUBEZAP_PAIRING_PHONE must be 8 to 15 digits");
        assertRejected("sendRatePerMinute", "0", "KUBEZAP_SEND_RATE_PER_MINUTE must be a positive whole number");
        assertRejected("sendRatePerMinute", "fast", "KUBEZAP_SEND_RATE_PER_MINUTE must be a positive whole number");
        assertRejected("waVersion", "latest", "KUBEZAP_WA_VERSION must look like");
        assertRejected("waVersionUrl", "web.whatsapp.com/sw.js", "KUBEZAP_WA_VERSION_URL must be an http(s) URL");
        assertRejected("engine", "whatsmeow", "KUBEZAP_ENGINE must be Cobalt or Baileys");
        assertRejected("history", "all", "KUBEZAP_HISTORY must be None, Recent or Full");
    }

    @Test
    void theHistoryAskedForIsRecentUnlessChosen() {
        assertThat(SettingsValidator.validate(config()).engineSettings().history()).isEqualTo(io.kubezap.contract.HistoryDepth.Recent);
        env.put("history", " none ");
        assertThat(SettingsValidator.validate(config()).engineSettings().history()).isEqualTo(io.kubezap.contract.HistoryDepth.None);
    }

    @Test
    void theEngineIsCobaltUnlessBaileysIsChosen() {
        assertThat(SettingsValidator.validate(config()).engine()).isEqualTo(EngineKind.Cobalt);
        env.put("engine", " baileys ");
        assertThat(SettingsValidator.validate(config()).engine()).isEqualTo(EngineKind.Baileys);
    }

    @Test
    void withoutAWebVersionSetThePodLearnsOne() {
        assertThat(SettingsValidator.validate(config()).waVersion()).isEmpty();
        env.put("waVersion", " 2.3000.1030000001 ");
        assertThat(SettingsValidator.validate(config()).waVersion()).contains("2.3000.1030000001");
    }

    @Test
    void pairingCodeNeedsAPhone() {
        env.put("pairingMethod", "PairingCode");
        assertThatThrownBy(() -> SettingsValidator.validate(config()))
                .hasMessageContaining("KUBEZAP_PAIRING_PHONE is required when KUBEZAP_PAIRING_METHOD is PairingCode");
    }

    private void assertRejected(String key, String value, String message) {
        Map<String, String> saved = new HashMap<>(env);
        if (key.equals("apiKeyFile")) {
            env.remove("apiKey");
        }
        if (value == null) {
            env.remove(key);
        } else {
            env.put(key, value);
        }
        assertThatThrownBy(() -> SettingsValidator.validate(config()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration: " + message)
                .extracting(Throwable::getMessage).matches(m -> !m.contains("\n"), "one line");
        env.clear();
        env.putAll(saved);
    }

    private SessionConfig config() {
        Map<String, String> values = Map.copyOf(env);
        return new SessionConfig() {
            public Optional<String> session() { return Optional.ofNullable(values.get("session")); }
            public String namespace() { return values.getOrDefault("namespace", "default"); }
            public Optional<String> apiKey() { return Optional.ofNullable(values.get("apiKey")); }
            public Optional<String> apiKeyFile() { return Optional.ofNullable(values.get("apiKeyFile")); }
            public String dataDir() { return "data"; }
            public Optional<String> hostSessionsDir() { return Optional.empty(); }
            public String pairingMethod() { return values.getOrDefault("pairingMethod", "QR"); }
            public Optional<String> pairingPhone() { return Optional.ofNullable(values.get("pairingPhone")); }
            public String engine() { return values.getOrDefault("engine", "Cobalt"); }
            public String history() { return values.getOrDefault("history", "Recent"); }
            public long historyMaxMessages() { return 100_000; }
            public String baileysBridge() { return "baileys-bridge"; }
            public String baileysNode() { return "node"; }
            public String sendRatePerMinute() { return values.getOrDefault("sendRatePerMinute", "30"); }
            public Optional<String> waVersion() { return Optional.ofNullable(values.get("waVersion")); }
            public String waVersionUrl() { return values.getOrDefault("waVersionUrl", "https://web.whatsapp.com/sw.js"); }
            public Duration waVersionTimeout() { return Duration.ofSeconds(5); }
            public Optional<String> webhooksFile() { return Optional.empty(); }
            public Optional<String> eventSinksFile() { return Optional.empty(); }
            public boolean localMode() { return false; }
            public Optional<String> keyWrappingKeys() { return Optional.empty(); }
            public Optional<String> keyWrappingKmsKey() { return Optional.empty(); }
            public Optional<String> keyWrappingKmsEndpoint() { return Optional.empty(); }
            public boolean migrateOnly() { return false; }
            public Schema schema() {
                return new Schema() {
                    public boolean migrateAtStart() { return false; }
                    public Duration recheckInterval() { return Duration.ofSeconds(5); }
                };
            }
            public Proxy proxy() {
                return new Proxy() {
                    public Optional<String> url() { return Optional.empty(); }
                    public Optional<String> username() { return Optional.empty(); }
                    public Optional<String> password() { return Optional.empty(); }
                };
            }
            public Http http() {
                return null;
            }

            public Media media() {
                return null;
            }

            public Contacts contacts() {
                return null;
            }

            public Presence presence() {
                return new Presence() {
                    public boolean markOnlineOnConnect() { return false; }
                    public Duration typingBeforeSend() { return Duration.ZERO; }
                };
            }

            public Calls calls() {
                return null;
            }

            public Optional<String> autoReply() {
                return Optional.empty();
            }

            public Optional<String> autoReplyAiApiKey() {
                return Optional.empty();
            }

            public ReadReceipts readReceipts() {
                return null;
            }

            public Send send() {
                return new Send() {
                    public int maxAttempts() { return 5; }
                    public Duration retryInitialDelay() { return Duration.ofSeconds(2); }
                    public Duration retryMaxDelay() { return Duration.ofSeconds(60); }
                    public Duration timeout() { return Duration.ofSeconds(30); }
                };
            }

            // the groups SettingsValidator does not read
            public io.quarkus.runtime.configuration.MemorySize maxBodySize() { return null; }
            public Qr qr() { return null; }
            public PairingCode pairingCode() { return null; }
            public Login login() { return null; }
            public SettledCollection settledCollection() { return null; }
            public io.kubezap.contract.StorageMode storageMode() { return io.kubezap.contract.StorageMode.Volume; }
            public KeyStore keyStore() { return null; }
            public Optional<String> gatewayDatabasePassword() { return Optional.empty(); }
            public Optional<Boolean> pooledServerLogin() { return Optional.empty(); }
            public DatabaseSettings database() { return null; }
            public WebhookSettings webhook() { return null; }
            public SinkSettings sink() { return null; }
            public Events events() { return null; }
            public RetentionSettings retention() { return null; }
            public QuotaSettings storage() { return null; }
            public ChatwootSettings chatwoot() { return null; }
        };
    }
}
