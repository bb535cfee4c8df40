package io.kubezap.system.sdk;

import io.kubezap.client.ApiClient;
import io.kubezap.client.api.MessagesApi;
import io.kubezap.client.events.EventStream;
import io.kubezap.client.events.LiveEvent;
import io.kubezap.client.model.Message;
import io.kubezap.client.model.MessagePage;
import io.kubezap.client.model.OutgoingMessage;

import java.util.List;
import java.util.stream.Stream;

/**
 * Sends a text through kubezap, finds it in the session's messages, then waits for the phone's answer on the live
 * event stream: the Java client as sdk/java/README.md shows it, run by SdkClientsIT.
 * Arguments: base URL, API key, namespace (or -), session, to, text.
 */
public final class SendAndFollow {

    public static void main(String[] args) throws Exception {
        System.out.println(run(args[0], args[1], "-".equals(args[2]) ? null : args[2], args[3], args[4], args[5]));
    }

    /** What the program prints: the sent message's id and status, whether the list had it, and the reply. */
    public static String run(String baseUrl, String apiKey, String namespace, String session, String to, String text)
            throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl);
        client.setRequestInterceptor(request -> request.header("X-Api-Key", apiKey));
        MessagesApi messages = new MessagesApi(client);
        // subscribed before sending: the answer cannot slip past
        try (Stream<LiveEvent> replies = EventStream.follow(client, namespace, session, List.of("message.received"))) {
            OutgoingMessage outgoing = new OutgoingMessage().to(to).text(text);
            Message sent = namespace == null ? messages.sendMessageInDefaultNamespace(session, outgoing, null)
                    : messages.sendMessage(namespace, session, outgoing, null);
            MessagePage page = namespace == null
                    ? messages.listMessagesInDefaultNamespace(session, null, null, null, null, 20, null, null)
                    : messages.listMessages(namespace, session, null, null, null, null, 20, null, null);
            boolean listed = page.getItems().stream().anyMatch(message -> message.getId().equals(sent.getId()));
            LiveEvent reply = replies.filter(event -> event.payload().path("from").asText().startsWith(to))
                    .findFirst().orElseThrow();
            return "sent " + sent.getId() + " " + sent.getStatus() + "\nlisted " + listed
                    + "\nreply " + reply.payload().path("text").asText();
        }
    }
}
