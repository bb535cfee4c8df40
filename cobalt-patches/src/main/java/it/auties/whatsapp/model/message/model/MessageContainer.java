package it.auties.whatsapp.model.message.model;

import com.alibaba.fastjson2.JSONObject;
import it.auties.protobuf.annotation.ProtobufMessage;
import it.auties.protobuf.annotation.ProtobufProperty;
import it.auties.protobuf.model.ProtobufType;
import it.auties.whatsapp.model.button.template.highlyStructured.HighlyStructuredMessage;
import it.auties.whatsapp.model.info.DeviceContextInfo;
import it.auties.whatsapp.model.message.button.ButtonsMessage;
import it.auties.whatsapp.model.message.button.ButtonsResponseMessage;
import it.auties.whatsapp.model.message.button.InteractiveMessage;
import it.auties.whatsapp.model.message.button.InteractiveResponseMessage;
import it.auties.whatsapp.model.message.button.ListMessage;
import it.auties.whatsapp.model.message.button.ListResponseMessage;
import it.auties.whatsapp.model.message.button.TemplateMessage;
import it.auties.whatsapp.model.message.button.TemplateReplyMessage;
import it.auties.whatsapp.model.message.payment.CancelPaymentRequestMessage;
import it.auties.whatsapp.model.message.payment.DeclinePaymentRequestMessage;
import it.auties.whatsapp.model.message.payment.PaymentInviteMessage;
import it.auties.whatsapp.model.message.payment.PaymentInvoiceMessage;
import it.auties.whatsapp.model.message.payment.PaymentOrderMessage;
import it.auties.whatsapp.model.message.payment.RequestPaymentMessage;
import it.auties.whatsapp.model.message.payment.SendPaymentMessage;
import it.auties.whatsapp.model.message.server.DeviceSentMessage;
import it.auties.whatsapp.model.message.server.DeviceSyncMessage;
import it.auties.whatsapp.model.message.server.ProtocolMessage;
import it.auties.whatsapp.model.message.server.SenderKeyDistributionMessage;
import it.auties.whatsapp.model.message.server.StickerSyncRMRMessage;
import it.auties.whatsapp.model.message.standard.AudioMessage;
import it.auties.whatsapp.model.message.standard.CallMessage;
import it.auties.whatsapp.model.message.standard.ContactMessage;
import it.auties.whatsapp.model.message.standard.ContactsMessage;
import it.auties.whatsapp.model.message.standard.DocumentMessage;
import it.auties.whatsapp.model.message.standard.EmptyMessage;
import it.auties.whatsapp.model.message.standard.EncryptedReactionMessage;
import it.auties.whatsapp.model.message.standard.GroupInviteMessage;
import it.auties.whatsapp.model.message.standard.ImageMessage;
import it.auties.whatsapp.model.message.standard.KeepInChatMessage;
import it.auties.whatsapp.model.message.standard.LiveLocationMessage;
import it.auties.whatsapp.model.message.standard.LocationMessage;
import it.auties.whatsapp.model.message.standard.NewsletterAdminInviteMessage;
import it.auties.whatsapp.model.message.standard.PollCreationMessage;
import it.auties.whatsapp.model.message.standard.PollUpdateMessage;
import it.auties.whatsapp.model.message.standard.ProductMessage;
import it.auties.whatsapp.model.message.standard.ReactionMessage;
import it.auties.whatsapp.model.message.standard.RequestPhoneNumberMessage;
import it.auties.whatsapp.model.message.standard.StickerMessage;
import it.auties.whatsapp.model.message.standard.TextMessage;
import it.auties.whatsapp.model.message.standard.VideoOrGifMessage;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * WhatsApp's {@code Message} (WAE2E), replacing Cobalt 0.0.10's: Cobalt's fields, plus the messages its generated model
 * lacks and so skipped unread when decoding, and could not write: {@code eventMessage} (75),
 * {@code encEventResponseMessage} (76), {@code secretEncryptedMessage} (82), {@code albumMessage} (83) and
 * {@code associatedChildMessage} (91). Those are kept as the bytes of the embedded message, exactly as WhatsApp wrote
 * them (a length-delimited message and bytes share the wire form), and written back as given: the session pod reads
 * and builds their insides itself. The codec ({@code MessageContainerSpec}) and builder are generated from this class
 * by Cobalt's own protobuf processor, as Cobalt's were.
 */
