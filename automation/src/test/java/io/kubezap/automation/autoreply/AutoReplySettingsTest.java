package io.kubezap.automation.autoreply;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** spec.autoReply as the pod reads it: schedule edges, time zones, DST, priorities, caps, keywords, CEL and validation. */
class AutoReplySettingsTest {

    private static final String CHAT = "5511988880001@s.whatsapp.net";

    private static final AutoReplySettings SAO_PAULO = AutoReplySettings.parse("""
            {"timeZone": "America/Sao_Paulo",
             "businessHours": [{"days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], "from": "09:00", "to": "18:00"},
                               {"days": ["Saturday"], "from": "09:00", "to": "13:00"}],
             "awayMessage": "Fechado", "maxRepliesPerContactPerDay": 2}""");

    @ParameterizedTest(name = "{0} ({1} local): open {2}")
    @CsvSource({
            "2026-11-23T12:00:00Z, Mon 09:00,    true",
            "2026-11-23T11:59:59Z, Mon 08:59:59, false",
            "2026-11-23T20:59:59Z, Mon 17:59:59, true",
            "2026-11-23T21:00:00Z, Mon 18:00,    false",
            "2026-11-24T01:00:00Z, Mon 22:00,    false",
            "2026-11-27T20:30:00Z, Fri 17:30,    true",
            "2026-11-28T15:59:00Z, Sat 12:59,    true",
            "2026-11-28T16:00:00Z, Sat 13:00,    false",
            "2026-11-29T15:00:00Z, Sun 12:00,    false",
            "2026-11-30T02:59:00Z, Sun 23:59,    false",
            "2026-11-30T12:00:00Z, Mon 09:00,    true",
    })
    void businessHoursInTheSessionsTimeZone(Instant at, String local, boolean open) {
        Optional<AutoReplySettings.Reply> reply = SAO_PAULO.choose("oi", CHAT, "Ana", false, at, 0);
        assertThat(reply.map(AutoReplySettings.Reply::rule)).isEqualTo(open ? Optional.empty() : Optional.of("away"));
    }

    @ParameterizedTest(name = "{0}: open {1}")
    @CsvSource({
            // spring forward in Berlin, 2026-03-29 02:00 CET -> 03:00 CEST; the slot is Sunday 00:00-03:30 wall clock
            "2026-03-29T00:59:00Z, true",   // 01:59 CET
            "2026-03-29T01:00:00Z, true",   // 03:00 CEST
            "2026-03-29T01:29:59Z, true",   // 03:29:59 CEST
            "2026-03-29T01:30:00Z, false",  // 03:30 CEST
    })
    void springForwardKeepsTheWallClock(Instant at, boolean open) {
        AutoReplySettings berlin = AutoReplySettings.parse("""
                {"timeZone": "Europe/Berlin", "businessHours": [{"days": ["Sunday"], "from": "00:00", "to": "03:30"}],
                 "awayMessage": "Geschlossen"}""");
        assertThat(berlin.choose("hallo", CHAT, null, false, at, 0)).isEqualTo(open ? Optional.empty()
                : Optional.of(new AutoReplySettings.Reply("away", "Geschlossen")));
    }

    @ParameterizedTest(name = "{0}: open {1}")
    @CsvSource({
            // fall back in Berlin, 2026-10-25 03:00 CEST -> 02:00 CET: 02:15 happens twice, both within 02:00-02:30
            "2026-10-25T00:15:00Z, true",   // 02:15 CEST
            "2026-10-25T00:45:00Z, false",  // 02:45 CEST
            "2026-10-25T01:15:00Z, true",   // 02:15 CET
            "2026-10-25T01:30:00Z, false",  // 02:30 CET
    })
    void fallBackOpensTheRepeatedHourTwice(Instant at, boolean open) {
        AutoReplySettings berlin = AutoReplySettings.parse("""
                {"timeZone": "Europe/Berlin", "businessHours": [{"days": ["Sunday"], "from": "02:00", "to": "02:30"}],
                 "awayMessage": "Geschlossen"}""");
        assertThat(berlin.choose("hallo", CHAT, null, false, at, 0).isEmpty()).isEqualTo(open);
    }

    @ParameterizedTest(name = "{0} in {1}: the day starts {2}")
    @CsvSource({
            "2026-03-29T12:00:00Z, Europe/Berlin,    2026-03-28T23:00:00Z",
            "2026-10-25T22:59:59Z, Europe/Berlin,    2026-10-24T22:00:00Z",
            "2026-10-25T23:00:00Z, Europe/Berlin,    2026-10-25T23:00:00Z",
            "2026-11-23T02:00:00Z, America/Sao_Paulo, 2026-11-22T03:00:00Z",
            "2026-11-23T18:29:59Z, Asia/Kolkata,     2026-11-22T18:30:00Z",
            "2026-11-23T18:30:00Z, Asia/Kolkata,     2026-11-23T18:30:00Z",
            "2026-11-23T00:00:00Z, UTC,              2026-11-23T00:00:00Z",
    })
    void theCapsDayIsTheCalendarDayOfTheTimeZone(Instant at, String zone, Instant start) {
        AutoReplySettings settings = AutoReplySettings.parse("{\"timeZone\": \"" + zone + "\", \"greetingMessage\": \"Oi\"}");
        assertThat(settings.startOfDay(at)).isEqualTo(start);
    }

