package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.kubezap.api.v1alpha1.AutoReply;
import io.kubezap.api.v1alpha1.Calls;
import io.kubezap.api.v1alpha1.Media;
import io.kubezap.api.v1alpha1.Pairing;
import io.kubezap.api.v1alpha1.Presence;
import io.kubezap.api.v1alpha1.Proxy;
import io.kubezap.api.v1alpha1.ReadReceipts;
import io.kubezap.api.v1alpha1.Retention;
import io.kubezap.api.v1alpha1.S3Store;
import io.kubezap.api.v1alpha1.SendRateLimit;
import io.kubezap.api.v1alpha1.Storage;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.contract.EngineKind;
import io.kubezap.contract.HistoryDepth;
import io.kubezap.contract.MediaStorage;
import io.kubezap.contract.PairingMethod;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.contract.PodSetting;
import io.kubezap.contract.ProxyKind;
import io.kubezap.contract.StorageMode;
import io.kubezap.contract.payload.MediaPayload;
import io.kubezap.operator.config.OperatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each row of the pod's environment table: which spec field or setting it reads, and that it is left out when unset. */
class SessionPodEnvironmentTest {

    /**
     * One row of the table: the variable, the spec as the user writes it, the operator's settings, and the value the
     * pod gets ({@code secret/key} for a Secret reference; null: not set at all).
     */
    record Case(String variable, Consumer<WhatsAppSessionSpec> spec, Map<String, String> settings, String expected) {

        @Override
        public String toString() {
            return variable + " = " + expected;
        }
    }

    private static final Consumer<WhatsAppSessionSpec> DEFAULT_SPEC = spec -> { };
    private static final Consumer<WhatsAppSessionSpec> S3 = media(m -> {
        m.setStore(MediaStorage.Kind.S3);
        m.setS3(TestSessions.s3Store());
    });

    private static Consumer<WhatsAppSessionSpec> proxy(ProxyKind type, String host, int port) {
        return spec -> {
            Proxy proxy = new Proxy();
            proxy.setType(type);
            proxy.setHost(host);
            proxy.setPort(port);
            spec.setProxy(proxy);
        };
    }