@ProtobufMessage(name = "Message")
public final class MessageContainer {
    private static final EmptyMessage EMPTY_MESSAGE = new EmptyMessage();

    @ProtobufProperty(index = 1, type = ProtobufType.STRING)
    final String textWithNoContextMessage;
    @ProtobufProperty(index = 2, type = ProtobufType.MESSAGE)
    final SenderKeyDistributionMessage senderKeyDistributionMessage;
    @ProtobufProperty(index = 3, type = ProtobufType.MESSAGE)
    final ImageMessage imageMessage;
    @ProtobufProperty(index = 4, type = ProtobufType.MESSAGE)
    final ContactMessage contactMessage;
    @ProtobufProperty(index = 5, type = ProtobufType.MESSAGE)
    final LocationMessage locationMessage;
    @ProtobufProperty(index = 6, type = ProtobufType.MESSAGE)
    final TextMessage textMessage;
    @ProtobufProperty(index = 7, type = ProtobufType.MESSAGE)
    final DocumentMessage documentMessage;
    @ProtobufProperty(index = 8, type = ProtobufType.MESSAGE)
    final AudioMessage audioMessage;
    @ProtobufProperty(index = 9, type = ProtobufType.MESSAGE)
    final VideoOrGifMessage videoMessage;
    @ProtobufProperty(index = 10, type = ProtobufType.MESSAGE)
    final CallMessage callMessage;
    @ProtobufProperty(index = 12, type = ProtobufType.MESSAGE)
    final ProtocolMessage protocolMessage;
    @ProtobufProperty(index = 13, type = ProtobufType.MESSAGE)
    final ContactsMessage contactsArrayMessage;
    @ProtobufProperty(index = 14, type = ProtobufType.MESSAGE)
    final HighlyStructuredMessage highlyStructuredMessage;
    @ProtobufProperty(index = 16, type = ProtobufType.MESSAGE)
    final SendPaymentMessage sendPaymentMessage;
    @ProtobufProperty(index = 18, type = ProtobufType.MESSAGE)
    final LiveLocationMessage liveLocationMessage;
    @ProtobufProperty(index = 22, type = ProtobufType.MESSAGE)
    final RequestPaymentMessage requestPaymentMessage;
    @ProtobufProperty(index = 23, type = ProtobufType.MESSAGE)
    final DeclinePaymentRequestMessage declinePaymentRequestMessage;
    @ProtobufProperty(index = 24, type = ProtobufType.MESSAGE)
    final CancelPaymentRequestMessage cancelPaymentRequestMessage;
    @ProtobufProperty(index = 25, type = ProtobufType.MESSAGE)
    final TemplateMessage templateMessage;
    @ProtobufProperty(index = 26, type = ProtobufType.MESSAGE)
    final StickerMessage stickerMessage;
    @ProtobufProperty(index = 28, type = ProtobufType.MESSAGE)
    final GroupInviteMessage groupInviteMessage;
    @ProtobufProperty(index = 29, type = ProtobufType.MESSAGE)
    final TemplateReplyMessage templateReplyMessage;
    @ProtobufProperty(index = 30, type = ProtobufType.MESSAGE)
    final ProductMessage productMessage;
    @ProtobufProperty(index = 31, type = ProtobufType.MESSAGE)
    final DeviceSentMessage deviceSentMessage;
    @ProtobufProperty(index = 32, type = ProtobufType.MESSAGE)
    final DeviceSyncMessage deviceSyncMessage;
    @ProtobufProperty(index = 36, type = ProtobufType.MESSAGE)
    final ListMessage listMessage;
    @ProtobufProperty(index = 37, type = ProtobufType.MESSAGE)
    final FutureMessageContainer viewOnceMessage;
    @ProtobufProperty(index = 38, type = ProtobufType.MESSAGE)
    final PaymentOrderMessage orderMessage;
    @ProtobufProperty(index = 39, type = ProtobufType.MESSAGE)
    final ListResponseMessage listResponseMessage;
    @ProtobufProperty(index = 40, type = ProtobufType.MESSAGE)
    final FutureMessageContainer ephemeralMessage;
    @ProtobufProperty(index = 41, type = ProtobufType.MESSAGE)
    final PaymentInvoiceMessage invoiceMessage;
    @ProtobufProperty(index = 42, type = ProtobufType.MESSAGE)
    final ButtonsMessage buttonsMessage;
    @ProtobufProperty(index = 43, type = ProtobufType.MESSAGE)
    final ButtonsResponseMessage buttonsResponseMessage;
    @ProtobufProperty(index = 44, type = ProtobufType.MESSAGE)
    final PaymentInviteMessage paymentInviteMessage;
    @ProtobufProperty(index = 45, type = ProtobufType.MESSAGE)
    final InteractiveMessage interactiveMessage;
    @ProtobufProperty(index = 46, type = ProtobufType.MESSAGE)
    final ReactionMessage reactionMessage;
    @ProtobufProperty(index = 47, type = ProtobufType.MESSAGE)
    final StickerSyncRMRMessage stickerSyncMessage;
    @ProtobufProperty(index = 48, type = ProtobufType.MESSAGE)
    final InteractiveResponseMessage interactiveResponseMessage;
    @ProtobufProperty(index = 49, type = ProtobufType.MESSAGE)
    final PollCreationMessage pollCreationMessage;
    @ProtobufProperty(index = 50, type = ProtobufType.MESSAGE)
    final PollUpdateMessage pollUpdateMessage;
    @ProtobufProperty(index = 51, type = ProtobufType.MESSAGE)
    final KeepInChatMessage keepInChatMessage;
    @ProtobufProperty(index = 53, type = ProtobufType.MESSAGE)
    final FutureMessageContainer documentWithCaptionMessage;
    @ProtobufProperty(index = 54, type = ProtobufType.MESSAGE)
    final RequestPhoneNumberMessage requestPhoneNumberMessage;
    @ProtobufProperty(index = 55, type = ProtobufType.MESSAGE)
    final FutureMessageContainer viewOnceV2Message;
    @ProtobufProperty(index = 56, type = ProtobufType.MESSAGE)
    final EncryptedReactionMessage encryptedReactionMessage;
    @ProtobufProperty(index = 58, type = ProtobufType.MESSAGE)
    final FutureMessageContainer editedMessage;
    @ProtobufProperty(index = 59, type = ProtobufType.MESSAGE)
    final FutureMessageContainer viewOnceV2ExtensionMessage;
    @ProtobufProperty(index = 78, type = ProtobufType.MESSAGE)
    final NewsletterAdminInviteMessage newsletterAdminInviteMessage;
    @ProtobufProperty(index = 35, type = ProtobufType.MESSAGE)
    final DeviceContextInfo deviceInfo;
    @ProtobufProperty(index = 75, type = ProtobufType.BYTES)
    final byte[] eventMessage;
    @ProtobufProperty(index = 76, type = ProtobufType.BYTES)
    final byte[] encEventResponseMessage;
    @ProtobufProperty(index = 82, type = ProtobufType.BYTES)
    final byte[] secretEncryptedMessage;
    @ProtobufProperty(index = 83, type = ProtobufType.BYTES)
    final byte[] albumMessage;
    @ProtobufProperty(index = 91, type = ProtobufType.BYTES)
    final byte[] associatedChildMessage;

