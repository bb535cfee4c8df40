package io.kubezap.session.api;

import io.kubezap.contract.Problem.FieldError;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.media.MediaIntake;
import io.kubezap.session.message.MediaInfo;
import io.kubezap.session.problem.ApiException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores a carousel's card images, once everything else about it was accepted: each is in the media store (a URL's
 * fetched now, under the media URL rules) before the message is queued, as the engine uploads them all with it.
 */
@Singleton
class CarouselImages {

    private final MediaIntake intake;

    CarouselImages(MediaIntake intake) {
        this.intake = intake;
    }

    /** {@code checked} with each card's image stored; a bad image answers naming its card. */
    MessageContent.Carousel stored(List<InteractiveResource.CardRequest> cards, MessageContent.Carousel checked) {
        List<MessageContent.Carousel.Card> stored = new ArrayList<>();
        for (int i = 0; i < cards.size(); i++) {
            MessageContent.Carousel.Card card = checked.cards().get(i);
            MediaInfo file = file("cards[" + i + "].image", cards.get(i));
            stored.add(new MessageContent.Carousel.Card(new MessageContent.Carousel.CardImage(file.mimeType(), file.size(),
                    file.sha256(), null), card.title(), card.body(), card.footer(), card.buttons()));
        }
        return new MessageContent.Carousel(checked.text(), checked.footer(), stored);
    }

    private MediaInfo file(String field, InteractiveResource.CardRequest card) {
        var declared = new MediaIntake.Declared(MediaKind.IMAGE, blankToNull(card.mimeType()), null, null);
        var image = card.image();
        try {
            return image.url() != null && !image.url().isBlank() ? intake.fetchedNow(declared, image.url().trim()).info()
                    : intake.fromBase64(declared, image.data()).info();
        } catch (Failure refused) {
            if (refused.kind() != Failure.Kind.INVALID) {
                throw refused;
            }
            throw ApiException.invalid(refused.errors().stream().map(error -> new FieldError(field, error.message())).toList());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
