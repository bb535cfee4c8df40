package it.auties.whatsapp.model.message.payment;

import it.auties.protobuf.annotation.ProtobufEnum;
import it.auties.protobuf.annotation.ProtobufEnumIndex;
import it.auties.protobuf.annotation.ProtobufMessage;
import it.auties.protobuf.annotation.ProtobufProperty;
import it.auties.protobuf.model.ProtobufType;
import it.auties.whatsapp.model.info.ContextInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ChatMessageKey;
import it.auties.whatsapp.model.message.model.ContextualMessage;
import it.auties.whatsapp.model.message.model.Message;
import it.auties.whatsapp.model.message.model.PaymentMessage;

import java.util.Arrays;
import java.util.Optional;

/**
 * Replaces Cobalt 0.0.10's order (WhatsApp's {@code Message.OrderMessage}, 38; same package, name and public
 * signatures; its generated spec and builder come from this one). Cobalt's status enum holds {@code INQUIRY} alone, so
 * an order WhatsApp marks accepted (2) or declined (3) decoded with no status; and it lacks {@code messageVersion} (12),
 * {@code orderRequestMessageId} (13, the key of the order request it answers) and {@code catalogType} (15), which its
 * decoder skipped and a copy of the order lost. Here the status enum is WhatsApp's and those fields are kept.
 */
@ProtobufMessage(name = "Message.OrderMessage")
public final class PaymentOrderMessage implements ContextualMessage<PaymentOrderMessage>, PaymentMessage {
    @ProtobufProperty(index = 1, type = ProtobufType.STRING)
    final String id;

    @ProtobufProperty(index = 2, type = ProtobufType.BYTES)
    final byte[] thumbnail;

    @ProtobufProperty(index = 3, type = ProtobufType.UINT32)
    final int itemCount;

    @ProtobufProperty(index = 4, type = ProtobufType.ENUM)
    final Status status;

    @ProtobufProperty(index = 5, type = ProtobufType.ENUM)
    final PaymentOrderSurface surface;

    @ProtobufProperty(index = 6, type = ProtobufType.STRING)
    final String message;

    @ProtobufProperty(index = 7, type = ProtobufType.STRING)
    final String title;

    @ProtobufProperty(index = 8, type = ProtobufType.STRING)
    final Jid sellerId;

    @ProtobufProperty(index = 9, type = ProtobufType.STRING)
    final String token;

    @ProtobufProperty(index = 10, type = ProtobufType.UINT64)
    final long amount;

    @ProtobufProperty(index = 11, type = ProtobufType.STRING)
    final String currency;

    @ProtobufProperty(index = 12, type = ProtobufType.INT32)
    final int messageVersion;

    @ProtobufProperty(index = 13, type = ProtobufType.MESSAGE)
    final ChatMessageKey orderRequestMessageId;

    @ProtobufProperty(index = 15, type = ProtobufType.STRING)
    final String catalogType;

    @ProtobufProperty(index = 17, type = ProtobufType.MESSAGE)
    ContextInfo contextInfo;

    PaymentOrderMessage(String id, byte[] thumbnail, int itemCount, Status status, PaymentOrderSurface surface, String message,
                        String title, Jid sellerId, String token, long amount, String currency, int messageVersion,
                        ChatMessageKey orderRequestMessageId, String catalogType, ContextInfo contextInfo) {
        this.id = id;
        this.thumbnail = thumbnail;
        this.itemCount = itemCount;
        this.status = status;
        this.surface = surface;
        this.message = message;
        this.title = title;
        this.sellerId = sellerId;
        this.token = token;
        this.amount = amount;
        this.currency = currency;
        this.messageVersion = messageVersion;
        this.orderRequestMessageId = orderRequestMessageId;
        this.catalogType = catalogType;
        this.contextInfo = contextInfo;
    }

    /** Cobalt's constructor: none of the fields it lacked. */
    PaymentOrderMessage(String id, byte[] thumbnail, int itemCount, Status status, PaymentOrderSurface surface, String message,
                        String title, Jid sellerId, String token, long amount, String currency, ContextInfo contextInfo) {
        this(id, thumbnail, itemCount, status, surface, message, title, sellerId, token, amount, currency, 0, null, null, contextInfo);
    }

    @Override
    public Message.Type type() {
        return Message.Type.PAYMENT_ORDER;
    }

    public String id() {
        return id;
    }

    public Optional<byte[]> thumbnail() {
        return Optional.ofNullable(thumbnail);
    }

    public int itemCount() {
        return itemCount;
    }

    /** Null when the order names none, or one this model does not know. */
    public Status status() {
        return status;
    }

    public PaymentOrderSurface surface() {
        return surface;
    }

    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    public Jid sellerId() {
        return sellerId;
    }

    public String token() {
        return token;
    }

    public long amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    /** 0 when the order names none. */
    public int messageVersion() {
        return messageVersion;
    }

    /** The order request this order answers, if any. */
    public Optional<ChatMessageKey> orderRequestMessageId() {
        return Optional.ofNullable(orderRequestMessageId);
    }

    public Optional<String> catalogType() {
        return Optional.ofNullable(catalogType);
    }

    @Override
    public Optional<ContextInfo> contextInfo() {
        return Optional.ofNullable(contextInfo);
    }

    @Override
    public PaymentOrderMessage setContextInfo(ContextInfo contextInfo) {
        this.contextInfo = contextInfo;
        return this;
    }

    @Override
    public String toString() {
        return "PaymentOrderMessage[id=" + id + ", thumbnail=" + Arrays.toString(thumbnail) + ", itemCount=" + itemCount
                + ", status=" + status + ", surface=" + surface + ", message=" + message + ", title=" + title + ", sellerId="
                + sellerId + ", token=" + token + ", amount=" + amount + ", currency=" + currency + ", messageVersion="
                + messageVersion + ", orderRequestMessageId=" + orderRequestMessageId + ", catalogType=" + catalogType
                + ", contextInfo=" + contextInfo + ']';
    }

    /** WhatsApp's {@code OrderMessage.OrderStatus}: placed (an inquiry), then accepted or declined by the seller. */
    @ProtobufEnum(name = "Message.OrderMessage.OrderStatus")
    public enum Status {
        INQUIRY(1),
        ACCEPTED(2),
        DECLINED(3);

        final int index;

        Status(@ProtobufEnumIndex int index) {
            this.index = index;
        }
    }

    @ProtobufEnum(name = "Message.OrderMessage.OrderSurface")
    public enum PaymentOrderSurface {
        CATALOG(1);

        final int index;

        PaymentOrderSurface(@ProtobufEnumIndex int index) {
            this.index = index;
        }
    }
}