    MessageContainer(String textWithNoContextMessage, SenderKeyDistributionMessage senderKeyDistributionMessage,
                     ImageMessage imageMessage, ContactMessage contactMessage, LocationMessage locationMessage,
                     TextMessage textMessage, DocumentMessage documentMessage, AudioMessage audioMessage,
                     VideoOrGifMessage videoMessage, CallMessage callMessage, ProtocolMessage protocolMessage,
                     ContactsMessage contactsArrayMessage, HighlyStructuredMessage highlyStructuredMessage,
                     SendPaymentMessage sendPaymentMessage, LiveLocationMessage liveLocationMessage,
                     RequestPaymentMessage requestPaymentMessage,
                     DeclinePaymentRequestMessage declinePaymentRequestMessage,
                     CancelPaymentRequestMessage cancelPaymentRequestMessage, TemplateMessage templateMessage,
                     StickerMessage stickerMessage, GroupInviteMessage groupInviteMessage,
                     TemplateReplyMessage templateReplyMessage, ProductMessage productMessage,
                     DeviceSentMessage deviceSentMessage, DeviceSyncMessage deviceSyncMessage, ListMessage listMessage,
                     FutureMessageContainer viewOnceMessage, PaymentOrderMessage orderMessage,
                     ListResponseMessage listResponseMessage, FutureMessageContainer ephemeralMessage,
                     PaymentInvoiceMessage invoiceMessage, ButtonsMessage buttonsMessage,
                     ButtonsResponseMessage buttonsResponseMessage, PaymentInviteMessage paymentInviteMessage,
                     InteractiveMessage interactiveMessage, ReactionMessage reactionMessage,
                     StickerSyncRMRMessage stickerSyncMessage, InteractiveResponseMessage interactiveResponseMessage,
                     PollCreationMessage pollCreationMessage, PollUpdateMessage pollUpdateMessage,
                     KeepInChatMessage keepInChatMessage, FutureMessageContainer documentWithCaptionMessage,
                     RequestPhoneNumberMessage requestPhoneNumberMessage, FutureMessageContainer viewOnceV2Message,
                     EncryptedReactionMessage encryptedReactionMessage, FutureMessageContainer editedMessage,
                     FutureMessageContainer viewOnceV2ExtensionMessage,
                     NewsletterAdminInviteMessage newsletterAdminInviteMessage, DeviceContextInfo deviceInfo,
                     byte[] eventMessage, byte[] encEventResponseMessage, byte[] secretEncryptedMessage,
                     byte[] albumMessage, byte[] associatedChildMessage) {
        this.textWithNoContextMessage = textWithNoContextMessage;
        this.senderKeyDistributionMessage = senderKeyDistributionMessage;
        this.imageMessage = imageMessage;
        this.contactMessage = contactMessage;
        this.locationMessage = locationMessage;
        this.textMessage = textMessage;
        this.documentMessage = documentMessage;
        this.audioMessage = audioMessage;
        this.videoMessage = videoMessage;
        this.callMessage = callMessage;
        this.protocolMessage = protocolMessage;
        this.contactsArrayMessage = contactsArrayMessage;
        this.highlyStructuredMessage = highlyStructuredMessage;
        this.sendPaymentMessage = sendPaymentMessage;
        this.liveLocationMessage = liveLocationMessage;
        this.requestPaymentMessage = requestPaymentMessage;
        this.declinePaymentRequestMessage = declinePaymentRequestMessage;
        this.cancelPaymentRequestMessage = cancelPaymentRequestMessage;
        this.templateMessage = templateMessage;
        this.stickerMessage = stickerMessage;
        this.groupInviteMessage = groupInviteMessage;
        this.templateReplyMessage = templateReplyMessage;
        this.productMessage = productMessage;
        this.deviceSentMessage = deviceSentMessage;
        this.deviceSyncMessage = deviceSyncMessage;
        this.listMessage = listMessage;
        this.viewOnceMessage = viewOnceMessage;
        this.orderMessage = orderMessage;
        this.listResponseMessage = listResponseMessage;
        this.ephemeralMessage = ephemeralMessage;
        this.invoiceMessage = invoiceMessage;
        this.buttonsMessage = buttonsMessage;
        this.buttonsResponseMessage = buttonsResponseMessage;
        this.paymentInviteMessage = paymentInviteMessage;
        this.interactiveMessage = interactiveMessage;
        this.reactionMessage = reactionMessage;
        this.stickerSyncMessage = stickerSyncMessage;
        this.interactiveResponseMessage = interactiveResponseMessage;
        this.pollCreationMessage = pollCreationMessage;
        this.pollUpdateMessage = pollUpdateMessage;
        this.keepInChatMessage = keepInChatMessage;
        this.documentWithCaptionMessage = documentWithCaptionMessage;
        this.requestPhoneNumberMessage = requestPhoneNumberMessage;
        this.viewOnceV2Message = viewOnceV2Message;
        this.encryptedReactionMessage = encryptedReactionMessage;
        this.editedMessage = editedMessage;
        this.viewOnceV2ExtensionMessage = viewOnceV2ExtensionMessage;
        this.newsletterAdminInviteMessage = newsletterAdminInviteMessage;
        this.deviceInfo = deviceInfo;
        this.eventMessage = eventMessage;
        this.encEventResponseMessage = encEventResponseMessage;
        this.secretEncryptedMessage = secretEncryptedMessage;
        this.albumMessage = albumMessage;
        this.associatedChildMessage = associatedChildMessage;
    }

