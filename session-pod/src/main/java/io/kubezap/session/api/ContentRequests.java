package io.kubezap.session.api;

import io.kubezap.contract.Problem.FieldError;
import io.kubezap.session.engine.ContactCard;
import io.kubezap.contract.Jid;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.message.VCards;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BiFunction;
import java.util.Map;
import java.util.Set;

/** Checks the location, contacts, poll, group invitation and event of a send request; each problem is a field error, nothing is half-taken. */
final class ContentRequests {

    /** The request's {@code type} → the check that reads that kind's block; the only place these names are read. */
    private static final Map<String, BiFunction<SendMessageRequest, List<FieldError>, MessageContent>> KINDS = kinds();
    static final List<String> TYPES = List.copyOf(KINDS.keySet());
    private static final int MIN_OPTIONS = 2;
    private static final int MAX_OPTIONS = 12;
    private static final int MAX_OPTION_LENGTH = 100;
    /** How long WhatsApp's own invitations to a group last. */
    private static final Duration INVITE_LIFETIME = Duration.ofDays(3);
    private static final String GROUP_SERVER = "@g.us";

    private ContentRequests() {
    }

    private static Map<String, BiFunction<SendMessageRequest, List<FieldError>, MessageContent>> kinds() {
        Map<String, BiFunction<SendMessageRequest, List<FieldError>, MessageContent>> kinds = new LinkedHashMap<>();
        kinds.put("location", (request, errors) -> location(request.location(), errors));
        kinds.put("contact", (request, errors) -> contacts(request.contacts(), errors));
        kinds.put("poll", (request, errors) -> poll(request.poll(), errors));
        kinds.put(MessageContent.GroupInvite.TYPE, (request, errors) -> groupInvite(request.groupInvite(), errors));
        kinds.put(MessageContent.Event.TYPE, (request, errors) -> EventRequests.event(request.event(), errors));
        return kinds;
    }

    /** The content for {@code type} (one of {@link #TYPES}), or null with the reasons added to {@code errors}. */
    static MessageContent body(String type, SendMessageRequest request, List<FieldError> errors) {
        int before = errors.size();
        MessageContent content = KINDS.get(type).apply(request, errors);
        return errors.size() == before ? content : null;
    }

    private static MessageContent location(SendMessageRequest.LocationRequest location, List<FieldError> errors) {
        if (location == null) {
            errors.add(new FieldError("location", "is required: {latitude, longitude, name?, address?}"));
            return null;
        }
        coordinate("location.latitude", location.latitude(), 90, errors);
        coordinate("location.longitude", location.longitude(), 180, errors);
        if (location.latitude() == null || location.longitude() == null) {
            return null;
        }
        return new MessageContent.Location(location.latitude(), location.longitude(), blankToNull(location.name()),
                blankToNull(location.address()));
    }

    private static void coordinate(String field, Double value, int limit, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.isNaN() || value < -limit || value > limit) {
            errors.add(new FieldError(field, "must be between -" + limit + " and " + limit + " degrees"));
        }
    }

    private static MessageContent contacts(List<SendMessageRequest.ContactRequest> contacts, List<FieldError> errors) {
        if (contacts == null || contacts.isEmpty()) {
            errors.add(new FieldError("contacts", "is required: [{fullName, phoneNumbers}] or [{vcard}]"));
            return null;
        }
        List<ContactCard> cards = new ArrayList<>();
        for (int i = 0; i < contacts.size(); i++) {
            String field = "contacts[" + i + "]";
            SendMessageRequest.ContactRequest contact = contacts.get(i);
            if (contact == null) {
                errors.add(new FieldError(field, "must not be null"));
                continue;
            }
            String name = blankToNull(contact.fullName());
            if (contact.vcard() != null && !contact.vcard().isBlank()) {
                try {
                    cards.add(VCards.given(contact.vcard(), name));
                } catch (IllegalArgumentException bad) {
                    errors.add(new FieldError(field + ".vcard", bad.getMessage()));
                }
                continue;
            }
            if (name == null) {
                errors.add(new FieldError(field + ".fullName", "must not be blank"));
            }
            List<String> phones = phones(field, contact.phoneNumbers(), errors);
            if (name != null && !phones.isEmpty()) {
                cards.add(VCards.build(name, phones));
            }
        }
        return new MessageContent.Contacts(cards);
    }

    private static List<String> phones(String field, List<String> numbers, List<FieldError> errors) {
        if (numbers == null || numbers.isEmpty()) {
            errors.add(new FieldError(field + ".phoneNumbers", "needs at least one phone number (or give a vcard)"));
            return List.of();
        }
        List<String> digits = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            try {
                digits.add(Jid.phoneDigits(numbers.get(i)));
            } catch (IllegalArgumentException bad) {
                errors.add(new FieldError(field + ".phoneNumbers[" + i + "]", bad.getMessage()));
            }
        }
        return digits;
    }

    private static MessageContent poll(SendMessageRequest.PollRequest poll, List<FieldError> errors) {
        if (poll == null) {
            errors.add(new FieldError("poll", "is required: {name, options, selectableCount?}"));
            return null;
        }
        String name = blankToNull(poll.name());
        if (name == null) {
            errors.add(new FieldError("poll.name", "must not be blank"));
        }
        List<String> options = poll.options() == null ? List.of() : poll.options();
        if (options.size() < MIN_OPTIONS || options.size() > MAX_OPTIONS) {
            errors.add(new FieldError("poll.options", "must have " + MIN_OPTIONS + " to " + MAX_OPTIONS
                    + " options, got " + options.size()));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i) == null ? null : options.get(i).strip();
            if (option == null || option.isEmpty()) {
                errors.add(new FieldError("poll.options[" + i + "]", "must not be blank"));
            } else if (option.length() > MAX_OPTION_LENGTH) {
                errors.add(new FieldError("poll.options[" + i + "]", "must be at most " + MAX_OPTION_LENGTH + " characters"));
            } else if (!seen.add(option)) {
                errors.add(new FieldError("poll.options[" + i + "]", "repeats '" + option + "': options must be distinct"));
            }
        }
        int selectable = poll.selectableCount() == null ? 1 : poll.selectableCount();
        if (selectable < 0 || selectable > options.size()) {
            errors.add(new FieldError("poll.selectableCount", "must be 0 (any number) to the number of options"));
        }
        return new MessageContent.Poll(name, options.stream().map(String::strip).toList(), selectable);
    }

    private static MessageContent groupInvite(SendMessageRequest.GroupInviteRequest invite, List<FieldError> errors) {
        if (invite == null) {
            errors.add(new FieldError("groupInvite", "is required: {groupJid, inviteCode, expiresAt?, groupName?, caption?}"));
            return null;
        }
        String group = blankToNull(invite.groupJid());
        if (group == null || !group.endsWith(GROUP_SERVER)) {
            errors.add(new FieldError("groupInvite.groupJid", "must be a group's JID (…" + GROUP_SERVER + ")"));
        }
        String code = blankToNull(invite.inviteCode());
        if (code == null) {
            errors.add(new FieldError("groupInvite.inviteCode", "must not be blank: the group's invite code (GET /groups/{group}/invite)"));
        }
        Instant expiresAt = invite.expiresAt() == null ? Instant.now().plus(INVITE_LIFETIME) : invite.expiresAt();
        return new MessageContent.GroupInvite(group, code, expiresAt, blankToNull(invite.groupName()), blankToNull(invite.caption()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
