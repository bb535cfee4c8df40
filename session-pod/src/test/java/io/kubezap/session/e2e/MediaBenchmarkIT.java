package io.kubezap.session.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.testing.SampleFiles.pdf;
import static io.kubezap.session.testing.SampleFiles.sha256;
import static org.awaitility.Awaitility.await;

/**
 * Benchmark, not a test (never in CI; no timing is asserted): run with
 * {@code ./mvnw -B -pl session-pod-it -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=MediaBenchmarkIT -Dkubezap.bench=true}.
 * Prints (1) a 5 MiB image from {@code POST /messages} to the phone's decrypted copy, five times, and (2) the pod's
 * peak RSS (VmHWM) after a document of 10 MiB and then of 100 MiB was sent and another received and downloaded,
 * with the JVM flags of {@code kubezap-local} (128 MiB heap).
 */
@EnabledIfSystemProperty(named = "kubezap.bench", matches = "true")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class MediaBenchmarkIT {

    private static final String OWNER = "5511999990099";
    private static final String CUSTOMER = "5511988880099";
    private static final List<String> LOCAL_MODE_FLAGS = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx128m", "-Xss512k",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m");

    @TempDir
    Path workDir;

    @Test
    void measure() throws Exception {
        try (var world = PodAgainstSimulator.create(workDir, "bench-12", Map.of("KUBEZAP_SEND_RATE_PER_MINUTE", "1000"))) {
            world.createPhone(OWNER, "Loja");
            world.createPhone(CUSTOMER, "Cliente");
            world.startPod(LOCAL_MODE_FLAGS);
            world.scanCurrentQr(OWNER);
            world.awaitPhase("Connected");

            byte[] image = io.kubezap.session.testing.SampleFiles.png(1, 1, 1);
            byte[] fiveMiB = new byte[5 * 1024 * 1024];
            new java.util.Random(5).nextBytes(fiveMiB);
            System.arraycopy(image, 0, fiveMiB, 0, image.length); // a PNG signature: detected as image/png
            List<Long> millis = new ArrayList<>();
            for (int run = 0; run < 5; run++) {
                fiveMiB[fiveMiB.length - 1] = (byte) run; // a new file each time
                long start = System.nanoTime();
                world.api().body(Map.of("to", CUSTOMER, "type", "image",
                        "media", Map.of("data", Base64.getEncoder().encodeToString(fiveMiB)))).post("/messages")
                        .then().statusCode(202);
                awaitAtPhone(world, sha256(fiveMiB));
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            System.out.println("BENCH 5 MiB image POST -> phone decrypted copy, ms: " + millis);
            System.out.println("BENCH peak RSS after start and 5 images: " + peakRss(world) + " KiB");

            for (int mebibytes : new int[]{10, 100}) {
                byte[] document = pdf(mebibytes * 1024 * 1024, mebibytes);
                long start = System.nanoTime();
                Path upload = Files.write(workDir.resolve("doc-" + mebibytes + ".pdf"), document);
                world.api().contentType(ContentType.MULTIPART).multiPart("to", CUSTOMER).multiPart("type", "document")
                        .multiPart("file", upload.toFile(), "application/pdf").post("/messages").then().statusCode(202);
                awaitAtPhone(world, sha256(document));
                long sentMs = (System.nanoTime() - start) / 1_000_000;

                document[100] ^= 1;
                String waId = world.control().body(Map.of("to", OWNER, "type", "document", "media",
                                Map.of("data", Base64.getEncoder().encodeToString(document), "mimeType", "application/pdf",
                                        "fileName", "in-" + mebibytes + ".pdf")))
                        .post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202).extract().path("id");
                String id = await().atMost(PATIENCE).until(() -> incomingId(world, waId), Optional::isPresent).orElseThrow();
                long got = world.api().get("/messages/" + id + "/media").then().statusCode(200).extract().asByteArray().length;
                System.out.println("BENCH " + mebibytes + " MiB document: sent to phone in " + sentMs + " ms; received "
                        + got + " bytes; pod peak RSS so far " + peakRss(world) + " KiB");
            }
        }
    }

    private static void awaitAtPhone(PodAgainstSimulator world, String sha256) {
        await().atMost(PATIENCE).pollInterval(java.time.Duration.ofMillis(50)).until(() -> world.control()
                .get("/api/phones/" + CUSTOMER + "/messages").jsonPath().<Map<String, Object>>getList("$").stream()
                .anyMatch(m -> m.get("media") instanceof Map<?, ?> media && sha256.equals(media.get("sha256"))
                        && "downloaded".equals(media.get("status"))));
    }

    private static Optional<String> incomingId(PodAgainstSimulator world, String waId) {
        return world.api().queryParam("direction", "in").get("/messages").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items").stream().filter(m -> waId.equals(m.get("waMessageId")))
                .map(m -> (String) m.get("id")).findFirst();
    }

    private static String peakRss(PodAgainstSimulator world) throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/" + world.podPid() + "/status")).stream()
                .filter(line -> line.startsWith("VmHWM:")).map(line -> line.replaceAll("\\D", "")).findFirst().orElse("?");
    }
}