    public static MessageContainer empty() {
        return new MessageContainerBuilder().build();
    }

    /** As Cobalt's: no JSON form. */
    public static Optional<MessageContainer> ofJson(JSONObject jsonObject) {
        return Optional.empty();
    }

    public static <T extends Message> MessageContainer of(T message) {
        return ofBuilder(message).build();
    }

    /** A builder holding {@code message} in its field; a kind with no field here (an empty message) holds nothing. */
    public static <T extends Message> MessageContainerBuilder ofBuilder(T message) {
        var builder = new MessageContainerBuilder();
        switch (message) {
            case SenderKeyDistributionMessage distribution -> builder.senderKeyDistributionMessage(distribution);
            case ImageMessage image -> builder.imageMessage(image);
            case ContactMessage contact -> builder.contactMessage(contact);
            case LocationMessage location -> builder.locationMessage(location);
            case TextMessage text -> builder.textMessage(text);
            case DocumentMessage document -> builder.documentMessage(document);
            case AudioMessage audio -> builder.audioMessage(audio);
            case VideoOrGifMessage video -> builder.videoMessage(video);
            case ProtocolMessage protocol -> builder.protocolMessage(protocol);
            case ContactsMessage contacts -> builder.contactsArrayMessage(contacts);
            case HighlyStructuredMessage structured -> builder.highlyStructuredMessage(structured);
            case SendPaymentMessage payment -> builder.sendPaymentMessage(payment);
            case LiveLocationMessage liveLocation -> builder.liveLocationMessage(liveLocation);
            case RequestPaymentMessage request -> builder.requestPaymentMessage(request);
            case DeclinePaymentRequestMessage decline -> builder.declinePaymentRequestMessage(decline);
            case CancelPaymentRequestMessage cancel -> builder.cancelPaymentRequestMessage(cancel);
            case TemplateMessage template -> builder.templateMessage(template);
            case StickerMessage sticker -> builder.stickerMessage(sticker);
            case GroupInviteMessage invite -> builder.groupInviteMessage(invite);
            case TemplateReplyMessage templateReply -> builder.templateReplyMessage(templateReply);
            case ProductMessage product -> builder.productMessage(product);
            case DeviceSyncMessage deviceSync -> builder.deviceSyncMessage(deviceSync);
            case ListMessage list -> builder.listMessage(list);
            case PaymentOrderMessage order -> builder.orderMessage(order);
            case ListResponseMessage listResponse -> builder.listResponseMessage(listResponse);
            case PaymentInvoiceMessage invoice -> builder.invoiceMessage(invoice);
            case ButtonsMessage buttons -> builder.buttonsMessage(buttons);
            case ButtonsResponseMessage buttonsResponse -> builder.buttonsResponseMessage(buttonsResponse);
            case PaymentInviteMessage paymentInvite -> builder.paymentInviteMessage(paymentInvite);
            case InteractiveMessage interactive -> builder.interactiveMessage(interactive);
            case ReactionMessage reaction -> builder.reactionMessage(reaction);
            case StickerSyncRMRMessage stickerSync -> builder.stickerSyncMessage(stickerSync);
            case DeviceSentMessage deviceSent -> builder.deviceSentMessage(deviceSent);
            case InteractiveResponseMessage interactiveResponse -> builder.interactiveResponseMessage(interactiveResponse);
            case PollCreationMessage poll -> builder.pollCreationMessage(poll);
            case PollUpdateMessage vote -> builder.pollUpdateMessage(vote);
            case KeepInChatMessage keep -> builder.keepInChatMessage(keep);
            case RequestPhoneNumberMessage phoneRequest -> builder.requestPhoneNumberMessage(phoneRequest);
            case EncryptedReactionMessage encryptedReaction -> builder.encryptedReactionMessage(encryptedReaction);
            case CallMessage call -> builder.callMessage(call);
            case NewsletterAdminInviteMessage adminInvite -> builder.newsletterAdminInviteMessage(adminInvite);
            default -> {
            }
        }
        return builder;
    }

