package io.kubezap.session.engine.cobalt;

import io.kubezap.cobalt.media.StagedMedia;
import io.kubezap.session.engine.MessageContent;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.button.interactive.InteractiveHeaderBuilder;
import it.auties.whatsapp.model.message.button.InteractiveMessage;
import it.auties.whatsapp.model.message.button.InteractiveMessageSpec;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.standard.ImageMessageSimpleBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Carousels on Cobalt, as WhatsApp Business apps (and the Baileys bridge) send them: an {@code interactiveMessage} whose
 * {@code carouselMessage} holds the cards, each an {@code interactiveMessage} of its own with its picture as header and
 * quick-reply buttons, delivered with the buttons' {@code <biz>} node ({@link BizNodes}). Cobalt 0.0.10 models no
 * carousel (the replaced {@code InteractiveMessage} of {@code cobalt-patches} carries its bytes) and uploads no card's
 * picture, so each is uploaded here, one at a time in card order, before the message is built.
 */
final class Carousels {

    private static final int CARDS = 1;
    private static final int VERSION = 2;
    private static final int CAROUSEL_VERSION = 1;

    private Carousels() {
    }

    /** {@code carousel}'s message, once every card's picture (read from its file) is uploaded. */
    static CompletableFuture<MessageContainer> message(Whatsapp client, MessageContent.Carousel carousel) {
        CompletableFuture<List<InteractiveMessage>> cards = CompletableFuture.completedFuture(new ArrayList<>());
        for (var card : carousel.cards()) {
            cards = cards.thenCompose(built -> card(client, card).thenApply(next -> {
                built.add(next);
                return built;
            }));
        }
        return cards.thenApply(built -> MessageContainer.of(InteractiveMessages.withTexts(carousel.text(), carousel.footer())
                .carouselMessage(carouselMessage(built)).build()));
    }

    static byte[] carouselMessage(List<InteractiveMessage> cards) {
        var carousel = new ProtobufWriter();
        cards.forEach(card -> carousel.bytes(CARDS, InteractiveMessageSpec.encode(card)));
        return carousel.varint(VERSION, CAROUSEL_VERSION).bytes();
    }

    /** A card without title goes without one (cobalt-patches' {@code InteractiveHeader}). */
    private static CompletableFuture<InteractiveMessage> card(Whatsapp client, MessageContent.Carousel.Card card) {
        var picture = new ImageMessageSimpleBuilder().media(StagedMedia.stage(Path.of(card.image().path())))
                .mimeType(card.image().mimeType()).build();
        return MediaUploads.upload(client, picture).thenApply(uploaded -> InteractiveMessages.withTexts(card.body(), card.footer())
                .header(new InteractiveHeaderBuilder().title(card.title()).attachmentImage(uploaded)
                        .mediaAttachment(true).build())
                .contentNativeFlow(InteractiveMessages.quickReplies(card.buttons())).build());
    }
}
