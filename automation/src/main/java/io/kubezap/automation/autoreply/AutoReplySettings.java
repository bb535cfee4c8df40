package io.kubezap.automation.autoreply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code spec.autoReply} as the pod reads it ({@code KUBEZAP_AUTO_REPLY}, JSON) and which reply, if any, an incoming
 * message gets: the first matching keyword rule, else the greeting on a first contact, else the away message outside
 * business hours — none once the contact had its day's replies; else, when there is one, the AI responder ({@link
 * AiResponderSettings}), whose answers the daily cap does not count.
 */
public record AutoReplySettings(ZoneId zone, WeeklySchedule schedule, Optional<String> away, Optional<String> greeting,
                                List<KeywordRule> rules, int maxPerContactPerDay, Optional<AiResponderSettings> ai) {

    static final int DEFAULT_MAX_PER_CONTACT_PER_DAY = 3;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A reply chosen: the rule's name (keyword rules by name, or greeting / away) and its text. */
    public record Reply(String rule, String text) {
    }

    /** The spec's shape, as the operator writes it. */
    record Spec(String timeZone, List<SlotSpec> businessHours, String awayMessage, String greetingMessage,
                List<RuleSpec> rules, Integer maxRepliesPerContactPerDay, AiResponderSettings.Spec ai) {
    }

    record SlotSpec(List<String> days, String from, String to) {
    }

    record RuleSpec(String name, List<String> keywords, String when, String reply) {
    }

    /** No automatic replies. */
    public static AutoReplySettings none() {
        return new AutoReplySettings(ZoneId.of("UTC"), WeeklySchedule.ALWAYS_OPEN, Optional.empty(), Optional.empty(),
                List.of(), DEFAULT_MAX_PER_CONTACT_PER_DAY, Optional.empty());
    }

    public boolean enabled() {
        return away.isPresent() || greeting.isPresent() || !rules.isEmpty() || ai.isPresent();
    }

    /**
     * The settings from their JSON; an {@link IllegalArgumentException} naming the field and what is wrong with it
     * (an unknown time zone, a time that is not HH:MM, a 'when' that is not a boolean CEL expression).
     */
    public static AutoReplySettings parse(String json) {
        Spec spec;
        try {
            spec = JSON.readValue(json, Spec.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalArgumentException("spec.autoReply is not readable: " + unreadable.getOriginalMessage());
        }
        if (spec == null) {
            return none();
        }
        ZoneId zone = zone(spec.timeZone());
        List<WeeklySchedule.Slot> slots = new ArrayList<>();
        List<SlotSpec> hours = spec.businessHours() == null ? List.of() : spec.businessHours();
        for (int i = 0; i < hours.size(); i++) {
            slots.add(slot("spec.autoReply.businessHours[" + i + "]", hours.get(i)));
        }
        if (spec.awayMessage() != null && slots.isEmpty()) {
            throw new IllegalArgumentException("spec.autoReply.awayMessage needs spec.autoReply.businessHours");
        }
        List<KeywordRule> rules = new ArrayList<>();
        List<RuleSpec> ruleSpecs = spec.rules() == null ? List.of() : spec.rules();
        for (int i = 0; i < ruleSpecs.size(); i++) {
            rules.add(rule("spec.autoReply.rules[" + i + "]", ruleSpecs.get(i)));
        }
        int max = spec.maxRepliesPerContactPerDay() == null ? DEFAULT_MAX_PER_CONTACT_PER_DAY : spec.maxRepliesPerContactPerDay();
        if (max < 1) {
            throw new IllegalArgumentException("spec.autoReply.maxRepliesPerContactPerDay must be at least 1, not " + max);
        }
        return new AutoReplySettings(zone, new WeeklySchedule(List.copyOf(slots)), text(spec.awayMessage()),
                text(spec.greetingMessage()), List.copyOf(rules), max,
                Optional.ofNullable(spec.ai()).map(AiResponderSettings::read));
    }

    /** The reply an incoming text gets, given whether it is the contact's first and how many replies it had today. */
    public Optional<Reply> choose(String text, String chat, String pushName, boolean firstContact, Instant at, int repliesToday) {
        if (repliesToday >= maxPerContactPerDay) {
            return Optional.empty();
        }
        boolean open = schedule.open(at.atZone(zone));
        ReplyContext context = new ReplyContext(text == null ? "" : text, chat, pushName, firstContact, open);
        Optional<Reply> byRule = rules.stream().filter(rule -> rule.matches(context)).findFirst()
                .map(rule -> new Reply(rule.name(), rule.reply()));
        if (byRule.isPresent()) {
            return byRule;
        }
        if (firstContact && greeting.isPresent()) {
            return Optional.of(new Reply("greeting", greeting.get()));
        }
        return open ? Optional.empty() : away.map(message -> new Reply("away", message));
    }

    /** The AI responder, when there is one and its 'when' holds for a text that {@link #choose} gave no reply. */
    public Optional<AiResponderSettings> responderFor(String text, String chat, String pushName, boolean firstContact, Instant at) {
        ReplyContext context = new ReplyContext(text == null ? "" : text, chat, pushName, firstContact, schedule.open(at.atZone(zone)));
        return ai.filter(responder -> responder.speaks(context));
    }

    /** The start of {@code at}'s day in the settings' zone: the daily cap counts replies since then. */
    public Instant startOfDay(Instant at) {
        return at.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException unknown) {
            throw new IllegalArgumentException("spec.autoReply.timeZone '" + timeZone + "' is not a known time zone (IANA name, e.g. Europe/Lisbon)");
        }
    }

    private static WeeklySchedule.Slot slot(String where, SlotSpec spec) {
        if (spec.days() == null || spec.days().isEmpty()) {
            throw new IllegalArgumentException(where + ".days must name at least one day");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : spec.days()) {
            try {
                days.add(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException(where + ".days: '" + day + "' is not a day (Monday … Sunday)");
            }
        }
        LocalTime from = time(where + ".from", spec.from(), false);
        LocalTime to = time(where + ".to", spec.to(), true);
        if (to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException(where + ": 'from' " + spec.from() + " must be before 'to' " + spec.to());
        }
        return new WeeklySchedule.Slot(days, from, to);
    }

    /** HH:MM; 24:00 (allowed for an end) is the end of the day, null. */
    private static LocalTime time(String where, String value, boolean end) {
        if (end && "24:00".equals(value)) {
            return null;
        }
        try {
            if (value == null || !value.matches("\\d\\d:\\d\\d")) {
                throw new DateTimeParseException("not HH:MM", String.valueOf(value), 0);
            }
            return LocalTime.parse(value);
        } catch (DateTimeParseException invalid) {
            throw new IllegalArgumentException(where + " '" + value + "' is not a time of day HH:MM");
        }
    }

    private static KeywordRule rule(String where, RuleSpec spec) {
        if (spec.name() == null || spec.name().isBlank()) {
            throw new IllegalArgumentException(where + ".name is required");
        }
        if (spec.reply() == null || spec.reply().isBlank()) {
            throw new IllegalArgumentException(where + ".reply is required");
        }
        Keywords keywords = new Keywords(spec.keywords() == null ? List.of() : spec.keywords());
        if (keywords.isEmpty() && spec.when() == null) {
            throw new IllegalArgumentException(where + " needs keywords or 'when' (or both)");
        }
        Optional<CelCondition> when;
        try {
            when = Optional.ofNullable(spec.when()).map(CelCondition::compile);
        } catch (CelCondition.OverBudget tooCostly) {
            throw new IllegalArgumentException(where + ".when is over its cost budget: " + tooCostly.getMessage());
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException(where + ".when is not a boolean CEL expression over text, chat, pushName,"
                    + " firstContact and withinBusinessHours: " + invalid.getMessage());
        }
        return new KeywordRule(spec.name(), keywords, when, spec.reply());
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isBlank());
    }
}