    public static MessageContainer of(String message) {
        return new MessageContainerBuilder().textMessage(TextMessage.of(message)).build();
    }

    public static <T extends Message> MessageContainer ofViewOnce(T message) {
        return new MessageContainerBuilder().viewOnceMessage(wrapped(message)).build();
    }

    public static <T extends Message> MessageContainer ofViewOnceV2(T message) {
        return new MessageContainerBuilder().viewOnceV2Message(wrapped(message)).build();
    }

    public static <T extends Message> MessageContainer ofEphemeral(T message) {
        return new MessageContainerBuilder().ephemeralMessage(wrapped(message)).build();
    }

    public static <T extends Message> MessageContainer ofEditedMessage(T message) {
        return new MessageContainerBuilder().editedMessage(wrapped(message)).build();
    }

    public static <T extends Message> MessageContainer ofDocumentWithCaption(T message) {
        return new MessageContainerBuilder().documentWithCaptionMessage(wrapped(message)).build();
    }

    private static FutureMessageContainer wrapped(Message message) {
        return new FutureMessageContainerBuilder().content(MessageContainer.of(message)).build();
    }

    /** This message in a wrapper: Cobalt's rebuilt it from {@link #content()}, dropping the messages added here. */
    private FutureMessageContainer wrappedWhole() {
        var whole = hasAddedMessage() ? withDeviceInfo(null) : MessageContainer.of(content());
        return new FutureMessageContainerBuilder().content(whole).build();
    }