    @Test
    void theDayEndsAt2400() {
        AutoReplySettings lateShift = AutoReplySettings.parse("""
                {"businessHours": [{"days": ["Monday"], "from": "20:00", "to": "24:00"}], "awayMessage": "Closed"}""");
        assertThat(lateShift.choose("hi", CHAT, null, false, Instant.parse("2026-11-23T23:59:59Z"), 0)).isEmpty();
        assertThat(lateShift.choose("hi", CHAT, null, false, Instant.parse("2026-11-24T00:00:00Z"), 0)).isPresent();
    }

    private static final AutoReplySettings ALL = AutoReplySettings.parse("""
            {"timeZone": "UTC",
             "businessHours": [{"days": ["Monday"], "from": "09:00", "to": "17:00"}],
             "awayMessage": "Closed", "greetingMessage": "Welcome!",
             "rules": [{"name": "prices", "keywords": ["preco", "price list"], "reply": "Prices: ..."},
                       {"name": "short-night", "when": "text.size() < 6 && !withinBusinessHours && !firstContact", "reply": "Tomorrow"},
                       {"name": "vip", "keywords": ["urgent"], "when": "pushName == 'Boss'", "reply": "On it"}],
             "maxRepliesPerContactPerDay": 3}""");
    private static final Instant MONDAY_NOON = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant MONDAY_NIGHT = Instant.parse("2026-11-23T22:00:00Z");

    @ParameterizedTest(name = "[{0}] first {1} night {2} pushName {3} today {4} -> {5}")
    @CsvSource(nullValues = "none", value = {
            "Qual o preço?,              false, false, Ana,  0, prices",
            "Qual o PREÇO?,              true,  true,  Ana,  0, prices",
            "the price  list please,     false, false, Ana,  0, prices",
            "priceless,                  false, false, Ana,  0, none",
            "precos,                     false, false, Ana,  0, none",
            "hello,                      true,  false, Ana,  0, greeting",
            "hello,                      true,  true,  Ana,  0, greeting",
            "hello there friend,         false, true,  Ana,  0, away",
            "hi,                         false, true,  Ana,  0, short-night",
            "hi,                         true,  true,  Ana,  0, greeting",
            "hi,                         false, false, Ana,  0, none",
            "urgent!,                    false, false, Boss, 0, vip",
            "urgent!,                    false, false, Ana,  0, none",
            "preço,                      false, false, Ana,  2, prices",
            "preço,                      false, false, Ana,  3, none",
            "hello,                      true,  false, Ana,  3, none",
            "hello there friend,         false, true,  Ana,  5, none",
    })
    void aRuleBeatsTheGreetingTheGreetingTheAwayMessageAndTheCapAll(String text, boolean first, boolean night,
                                                                     String pushName, int today, String rule) {
        Optional<AutoReplySettings.Reply> reply = ALL.choose(text, CHAT, pushName, first, night ? MONDAY_NIGHT : MONDAY_NOON, today);
        assertThat(reply.map(AutoReplySettings.Reply::rule)).isEqualTo(Optional.ofNullable(rule));
    }

