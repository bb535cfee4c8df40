package io.kubezap.session.sink;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.config.SaslConfigs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Kafka: records keyed by the session, so one session's events share a partition and keep their order; acks from
 * every in-sync replica; the idempotent producer (no duplicates from its own retries). With credentials: SASL
 * SCRAM-SHA-512 over TLS.
 *
 * <p>The client connects to the bootstrap servers and then to the brokers the cluster names (advertised listeners),
 * resolving each name again at each connection: every such lookup goes through the egress rule
 * ({@link CheckedBrokerResolver}), so no connection reaches a refused address, whatever the broker advertises or a
 * name answers after the check (issue 79 S6). The topic's brokers are checked before the first record too, to say
 * which broker was refused.
 */
final class KafkaPublisher implements SinkPublisher {

    private final CheckedKafkaProducer.Opened opened;
    private final KafkaProducer<String, byte[]> producer;
    private final CheckedBrokerResolver resolver;
    private final String topic;
    private final Duration timeout;
    private final SinkTargets targets;
    private final Set<String> brokersChecked = new HashSet<>();

    KafkaPublisher(BrokerSink sink, Duration timeout, SinkTargets targets) {
        this.topic = sink.destination();
        this.timeout = timeout;
        this.targets = targets;
        this.resolver = new CheckedBrokerResolver(targets);
        this.opened = CheckedKafkaProducer.open(properties(sink, timeout), resolver);
        this.producer = opened.producer();
    }

    private static Properties properties(BrokerSink sink, Duration timeout) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sink.address());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "kubezap-" + sink.name());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis() + 1000));
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        if (sink.username().isPresent()) {
            properties.put("security.protocol", "SASL_SSL");
            properties.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
            properties.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"" + jaas(sink.username().get()) + "\" password=\"" + jaas(sink.password().orElse("")) + "\";");
        }
        return properties;
    }

    private static String jaas(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * One record at a time, each acknowledged before the next is sent: with several in flight, one that expired while
     * a broker came back could be overtaken by the next (seen in EventSinksIT), and its retry would land after it.
     */
    @Override
    public void publish(List<SinkMessage> messages) throws Exception {
        try {
            checkBrokers();
            for (SinkMessage message : messages) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, message.key(), message.body());
                record.headers().add("content-type", SinkCloudEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception failed) {
            throw saidWhy(failed);
        }
    }

    /** A failure while a broker was refused says so: the client itself only times out. */
    private Exception saidWhy(Exception failed) {
        String refusal = resolver.latestRefusal();
        if (refusal == null || failed instanceof IllegalStateException) {
            return failed;
        }
        return new IllegalStateException("not sent: " + refusal, failed);
    }

    /** The topic's brokers (leaders and replicas) as the cluster names them, each checked once per connection. */
    private void checkBrokers() {
        for (PartitionInfo partition : producer.partitionsFor(topic)) {
            for (Node broker : partition.replicas()) {
                check(broker);
            }
            if (partition.leader() != null) {
                check(partition.leader());
            }
        }
    }

    private void check(Node broker) {
        if (brokersChecked.contains(broker.host())) {
            return;
        }
        String refusal = targets.refusalOfHost(broker.host());
        if (refusal != null) {
            throw new IllegalStateException("not sent: the Kafka cluster names broker " + broker.host() + ":" + broker.port()
                    + ", and " + refusal);
        }
        brokersChecked.add(broker.host());
    }

    @Override
    public void close() {
        producer.close(Duration.ZERO);
        opened.close();
    }
}