    /** The message held, looked for in Cobalt's order (a sender key distribution last); empty when none of Cobalt's. */
    public Message content() {
        if (textWithNoContextMessage != null) {
            return TextMessage.of(textWithNoContextMessage);
        }
        return Stream.<Function<MessageContainer, ?>>of(
                        c -> c.imageMessage, c -> c.contactMessage, c -> c.locationMessage, c -> c.textMessage,
                        c -> c.documentMessage, c -> c.audioMessage, c -> c.videoMessage, c -> c.protocolMessage,
                        c -> c.contactsArrayMessage, c -> c.highlyStructuredMessage, c -> c.sendPaymentMessage,
                        c -> c.liveLocationMessage, c -> c.requestPaymentMessage, c -> c.declinePaymentRequestMessage,
                        c -> c.cancelPaymentRequestMessage, c -> c.templateMessage, c -> c.stickerMessage,
                        c -> c.groupInviteMessage, c -> c.templateReplyMessage, c -> c.productMessage,
                        c -> c.deviceSentMessage == null ? null : c.deviceSentMessage.message().content(),
                        c -> c.deviceSyncMessage, c -> c.listMessage, c -> inner(c.viewOnceMessage),
                        c -> c.orderMessage, c -> c.listResponseMessage, c -> inner(c.ephemeralMessage),
                        c -> c.invoiceMessage, c -> c.buttonsMessage, c -> c.buttonsResponseMessage,
                        c -> c.paymentInviteMessage, c -> c.interactiveMessage, c -> c.reactionMessage,
                        c -> c.stickerSyncMessage, c -> c.interactiveResponseMessage, c -> c.pollCreationMessage,
                        c -> c.pollUpdateMessage, c -> c.keepInChatMessage, c -> inner(c.documentWithCaptionMessage),
                        c -> c.requestPhoneNumberMessage, c -> inner(c.viewOnceV2Message),
                        c -> c.encryptedReactionMessage, c -> inner(c.editedMessage),
                        c -> inner(c.viewOnceV2ExtensionMessage), c -> c.callMessage,
                        c -> c.newsletterAdminInviteMessage, c -> c.senderKeyDistributionMessage)
                .map(field -> field.apply(this))
                .filter(Objects::nonNull)
                .map(Message.class::cast)
                .findFirst()
                .orElse(EMPTY_MESSAGE);
    }

