package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.simulator.media.MediaHost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mmg.whatsapp.net} as any JVM client pointed at the simulator reaches it: through the proxy, over trusted TLS. */
@Timeout(60)
class MediaHostTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] BLOB = "not really encrypted, the host never looks inside".getBytes();

    @BeforeAll
    static void startSimulator() {
        SimulatorFixture.simulator();
    }

    @Test
    void anUploadWithAMediaConnAuthIsServedBackByItsDirectPath() throws Exception {
        var auth = SimulatorFixture.simulator().mediaHost().newConnection().auth();

        var upload = post("/mms/document/" + token(BLOB) + "?auth=" + auth + "&token=" + token(BLOB), BLOB);

        assertThat(upload.statusCode()).as(new String(upload.body())).isEqualTo(200);
        var json = new ObjectMapper().readTree(upload.body());
        assertThat(json.get("direct_path").asText()).startsWith("/v/t62.7119-24/").contains("&oh=").contains("&oe=");
        assertThat(json.get("url").asText()).isEqualTo("https://mmg.whatsapp.net" + json.get("direct_path").asText() + "&mms3=true");
        var download = get(json.get("direct_path").asText());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(BLOB);
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(BLOB.length);
        assertThat(get(json.get("url").asText().substring("https://mmg.whatsapp.net".length()) + "&hash=x&mms-type=document").body()).isEqualTo(BLOB);
    }

    @Test
    void aChannelUploadIsKeptAsSentAndAnsweredWithAMediaHandle() throws Exception {
        var auth = SimulatorFixture.simulator().mediaHost().newConnection().auth();

        var upload = post("/newsletter/newsletter-image/" + token(BLOB) + "?auth=" + auth + "&token=" + token(BLOB), BLOB);

        assertThat(upload.statusCode()).as(new String(upload.body())).isEqualTo(200);
        var json = new ObjectMapper().readTree(upload.body());
        assertThat(json.path("handle").asText()).isNotBlank();
        assertThat(get(json.get("direct_path").asText()).body()).isEqualTo(BLOB);
        assertThat(post("/newsletter/image/" + token(BLOB) + "?auth=" + auth, BLOB).statusCode()).isEqualTo(404);
    }

    @Test
    void uploadsNeedAValidAuthAndAMatchingToken() throws Exception {
        var auth = SimulatorFixture.simulator().mediaHost().newConnection().auth();

        assertThat(post("/mms/image/" + token(BLOB) + "?auth=forged&token=" + token(BLOB), BLOB).statusCode()).isEqualTo(401);
        assertThat(post("/mms/image/" + token(BLOB) + "?token=" + token(BLOB), BLOB).statusCode()).isEqualTo(401);
        assertThat(post("/mms/image/" + token("other".getBytes()) + "?auth=" + auth + "&token=" + token("other".getBytes()), BLOB).statusCode()).isEqualTo(400);
        assertThat(post("/mms/hologram/" + token(BLOB) + "?auth=" + auth, BLOB).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyPathsTheHostHandedOutDownload() throws Exception {
        var stored = SimulatorFixture.simulator().mediaHost().store(io.kubezap.simulator.media.MediaType.IMAGE, BLOB);
        var forged = stored.directPath().replaceFirst("oh=01_[^&]+", "oh=01_forged");

        assertThat(get(forged).statusCode()).isEqualTo(403);
        assertThat(get("/v/t62.7118-24/1_00_n.enc?oh=x&oe=FFFFFFFF").statusCode()).isEqualTo(404);
        assertThat(get(stored.directPath()).statusCode()).isEqualTo(200);
    }

    private static String token(byte[] body) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    }

    private static HttpResponse<byte[]> post(String path, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("https://" + MediaHost.HOST + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("https://" + MediaHost.HOST + path)).GET());
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        try (var http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }
}
