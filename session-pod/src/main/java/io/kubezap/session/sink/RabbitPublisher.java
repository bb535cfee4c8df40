package io.kubezap.session.sink;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import java.time.Duration;
import java.util.List;

/**
 * RabbitMQ: persistent messages to the sink's exchange, routed by the CloudEvent type ({@code io.kubezap.message.received}:
 * a topic exchange binds by pattern), on one channel with publisher confirms, which the broker gives once each
 * message is routed and, for durable queues, written. The exchange is the user's to declare.
 */
final class RabbitPublisher implements SinkPublisher {

    private final Connection connection;
    private final Channel channel;
    private final String exchange;
    private final Duration timeout;

    RabbitPublisher(BrokerSink sink, Duration timeout, SinkTargets.Checked checked) throws Exception {
        this.exchange = sink.destination();
        this.timeout = timeout;
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(sink.address());
        sink.username().ifPresent(factory::setUsername);
        sink.password().ifPresent(factory::setPassword);
        factory.setConnectionTimeout((int) timeout.toMillis());
        factory.setHandshakeTimeout((int) timeout.toMillis());
        factory.setAutomaticRecoveryEnabled(false);
        // to the checked address, never the name again (amqps: setUri trusts any certificate and checks no host name)
        this.connection = factory.newConnection(List.of(new Address(checked.addressOf(factory.getHost()).getHostAddress(),
                factory.getPort())), "kubezap-" + sink.name());
        this.channel = connection.createChannel();
        channel.confirmSelect();
    }

    @Override
    public void publish(List<SinkMessage> messages) throws Exception {
        for (SinkMessage message : messages) {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType(SinkCloudEvents.CONTENT_TYPE).deliveryMode(2).messageId(message.id()).build();
            channel.basicPublish(exchange, message.type(), properties, message.body());
        }
        channel.waitForConfirmsOrDie(timeout.toMillis());
    }

    @Override
    public void close() {
        try {
            connection.close((int) timeout.toMillis());
        } catch (Exception alreadyBroken) {
            connection.abort();
        }
    }
}