    private static Message inner(FutureMessageContainer wrapper) {
        return wrapper == null ? null : wrapper.content().content();
    }

    public Optional<ContextualMessage<?>> contentWithContext() {
        return content() instanceof ContextualMessage<?> contextual ? Optional.of(contextual) : Optional.empty();
    }

    public boolean hasType(Message.Type type) {
        return content().type() == type;
    }

    public boolean hasCategory(Message.Category category) {
        return content().category() == category;
    }

    /** The wrapper's type (text, ephemeral, view once, edited) where there is one, else the content's. */
    public Message.Type type() {
        if (textWithNoContextMessage != null) {
            return Message.Type.TEXT;
        }
        if (ephemeralMessage != null) {
            return Message.Type.EPHEMERAL;
        }
        if (viewOnceMessage != null || viewOnceV2Message != null || viewOnceV2ExtensionMessage != null) {
            return Message.Type.VIEW_ONCE;
        }
        if (editedMessage != null) {
            return Message.Type.EDITED;
        }
        return content().type();
    }

    public Message.Type deepType() {
        return content().type();
    }

    public Message.Category category() {
        return content().category();
    }

    public MessageContainer toEphemeral() {
        if (type() == Message.Type.EPHEMERAL) {
            return this;
        }
        return new MessageContainerBuilder().ephemeralMessage(wrappedWhole()).deviceInfo(deviceInfo).build();
    }

    public MessageContainer toViewOnce() {
        if (type() == Message.Type.VIEW_ONCE) {
            return this;
        }
        return new MessageContainerBuilder().viewOnceMessage(wrappedWhole()).deviceInfo(deviceInfo).build();
    }

    /** The message a wrapper (a copy sent from another device, ephemeral, view once, edited…) holds, else this. */
    public MessageContainer unbox() {
        if (deviceSentMessage != null) {
            return deviceSentMessage.message();
        }
        return Stream.of(viewOnceMessage, ephemeralMessage, documentWithCaptionMessage, viewOnceV2Message,
                        editedMessage, viewOnceV2ExtensionMessage)
                .filter(Objects::nonNull)
                .findFirst()
                .map(FutureMessageContainer::content)
                .orElse(this);
    }

    /**
     * This message with {@code deviceInfo} ({@code messageContextInfo}: the message secret, an album's or HD original's
     * association) in place of its own. Unlike Cobalt's, which rebuilt the message from {@link #content()}, it keeps
     * every field, so the messages Cobalt has no model for keep theirs.
     */
    public MessageContainer withDeviceInfo(DeviceContextInfo deviceInfo) {
        return new MessageContainer(textWithNoContextMessage, senderKeyDistributionMessage, imageMessage,
                contactMessage, locationMessage, textMessage, documentMessage, audioMessage, videoMessage, callMessage,
                protocolMessage, contactsArrayMessage, highlyStructuredMessage, sendPaymentMessage,
                liveLocationMessage, requestPaymentMessage, declinePaymentRequestMessage, cancelPaymentRequestMessage,
                templateMessage, stickerMessage, groupInviteMessage, templateReplyMessage, productMessage,
                deviceSentMessage, deviceSyncMessage, listMessage, viewOnceMessage, orderMessage,
                listResponseMessage, ephemeralMessage, invoiceMessage, buttonsMessage, buttonsResponseMessage,
                paymentInviteMessage, interactiveMessage, reactionMessage, stickerSyncMessage,
                interactiveResponseMessage, pollCreationMessage, pollUpdateMessage, keepInChatMessage,
                documentWithCaptionMessage, requestPhoneNumberMessage, viewOnceV2Message, encryptedReactionMessage,
                editedMessage, viewOnceV2ExtensionMessage, newsletterAdminInviteMessage, deviceInfo, eventMessage,
                encEventResponseMessage, secretEncryptedMessage, albumMessage, associatedChildMessage);
    }

