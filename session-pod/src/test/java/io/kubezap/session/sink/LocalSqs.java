package io.kubezap.session.sink;

import io.kubezap.session.testing.PodProcess;
import io.vertx.core.Vertx;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ElasticMQ, an SQS-compatible server, in the test JVM on a loopback port of its own, stopped and started again on that
 * port to play an outage. It keeps queues and messages in memory: a restart loses both, so the queues are made again
 * ({@link #createFifoQueue}) and a test reads what arrived before an outage first, as a consumer would have.
 */
public final class LocalSqs implements AutoCloseable {

    public static final String REGION = "elasticmq";
    public static final String ACCESS_KEY_ID = "kubezap-test";
    public static final String SECRET_ACCESS_KEY = "kubezap-test-secret";
    /** The Vert.x the SQS sinks' HTTP clients of these tests run on. */
    static final Vertx VERTX = Vertx.vertx();

    private final String address;
    private final int port;
    private SQSRestServer server;

    public LocalSqs() throws IOException {
        this("127.0.0.1");
    }

    /** On {@code address} (a loopback one). */
    public LocalSqs(String address) throws IOException {
        this.address = address;
        this.port = PodProcess.freePort();
    }

    public int port() {
        return port;
    }

    /** The endpoint, a sink's address. */
    public String endpoint() {
        return "http://" + address + ":" + port;
    }

    public void start() {
        server = SQSRestServerBuilder.withInterface(address).withPort(port)
                .withServerAddress(new NodeAddress("http", address, port, "")).withAWSRegion(REGION).start();
        server.waitUntilStarted();
    }

    public void stop() {
        if (server != null) {
            server.stopAndWait();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** A FIFO queue (content-based deduplication off: the sender's deduplication ids count); its URL. */
    public String createFifoQueue(String name) {
        try (SqsClient client = client()) {
            return client.createQueue(request -> request.queueName(name).attributes(Map.of(
                    QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false"))).queueUrl();
        }
    }

    /** Every message the queue holds now, in the order a consumer gets them, each deleted once read. */
    public List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        try (SqsClient client = client()) {
            while (true) {
                List<Message> some = client.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID,
                                MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID).messageAttributeNames("All")).messages();
                if (some.isEmpty()) {
                    return all;
                }
                all.addAll(some);
                for (Message message : some) {
                    client.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
            }
        }
    }

    public SqsClient client() {
        return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .build();
    }
}
