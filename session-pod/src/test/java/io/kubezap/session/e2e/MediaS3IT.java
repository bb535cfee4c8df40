package io.kubezap.session.e2e;

import io.kubezap.session.testing.S3Server;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.kubezap.session.testing.SampleFiles.pdf;
import static io.kubezap.session.testing.SampleFiles.png;
import static io.kubezap.session.testing.SampleFiles.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged pod with {@code KUBEZAP_MEDIA_STORE=S3} against an S3-compatible server on loopback (S3Proxy): files
 * both ways between the API and a simulated phone arrive byte for byte, are kept as objects in the bucket (none on
 * the volume), downloads stream from the bucket with ranges, and {@code ?redirect=true} hands out a pre-signed URL.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaS3IT {

    private static final String OWNER = "5511999990040";
    private static final String CUSTOMER = "5511988880040";
    private static final String BUCKET = "kubezap-media";
    private static final String PREFIX = "e2e/loja-40/";

    @TempDir
    static Path workDir;

    private S3Server s3;
    private PodAgainstSimulator world;

    @BeforeAll
    void startAConnectedSessionOnS3() throws Exception {
        s3 = S3Server.start(workDir);
        s3.createBucket(BUCKET);
        world = PodAgainstSimulator.create(workDir, "loja-40", Map.of(
                "KUBEZAP_MEDIA_STORE", "S3",
                "KUBEZAP_MEDIA_S3_BUCKET", BUCKET,
                "KUBEZAP_MEDIA_S3_PREFIX", PREFIX,
                "KUBEZAP_MEDIA_S3_ENDPOINT", s3.endpoint().toString(),
                "KUBEZAP_MEDIA_S3_PATH_STYLE", "true",
                "KUBEZAP_MEDIA_S3_ACCESS_KEY", S3Server.ACCESS_KEY,
                "KUBEZAP_MEDIA_S3_SECRET_KEY", S3Server.SECRET_KEY,
                // the store is on loopback: only the cluster admin's allow-list lets the pod reach it
                "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1"));
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterAll
    void stopEverything() throws Exception {
        try (var closing = s3) {
            if (world != null) {
                world.close();
            }
        }
    }

    @Test
    void aFileSentThroughTheApiIsKeptInTheBucketAndReachesThePhoneIdentical() throws Exception {
        byte[] document = pdf(300_000, 40);
        String id = world.api().body(Map.of("to", CUSTOMER, "type", "document", "fileName", "pedido.pdf",
                        "media", Map.of("data", Base64.getEncoder().encodeToString(document), "mimeType", "application/pdf")))
                .post("/messages").then().statusCode(202).extract().path("id");

        assertThat(objects()).contains(PREFIX + sha256(document));
        String waId = world.awaitSent(id);
        assertThat(world.phoneFile(CUSTOMER, waId)).isEqualTo(document);
        assertThat(download(id).asByteArray()).isEqualTo(document);
        assertThat(filesOnTheVolume()).as("media is not kept on the volume").isEmpty();
    }

    @Test
    void aFileAPhoneSendsIsDownloadableWholeInRangesAndThroughAPresignedUrl() throws Exception {
        byte[] image = png(200, 150, 41);
        String waId = world.control().body(Map.of("to", OWNER, "type", "image", "caption", "Olha",
                        "media", Map.of("data", Base64.getEncoder().encodeToString(image), "mimeType", "image/png")))
                .post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202).extract().path("id");
        String id = (String) world.awaitIncoming(waId).get("id");

        assertThat(download(id).asByteArray()).isEqualTo(image);
        assertThat(objects()).contains(PREFIX + sha256(image));

        Response part = world.api().header("Range", "bytes=10-19").get("/messages/" + id + "/media");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 10-19/" + image.length);
        assertThat(part.asByteArray()).isEqualTo(Arrays.copyOfRange(image, 10, 20));

        Response redirect = world.api().redirects().follow(false).queryParam("redirect", true).get("/messages/" + id + "/media");
        assertThat(redirect.statusCode()).isEqualTo(307);
        URI presigned = URI.create(redirect.header("Location"));
        assertThat(presigned.toString()).startsWith(s3.endpoint().toString()).contains("X-Amz-Expires=300");
        HttpResponse<byte[]> fromBucket = HttpClient.newHttpClient().send(HttpRequest.newBuilder(presigned).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fromBucket.statusCode()).isEqualTo(200);
        assertThat(fromBucket.body()).isEqualTo(image);
        assertThat(fromBucket.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    private Response download(String id) {
        Response response = world.api().get("/messages/" + id + "/media");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response;
    }

    private List<String> objects() {
        try (S3Client client = s3.client()) {
            return client.listObjectsV2(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
        }
    }

    private List<Path> filesOnTheVolume() throws Exception {
        Path media = world.dataDir().resolve("media");
        if (!Files.isDirectory(media)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(media)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
