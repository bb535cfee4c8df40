package io.kubezap.session.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Amazon SQS (or an SQS-compatible server at the sink's address): each event to the FIFO queue at the sink's
 * destination, one at a time and each taken before the next goes. Its message group is the session and the chat the
 * event is about (the session alone for events about the session itself), so a chat's events keep their order and
 * other chats' do not wait behind them; its deduplication id is the session and the event id, so a retry within
 * SQS's five-minute window is dropped by the queue. An event the queue refuses as itself ({@link #REFUSALS}: too
 * large, say) goes, after {@code deadLetterAfter} refusals, to the dead-letter queue as a CloudEvent without its
 * data that says why ({@code kubezaprefusal}), and the sink goes on; without a dead-letter queue it is retried like
 * any failure. The SDK does not retry: the dispatcher does, with its backoff.
 */
final class SqsPublisher implements SinkPublisher {

    /**
     * The error codes of a message refused whoever sends it (SQS says InvalidParameterValue for one too long,
     * ElasticMQ InvalidAttributeValue); anything else (the network, the credentials, the queue) is retried.
     */
    static final Set<String> REFUSALS = Set.of("InvalidMessageContents", "MessageTooLong", "InvalidParameterValue",
            "InvalidAttributeValue");
    static final String REFUSAL_EXTENSION = "kubezaprefusal";
    /** SQS's limit on a message group id and a deduplication id. */
    private static final int MAX_ID_LENGTH = 128;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SdkHttpClient http;
    private final SqsClient client;
    private final String queue;
    private final Optional<String> deadLetterQueue;
    private final int deadLetterAfter;
    private final SqsRefusals refusals;
    private final Runnable deadLettered;

    /** {@code http}: the SDK's HTTP client, which must connect only to the address the egress rule checked. */
    SqsPublisher(BrokerSink sink, SdkHttpClient http, Duration timeout, int deadLetterAfter, SqsRefusals refusals,
                 Runnable deadLettered) {
        this.deadLettered = deadLettered;
        this.http = http;
        this.queue = sink.destination();
        this.deadLetterQueue = sink.sqs().deadLetterQueue();
        this.deadLetterAfter = deadLetterAfter;
        this.refusals = refusals;
        this.client = SqsClient.builder()
                .httpClient(http)
                .endpointOverride(URI.create(sink.address()))
                .region(Region.of(sink.sqs().region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials(sink)))
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(timeout))
                .build();
    }

    private static AwsCredentials credentials(BrokerSink sink) {
        String keyId = sink.username().orElseThrow(() -> new IllegalStateException(sink + " has no access key id"));
        String secret = sink.password().orElseThrow(() -> new IllegalStateException(sink + " has no secret access key"));
        return sink.sqs().sessionToken().<AwsCredentials>map(token -> AwsSessionCredentials.create(keyId, secret, token))
                .orElseGet(() -> AwsBasicCredentials.create(keyId, secret));
    }

    @Override
    public void publish(List<SinkMessage> messages) throws Exception {
        for (SinkMessage message : messages) {
            try {
                client.sendMessage(request(queue, message, new String(message.body(), StandardCharsets.UTF_8)));
            } catch (SqsException e) {
                if (!refusedAsItself(e) || deadLetterQueue.isEmpty() || refusals.refused(message.id()) < deadLetterAfter) {
                    throw e;
                }
                client.sendMessage(request(deadLetterQueue.get(), message, deadLetter(message, e)));
                deadLettered.run();
            }
            refusals.settled(message.id());
        }
    }

    static boolean refusedAsItself(SqsException e) {
        return e.statusCode() == 400 && e.awsErrorDetails() != null && REFUSALS.contains(e.awsErrorDetails().errorCode());
    }

    private static SendMessageRequest request(String queue, SinkMessage message, String body) {
        String group = message.subject() == null ? message.key() : message.key() + "/" + message.subject();
        return SendMessageRequest.builder().queueUrl(queue).messageBody(body)
                .messageGroupId(fitted(group)).messageDeduplicationId(fitted(message.key() + "/" + message.id()))
                .messageAttributes(Map.of("content-type", MessageAttributeValue.builder().dataType("String")
                        .stringValue(SinkCloudEvents.CONTENT_TYPE).build()))
                .build();
    }

    /** The CloudEvent without its data (which the queue may be refusing), saying why it was refused. */
    private static String deadLetter(SinkMessage message, SqsException e) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(message.body());
        event.remove(List.of("data", "data_base64", "datacontenttype"));
        event.put(REFUSAL_EXTENSION, e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
        return JSON.writeValueAsString(event);
    }

    /** Ids as they are while SQS takes them, else their SHA-256 (namespace, name and chat together can be longer). */
    static String fitted(String id) {
        if (id.length() <= MAX_ID_LENGTH) {
            return id;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        // the SDK leaves a client it was given open
        http.close();
    }
}
