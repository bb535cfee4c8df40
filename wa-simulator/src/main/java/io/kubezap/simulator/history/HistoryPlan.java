package io.kubezap.simulator.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a phone sends a newly linked companion, chunk by chunk, as real phones do: first the {@code INITIAL_BOOTSTRAP}
 * (every chat with its newest few messages), then {@code RECENT} (the rest of the last 90 days) and, for a companion
 * that asked for everything, {@code FULL} (what is older), each in chunks of at most {@code messagesPerChunk} messages
 * numbered by {@code chunkOrder} with the share of that sync sent so far ({@code progress}, 100 on its last chunk).
 */
public final class HistoryPlan {
    /** Messages per chat in the initial bootstrap. */
    static final int BOOTSTRAP_MESSAGES = 5;
    static final Duration RECENT_WINDOW = Duration.ofDays(90);

    private HistoryPlan() {
    }

    /** One notification's content. */
    public record Chunk(int syncType, int chunkOrder, int progress, List<HistorySyncBootstrap.Slice> slices) {
        public long oldestSeconds() {
            return slices.stream().flatMap(slice -> slice.messages().stream()).mapToLong(message -> message.at().getEpochSecond())
                    .min().orElse(0);
        }
    }

    /** The chunks for {@code depth} (none for {@link HistoryDepth#NONE}). */
    public static List<Chunk> chunks(List<PastChat> chats, HistoryDepth depth, int messagesPerChunk, Instant now) {
        if (depth == HistoryDepth.NONE || chats.isEmpty()) {
            return List.of();
        }
        var recentSince = now.minus(RECENT_WINDOW);
        var bootstrap = new ArrayList<HistorySyncBootstrap.Slice>();
        var recent = new ArrayList<HistorySyncBootstrap.Slice>();
        var full = new ArrayList<HistorySyncBootstrap.Slice>();
        for (var chat : chats) {
            var inWindow = chat.messages().stream().filter(message -> !message.at().isBefore(recentSince)).toList();
            var newest = inWindow.subList(Math.max(0, inWindow.size() - BOOTSTRAP_MESSAGES), inWindow.size());
            bootstrap.add(new HistorySyncBootstrap.Slice(chat, newest));
            recent.add(new HistorySyncBootstrap.Slice(chat, inWindow.subList(0, inWindow.size() - newest.size())));
            full.add(new HistorySyncBootstrap.Slice(chat, chat.messages().stream().filter(message -> message.at().isBefore(recentSince)).toList()));
        }
        var chunks = new ArrayList<Chunk>();
        chunks.add(new Chunk(HistorySyncBootstrap.INITIAL_BOOTSTRAP, 0, HistorySyncBootstrap.COMPLETE, bootstrap));
        chunks.addAll(split(HistorySyncBootstrap.RECENT, recent, messagesPerChunk));
        if (depth == HistoryDepth.FULL) {
            chunks.addAll(split(HistorySyncBootstrap.FULL, full, messagesPerChunk));
        }
        return chunks;
    }

    /** The messages older than {@code oldestId} in {@code chat}, at most {@code count}, newest of them (oldest first). */
    public static List<PastMessage> olderThan(PastChat chat, String oldestId, int count) {
        var messages = chat.messages();
        var index = 0;
        while (index < messages.size() && !messages.get(index).id().equals(oldestId)) {
            index++;
        }
        return messages.subList(Math.max(0, index - count), index);
    }

    private static List<Chunk> split(int syncType, List<HistorySyncBootstrap.Slice> slices, int messagesPerChunk) {
        var total = slices.stream().mapToInt(slice -> slice.messages().size()).sum();
        if (total == 0) {
            return List.of();
        }
        var chunks = new ArrayList<Chunk>();
        var current = new ArrayList<HistorySyncBootstrap.Slice>();
        int inCurrent = 0;
        int sent = 0;
        for (var slice : slices) {
            var messages = slice.messages();
            var from = 0;
            while (from < messages.size()) {
                var take = Math.min(messagesPerChunk - inCurrent, messages.size() - from);
                current.add(new HistorySyncBootstrap.Slice(slice.chat(), messages.subList(from, from + take)));
                from += take;
                inCurrent += take;
                sent += take;
                if (inCurrent == messagesPerChunk) {
                    chunks.add(new Chunk(syncType, chunks.size() + 1, 100 * sent / total, List.copyOf(current)));
                    current.clear();
                    inCurrent = 0;
                }
            }
        }
        if (!current.isEmpty()) {
            chunks.add(new Chunk(syncType, chunks.size() + 1, 100, List.copyOf(current)));
        }
        return chunks;
    }
}
