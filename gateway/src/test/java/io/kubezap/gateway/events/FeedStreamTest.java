package io.kubezap.gateway.events;

import io.kubezap.contract.StreamDropped;
import io.kubezap.contract.filter.EventFilter;
import io.kubezap.gateway.auth.SessionSet;
import io.kubezap.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One client's stream over the live feed, with a sink standing in for its connection. */
class FeedStreamTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(50);

    /** A feed whose subscriptions hold at most {@code buffer} events (nothing read from a database). */
    private static EventFeed feed(int buffer) {
        GatewayConfig config = (GatewayConfig) Proxy.newProxyInstance(GatewayConfig.class.getClassLoader(),
                new Class<?>[]{GatewayConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "streamBuffer" -> buffer;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new EventFeed(() -> false, null, null, config);
    }

    /** A history holding every event up to id {@code last}. */
    private static EventHistory storedUpTo(long last) {
        return new EventHistory(null) {
            @Override
            public List<FeedEvent> after(long afterId, SessionSet sessions, Set<String> types, int limit) {
                return java.util.stream.LongStream.rangeClosed(afterId + 1, Math.min(afterId + limit, last))
                        .mapToObj(id -> event(id, "one", "message.received")).toList();
            }
        };
    }

    private static FeedEvent event(long id, String session, String type) {
        return new FeedEvent(id, "shop", session, type, "{\"id\":" + id + "}");
    }

    @Test
    void aClientSlowerThanTheFeedIsDroppedWithWhereToResume() throws Exception {
        EventFeed feed = feed(2);
        FeedStream stream = new FeedStream(feed, null, SessionSet.everySession(), Set.of(), HEARTBEAT);
        for (long id = 11; id <= 13; id++) {
            feed.hand(event(id, "one", "message.received"));
        }
        RecordingSink sink = new RecordingSink(1);

        stream.run(sink, OptionalLong.empty());

        // it held more than it may: it never gets a gapped stream, it is told to resume before the first it missed
        assertThat(sink.sent).isEmpty();
        assertThat(sink.dropped).isEqualTo(StreamDropped.slowClient(10, FeedStream.TOO_SLOW));
    }

    @Test
    void aStreamGetsWhatItAskedForInTheOrderItCameAndHeartbeatsWhenIdle() throws Exception {
        EventFeed feed = feed(10);
        FeedStream stream = new FeedStream(feed, null, new SessionSet(Set.of(), Set.of("shop/one")),
                Set.of("message.received"), HEARTBEAT);
        feed.hand(event(7, "one", "message.received"));
        feed.hand(event(5, "one", "message.received"));
        feed.hand(event(8, "two", "message.received"));
        feed.hand(event(9, "one", "session.status"));
        RecordingSink sink = new RecordingSink(2);

        stream.run(sink, OptionalLong.empty());

        assertThat(sink.sent).containsExactly(7L, 5L);
        assertThat(sink.heartbeats).isPositive();
        assertThat(sink.dropped).isNull();
    }

    @Test
    void aResumedStreamReplaysAtMostItsLimitThenSaysWhereToGoOn() throws Exception {
        EventHistory history = storedUpTo(1_000);
        FeedStream stream = new FeedStream(feed(10), history, SessionSet.everySession(), Set.of(), HEARTBEAT, 250);
        RecordingSink sink = new RecordingSink(Integer.MAX_VALUE);

        stream.run(sink, OptionalLong.of(100));

        assertThat(sink.sent).hasSize(250).startsWith(101L).endsWith(350L);
        assertThat(sink.dropped).isEqualTo(StreamDropped.replayLimit(350, 250));

        RecordingSink resumed = new RecordingSink(1);
        new FeedStream(feed(10), history, SessionSet.everySession(), Set.of(), HEARTBEAT, 250)
                .run(resumed, OptionalLong.of(900));
        assertThat(resumed.sent).as("a backlog within the limit is replayed whole, then the stream goes live")
                .hasSize(100).endsWith(1_000L);
        assertThat(resumed.dropped).isNull();
    }

    @Test
    void aResumedStreamNeverSendsAgainWhatTheClientHadWhenTheFeedDeliversItLate() throws Exception {
        EventHistory history = storedUpTo(19);
        EventFeed feed = feed(10);
        FeedStream stream = new FeedStream(feed, history, SessionSet.everySession(), Set.of(), HEARTBEAT);
        // the feed's notifications of 17 (the client's last), 18 and 19 come after the stream subscribed
        for (long id = 17; id <= 20; id++) {
            feed.hand(event(id, "one", "message.received"));
        }
        RecordingSink sink = new RecordingSink(3);

        stream.run(sink, OptionalLong.of(17));

        assertThat(sink.sent).containsExactly(18L, 19L, 20L);
    }

    private static FeedEvent message(long id, String chat) {
        return new FeedEvent(id, "shop", "one", "message.received",
                "{\"id\":" + id + ",\"payload\":{\"chat\":\"" + chat + "\",\"direction\":\"in\"}}");
    }

    @Test
    void aStreamFilteredToIgnoreGroupsAndStatusGetsOnlyTheOtherChatsLiveAndReplayed() throws Exception {
        FeedFilter ignoreGroupsAndStatus = new FeedFilter(filter(Map.of("excludeChats", List.of("groups,status"))));
        EventHistory history = new EventHistory(null) {
            @Override
            public List<FeedEvent> after(long afterId, SessionSet sessions, Set<String> types, int limit) {
                List<FeedEvent> stored = List.of(message(1, "120363000000000001@g.us"), message(2, "5511988880001@s.whatsapp.net"),
                        message(3, "status@broadcast"));
                return stored.stream().filter(event -> event.id() > afterId).limit(limit).toList();
            }
        };
        EventFeed feed = feed(10);
        FeedStream stream = new FeedStream(feed, history, SessionSet.everySession(), Set.of(), ignoreGroupsAndStatus,
                HEARTBEAT, Integer.MAX_VALUE);
        feed.hand(message(4, "120363000000000001@g.us"));
        feed.hand(message(5, "5511988880002@s.whatsapp.net"));
        RecordingSink sink = new RecordingSink(2);

        stream.run(sink, OptionalLong.of(0));

        assertThat(sink.sent).containsExactly(2L, 5L);
    }

    /** A chat in a stream's filter is written as a send takes it: as people write the number, or its JID. */
    @Test
    void aStreamFilteredToOneChatTakesItAsASendNamesIt() throws Exception {
        for (String written : List.of("+55 (11) 98888-0001", "5511988880001@c.us", "5511988880001")) {
            EventFeed feed = feed(10);
            FeedStream stream = new FeedStream(feed, null, SessionSet.everySession(), Set.of(),
                    new FeedFilter(filter(Map.of("chats", List.of(written)))), HEARTBEAT, Integer.MAX_VALUE);
            feed.hand(message(1, "5511988880002@s.whatsapp.net"));
            feed.hand(message(2, "5511988880001@s.whatsapp.net"));
            feed.hand(message(3, "120363000000000001@g.us"));
            feed.hand(message(4, "5511988880001@s.whatsapp.net"));
            RecordingSink sink = new RecordingSink(2);

            stream.run(sink, OptionalLong.empty());

            assertThat(sink.sent).as("chats=%s", written).containsExactly(2L, 4L);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> filter(Map.of("chats", List.of("1234567"))))
                .as("a number a send refuses (7 digits)").isInstanceOf(io.kubezap.gateway.problem.GatewayException.class);
    }

    @Test
    void aBadFilterInTheQueryIsAFieldErrorNamingTheParameter() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> filter(Map.of("chats", List.of("groups"), "excludeChats", List.of("groups"))))
                .isInstanceOfSatisfying(io.kubezap.gateway.problem.GatewayException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("excludeChats"));
                });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> filter(Map.of("excludeChats", List.of("everyone"))))
                .isInstanceOfSatisfying(io.kubezap.gateway.problem.GatewayException.class, e ->
                        assertThat(e.problem().errors()).singleElement().satisfies(error -> {
                            assertThat(error.field()).isEqualTo("excludeChats[0]");
                            assertThat(error.message()).contains("groups, direct, status, newsletters");
                        }));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> filter(Map.of("direction", List.of("sideways"))))
                .isInstanceOf(io.kubezap.gateway.problem.GatewayException.class).hasMessageContaining("direction");
    }

    /** The filter in a query of these parameters, as the routes read it. */
    private static EventFilter filter(Map<String, List<String>> parameters) {
        return StreamRequest.of(null, name -> parameters.getOrDefault(name, List.of()), "default").query().filter();
    }

    /** Takes {@code capacity} events, then stops reading (a client that went quiet) or closes. */
    private static final class RecordingSink implements FeedWriter {

        private final int capacity;
        private final List<Long> sent = new ArrayList<>();
        private int heartbeats;
        private StreamDropped dropped;
        private boolean closed;

        RecordingSink(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public void opened() {
        }

        @Override
        public boolean send(FeedEvent event) {
            sent.add(event.id());
            return true;
        }

        @Override
        public void heartbeat() {
            heartbeats++;
            closed = sent.size() >= capacity;
        }

        @Override
        public void drop(StreamDropped reason) {
            dropped = reason;
            closed = true;
        }

        @Override
        public boolean closed() {
            return closed;
        }
    }
}
