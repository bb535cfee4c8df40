package io.kubezap.gateway.events;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.contract.StreamDropped;
import io.kubezap.gateway.GatewayDatabase;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events through one gateway to many stream clients: writers record events as session pods do (one transaction
 * each, from several connections), every client gets every event. Reports events/s recorded and delivered and the
 * lag from recording to arrival. Runs only on request ({@code scripts/bench gateway}); prints {@code BENCH|…} lines.
 */
@Tag("benchmark")
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
@WithTestResource(GatewayDatabase.class)
class EventFeedBenchmarkTest {

    private static final int CLIENTS = Integer.getInteger("benchmark.clients", 100);
    private static final int EVENTS = Integer.getInteger("benchmark.events", 5_000);
    /** Events per second the writers record together (sessions' pods at their pace), as a steady stream. */
    private static final int RATE = Integer.getInteger("benchmark.rate", 500);
    private static final int WRITERS = 4;
    /** sse or ws */
    private static final String TRANSPORT = System.getProperty("benchmark.transport", "sse");

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/api/v1/events/stream")
    URI stream;

    @TestHTTPResource("/api/v1/events/ws")
    URI socket;

    @Test
    void eventsPerSecondToManyStreamClients() throws Exception {
        new Sessions(client).gatewayKey("gateway-admin", Sessions.ADMIN_KEY, "admin", "*", null);
        List<StreamClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Map<String, String> key = Map.of("X-Api-Key", Sessions.ADMIN_KEY);
            clients.add(TRANSPORT.equals("ws")
                    ? StreamClient.webSocket(URI.create(socket.toString().replaceFirst("^http", "ws") + "?namespace=bench"), key)
                    : StreamClient.sse(URI.create(stream + "?namespace=bench"), key));
        }
        long connectedHeap = heapAfterGc();
        Instant start = Instant.now();
        try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    try (var connection = GatewayDatabase.admin()) {
                        for (int i = writer; i < EVENTS; i += WRITERS) {
                            long due = start.toEpochMilli() + i * 1000L / RATE;
                            Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
                            GatewayDatabase.event(connection, "bench", "s" + (i % 100), "message.received", "{}");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        }
        Duration recording = Duration.between(start, Instant.now());
        List<Long> lagsMs = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger dropped = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Instant> last = new java.util.concurrent.atomic.AtomicReference<>(start);
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (StreamClient reader : clients) {
                readers.submit(() -> {
                    for (StreamClient.Received event : reader.next(EVENTS, Duration.ofSeconds(60))) {
                        if (StreamDropped.EVENT.equals(event.name()) || StreamDropped.EVENT.equals(event.data().path("type").asText())) {
                            dropped.incrementAndGet();
                            break;
                        }
                        Instant recorded = Instant.parse(event.data().path("occurredAt").asText());
                        lagsMs.add(Duration.between(recorded, event.arrivedAt()).toMillis());
                        last.accumulateAndGet(event.arrivedAt(), (a, b) -> a.isAfter(b) ? a : b);
                    }
                    return null;
                });
            }
        }
        Duration total = Duration.between(start, last.get());
        assertThat(lagsMs).isNotEmpty();
        for (StreamClient reader : clients) {
            reader.close();
        }
        List<Long> sorted = lagsMs.stream().sorted().toList();
        System.out.printf("BENCH|gateway-feed|" + TRANSPORT + "|clients=%d: heap used after GC with every client connected "
                + "(one JVM: gateway, clients, mock API server)|%d MiB|≤ 256 MiB%n", CLIENTS, connectedHeap >> 20);
        System.out.printf("BENCH|gateway-feed|" + TRANSPORT + "|clients=%d events=%d recorded in %.1f s (%.0f events/s, %d writers); "
                        + "%d of %d deliveries in %.1f s (%.0f deliveries/s), %d clients dropped as slow; "
                        + "lag recorded->arrived p50=%d ms p99=%d ms max=%d ms%n",
                CLIENTS, EVENTS, recording.toMillis() / 1000.0, EVENTS * 1000.0 / recording.toMillis(), WRITERS,
                lagsMs.size(), CLIENTS * EVENTS, total.toMillis() / 1000.0, lagsMs.size() * 1000.0 / total.toMillis(),
                dropped.get(), sorted.get(sorted.size() / 2),
                sorted.get((int) (sorted.size() * 0.99)), sorted.getLast());
    }

    private static long heapAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(500);
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
