package io.kubezap.system.scale;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubezap.schema.SessionSchema;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Every session pod's REST API at once, as the operator polls it (its {@code kubezap.session.endpoint-override}):
 * each session answers that it is connected, with an account of its own, unless told another phase
 * ({@link #answerPhase}: like a real pod, it then notifies the change on PostgreSQL, {@value
 * SessionSchema#NOTIFY_STATE_CHANGE}() for {@code default/<session>}), or made unreachable ({@link #makeUnreachable}: it accepts the call and never answers, like
 * a pod on a partitioned node). Counts the calls, and keeps each session's last calls (when, what was answered) to
 * say why a change was not seen.
 */
public final class ConnectedSessionPods implements AutoCloseable {

    private static final String BASE = "/api/v1/sessions/";


    private final DataSource database;
    private final Map<String, Long> changedAt = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final AtomicLong calls = new AtomicLong();
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    private final Map<String, String> phases = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<String, Deque<String>> traces = new ConcurrentHashMap<>();
    private static final int TRACED_CALLS = 12;

    /** {@code database}: where the pods notify their changes, as a session pod does. */
    public ConnectedSessionPods(DataSource database) throws IOException {
        this.database = database;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(BASE, this::answer);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long calls() {
        return calls.get();
    }

    /** From now on these sessions' pods take every call and never answer it. */
    public void makeUnreachable(Collection<String> sessions) {
        unreachable.addAll(sessions);
    }

    /**
     * From now on this session's pod reports {@code phase} instead of Connected, and says so on PostgreSQL after the
     * change, as a session pod does ({@link #changedAt}: when it changed, before the notification).
     */
    public void answerPhase(String session, String phase) throws SQLException {
        phases.put(session, phase);
        changedAt.put(session, System.nanoTime());
        notifyChange(session);
    }

    /** This session's pod says on PostgreSQL that its state changed. */
    public void notifyChange(String session) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement notify = connection.prepareStatement("select " + SessionSchema.NOTIFY_STATE_CHANGE + "(?, ?)")) {
            notify.setString(1, "default");
            notify.setString(2, session);
            notify.execute();
        }
    }

    /** When ({@link System#nanoTime()}) this session's pod last changed its phase. */
    public long changedAt(String session) {
        return changedAt.get(session);
    }

    /** This session's last calls: when ({@link System#nanoTime()} in ms) and what its pod answered. */
    public List<String> trace(String session) {
        return List.copyOf(traces.getOrDefault(session, new ConcurrentLinkedDeque<>()));
    }

    private void trace(String session, String what) {
        Deque<String> calls = traces.computeIfAbsent(session, ignored -> new ConcurrentLinkedDeque<>());
        calls.addLast(System.nanoTime() / 1_000_000 + " " + what);
        while (calls.size() > TRACED_CALLS) {
            calls.pollFirst();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String name = exchange.getRequestURI().getPath().substring(BASE.length());
        if (unreachable.contains(name)) {
            trace(name, "hung");
            awaitClosed();
            return;
        }
        String phase = phases.getOrDefault(name, "Connected");
        trace(name, phase);
        String phone = "55119" + String.format("%08d", Math.abs(name.hashCode()) % 100_000_000);
        byte[] body = """
                {"name":"%s","namespace":"default","phase":"%s","qr":null,"pairingCode":null,
                 "account":{"jid":"%s@s.whatsapp.net","phoneNumber":"%s","pushName":"Bench"},
                 "lastConnectedAt":"2026-11-22T00:00:00Z","reconnects":0,"lastError":null}"""
                .formatted(name, phase, phone, phone).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