    @ParameterizedTest(name = "''{0}'' in ''{1}'': {2}")
    @CsvSource({
            "preco,           Preço?,                    true",
            "Preço,           qual o preco,              true",
            "price,           PRICE,                     true",
            "price,           priceless,                 false",
            "price,           price-list,                true",
            "2,               room 12,                   false",
            "2,               option 2 please,           true",
            "horário de funcionamento, 'qual o  horario DE funcionamento?', true",
            "horário de funcionamento, horário funcionamento, false",
            "café,            CAFE,                      true",
            "c++,             I write c++ daily,         true",
    })
    void keywordsAreWholeWordsIgnoringCaseAccentsAndSpacing(String keyword, String text, boolean found) {
        assertThat(new Keywords(List.of(keyword)).foundIn(text)).isEqualTo(found);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"timeZone\": \"Mars/Olympus\", \"greetingMessage\": \"x\"}                    | timeZone 'Mars/Olympus' is not a known time zone",
            "{\"businessHours\": [{\"days\": [\"Monday\"], \"from\": \"9:00\", \"to\": \"18:00\"}], \"awayMessage\": \"x\"}   | businessHours[0].from '9:00' is not a time of day HH:MM",
            "{\"businessHours\": [{\"days\": [\"Monday\"], \"from\": \"09:00\", \"to\": \"25:00\"}], \"awayMessage\": \"x\"}  | businessHours[0].to '25:00' is not a time of day HH:MM",
            "{\"businessHours\": [{\"days\": [\"Monday\"], \"from\": \"18:00\", \"to\": \"09:00\"}], \"awayMessage\": \"x\"}  | businessHours[0]: 'from' 18:00 must be before 'to' 09:00",
            "{\"businessHours\": [{\"days\": [\"Funday\"], \"from\": \"09:00\", \"to\": \"18:00\"}], \"awayMessage\": \"x\"}  | businessHours[0].days: 'Funday' is not a day",
            "{\"businessHours\": [{\"days\": [], \"from\": \"09:00\", \"to\": \"18:00\"}]}                                   | businessHours[0].days must name at least one day",
            "{\"awayMessage\": \"x\"}                                                                                        | awayMessage needs spec.autoReply.businessHours",
            "{\"rules\": [{\"name\": \"a\", \"reply\": \"x\"}]}                                                             | rules[0] needs keywords or 'when'",
            "{\"rules\": [{\"name\": \"a\", \"keywords\": [\"x\"]}]}                                                        | rules[0].reply is required",
            "{\"rules\": [{\"name\": \"a\", \"when\": \"text.contains(\", \"reply\": \"x\"}]}                               | rules[0].when is not a boolean CEL expression",
            "{\"rules\": [{\"name\": \"a\", \"when\": \"text\", \"reply\": \"x\"}]}                                         | rules[0].when is not a boolean CEL expression",
            "{\"rules\": [{\"name\": \"a\", \"when\": \"sender == 'x'\", \"reply\": \"x\"}]}                                | undeclared reference to 'sender'",
            "{\"greetingMessage\": \"x\", \"maxRepliesPerContactPerDay\": 0}                                               | maxRepliesPerContactPerDay must be at least 1",
            "{\"greeting\": \"x\"}                                                                                           | spec.autoReply is not readable",
    })
    void badSettingsAreRefusedNamingTheFieldAndTheProblem(String json, String message) {
        assertThatThrownBy(() -> AutoReplySettings.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message.strip());
    }

    @Test
    void aWhenThatFailsOnAMessageDoesNotMatch() {
        AutoReplySettings settings = AutoReplySettings.parse("""
                {"rules": [{"name": "odd", "when": "1 / (text.size() - 2) == 1", "reply": "x"}]}""");
        assertThat(settings.choose("hi", CHAT, null, false, MONDAY_NOON, 0)).isEmpty();
        assertThat(settings.choose("hey", CHAT, null, false, MONDAY_NOON, 0)).isPresent();
    }

    /** Properties over many random messages, instants and zones: the cap, the greeting and the away message's conditions. */
    @Test
    void propertiesHoldOverManyRandomCases() {
        Random random = new Random(56);
        List<String> zones = List.of("UTC", "Europe/Berlin", "America/Sao_Paulo", "America/New_York", "Asia/Kolkata",
                "Australia/Lord_Howe", "Pacific/Chatham");
        List<String> texts = List.of("hi", "preço?", "hello there friend", "urgent", "", "price list", "olá");
        for (int i = 0; i < 20_000; i++) {
            String zone = zones.get(random.nextInt(zones.size()));
            AutoReplySettings settings = AutoReplySettings.parse("""
                    {"timeZone": "%s", "businessHours": [{"days": ["Monday", "Wednesday"], "from": "08:30", "to": "17:45"}],
                     "awayMessage": "Closed", "greetingMessage": "Welcome!", "maxRepliesPerContactPerDay": %d,
                     "rules": [{"name": "prices", "keywords": ["preco"], "reply": "Prices"}]}""".formatted(zone, 1 + random.nextInt(5)));
            Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextLong(365L * 24 * 3600));
            String text = texts.get(random.nextInt(texts.size()));
            boolean first = random.nextBoolean();
            int today = random.nextInt(7);
            Optional<AutoReplySettings.Reply> reply = settings.choose(text, CHAT, null, first, at, today);
            var local = at.atZone(ZoneId.of(zone));
            boolean open = List.of(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.WEDNESDAY).contains(local.getDayOfWeek())
                    && local.toLocalTime().compareTo(java.time.LocalTime.of(8, 30)) >= 0
                    && local.toLocalTime().isBefore(java.time.LocalTime.of(17, 45));
            String expected = today >= settings.maxPerContactPerDay() ? null
                    : Keywords.fold(text).contains("preco") ? "prices"
                    : first ? "greeting"
                    : open ? null : "away";
            assertThat(reply.map(AutoReplySettings.Reply::rule)).as("%s at %s (%s) first %s today %d", text, at, zone, first, today)
                    .isEqualTo(Optional.ofNullable(expected));
            Instant start = settings.startOfDay(at);
            assertThat(start).isBeforeOrEqualTo(at);
            assertThat(Duration.between(start, at)).isLessThan(Duration.ofHours(25));
            assertThat(settings.startOfDay(start)).isEqualTo(start);
            assertThat(start.atZone(ZoneId.of(zone)).toLocalDate()).isEqualTo(local.toLocalDate());
        }
    }
}
