package io.kubezap.session.media;

import io.kubezap.session.media.store.MediaObjects;
import io.kubezap.session.media.store.S3Objects;
import io.kubezap.session.media.store.S3Settings;

import io.kubezap.session.testing.S3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 media store, and the retention over it, against a real S3-compatible server on loopback (S3Proxy). */
class S3StoreTest {

    private static final String BUCKET = "media";

    @TempDir
    static Path dir;
    static S3Server server;
    static S3Objects store;

    @BeforeAll
    static void start() throws Exception {
        server = S3Server.start(dir);
        server.createBucket(BUCKET);
        store = S3Objects.connect(new S3Settings(BUCKET, "tenant-a/alice", server.endpoint(), "us-east-1", true,
                S3Server.ACCESS_KEY, S3Server.SECRET_KEY, false, Duration.ofMinutes(5)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void keepsAFileWholeAndReadsItBackInRanges() throws Exception {
        byte[] bytes = randomBytes(300_000, 1);
        String sha = put(bytes);

        assertThat(store.find(sha)).get().extracting(MediaObjects.StoredObject::size).isEqualTo(300_000L);
        try (InputStream whole = store.read(sha, 0, bytes.length); InputStream middle = store.read(sha, 1000, 5000)) {
            assertThat(whole.readAllBytes()).isEqualTo(bytes);
            assertThat(middle.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 1000, 6000));
        }
        Path copy = store.localFile(sha, Files.createTempFile(dir, "copy", ".part"));
        assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
    }

    @Test
    void listsOnlyItsOwnPrefixAndDeletesTheObject() throws Exception {
        String sha = put(randomBytes(1000, 2));
        try (S3Client client = server.client()) {
            client.putObject(b -> b.bucket(BUCKET).key("tenant-b/" + sha), RequestBody.fromString("another session's"));
            assertThat(client.listObjectsV2(b -> b.bucket(BUCKET).prefix("tenant-a/alice/")).contents())
                    .anySatisfy(o -> assertThat(o.key()).isEqualTo("tenant-a/alice/" + sha));
        }
        assertThat(store.list()).extracting(MediaObjects.StoredObject::sha256).contains(sha);
        assertThat(store.list()).allSatisfy(o -> assertThat(o.size()).isNotEqualTo("another session's".length()));

        assertThat(store.delete(sha)).isTrue();
        assertThat(store.find(sha)).isEmpty();
        assertThat(store.delete(sha)).isFalse();
        try (S3Client client = server.client()) {
            assertThat(client.listObjectsV2(b -> b.bucket(BUCKET).prefix("tenant-a/alice/")).contents())
                    .noneSatisfy(o -> assertThat(o.key()).endsWith(sha));
        }
    }

    @Test
    void aPresignedUrlGivesTheFileWithTheDownloadsHeadersToAnyoneHoldingIt() throws Exception {
        byte[] bytes = randomBytes(50_000, 3);
        String sha = put(bytes);

        var url = store.presignedUrl(sha, Duration.ofMinutes(5), "image/jpeg", "attachment; filename=\"a.jpg\"").orElseThrow();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(bytes);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"a.jpg\"");
        assertThat(url.getQuery()).contains("X-Amz-Expires=300").doesNotContain(S3Server.SECRET_KEY);
    }

    @Test
    void withServerSideEncryptionTheStoreIsAskedForSseS3AndOneThatCannotRefusesTheFile() throws Exception {
        try (S3Objects encrypting = S3Objects.connect(new S3Settings(BUCKET, "", server.endpoint(), "us-east-1", true,
                S3Server.ACCESS_KEY, S3Server.SECRET_KEY, true, Duration.ofMinutes(5)))) {
            Path file = Files.write(Files.createTempFile(dir, "in", ".part"), new byte[]{1, 2, 3});
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[]{1, 2, 3}));

            // S3Proxy's file system backend does not encrypt: it answers the SSE-S3 header with 501, so nothing is
            // kept unencrypted while encryption was asked for
            assertThatThrownBy(() -> encrypting.put(sha, file)).isInstanceOf(java.io.IOException.class).hasMessageContaining("501");
            assertThat(encrypting.find(sha)).isEmpty();
        }
    }

    @Test
    void retentionDeletesTheBucketsObjectsPastTheRetentionAndBeyondTheCap() throws Exception {
        var media = new MediaStore(store, new MediaStaging(dir.resolve("staging")));
        String recent = put(randomBytes(10, 5));
        String old = put(randomBytes(10, 6));
        assertThat(store.list()).extracting(MediaObjects.StoredObject::sha256).contains(recent, old);
        try (S3Client client = server.client()) {
            client.putObject(b -> b.bucket(BUCKET).key("tenant-b/" + old), RequestBody.fromString("another session's"));
        }

        int removed = new MediaRetention(media, new MediaStaging(dir.resolve("staging")), Duration.ofDays(30), Long.MAX_VALUE)
                .sweep(java.time.Instant.now().plus(Duration.ofDays(31)));

        assertThat(removed).isGreaterThanOrEqualTo(2);
        assertThat(store.list()).isEmpty();
        try (S3Client client = server.client()) {
            assertThat(client.listObjectsV2(b -> b.bucket(BUCKET).prefix("tenant-a/alice/")).contents()).isEmpty();
            assertThat(client.listObjectsV2(b -> b.bucket(BUCKET).prefix("tenant-b/")).contents())
                    .as("another session's objects under another prefix are not touched").isNotEmpty();
        }
    }

    private static String put(byte[] bytes) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Path file = Files.write(Files.createTempFile(dir, "in", ".part"), bytes);
        store.put(sha, file);
        return sha;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
