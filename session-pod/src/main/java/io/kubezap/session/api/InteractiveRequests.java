package io.kubezap.session.api;

import io.kubezap.contract.Problem.FieldError;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.problem.ApiException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks {@code POST /buttons}, {@code POST /lists} and {@code POST /carousel} beyond their annotations (how many buttons, sections and rows
 * WhatsApp's apps show, ids unique so a reply names one) and turns them into their structured kinds.
 */
final class InteractiveRequests {

    static final int MAX_BUTTONS = 3;
    static final int MAX_SECTIONS = 10;
    static final int MAX_ROWS = 10;
    static final int MIN_CARDS = 2;
    static final int MAX_CARDS = 10;
    static final int MAX_CARD_BUTTONS = 2;

    private InteractiveRequests() {
    }

    static MessageContent.Buttons buttons(InteractiveResource.SendButtonsRequest request) {
        if (request == null) {
            throw ApiException.invalid("body", "is required: {chatId, text, footer?, buttons: [{id, text}]}");
        }
        BodyConstraints.check(request);
        List<InteractiveResource.ButtonRequest> buttons = orEmpty(request.buttons());
        List<FieldError> errors = new ArrayList<>();
        if (buttons.isEmpty() || buttons.size() > MAX_BUTTONS) {
            errors.add(new FieldError("buttons", "a message has 1 to " + MAX_BUTTONS + " reply buttons, got " + buttons.size()));
        }
        unique("buttons", buttons, InteractiveResource.ButtonRequest::id, errors);
        check(errors);
        return new MessageContent.Buttons(request.text().strip(), blankToNull(request.footer()),
                buttons.stream().map(b -> new MessageContent.Buttons.Button(b.id().strip(), b.text().strip())).toList());
    }

    static MessageContent.ListMessage list(InteractiveResource.SendListRequest request) {
        if (request == null) {
            throw ApiException.invalid("body", "is required: {chatId, text, footer?, buttonText, sections: [{title, rows: [{id, title, description?}]}]}");
        }
        BodyConstraints.check(request);
        List<InteractiveResource.SectionRequest> sections = orEmpty(request.sections());
        List<FieldError> errors = new ArrayList<>();
        if (sections.isEmpty() || sections.size() > MAX_SECTIONS) {
            errors.add(new FieldError("sections", "a list has 1 to " + MAX_SECTIONS + " sections, got " + sections.size()));
        }
        List<InteractiveResource.RowRequest> rows = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            List<InteractiveResource.RowRequest> own = orEmpty(sections.get(i).rows());
            if (own.isEmpty()) {
                errors.add(new FieldError("sections[" + i + "].rows", "a section has at least one row"));
            }
            rows.addAll(own);
        }
        if (rows.size() > MAX_ROWS) {
            errors.add(new FieldError("sections", "a list has at most " + MAX_ROWS + " rows in all, got " + rows.size()));
        }
        unique("sections[].rows", rows, InteractiveResource.RowRequest::id, errors);
        check(errors);
        return new MessageContent.ListMessage(request.text().strip(), blankToNull(request.footer()), request.buttonText().strip(),
                sections.stream().map(InteractiveRequests::section).toList());
    }

    /**
     * A carousel as WhatsApp's apps show one: 2 to 10 cards, each with one image (its {@code url} or {@code data}) and 1 or
     * 2 reply buttons, every card with as many buttons as the first (the apps lay the cards out alike), ids unique across
     * the carousel. The cards' images are not stored yet: {@link CarouselImages} does that once all else is accepted.
     */
    static MessageContent.Carousel carousel(InteractiveResource.SendCarouselRequest request) {
        if (request == null) {
            throw ApiException.invalid("body", "is required: {chatId, text, footer?, cards: [{image: {url|data}, title?, body, footer?, buttons: [{id, text}]}]}");
        }
        BodyConstraints.check(request);
        List<InteractiveResource.CardRequest> cards = orEmpty(request.cards());
        List<FieldError> errors = new ArrayList<>();
        if (cards.size() < MIN_CARDS || cards.size() > MAX_CARDS) {
            errors.add(new FieldError("cards", "a carousel has " + MIN_CARDS + " to " + MAX_CARDS + " cards, got " + cards.size()));
        }
        List<InteractiveResource.ButtonRequest> buttons = new ArrayList<>();
        for (int i = 0; i < cards.size(); i++) {
            card(i, cards.get(i), cards.getFirst(), errors);
            buttons.addAll(orEmpty(cards.get(i).buttons()));
        }
        unique("cards[].buttons", buttons, InteractiveResource.ButtonRequest::id, errors);
        check(errors);
        return new MessageContent.Carousel(request.text().strip(), blankToNull(request.footer()), cards.stream()
                .map(card -> new MessageContent.Carousel.Card(new MessageContent.Carousel.CardImage(blankToNull(card.mimeType()), null, null, null),
                        blankToNull(card.title()), card.body().strip(), blankToNull(card.footer()), card.buttons().stream()
                        .map(b -> new MessageContent.Buttons.Button(b.id().strip(), b.text().strip())).toList()))
                .toList());
    }

    private static void card(int index, InteractiveResource.CardRequest card, InteractiveResource.CardRequest first, List<FieldError> errors) {
        String field = "cards[" + index + "]";
        var image = card.image();
        boolean hasUrl = image != null && image.url() != null && !image.url().isBlank();
        boolean hasData = image != null && image.data() != null && !image.data().isEmpty();
        if (hasUrl == hasData) {
            errors.add(new FieldError(field + ".image", "each card has one image: give exactly one of image.url or image.data (base64)"));
        }
        int count = orEmpty(card.buttons()).size();
        if (count == 0 || count > MAX_CARD_BUTTONS) {
            errors.add(new FieldError(field + ".buttons", "a card has 1 to " + MAX_CARD_BUTTONS + " reply buttons, got " + count));
        } else if (count != orEmpty(first.buttons()).size()) {
            errors.add(new FieldError(field + ".buttons", "every card has as many buttons as the first ("
                    + orEmpty(first.buttons()).size() + "), got " + count));
        }
    }

    private static MessageContent.ListMessage.Section section(InteractiveResource.SectionRequest section) {
        return new MessageContent.ListMessage.Section(blankToNull(section.title()), section.rows().stream()
                .map(row -> new MessageContent.ListMessage.Row(row.id().strip(), row.title().strip(), blankToNull(row.description())))
                .toList());
    }

    /** A reply names the choice by its id: two choices with one id could not be told apart. */
    private static <T> void unique(String field, List<T> choices, Function<T, String> id, List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        choices.stream().map(id).map(String::strip).filter(each -> !seen.add(each)).findFirst()
                .ifPresent(twice -> errors.add(new FieldError(field, "each id must be unique, '" + twice + "' is given twice")));
    }

    private static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
