package io.kubezap.simulator.stream;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Which answer of a client makes the server forget a stanza, and what comes again at the next login. */
class AcknowledgementTest {
    private static final Jid DEVICE = Jid.of("5511900000001:3@s.whatsapp.net");

    private final OfflineQueue queue = new OfflineQueue(OfflineQueue.DEFAULT_CAPACITY, Clock.systemUTC());

    @Test
    void whatAConnectedClientGotButNeverAcknowledgedComesAgainAtItsNextLoginBeforeWhatWaited() {
        var first = new RecordingLink();
        queue.onLogin(first, DEVICE, false);
        queue.deliver(DEVICE, message("A"));
        queue.deliver(DEVICE, message("B"));
        assertThat(first.ids()).containsExactly("A", "B");

        queue.onClosed(first, DEVICE);
        queue.deliver(DEVICE, message("C"));
        var second = new RecordingLink();
        queue.onLogin(second, DEVICE, false);

        assertThat(second.ids()).containsExactly("A", "B", "C");
        assertThat(second.markerCount()).isEqualTo(3);
    }

    @Test
    void nothingComesAgainOnTheSameConnection() {
        var link = new RecordingLink();
        queue.onLogin(link, DEVICE, false);
        queue.deliver(DEVICE, message("A"));
        queue.deliver(DEVICE, message("B"));

        assertThat(link.ids()).containsExactly("A", "B");
        assertThat(queue.pending(DEVICE)).isEmpty();
    }

    @Test
    void aDeliveryReceiptAloneMakesTheServerForgetTheMessagesItNames() {
        var first = new RecordingLink();
        queue.onLogin(first, DEVICE, false);
        List.of("A", "B", "C", "D").forEach(id -> queue.deliver(DEVICE, message(id)));

        queue.onReceipt(DEVICE, Node.of("receipt", Map.of("id", "A", "to", "5511900000002@s.whatsapp.net")));
        queue.onReceipt(DEVICE, Node.of("receipt", Map.of("id", "B", "type", "inactive"),
                Node.of("list", Map.of(), Node.of("item", Map.of("id", "C")))));
        queue.onClosed(first, DEVICE);

        assertThat(queue.pending(DEVICE)).extracting(OfflineQueue.Queued::id).containsExactly("D");
    }

    @Test
    void anAckOfTheMessageClassMakesTheServerForgetTheMessageAlsoWithAnError() {
        var first = new RecordingLink();
        queue.onLogin(first, DEVICE, false);
        List.of("A", "B", "C").forEach(id -> queue.deliver(DEVICE, message(id)));

        queue.onAck(DEVICE, Node.of("ack", Map.of("id", "A", "class", "message")));
        queue.onAck(DEVICE, Node.of("ack", Map.of("id", "B", "class", "message", "error", "491")));
        queue.onAck(DEVICE, Node.of("ack", Map.of("id", "C", "class", "receipt")));
        queue.onClosed(first, DEVICE);

        assertThat(queue.pending(DEVICE)).extracting(OfflineQueue.Queued::id).containsExactly("C");
    }

    @Test
    void aRetryReceiptForgetsNothing() {
        var first = new RecordingLink();
        queue.onLogin(first, DEVICE, false);
        queue.deliver(DEVICE, message("A"));

        queue.onReceipt(DEVICE, Node.of("receipt", Map.of("id", "A", "type", "retry")));
        queue.onClosed(first, DEVICE);

        assertThat(queue.pending(DEVICE)).extracting(OfflineQueue.Queued::id).containsExactly("A");
    }

    @Test
    void aReceiptTheServerSentIsForgottenByItsAckNotByAReceiptOfTheClient() {
        var first = new RecordingLink();
        queue.onLogin(first, DEVICE, false);
        queue.deliver(DEVICE, Node.of("receipt", Map.of("id", "R", "from", "5511900000002@s.whatsapp.net")));

        queue.onReceipt(DEVICE, Node.of("receipt", Map.of("id", "R")));
        queue.onClosed(first, DEVICE);
        assertThat(queue.pending(DEVICE)).extracting(OfflineQueue.Queued::id).containsExactly("R");

        var second = new RecordingLink();
        queue.onLogin(second, DEVICE, false);
        queue.onAck(DEVICE, Node.of("ack", Map.of("id", "R", "class", "receipt")));
        queue.onClosed(second, DEVICE);
        assertThat(queue.pending(DEVICE)).isEmpty();
    }

