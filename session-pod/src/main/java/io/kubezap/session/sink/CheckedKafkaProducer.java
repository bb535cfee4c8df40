package io.kubezap.session.sink;

import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.HostResolver;
import org.apache.kafka.clients.KafkaClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.internals.ProducerInterceptors;
import org.apache.kafka.clients.producer.internals.ProducerMetadata;
import org.apache.kafka.common.internals.ClusterResourceListeners;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A Kafka producer whose every connection goes to an address a {@link HostResolver} gives. kafka-clients takes a
 * resolver only in its network client, which the producer builds itself unless handed one through a constructor its
 * public API does not offer (kept for its own tests); that constructor is called by reflection. A kafka-clients upgrade
 * that changes it fails here, at the first Kafka sink, and in {@code KafkaAdvertisedListenersTest}.
 */
final class CheckedKafkaProducer {

    private static final Constructor<?> WITH_CLIENT = withClient();

    private CheckedKafkaProducer() {
    }

    /** What the producer needs closed beside itself: the network client's metrics. */
    record Opened(KafkaProducer<String, byte[]> producer, Metrics clientMetrics) implements AutoCloseable {
        @Override
        public void close() {
            clientMetrics.close();
        }
    }

    static Opened open(Properties properties, HostResolver resolver) {
        var keys = new StringSerializer();
        var values = new ByteArraySerializer();
        Map<String, Object> settings = new HashMap<>();
        properties.forEach((key, value) -> settings.put((String) key, value));
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, keys.getClass());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, values.getClass());
        var config = new ProducerConfig(settings);
        var logContext = new LogContext("[Producer clientId=" + config.getString(ProducerConfig.CLIENT_ID_CONFIG) + "] ");
        var metadata = new ProducerMetadata(config.getLong(ProducerConfig.RETRY_BACKOFF_MS_CONFIG),
                config.getLong(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG), config.getLong(ProducerConfig.METADATA_MAX_AGE_CONFIG),
                config.getLong(ProducerConfig.METADATA_MAX_IDLE_CONFIG), logContext, new ClusterResourceListeners(), Time.SYSTEM);
        metadata.bootstrap(ClientUtils.parseAndValidateAddresses(config));
        var apiVersions = new ApiVersions();
        var clientMetrics = new Metrics();
        KafkaClient client = ClientUtils.createNetworkClient(config, config.getString(ProducerConfig.CLIENT_ID_CONFIG),
                clientMetrics, "producer", logContext, apiVersions, Time.SYSTEM,
                config.getInt(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION),
                config.getInt(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG), metadata, null, resolver, null, null);
        try {
            @SuppressWarnings("unchecked")
            var producer = (KafkaProducer<String, byte[]>) WITH_CLIENT.newInstance(config, keys, values, metadata, client,
                    null, apiVersions, Time.SYSTEM);
            return new Opened(producer, clientMetrics);
        } catch (InvocationTargetException failed) {
            clientMetrics.close();
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failed.getCause());
        } catch (ReflectiveOperationException unexpected) {
            clientMetrics.close();
            throw new IllegalStateException("kafka-clients' producer cannot be given a network client", unexpected);
        }
    }

    private static Constructor<?> withClient() {
        try {
            Constructor<?> constructor = KafkaProducer.class.getDeclaredConstructor(ProducerConfig.class, Serializer.class,
                    Serializer.class, ProducerMetadata.class, KafkaClient.class, ProducerInterceptors.class, ApiVersions.class,
                    Time.class);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException changed) {
            throw new ExceptionInInitializerError("kafka-clients' producer no longer takes a network client: " + changed);
        }
    }
}
