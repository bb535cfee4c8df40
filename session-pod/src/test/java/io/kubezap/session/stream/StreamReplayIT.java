package io.kubezap.session.stream;

import io.kubezap.session.testing.PodProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged pod with a small capped heap, 100 clients (half over SSE, half over the WebSocket) (in CI; {@code -Dreplay.clients=300} for the size the
 * hostile-input tester used, which takes most of this class's time limit on a 2-CPU machine) resuming the event
 * stream from the start of a long history: some read everything, some stop reading. The pod stays up; every reader gets the whole history in
 * order; every client that stopped reading gets an ordered prefix and then a {@code stream.dropped} event naming
 * the last event it got. REST latency and the pod's peak RSS during the replay are written to
 * {@code target/stream-replay-benchmark.txt} (measured, not asserted: the machine is shared).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class StreamReplayIT {

    private static final String API_KEY = "replay-it-key-0123456789";
    private static final String SESSION = "replay-it";
    private static final String PATH = "/api/v1/sessions/" + SESSION + "/events/stream";
    private static final String WS_PATH = "/api/v1/sessions/" + SESSION + "/events/ws";
    private static final int CLIENTS = Integer.getInteger("replay.clients", 100);
    private static final int EVENTS = Integer.getInteger("replay.events", 1000);
    private static final int STALLED_EVERY = 10;
    private static final Duration STALL = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private EmbeddedPostgres postgres;
    private PodProcess pod;

    @BeforeEach
    void database() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterEach
    void stop() throws Exception {
        if (pod != null) {
            pod.close();
        }
        postgres.close();
    }

    @Test
    void manyClientsResumingFromTheStartGetTheWholeHistoryInOrderOrAreDroppedWithAReason() throws Exception {
        pod = startPod();
        HttpClient http = HttpClient.newHttpClient();
        // ready, not just answering: the history goes straight into the events table, which the pod creates at start
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(pod::isReady);
        List<Long> history = insertHistory();
        long last = history.getLast();

        AtomicBoolean replaying = new AtomicBoolean(true);
        List<Long> restMillis = Collections.synchronizedList(new ArrayList<>());
        // a platform thread with its own client: the 300 stream clients' virtual threads must not delay the measurement itself
        Thread probe = Thread.ofPlatform().start(() -> probeRest(HttpClient.newHttpClient(), replaying, restMillis));
        long started = System.nanoTime();
        List<Future<StreamClient>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLIENTS; i++) {
                boolean stalls = i % STALLED_EVERY == 0;
                boolean overWebSocket = (i / STALLED_EVERY) % 2 == 1;
                clients.add(pool.submit(() -> stalls ? stalledClient(last, overWebSocket) : reader(last, overWebSocket)));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(8, TimeUnit.MINUTES)).as("every client finished").isTrue();
        }
        long took = System.nanoTime() - started;
        replaying.set(false);
        probe.join();

        assertThat(pod.isAlive()).as("the pod survived the replay").isTrue();
        assertThat(sessionAnswers(http)).isTrue();
        int readers = 0;
        int dropped = 0;
        for (int i = 0; i < CLIENTS; i++) {
            StreamClient client = clients.get(i).get();
            assertThat(client.status()).isEqualTo(client instanceof WsSocketClient ? 101 : 200);
            if (client.dropped().isPresent()) {
                dropped++;
                assertThat(client.ids()).as("client %d got an ordered prefix before it was dropped", i)
                        .isEqualTo(history.subList(0, client.ids().size()));
                assertThat(client.dropped().get().reason()).isEqualTo("slow-client");
                assertThat(client.dropped().get().lastEventId())
                        .isEqualTo(client.ids().isEmpty() ? 0 : client.ids().getLast());
            } else {
                readers++;
                assertThat(client.ids()).as("client %d got the whole history in order", i).isEqualTo(history);
            }
        }
        assertThat(dropped).as("the clients that stopped reading were dropped").isGreaterThanOrEqualTo(CLIENTS / STALLED_EVERY);
        assertThat(readers).as("readers were not dropped").isGreaterThan(CLIENTS / 2);
        writeBenchmark(took, restMillis, readers, dropped);
    }

    private StreamClient reader(long last, boolean overWebSocket) throws IOException {
        try (StreamClient client = client(overWebSocket, 0)) {
            client.readHead();
            client.readUntil(last);
            return client;
        }
    }

    /** Takes the head and nothing else for a while, with a tiny receive buffer; then reads what is left. */
    private StreamClient stalledClient(long last, boolean overWebSocket) throws IOException, InterruptedException {
        try (StreamClient client = client(overWebSocket, 2048)) {
            client.readHead();
            Thread.sleep(STALL.multipliedBy(3));
            client.readUntil(last);
            return client;
        }
    }

    private StreamClient client(boolean overWebSocket, int receiveBuffer) throws IOException {
        return overWebSocket ? new WsSocketClient(port(), WS_PATH, API_KEY, 0, receiveBuffer)
                : new SseSocketClient(port(), PATH, API_KEY, 0, receiveBuffer);
    }

    private void probeRest(HttpClient http, AtomicBoolean replaying, List<Long> millis) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(pod.baseUrl() + "/api/v1/sessions/" + SESSION))
                .header("X-Api-Key", API_KEY).timeout(Duration.ofSeconds(30)).build();
        while (replaying.get()) {
            long start = System.nanoTime();
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
                millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                Thread.sleep(100);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private void writeBenchmark(long tookNanos, List<Long> restMillis, int readers, int dropped) throws IOException {
        List<Long> sorted = new ArrayList<>(restMillis);
        Collections.sort(sorted);
        long p50 = sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
        long p99 = sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
        long max = sorted.isEmpty() ? -1 : sorted.getLast();
        String report = """
                clients=%d (readers %d, dropped %d) events=%d heap=-Xmx128m
                replay took %d s
                REST GET session during replay: n=%d p50=%d ms p99=%d ms max=%d ms
                pod peak RSS (VmHWM): %s
                """.formatted(CLIENTS, readers, dropped, EVENTS, TimeUnit.NANOSECONDS.toSeconds(tookNanos),
                sorted.size(), p50, p99, max, peakRss());
        Files.writeString(Path.of("target/stream-replay-benchmark.txt"), report);
        System.out.println(report);
    }

    private String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/" + pod.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("VmHWM")).findFirst().map(l -> l.substring(6).strip()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** The stored history: a thousand events of about 2.4 KB after what the pod wrote itself; all ids, in order. */
    private List<Long> insertHistory() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            try (var insert = c.prepareStatement("""
                    insert into events (namespace, session, type, payload, occurred_at)
                    select 'it', ?, 'message.received',
                           jsonb_build_object('n', g, 'text', repeat('lorem ipsum ', 200)), now()
                    from generate_series(1, ?) g""")) {
                insert.setString(1, SESSION);
                insert.setInt(2, EVENTS);
                insert.executeUpdate();
            }
            try (var ids = c.prepareStatement("select id from events where namespace = 'it' and session = ? order by id")) {
                ids.setString(1, SESSION);
                List<Long> all = new ArrayList<>();
                try (ResultSet rs = ids.executeQuery()) {
                    while (rs.next()) {
                        all.add(rs.getLong(1));
                    }
                }
                return all;
            }
        }
    }

    private boolean sessionAnswers(HttpClient http) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(pod.baseUrl() + "/api/v1/sessions/" + SESSION))
                    .header("X-Api-Key", API_KEY).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException notYet) {
            return false;
        }
    }

    private int port() {
        return URI.create(pod.baseUrl()).getPort();
    }

    private PodProcess startPod() {
        int closedPort = PodProcess.freePort();
        Map<String, String> env = new HashMap<>(PodProcess.environment(SESSION, "it", API_KEY, dataDir.resolve("keys"), postgres));
        env.put("KUBEZAP_EVENTS_STREAM_STALL_TIMEOUT", STALL.toSeconds() + "s");
        return PodProcess.start(List.of("-Xmx128m",
                "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + closedPort,
                "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + closedPort,
                "-Dhttp.nonProxyHosts=127.0.0.1|localhost"), env, "stream-replay-it-pod");
    }
}
