package io.kubezap.gateway.events;

import io.kubezap.gateway.GatewayDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the feed's trigger (a NOTIFY per event insert, queued at commit under one database-wide lock) costs many
 * sessions recording events at once: {@code WRITERS} connections, one transaction per event, as fast as they can,
 * with the trigger and without it, in alternating rounds. No gateway runs (nobody listens), as in a release without
 * one. Runs only on request ({@code scripts/bench gateway}); prints {@code BENCH|…} lines.
 */
@Tag("benchmark")
class NotifyCostBenchmarkTest {

    private static final int WRITERS = Integer.getInteger("benchmark.writers", 50);
    private static final long ROUND_MILLIS = 5_000;

    @Test
    void eventCommitsPerSecondWithAndWithoutTheTrigger() throws Exception {
        GatewayDatabase.url();
        for (int round = 0; round < 2; round++) {
            for (boolean trigger : new boolean[]{true, false}) {
                GatewayDatabase.update("alter table events " + (trigger ? "enable" : "disable") + " trigger events_notify");
                List<Long> micros = commits();
                List<Long> sorted = micros.stream().sorted().toList();
                System.out.printf("BENCH|notify-cost|%s, %d writers: %.0f event commits/s, commit p50 %.2f ms p99 %.2f ms%n",
                        trigger ? "with the trigger" : "without", WRITERS, micros.size() * 1000.0 / ROUND_MILLIS,
                        sorted.get(sorted.size() / 2) / 1000.0, sorted.get((int) (sorted.size() * 0.99)) / 1000.0);
            }
        }
        GatewayDatabase.update("alter table events enable trigger events_notify");
    }

    /** Each writer's commit times (microseconds) during one round. */
    private static List<Long> commits() throws Exception {
        long end = System.currentTimeMillis() + ROUND_MILLIS;
        List<Future<List<Long>>> writers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
            for (int w = 0; w < WRITERS; w++) {
                String session = "notify-" + w;
                writers.add(pool.submit(() -> {
                    List<Long> times = new ArrayList<>();
                    try (Connection connection = GatewayDatabase.admin()) {
                        while (System.currentTimeMillis() < end) {
                            long started = System.nanoTime();
                            GatewayDatabase.event(connection, "bench", session, "message.received", "{}");
                            times.add((System.nanoTime() - started) / 1000);
                        }
                    }
                    return times;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> writer : writers) {
                all.addAll(writer.get());
            }
            assertThat(all).isNotEmpty();
            return all;
        }
    }
}
