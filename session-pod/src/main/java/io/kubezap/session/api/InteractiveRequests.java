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
 * Checks {@code POST /buttons} and {@code POST /lists} beyond their annotations (how many buttons, sections and rows
 * WhatsApp's apps show, ids unique so a reply names one) and turns them into their structured kinds.
 */
final class InteractiveRequests {

    static final int MAX_BUTTONS = 3;
    static final int MAX_SECTIONS = 10;
    static final int MAX_ROWS = 10;

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