    public Optional<DeviceContextInfo> deviceInfo() {
        return Optional.ofNullable(deviceInfo);
    }

    public Optional<SenderKeyDistributionMessage> senderKeyDistributionMessage() {
        return Optional.ofNullable(senderKeyDistributionMessage);
    }

    /** {@code eventMessage} (75) as WhatsApp wrote it: a calendar event. */
    public Optional<byte[]> eventMessage() {
        return Optional.ofNullable(eventMessage);
    }

    /** {@code encEventResponseMessage} (76): a guest's answer to an event, sealed with the event's secret. */
    public Optional<byte[]> encEventResponseMessage() {
        return Optional.ofNullable(encEventResponseMessage);
    }

    /** {@code secretEncryptedMessage} (82): a change sealed with a message's secret (an event's edit or cancellation). */
    public Optional<byte[]> secretEncryptedMessage() {
        return Optional.ofNullable(secretEncryptedMessage);
    }

    /** {@code albumMessage} (83): an album's first message, saying how many photos and videos follow. */
    public Optional<byte[]> albumMessage() {
        return Optional.ofNullable(albumMessage);
    }

    /** {@code associatedChildMessage} (91): a message associated to another (a photo's or video's HD original). */
    public Optional<byte[]> associatedChildMessage() {
        return Optional.ofNullable(associatedChildMessage);
    }

    /**
     * Empty when it holds none of Cobalt's messages and none of those added here, itself or in the copy for the
     * account's other devices ({@code deviceSentMessage}): Cobalt sends no bytes for an empty message.
     */
    public boolean isEmpty() {
        return hasType(Message.Type.EMPTY) && !hasAddedMessage()
                && (deviceSentMessage == null || deviceSentMessage.message() == null || deviceSentMessage.message().isEmpty());
    }

    private boolean hasAddedMessage() {
        return Stream.of(eventMessage, encEventResponseMessage, secretEncryptedMessage, albumMessage, associatedChildMessage)
                .anyMatch(Objects::nonNull);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageContainer that && Arrays.deepEquals(fields(), that.fields());
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(fields());
    }

    private Object[] fields() {
        return new Object[]{textWithNoContextMessage, senderKeyDistributionMessage, imageMessage, contactMessage,
                locationMessage, textMessage, documentMessage, audioMessage, videoMessage, callMessage, protocolMessage,
                contactsArrayMessage, highlyStructuredMessage, sendPaymentMessage, liveLocationMessage,
                requestPaymentMessage, declinePaymentRequestMessage, cancelPaymentRequestMessage, templateMessage,
                stickerMessage, groupInviteMessage, templateReplyMessage, productMessage, deviceSentMessage,
                deviceSyncMessage, listMessage, viewOnceMessage, orderMessage, listResponseMessage, ephemeralMessage,
                invoiceMessage, buttonsMessage, buttonsResponseMessage, paymentInviteMessage, interactiveMessage,
                reactionMessage, stickerSyncMessage, interactiveResponseMessage, pollCreationMessage,
                pollUpdateMessage, keepInChatMessage, documentWithCaptionMessage, requestPhoneNumberMessage,
                viewOnceV2Message, encryptedReactionMessage, editedMessage, viewOnceV2ExtensionMessage,
                newsletterAdminInviteMessage, deviceInfo, eventMessage, encEventResponseMessage,
                secretEncryptedMessage, albumMessage, associatedChildMessage};
    }

    @Override
    public String toString() {
        return Objects.toString(content());
    }
}
