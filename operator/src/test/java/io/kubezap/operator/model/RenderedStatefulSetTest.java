package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubezap.api.v1alpha1.Calls;
import io.kubezap.api.v1alpha1.Media;
import io.kubezap.api.v1alpha1.Pairing;
import io.kubezap.api.v1alpha1.Presence;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.api.v1alpha1.SendRateLimit;
import io.kubezap.api.v1alpha1.Storage;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.PairingMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The StatefulSet the operator renders for a session, byte for byte as it was rendered by the release before
 * (fixtures {@code rendered/*.yaml}), pod template hash included: a change here changes every existing session's
 * pod template, and a release with it rolls every session pod.
 */
class RenderedStatefulSetTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final PodInputs INPUTS =
            new PodInputs("0123abcd", "89abcdef");

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "every-field", "suspended-qr", "operator-settings", "existing"})
    void rendersWhatThePreviousReleaseRendered(String example) throws IOException {
        String rendered = SERIALIZATION.asYaml(render(example));

        String fixture = "/rendered/" + example + ".yaml";
        try (InputStream in = RenderedStatefulSetTest.class.getResourceAsStream(fixture)) {
            if (in == null) {
                Path written = Path.of("target", "rendered", example + ".yaml");
                Files.createDirectories(written.getParent());
                Files.writeString(written, rendered);
            }
            assertThat(in).as("fixture %s (rendered into target/rendered)", fixture).isNotNull();
            assertThat(rendered).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static StatefulSet render(String example) {
        return switch (example) {
            case "defaults" -> pod(Map.of()).render(TestSessions.session("loja-01"), INPUTS, Optional.empty());
            case "every-field" -> pod(Map.of()).render(everyField(), INPUTS, Optional.empty());
            case "suspended-qr" -> {
                WhatsAppSession session = TestSessions.session("loja-02");
                session.getSpec().setSuspend(true);
                session.getSpec().setPairing(new Pairing(PairingMethod.QR, "5511999999999"));
                yield pod(Map.of()).render(session, INPUTS, Optional.empty());
            }
            case "operator-settings" -> pod(Map.of("kubezap.session.image", "registry.local/session-pod:9",
                    "kubezap.session.image-pull-policy", "Always", "kubezap.session.wa-version", "2.3000.1",
                    "kubezap.session.database-pool-max", "2", "kubezap.database.url-key", "url",
                    "kubezap.database.username-key", "user", "kubezap.database.password-key", "secret",
                    "kubezap.session.media-url-allow-list", "10.20.0.0/16"))
                    .render(everyField(), INPUTS, Optional.empty());
            case "existing" -> pod(Map.of()).render(ServerShapedStatefulSetTest.session(), INPUTS,
                    Optional.of(ServerShapedStatefulSetTest.stored()));
            default -> throw new IllegalArgumentException(example);
        };
    }

    private static SessionStatefulSet pod(Map<String, String> properties) {
        return new SessionStatefulSet(TestSessions.config(properties), new PodTemplateHashes());
    }

    static WhatsAppSession everyField() {
        WhatsAppSession session = TestSessions.session("loja-03");
        var spec = session.getSpec();
        spec.setPairing(new Pairing(PairingMethod.PairingCode, "5511988887777"));
        spec.setSendRateLimit(new SendRateLimit(12));
        Media media = new Media();
        media.setAutoDownloadMaxSize("8Mi");
        media.setRetention("7d");
        media.setMaxStoreSize("1Gi");
        media.setAllowPrivateUrls(false);
        spec.setMedia(media);
        Calls.AutoReject autoReject = new Calls.AutoReject();
        autoReject.setEnabled(true);
        autoReject.setMessage("Não atendemos ligações.");
        Calls calls = new Calls();
        calls.setAutoReject(autoReject);
        spec.setCalls(calls);
        Presence presence = new Presence();
        presence.setMarkOnlineOnConnect(false);
        spec.setPresence(presence);
        spec.setWebhooks(List.of(
                new Webhook("https://a.example.com/wa", List.of("message.received"), new SecretKeyRef("hooks", "hmac")),
                new Webhook("https://b.example.com/wa", List.of(), null)));
        spec.setResources(new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("100m"))
                .addToLimits("memory", new Quantity("1Gi")).build());
        Storage storage = new Storage();
        storage.setSize("5Gi");
        storage.setStorageClassName("fast");
        storage.setDeleteClaim(true);
        spec.setStorage(storage);
        return session;
    }
}
