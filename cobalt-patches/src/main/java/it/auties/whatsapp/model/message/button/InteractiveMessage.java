package it.auties.whatsapp.model.message.button;

import it.auties.protobuf.annotation.ProtobufBuilder;
import it.auties.protobuf.annotation.ProtobufMessage;
import it.auties.protobuf.annotation.ProtobufProperty;
import it.auties.protobuf.model.ProtobufType;
import it.auties.whatsapp.model.button.base.TemplateFormatter;
import it.auties.whatsapp.model.button.interactive.InteractiveBody;
import it.auties.whatsapp.model.button.interactive.InteractiveBodyBuilder;
import it.auties.whatsapp.model.button.interactive.InteractiveCollection;
import it.auties.whatsapp.model.button.interactive.InteractiveFooter;
import it.auties.whatsapp.model.button.interactive.InteractiveFooterBuilder;
import it.auties.whatsapp.model.button.interactive.InteractiveHeader;
import it.auties.whatsapp.model.button.interactive.InteractiveNativeFlow;
import it.auties.whatsapp.model.button.interactive.InteractiveShop;
import it.auties.whatsapp.model.info.ContextInfo;
import it.auties.whatsapp.model.message.model.ButtonMessage;
import it.auties.whatsapp.model.message.model.ContextualMessage;
import it.auties.whatsapp.model.message.model.Message;

import java.util.Optional;

/**
 * Replaces Cobalt 0.0.10's {@code Message.InteractiveMessage} (same package, name and public signatures; its generated
 * spec and builders come from this one). Cobalt's lacks {@code carouselMessage} (7), the cards a reader swipes through,
 * each an interactive message of its own: its decoder skipped them, so a received carousel lost its cards, and none
 * could be sent. Here it is kept as the carousel's bytes, exactly as written (a length-delimited message and bytes share
 * the wire form); the session pod reads and builds its cards itself.
 */
@ProtobufMessage(name = "Message.InteractiveMessage")
public final class InteractiveMessage implements ContextualMessage<InteractiveMessage>, ButtonMessage, TemplateFormatter {
    @ProtobufProperty(index = 1, type = ProtobufType.MESSAGE)
    final InteractiveHeader header;

    @ProtobufProperty(index = 2, type = ProtobufType.MESSAGE)
    final InteractiveBody body;

    @ProtobufProperty(index = 3, type = ProtobufType.MESSAGE)
    final InteractiveFooter footer;

    @ProtobufProperty(index = 4, type = ProtobufType.MESSAGE)
    final InteractiveShop contentShop;

    @ProtobufProperty(index = 5, type = ProtobufType.MESSAGE)
    final InteractiveCollection contentCollection;

    @ProtobufProperty(index = 6, type = ProtobufType.MESSAGE)
    final InteractiveNativeFlow contentNativeFlow;

    @ProtobufProperty(index = 7, type = ProtobufType.BYTES)
    final byte[] carouselMessage;

    @ProtobufProperty(index = 15, type = ProtobufType.MESSAGE)
    ContextInfo contextInfo;

    InteractiveMessage(InteractiveHeader header, InteractiveBody body, InteractiveFooter footer, InteractiveShop contentShop,
                       InteractiveCollection contentCollection, InteractiveNativeFlow contentNativeFlow,
                       byte[] carouselMessage, ContextInfo contextInfo) {
        this.header = header;
        this.body = body;
        this.footer = footer;
        this.contentShop = contentShop;
        this.contentCollection = contentCollection;
        this.contentNativeFlow = contentNativeFlow;
        this.carouselMessage = carouselMessage;
        this.contextInfo = contextInfo;
    }

    /** Cobalt's constructor: no carousel. */
    public InteractiveMessage(InteractiveHeader header, InteractiveBody body, InteractiveFooter footer, InteractiveShop contentShop,
                              InteractiveCollection contentCollection, InteractiveNativeFlow contentNativeFlow, ContextInfo contextInfo) {
        this(header, body, footer, contentShop, contentCollection, contentNativeFlow, null, contextInfo);
    }

    @ProtobufBuilder(className = "InteractiveMessageSimpleBuilder")
    static InteractiveMessage simpleBuilder(InteractiveHeader header, String body, String footer, InteractiveMessageContent content,
                                            ContextInfo contextInfo) {
        var interactiveBody = body == null ? null : new InteractiveBodyBuilder().content(body).build();
        var interactiveFooter = footer == null ? null : new InteractiveFooterBuilder().content(footer).build();
        var builder = new InteractiveMessageBuilder().header(header).body(interactiveBody).footer(interactiveFooter)
                .contextInfo(contextInfo);
        switch (content) {
            case InteractiveShop shop -> builder.contentShop(shop);
            case InteractiveCollection collection -> builder.contentCollection(collection);
            case InteractiveNativeFlow nativeFlow -> builder.contentNativeFlow(nativeFlow);
            case null -> {
            }
        }
        return builder.build();
    }

    /** The type of content this message wraps (a carousel is none of Cobalt's: {@link #carouselMessage()}). */
    public InteractiveMessageContent.Type contentType() {
        return content().map(InteractiveMessageContent::contentType).orElse(InteractiveMessageContent.Type.NONE);
    }

    public Optional<? extends InteractiveMessageContent> content() {
        if (contentShop != null) {
            return Optional.of(contentShop);
        } else if (contentCollection != null) {
            return Optional.of(contentCollection);
        } else {
            return Optional.ofNullable(contentNativeFlow);
        }
    }

    @Override
    public TemplateFormatter.Type templateType() {
        return TemplateFormatter.Type.INTERACTIVE;
    }

    @Override
    public Message.Type type() {
        return Message.Type.INTERACTIVE;
    }

    @Override
    public Category category() {
        return Category.STANDARD;
    }

    public Optional<InteractiveHeader> header() {
        return Optional.ofNullable(header);
    }

    public Optional<InteractiveBody> body() {
        return Optional.ofNullable(body);
    }

    public Optional<InteractiveFooter> footer() {
        return Optional.ofNullable(footer);
    }

    public Optional<InteractiveShop> contentShop() {
        return Optional.ofNullable(contentShop);
    }

    public Optional<InteractiveCollection> contentCollection() {
        return Optional.ofNullable(contentCollection);
    }

    public Optional<InteractiveNativeFlow> contentNativeFlow() {
        return Optional.ofNullable(contentNativeFlow);
    }

    /** {@code carouselMessage} (7) as written: its cards (1, each an interactive message) and its version (2). */
    public Optional<byte[]> carouselMessage() {
        return Optional.ofNullable(carouselMessage);
    }

    @Override
    public Optional<ContextInfo> contextInfo() {
        return Optional.ofNullable(contextInfo);
    }

    @Override
    public InteractiveMessage setContextInfo(ContextInfo contextInfo) {
        this.contextInfo = contextInfo;
        return this;
    }

    @Override
    public String toString() {
        return "InteractiveMessage[header=" + header + ", body=" + body + ", footer=" + footer + ", contentShop=" + contentShop
                + ", contentCollection=" + contentCollection + ", contentNativeFlow=" + contentNativeFlow + ", carouselMessage="
                + (carouselMessage == null ? null : carouselMessage.length + " bytes") + ", contextInfo=" + contextInfo + ']';
    }
}