    static Stream<Case> rows() {
        return Stream.of(
                new Case(PodEnvironment.SESSION, DEFAULT_SPEC, Map.of(), "loja-01"),
                new Case(PodEnvironment.NAMESPACE, DEFAULT_SPEC, Map.of(), "shop"),
                new Case(PodEnvironment.API_KEY, DEFAULT_SPEC, Map.of(), "secret:loja-01-api-key/api-key"),
                new Case(PodEnvironment.DATA_DIR, DEFAULT_SPEC, Map.of(), "/var/lib/kubezap"),
                new Case(PodEnvironment.PAIRING_METHOD, DEFAULT_SPEC, Map.of(), "QR"),
                new Case(PodEnvironment.PAIRING_METHOD,
                        spec -> spec.setPairing(new Pairing(PairingMethod.PairingCode, "5511999999999")), Map.of(), "PairingCode"),
                new Case(PodEnvironment.PAIRING_PHONE,
                        spec -> spec.setPairing(new Pairing(PairingMethod.PairingCode, "5511999999999")), Map.of(), "5511999999999"),
                new Case(PodEnvironment.PAIRING_PHONE,
                        spec -> spec.setPairing(new Pairing(PairingMethod.QR, "5511999999999")), Map.of(), null),
                new Case(PodEnvironment.PAIRING_PHONE, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.ENGINE, spec -> spec.setEngine(EngineKind.Baileys), Map.of(), "Baileys"),
                new Case(PodEnvironment.ENGINE, spec -> spec.setEngine(EngineKind.Cobalt), Map.of(), null),
                new Case(PodEnvironment.ENGINE, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.HISTORY, spec -> spec.setHistory(HistoryDepth.Full), Map.of(), "Full"),
                new Case(PodEnvironment.HISTORY, spec -> spec.setHistory(HistoryDepth.None), Map.of(), "None"),
                new Case(PodEnvironment.HISTORY, spec -> spec.setHistory(HistoryDepth.Recent), Map.of(), null),
                new Case(PodEnvironment.HISTORY, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.SEND_RATE_PER_MINUTE, DEFAULT_SPEC, Map.of(), "30"),
                new Case(PodEnvironment.SEND_RATE_PER_MINUTE, spec -> spec.setSendRateLimit(new SendRateLimit(5)), Map.of(), "5"),
                new Case(PodEnvironment.WA_VERSION, DEFAULT_SPEC, Map.of("kubezap.session.wa-version", "2.3000.1"), "2.3000.1"),
                new Case(PodEnvironment.WA_VERSION, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.WA_VERSION, spec -> spec.setWebVersion("2.3000.1030000001"),
                        Map.of("kubezap.session.wa-version", "2.3000.1"), "2.3000.1030000001"),
                new Case(PodEnvironment.WEBHOOKS_FILE, DEFAULT_SPEC, Map.of(), "/etc/kubezap/webhooks/webhooks.json"),
                new Case(PodEnvironment.EVENT_SINKS_FILE, spec -> {
                    var sink = new io.kubezap.api.v1alpha1.EventSink();
                    sink.setName("orders");
                    sink.setKind(io.kubezap.contract.EventSinkFile.Kind.NATS);
                    sink.setAddress("nats://nats:4222");
                    sink.setDestination("whatsapp");
                    var events = new io.kubezap.api.v1alpha1.Events();
                    events.setSinks(List.of(sink));
                    spec.setEvents(events);
                }, Map.of(), "/etc/kubezap/sinks/sinks.json"),
                new Case(PodEnvironment.EVENT_SINKS_FILE, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.EVENT_SINKS_FILE, DEFAULT_SPEC, Map.of("kubezap.session.event-sinks",
                        "[{\"name\":\"platform\",\"kind\":\"NATS\",\"address\":\"nats://nats:4222\",\"destination\":\"all\"}]"),
                        "/etc/kubezap/sinks/sinks.json"),
                new Case(PodEnvironment.MEDIA_AUTO_DOWNLOAD_MAX, media(m -> m.setAutoDownloadMaxSize("8Mi")), Map.of(), "8388608"),
                new Case(PodEnvironment.MEDIA_AUTO_DOWNLOAD_MAX, media(m -> m.setRetention("7d")), Map.of(), null),
                new Case(PodEnvironment.MEDIA_RETENTION, media(m -> m.setRetention("7d")), Map.of(), "7d"),
                new Case(PodEnvironment.MEDIA_RETENTION, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.MEDIA_RETENTION, retention(r -> r.setMedia("90d")), Map.of(), "90d"),
                new Case(PodEnvironment.MEDIA_RETENTION, retention(r -> r.setMedia("90d")).andThen(media(m -> m.setRetention("7d"))),
                        Map.of(), "90d"),
                new Case(PodEnvironment.MEDIA_STORE_MAX, media(m -> m.setMaxStoreSize("1Gi")), Map.of(), "1073741824"),
                new Case(PodEnvironment.MEDIA_STORE_MAX, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.MEDIA_STORE, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.MEDIA_STORE, media(m -> m.setStore(MediaStorage.Kind.Volume)), Map.of(), "Volume"),
                new Case(PodEnvironment.MEDIA_STORE, S3, Map.of(), "S3"),
                new Case(PodEnvironment.MEDIA_S3_BUCKET, S3, Map.of(), "shop-media"),
                new Case(PodEnvironment.MEDIA_S3_BUCKET, media(m -> {
                    m.setStore(MediaStorage.Kind.Volume);
                    m.setS3(TestSessions.s3Store());
                }), Map.of(), null),
                new Case(PodEnvironment.MEDIA_S3_PREFIX, S3, Map.of(), "shop/loja-01"),
                new Case(PodEnvironment.MEDIA_S3_ENDPOINT, S3, Map.of(), "http://minio.storage:9000"),
                new Case(PodEnvironment.MEDIA_S3_REGION, S3, Map.of(), "eu-west-1"),
                new Case(PodEnvironment.MEDIA_S3_REGION, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.MEDIA_S3_PATH_STYLE, S3, Map.of(), "true"),
                new Case(PodEnvironment.MEDIA_S3_ACCESS_KEY, S3, Map.of(), "secret:media-store/access"),
                new Case(PodEnvironment.MEDIA_S3_ACCESS_KEY, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.MEDIA_S3_SECRET_KEY, S3, Map.of(), "secret:media-store/secret"),
                new Case(PodEnvironment.MEDIA_S3_SECRET_KEY, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.MEDIA_S3_SERVER_SIDE_ENCRYPTION, S3, Map.of(), "AES256"),
                new Case(PodEnvironment.MEDIA_S3_PRESIGN_EXPIRY, S3, Map.of(), "10m"),
                new Case(PodEnvironment.MEDIA_URL_ALLOW_LIST, DEFAULT_SPEC,
                        Map.of("kubezap.session.media-url-allow-list", "10.20.0.0/16,files.internal"), "10.20.0.0/16,files.internal"),
                new Case(PodEnvironment.MEDIA_URL_ALLOW_LIST, media(m -> m.setAllowPrivateUrls(true)), Map.of(), null),
                new Case(PodEnvironment.MEDIA_URL_ALLOW_LIST, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.WEBHOOK_DENY_LIST, DEFAULT_SPEC,
                        Map.of("kubezap.session.webhook-deny-list", "10.96.0.0/12,kubernetes.default.svc"),
                        "10.96.0.0/12,kubernetes.default.svc"),
                new Case(PodEnvironment.WEBHOOK_DENY_LIST, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.RETENTION_MESSAGES, retention(r -> r.setMessages("730d")), Map.of(), "730d"),
                new Case(PodEnvironment.RETENTION_MESSAGES, retention(r -> r.setEvents("1d")), Map.of(), null),
                new Case(PodEnvironment.RETENTION_EVENTS, retention(r -> r.setEvents("1d")), Map.of(), "1d"),
                new Case(PodEnvironment.RETENTION_EVENTS, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.RETENTION_WEBHOOK_DELIVERIES, retention(r -> r.setWebhookDeliveries("12h")), Map.of(), "12h"),
                new Case(PodEnvironment.RETENTION_WEBHOOK_DELIVERIES, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.STORAGE_QUOTA, spec -> {
                    Storage storage = new Storage();
                    storage.setQuota("5Gi");
                    spec.setStorage(storage);
                }, Map.of(), "5368709120"),
                new Case(PodEnvironment.STORAGE_QUOTA, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.STORAGE_MODE, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.STORAGE_MODE, DEFAULT_SPEC, Map.of("kubezap.session.storage-mode", "Database"), "Database"),
                new Case(PodEnvironment.STORAGE_MODE, spec -> {
                    Storage storage = new Storage();
                    storage.setMode(StorageMode.Database);
                    spec.setStorage(storage);
                }, Map.of(), "Database"),
                new Case(PodEnvironment.STORAGE_MODE, spec -> {
                    Storage storage = new Storage();
                    storage.setMode(StorageMode.Volume);
                    spec.setStorage(storage);
                }, Map.of("kubezap.session.storage-mode", "Database"), null),
                new Case(PodEnvironment.STORAGE_MODE, spec -> spec.setEngine(EngineKind.Baileys),
                        Map.of("kubezap.session.storage-mode", "Database"), null),
                new Case(PodEnvironment.CALLS_AUTO_REJECT, autoReject(a -> a.setEnabled(true)), Map.of(), "true"),
                new Case(PodEnvironment.CALLS_AUTO_REJECT, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.CALLS_AUTO_REJECT_MESSAGE, autoReject(a -> a.setMessage("Só por escrito.")), Map.of(),
                        "Só por escrito."),
                new Case(PodEnvironment.CALLS_AUTO_REJECT_MESSAGE, autoReject(a -> a.setMessage("  ")), Map.of(), null),
                new Case(PodEnvironment.PROXY_URL, spec -> spec.setProxy(TestSessions.socksProxy()), Map.of(), "socks5://proxy.example.net:1080"),
                new Case(PodEnvironment.PROXY_URL, proxy(ProxyKind.HTTP, "10.0.0.8", 3128), Map.of(), "http://10.0.0.8:3128"),
                new Case(PodEnvironment.PROXY_URL, proxy(ProxyKind.HTTP, "fd00::8", 3128), Map.of(), "http://[fd00::8]:3128"),
                new Case(PodEnvironment.PROXY_URL, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.PROXY_USERNAME, spec -> spec.setProxy(TestSessions.socksProxy()), Map.of(), "secret:proxy-credentials/username"),
                new Case(PodEnvironment.PROXY_USERNAME, proxy(ProxyKind.HTTP, "10.0.0.8", 3128), Map.of(), null),
                new Case(PodEnvironment.PROXY_PASSWORD, spec -> spec.setProxy(TestSessions.socksProxy()), Map.of(), "secret:proxy-credentials/password"),
                new Case(PodEnvironment.PROXY_PASSWORD, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.PRESENCE_MARK_ONLINE_ON_CONNECT, spec -> {
                    Presence presence = new Presence();
                    presence.setMarkOnlineOnConnect(true);
                    spec.setPresence(presence);
                }, Map.of(), "true"),
                new Case(PodEnvironment.PRESENCE_MARK_ONLINE_ON_CONNECT, spec -> spec.setPresence(new Presence()), Map.of(), null),
                new Case("KUBEZAP_PRESENCE_TYPING_BEFORE_SEND", spec -> {
                    Presence presence = new Presence();
                    presence.setTypingBeforeSend("1500ms");
                    spec.setPresence(presence);
                }, Map.of(), "1500ms"),
                new Case("KUBEZAP_PRESENCE_TYPING_BEFORE_SEND", spec -> spec.setPresence(new Presence()), Map.of(), null),
                new Case("KUBEZAP_READ_RECEIPTS_AUTO_MARK_READ", spec -> {
                    ReadReceipts receipts = new ReadReceipts();
                    receipts.setAutoMarkRead(io.kubezap.contract.AutoMarkRead.Direct);
                    spec.setReadReceipts(receipts);
                }, Map.of(), "Direct"),
                new Case("KUBEZAP_READ_RECEIPTS_AUTO_MARK_READ", spec -> spec.setReadReceipts(new ReadReceipts()), Map.of(), null),
                new Case("KUBEZAP_READ_RECEIPTS_SEND", spec -> {
                    ReadReceipts receipts = new ReadReceipts();
                    receipts.setSend(false);
                    spec.setReadReceipts(receipts);
                }, Map.of(), "false"),
                new Case("KUBEZAP_READ_RECEIPTS_SEND", DEFAULT_SPEC, Map.of(), null),
                new Case("KUBEZAP_CHATWOOT_URL", spec -> spec.setChatwoot(TestSessions.chatwoot()), Map.of(), "https://chatwoot.example.com"),
                new Case("KUBEZAP_CHATWOOT_URL", DEFAULT_SPEC, Map.of(), null),
                new Case("KUBEZAP_CHATWOOT_ACCOUNT_ID", spec -> spec.setChatwoot(TestSessions.chatwoot()), Map.of(), "3"),
                new Case("KUBEZAP_CHATWOOT_API_ACCESS_TOKEN", spec -> spec.setChatwoot(TestSessions.chatwoot()), Map.of(), "secret:chatwoot-token/token"),
                new Case("KUBEZAP_CHATWOOT_API_ACCESS_TOKEN", DEFAULT_SPEC, Map.of(), null),
                new Case("KUBEZAP_CHATWOOT_INBOX_NAME", spec -> spec.setChatwoot(TestSessions.chatwoot()), Map.of(), "WhatsApp da Loja"),
                new Case("KUBEZAP_CHATWOOT_INBOX_ID", spec -> spec.setChatwoot(TestSessions.chatwoot()), Map.of(), null),
                new Case("KUBEZAP_CHATWOOT_WEBHOOK_BASE_URL", spec -> spec.setChatwoot(TestSessions.chatwoot()), Map.of(), null),
                new Case("KUBEZAP_CHATWOOT_WEBHOOK_SECRET", spec -> spec.setChatwoot(TestSessions.chatwoot()), Map.of(), null),
                new Case("KUBEZAP_CHATWOOT_WEBHOOK_SECRET", spec -> {
                    io.kubezap.api.v1alpha1.Chatwoot chatwoot = TestSessions.chatwoot();
                    chatwoot.setWebhookSecretRef(new io.kubezap.api.v1alpha1.SecretKeyRef("chatwoot-token", "webhook-secret"));
                    spec.setChatwoot(chatwoot);
                }, Map.of(), "secret:chatwoot-token/webhook-secret"),
                new Case("KUBEZAP_CHATWOOT_IMPORT_MESSAGES", spec -> spec.setChatwoot(TestSessions.chatwoot()), Map.of(), null),
                new Case("KUBEZAP_CHATWOOT_IMPORT_MESSAGES", spec -> {
                    io.kubezap.api.v1alpha1.Chatwoot chatwoot = TestSessions.chatwoot();
                    chatwoot.setImportMessages(true);
                    chatwoot.setDaysLimitImportMessages(7);
                    spec.setChatwoot(chatwoot);
                }, Map.of(), "true"),
                new Case("KUBEZAP_CHATWOOT_DAYS_LIMIT_IMPORT_MESSAGES", spec -> {
                    io.kubezap.api.v1alpha1.Chatwoot chatwoot = TestSessions.chatwoot();
                    chatwoot.setDaysLimitImportMessages(7);
                    spec.setChatwoot(chatwoot);
                }, Map.of(), "7"),
                new Case("KUBEZAP_AUTO_REPLY", spec -> {
                    AutoReply autoReply = new AutoReply();
                    autoReply.setTimeZone("America/Sao_Paulo");
                    AutoReply.AutoReplyRule rule = new AutoReply.AutoReplyRule();
                    rule.setName("prices");
                    rule.setKeywords(List.of("preço"));
                    rule.setReply("Tabela \"nova\"");
                    autoReply.setRules(List.of(rule));
                    spec.setAutoReply(autoReply);
                }, Map.of(), "{\"timeZone\":\"America/Sao_Paulo\",\"rules\":[{\"name\":\"prices\",\"keywords\":[\"preço\"],"
                        + "\"reply\":\"Tabela \\\"nova\\\"\"}]}"),
                new Case("KUBEZAP_AUTO_REPLY", DEFAULT_SPEC, Map.of(), null),
                new Case("KUBEZAP_AUTO_REPLY_AI_API_KEY", DEFAULT_SPEC, Map.of(), null),
                new Case("KUBEZAP_AUTO_REPLY_AI_API_KEY", spec -> {
                    io.kubezap.api.v1alpha1.AiResponder ai = new io.kubezap.api.v1alpha1.AiResponder();
                    ai.setBaseUrl("https://api.openai.com/v1");
                    ai.setModel("gpt-4o-mini");
                    ai.setApiKeyRef(new io.kubezap.api.v1alpha1.SecretKeyRef("openai", "api-key"));
                    io.kubezap.api.v1alpha1.AutoReply autoReply = new io.kubezap.api.v1alpha1.AutoReply();
                    autoReply.setAi(ai);
                    spec.setAutoReply(autoReply);
                }, Map.of(), "secret:openai/api-key"),
                new Case("KUBEZAP_EVENTS_PAYLOAD_MEDIA", payload(p -> p.setMedia(MediaPayload.Base64)), Map.of(), "Base64"),
                new Case("KUBEZAP_EVENTS_PAYLOAD_MEDIA", DEFAULT_SPEC, Map.of(), null),
                new Case("KUBEZAP_EVENTS_PAYLOAD_BASE64_MAX_SIZE", payload(p -> p.setBase64MaxSize("2Mi")), Map.of(), "2097152"),
                new Case("KUBEZAP_EVENTS_PAYLOAD_BASE64_MAX_SIZE", DEFAULT_SPEC, Map.of(), null),
                new Case("KUBEZAP_EVENTS_PAYLOAD_MEDIA_URL_EXPIRY", payload(p -> p.setMediaUrlExpiry("15m")), Map.of(), "15m"),
                new Case("KUBEZAP_EVENTS_PAYLOAD_MEDIA_URL_EXPIRY", DEFAULT_SPEC, Map.of(), null),
                new Case("KUBEZAP_EVENTS_PAYLOAD_RAW", payload(p -> p.setRaw(true)), Map.of(), "true"),
                new Case("KUBEZAP_EVENTS_PAYLOAD_RAW", DEFAULT_SPEC, Map.of(), null),
                new Case("KUBEZAP_EVENTS_PAYLOAD_MEDIA_URL_BASE", DEFAULT_SPEC,
                        Map.of("kubezap.session.media-url-base", "https://zap.example.com/"),
                        "https://zap.example.com/api/v1/namespaces/shop/sessions/loja-01"),
                new Case("KUBEZAP_EVENTS_PAYLOAD_MEDIA_URL_BASE", DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.DATABASE_URL, DEFAULT_SPEC, Map.of(), "secret:loja-01-database/jdbc-uri"),
                new Case(PodEnvironment.DATABASE_URL, DEFAULT_SPEC, Map.of("kubezap.database.url-key", "url"),
                        "secret:loja-01-database/url"),
                new Case(PodEnvironment.DATABASE_USERNAME, DEFAULT_SPEC, Map.of("kubezap.database.username-key", "user"),
                        "secret:loja-01-database/user"),
                new Case(PodEnvironment.DATABASE_PASSWORD, DEFAULT_SPEC, Map.of("kubezap.database.password-key", "pw"),
                        "secret:loja-01-database/pw"),
                new Case(PodEnvironment.DATABASE_TOKEN, DEFAULT_SPEC, Map.of(), "secret:loja-01-database/token"),
                new Case(PodEnvironment.KEY_WRAPPING_KEYS, DEFAULT_SPEC, Map.of(), "secret:kubezap-key-wrapping/keys"),
                new Case(PodEnvironment.DATABASE_POOL_MAX, DEFAULT_SPEC, Map.of("kubezap.session.database-pool-max", "2"), "2"),
                new Case(PodEnvironment.DATABASE_POOL_MAX, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.DATABASE_POOL_MIN, DEFAULT_SPEC, Map.of("kubezap.session.database-pool-min", "1"), "1"),
                new Case(PodEnvironment.DATABASE_POOL_MIN, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.KEY_WRAPPING_KMS_KEY, DEFAULT_SPEC,
                        Map.of("kubezap.session.key-wrapping-kms-key", "arn:aws:kms:eu-west-1:111122223333:alias/kubezap"),
                        "arn:aws:kms:eu-west-1:111122223333:alias/kubezap"),
                new Case(PodEnvironment.KEY_WRAPPING_KMS_KEY, DEFAULT_SPEC, Map.of(), null),
                new Case(PodEnvironment.KEY_WRAPPING_KMS_ENDPOINT, DEFAULT_SPEC,
                        Map.of("kubezap.session.key-wrapping-kms-endpoint", "https://kms.example"), "https://kms.example"),
                new Case(PodEnvironment.HTTP_PORT, DEFAULT_SPEC, Map.of(), "8080"),
                new Case(PodEnvironment.MANAGEMENT_PORT, DEFAULT_SPEC, Map.of(), "9000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachVariableComesFromItsSpecFieldOrSetting(Case row) {
        WhatsAppSession session = TestSessions.session("loja-01");
        row.spec().accept(session.getSpec());
        OperatorConfig config = TestSessions.config(row.settings());

        Optional<EnvVar> variable = SessionPodEnvironment.of(
                        new SessionPodEnvironment.Source(session, config.session(), config.database()))
                .stream().filter(e -> e.getName().equals(row.variable())).findFirst();

        assertThat(variable.map(SessionPodEnvironmentTest::value)).isEqualTo(Optional.ofNullable(row.expected()));
    }

    @Test
    void everyRowOfTheTableIsTestedAboveAndNamedOnce() {
        List<String> table = SessionPodEnvironment.names();

        assertThat(table).doesNotHaveDuplicates();
        assertThat(rows().map(Case::variable).distinct()).containsExactlyInAnyOrderElementsOf(table);
    }

    /** The operator gives a value to every row but the pod's own, and none to those (a forgotten line does not compile). */
    @Test
    void onlyThePodsOwnRowsHaveNoValueInTheOperator() {
        OperatorConfig config = TestSessions.config(Map.of());
        SessionPodEnvironment.Source source = new SessionPodEnvironment.Source(TestSessions.session("loja-01"), config.session(),
                config.database());

        for (PodSetting setting : PodSetting.values()) {
            if (setting.from() == PodSetting.From.POD) {
                assertThatThrownBy(() -> PodSettingValues.of(setting, source)).as("%s", setting)
                        .isInstanceOf(IllegalArgumentException.class);
            } else {
                assertThatCode(() -> PodSettingValues.of(setting, source)).as("%s", setting).doesNotThrowAnyException();
            }
        }
    }

    private static String value(EnvVar variable) {
        if (variable.getValueFrom() == null) {
            return variable.getValue();
        }
        var ref = variable.getValueFrom().getSecretKeyRef();
        return "secret:" + ref.getName() + "/" + ref.getKey();
    }

    private static Consumer<WhatsAppSessionSpec> retention(Consumer<Retention> set) {
        return spec -> {
            if (spec.getRetention() == null) {
                spec.setRetention(new Retention());
            }
            set.accept(spec.getRetention());
        };
    }

    private static Consumer<WhatsAppSessionSpec> payload(Consumer<io.kubezap.api.v1alpha1.EventPayload> set) {
        return spec -> {
            io.kubezap.api.v1alpha1.EventPayload payload = new io.kubezap.api.v1alpha1.EventPayload();
            set.accept(payload);
            io.kubezap.api.v1alpha1.Events events = new io.kubezap.api.v1alpha1.Events();
            events.setPayload(payload);
            spec.setEvents(events);
        };
    }

    private static Consumer<WhatsAppSessionSpec> media(Consumer<Media> set) {
        return spec -> {
            Media media = new Media();
            set.accept(media);
            spec.setMedia(media);
        };
    }

    private static Consumer<WhatsAppSessionSpec> autoReject(Consumer<Calls.AutoReject> set) {
        return spec -> {
            Calls.AutoReject autoReject = new Calls.AutoReject();
            set.accept(autoReject);
            Calls calls = new Calls();
            calls.setAutoReject(autoReject);
            spec.setCalls(calls);
        };
    }
}