    @Test
    void aBacklogIsPreviewedThenSentAFewMessagesAtATimeAsTheClientAnswersThem() {
        var ids = queuedWhileAway(12);

        var second = new RecordingLink();
        queue.onLogin(second, DEVICE, false);
        assertThat(second.preview().attributes().getInt("count")).isEqualTo(12);
        assertThat(second.preview().attributes().getInt("message")).isEqualTo(12);
        assertThat(second.ids()).as("before any answer: the passive window").containsExactlyElementsOf(ids.subList(0, 5));
        assertThat(second.markerSent()).isFalse();

        queue.onAck(DEVICE, Node.of("ack", Map.of("id", "M1", "class", "message")));
        queue.onReceipt(DEVICE, Node.of("receipt", Map.of("id", "M2", "type", "retry")));
        assertThat(second.ids()).containsExactlyElementsOf(ids.subList(0, 7));

        queue.deliver(DEVICE, message("LIVE"));
        ids.subList(2, 12).forEach(id -> queue.onReceipt(DEVICE, Node.of("receipt", Map.of("id", id))));
        assertThat(second.ids()).as("what arrived during the drain waits behind it")
                .containsExactlyElementsOf(java.util.stream.Stream.concat(ids.stream(), java.util.stream.Stream.of("LIVE")).toList());
        assertThat(second.markerCount()).isEqualTo(12);
    }

    @Test
    void aClientThatAsksForABatchGetsThatManyAtOnce() {
        queuedWhileAway(30);

        var second = new RecordingLink();
        queue.onLogin(second, DEVICE, false);
        queue.onBatchRequest(second, DEVICE, 100);

        assertThat(second.ids()).hasSize(30);
        assertThat(second.markerCount()).isEqualTo(30);
    }

    @Test
    void aConnectionClosedMidBacklogGetsWhatItDidNotAnswerAndTheRestAgainInOrder() {
        var ids = queuedWhileAway(9);
        var second = new RecordingLink();
        queue.onLogin(second, DEVICE, false);
        queue.onAck(DEVICE, Node.of("ack", Map.of("id", "M1", "class", "message")));

        queue.onClosed(second, DEVICE);

        assertThat(queue.pending(DEVICE)).extracting(OfflineQueue.Queued::id).containsExactlyElementsOf(ids.subList(1, 9));
    }

    /** Messages M1..M{@code count} the device's queue holds while it is not connected; their ids in order. */
    private List<String> queuedWhileAway(int count) {
        var ids = java.util.stream.IntStream.rangeClosed(1, count).mapToObj(n -> "M" + n).toList();
        ids.forEach(id -> queue.deliver(DEVICE, message(id)));
        return ids;
    }

    private static Node message(String id) {
        return Node.of("message", Map.of("id", id, "from", "5511900000002@s.whatsapp.net", "type", "text"));
    }

    private static final class RecordingLink implements OfflineQueue.Link {
        private final List<Node> sent = new CopyOnWriteArrayList<>();

        @Override
        public boolean established() {
            return true;
        }

        @Override
        public void send(Node stanza) {
            sent.add(stanza);
        }

        List<String> ids() {
            return sent.stream().filter(node -> !node.description().equals("ib")).map(Node::id).toList();
        }

        int markerCount() {
            return sent.stream().filter(node -> node.description().equals("ib")).flatMap(node -> node.findChild("offline").stream())
                    .findFirst().orElseThrow().attributes().getInt("count");
        }

        boolean markerSent() {
            return sent.stream().anyMatch(node -> node.description().equals("ib") && node.findChild("offline").isPresent());
        }

        Node preview() {
            return sent.stream().filter(node -> node.description().equals("ib")).flatMap(node -> node.findChild("offline_preview").stream())
                    .findFirst().orElseThrow();
        }
    }
}
