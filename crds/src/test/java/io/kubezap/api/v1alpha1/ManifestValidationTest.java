package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.api.v1alpha1.validation.CrdSchemaValidator;
import com.fasterxml.jackson.databind.MappingIterator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped examples are valid sessions; typical mistakes are rejected, each by the rule meant for it. */
class ManifestValidationTest {

    private static final CrdSchemaValidator VALIDATOR = CrdSchemaValidator.of(CrdFiles.generatedCrd(), "v1alpha1");

    @ParameterizedTest
    @ValueSource(strings = {"session-qr.yaml", "session-pairing-code.yaml", "session-suspended.yaml", "session-pod-template.yaml",
            "session-event-sinks.yaml", "session-media-s3.yaml", "session-proxy.yaml", "session-event-filters.yaml",
            "session-webhook-auth.yaml", "session-chatwoot.yaml", "session-auto-reply.yaml", "session-event-payload.yaml"})
    void examplesDeserializeAndPassTheSchemaAndCelRules(String example) throws IOException {
        List<JsonNode> sessions = sessionsIn(CrdFiles.repositoryRoot().resolve("examples").resolve(example));
        assertThat(sessions).as("WhatsAppSession documents in %s", example).isNotEmpty();
        for (JsonNode manifest : sessions) {
            WhatsAppSession session = CrdFiles.YAML.treeToValue(manifest, WhatsAppSession.class);
            assertThat(session.getMetadata().getName()).isNotBlank();
            assertThat(VALIDATOR.validate(manifest)).as("violations in %s", example).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} is rejected by {1} at {2}")
    @CsvSource({
            "pairing-code-without-phone.yaml, cel,     $.spec.pairing,                  phoneNumber is required when pairing.method is PairingCode",
            "phone-with-letters.yaml,         pattern, $.spec.pairing.phoneNumber,      ^[0-9]{8,15}$",
            "phone-with-plus.yaml,            pattern, $.spec.pairing.phoneNumber,      ^[0-9]{8,15}$",
            "unknown-pairing-method.yaml,     enum,    $.spec.pairing.method,           PairingCode",
            "negative-rate-limit.yaml,        minimum, $.spec.sendRateLimit.perMinute,  1",
            "webhook-not-http.yaml,           pattern, $.spec.webhooks[0].url,          https?",
            "webhook-unknown-event.yaml,      cel,     $.spec.webhooks[0].events,       unknown event type",
            "webhook-filter-unknown-chat.yaml, cel,    $.spec.webhooks[0].filter.excludeChats, 'a chat is groups, direct, status, newsletters'",
            "webhook-filter-included-and-excluded.yaml, cel, $.spec.webhooks[0].filter, 'a chat is either in filter.chats or in filter.excludeChats'",
            "sink-filter-unknown-direction.yaml, enum, $.spec.events.sinks[0].filter.direction, Incoming",
            "webhook-auth-two-kinds.yaml,     cel,     $.spec.webhooks[0].auth,         exactly one of bearer, basic or oauth2",
            "webhook-header-reserved.yaml,    cel,     $.spec.webhooks[0].headers,      the delivery sets this header itself",
            "webhook-header-bad-name.yaml,    cel,     $.spec.webhooks[0].headers,      RFC 9110 token",
            "webhook-oauth2-without-secret.yaml, required, $.spec.webhooks[0].auth.oauth2, clientSecretRef",
            "secret-ref-without-key.yaml,     required, $.spec.webhooks[0].secretRef,   key",
            "name-too-long.yaml,              cel,     $,                               at most 52",
            "name-starts-with-digit.yaml,     cel,     $,                               start with a letter",
            "name-with-dot.yaml,              cel,     $,                               lower-case letters, digits or '-'",
            "media-retention-not-a-duration.yaml, pattern, $.spec.media.retention,      (m|h|d)",
            "retention-not-a-duration.yaml,   pattern, $.spec.retention.events,         (m|h|d)",
            "media-size-not-a-quantity.yaml,  pattern, $.spec.media.autoDownloadMaxSize, Ki|Mi",
            "pod-template-operator-label.yaml, cel,    $.spec.podTemplate.labels,       operator's labels",
            "pod-template-operator-annotation.yaml, cel, $.spec.podTemplate.annotations, under kubezap.io/",
            "pod-template-operator-env.yaml,  cel,     $.spec.podTemplate.env,          not a variable a tenant may set",
            "pod-template-jvm-options.yaml,   cel,     $.spec.podTemplate.env,          not a variable a tenant may set",
            "pod-template-node-options.yaml,  cel,     $.spec.podTemplate.env,          not a variable a tenant may set",
            "pod-template-loader-preload.yaml, cel,    $.spec.podTemplate.env,          not a variable a tenant may set",
            "pod-template-setting-in-other-spelling.yaml, cel, $.spec.podTemplate.env,  upper case",
            "pod-template-openssl-conf.yaml,  cel,     $.spec.podTemplate.env,          not a variable a tenant may set",
            "pod-template-https-proxy.yaml,   cel,     $.spec.podTemplate.env,          not a variable a tenant may set",
            "pod-template-https-proxy-lower-case.yaml, cel, $.spec.podTemplate.env,     not a variable a tenant may set",
            "pod-template-gconv-path.yaml,    cel,     $.spec.podTemplate.env,          not a variable a tenant may set",
            "pod-template-node-tls-unchecked.yaml, cel, $.spec.podTemplate.env,         not a variable a tenant may set",
            "presence-typing-too-long.yaml,   pattern, $.spec.presence.typingBeforeSend, 30s",
            "sink-duplicate-name.yaml,        cel,     $.spec.events.sinks,             sink names must be unique",
            "sink-credentials-in-address.yaml, pattern, $.spec.events.sinks[0].address, @",
            "sink-unknown-kind.yaml,          enum,    $.spec.events.sinks[0].kind,     RabbitMQ",
            "web-version-not-a-version.yaml,  pattern, $.spec.webVersion,               {2,4}",
            "media-s3-store-without-bucket.yaml, cel,  $.spec.media,                    media.s3 is required when media.store is S3",
            "media-s3-credentials-in-endpoint.yaml, pattern, $.spec.media.s3.endpoint,  @",
            "proxy-username-without-password.yaml, cel, $.spec.proxy,                   usernameRef and proxy.passwordRef go together",
            "proxy-host-is-a-url.yaml,        pattern, $.spec.proxy.host,               A-Za-z0-9",
            "proxy-unknown-type.yaml,         enum,    $.spec.proxy.type,               SOCKS5",
            "proxy-port-out-of-range.yaml,    maximum, $.spec.proxy.port,               65535",
            "storage-database-on-baileys.yaml, cel,    $.spec,                          Baileys keeps its keys on a volume",
            "chatwoot-inbox-id-and-name.yaml, cel,     $.spec.chatwoot,                 set one of them",
            "chatwoot-url-with-credentials.yaml, pattern, $.spec.chatwoot.url,          @",
            "chatwoot-without-token.yaml,     required, $.spec.chatwoot,                apiAccessTokenRef",
            "chatwoot-account-zero.yaml,      minimum, $.spec.chatwoot.accountId,       1",
            "chatwoot-import-a-year-and-more.yaml, maximum, $.spec.chatwoot.daysLimitImportMessages, 365",
            "auto-reply-away-without-hours.yaml, cel,  $.spec.autoReply,                awayMessage needs autoReply.businessHours",
            "auto-reply-slot-backwards.yaml,  cel,     $.spec.autoReply.businessHours[0], split a slot that passes midnight",
            "auto-reply-time-not-hhmm.yaml,   pattern, $.spec.autoReply.businessHours[0].from, [0-5][0-9]",
            "auto-reply-unknown-day.yaml,     enum,    $.spec.autoReply.businessHours[0].days[0], Monday",
            "auto-reply-rule-without-match.yaml, cel,  $.spec.autoReply.rules[0],       needs keywords or",
            "auto-reply-blank-reply.yaml,     cel,     $.spec.autoReply.rules[0],       reply must hold more than white space",
            "auto-reply-cap-zero.yaml,        minimum, $.spec.autoReply.maxRepliesPerContactPerDay, 1",
            "payload-base64-too-large.yaml,   cel,     $.spec.events.payload.base64MaxSize, base64MaxSize is at most 16Mi",
            "payload-url-expiry-too-long.yaml, pattern, $.spec.events.payload.mediaUrlExpiry, [1-7]d",
            "payload-unknown-media.yaml,      enum,    $.spec.events.payload.media,     Base64",
    })
    void badManifestIsRejectedByTheRuleMeantForIt(String file, String rule, String path, String messagePart) throws IOException {
        JsonNode manifest = sessionsIn(Path.of("src/test/resources/invalid", file)).getFirst();

        List<CrdSchemaValidator.Violation> violations = VALIDATOR.validate(manifest);

        assertThat(violations).as("violations of %s", file).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(rule);
            assertThat(v.path()).isEqualTo(path);
            assertThat(v.message()).contains(messagePart);
        });
    }

    private static List<JsonNode> sessionsIn(Path file) throws IOException {
        try (MappingIterator<JsonNode> docs = CrdFiles.YAML.readerFor(JsonNode.class)
                .readValues(Files.readString(file))) {
            return docs.readAll().stream()
                    .filter(d -> "WhatsAppSession".equals(d.path("kind").asText()))
                    .toList();
        }
    }
}
