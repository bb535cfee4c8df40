package io.kubezap.contract.filter;

import io.kubezap.contract.EventCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one filter model of webhooks, event sinks and live streams: a table of typical filters and events, then every
 * filter over a universe of entries checked against a second, plain reading of the documented rules.
 */
class EventFilterTest {

    private static final String GROUP = "120363000000000001@g.us";
    private static final String OTHER_GROUP = "120363000000000002@g.us";
    private static final String PERSON = "5511988880001@s.whatsapp.net";
    private static final String OTHER_PERSON = "5511988880002@s.whatsapp.net";
    private static final String LID = "123456789012345@lid";
    private static final String STATUS = "status@broadcast";
    private static final String CHANNEL = "120363000000000003@newsletter";
    private static final List<String> CHATS = List.of(GROUP, OTHER_GROUP, PERSON, OTHER_PERSON, LID, STATUS, CHANNEL);

    /** A payload as a map of JSON pointers to their text. */
    private static EventSubject.Payload payload(Map<String, String> fields) {
        return fields::get;
    }

    private static EventSubject message(String chat, String direction) {
        return EventSubject.of(EventCatalogue.MESSAGE_RECEIVED, payload(Map.of("/chat", chat, "/direction", direction)));
    }

    private static List<String> list(String cell) {
        return cell == null || cell.isBlank() ? List.of() : Arrays.asList(cell.split(" "));
    }

    @ParameterizedTest(name = "chats [{0}] excludeChats [{1}] direction {2} fromMe {3}: a message in {4} ({5}) passes: {6}")
    @CsvSource(nullValues = "-", value = {
            // nothing asked: everything passes
            "-, -, -, -, " + GROUP + ", in, true",
            "-, -, -, -, " + STATUS + ", in, true",
            // ignore groups and status: the one line users ask for
            "-, groups status, -, -, " + GROUP + ", in, false",
            "-, groups status, -, -, " + STATUS + ", in, false",
            "-, groups status, -, -, " + PERSON + ", in, true",
            "-, groups status, -, -, " + LID + ", in, true",
            "-, groups status, -, -, " + CHANNEL + ", in, true",
            "-, groups status, -, -, " + PERSON + ", out, true",
            // only one-to-one chats
            "direct, -, -, -, " + PERSON + ", in, true",
            "direct, -, -, -, " + LID + ", in, true",
            "direct, -, -, -, " + GROUP + ", in, false",
            "direct, -, -, -, " + CHANNEL + ", in, false",
            "direct, -, -, -, " + STATUS + ", in, false",
            // channels only
            "newsletters, -, -, -, " + CHANNEL + ", in, true",
            "newsletters, -, -, -, " + GROUP + ", in, false",
            // one chat by JID, by number
            GROUP + ", -, -, -, " + GROUP + ", in, true",
            GROUP + ", -, -, -, " + OTHER_GROUP + ", in, false",
            "5511988880001, -, -, -, " + PERSON + ", in, true",
            "5511988880001, -, -, -, " + OTHER_PERSON + ", in, false",
            // every group but one
            "groups, " + OTHER_GROUP + ", -, -, " + GROUP + ", in, true",
            "groups, " + OTHER_GROUP + ", -, -, " + OTHER_GROUP + ", in, false",
            // exclusion wins over a broader inclusion
            "direct, 5511988880002, -, -, " + OTHER_PERSON + ", in, false",
            "direct, 5511988880002, -, -, " + PERSON + ", in, true",
            // direction
            "-, -, Incoming, -, " + PERSON + ", in, true",
            "-, -, Incoming, -, " + PERSON + ", out, false",
            "-, -, Outgoing, -, " + PERSON + ", out, true",
            "-, -, Outgoing, -, " + PERSON + ", in, false",
            "-, -, Both, -, " + PERSON + ", out, true",
            // from me off: the account's own messages are left out
            "-, -, -, false, " + PERSON + ", out, false",
            "-, -, -, false, " + PERSON + ", in, true",
            "-, -, -, true, " + PERSON + ", out, true",
            // all together
            "direct, -, Incoming, false, " + PERSON + ", in, true",
            "direct, -, Incoming, false, " + GROUP + ", in, false",
            "direct, -, Incoming, false, " + PERSON + ", out, false",
    })
    void aMessagePassesAsTheTableSays(String chats, String excludeChats, String direction, Boolean fromMe, String chat,
                                      String messageDirection, boolean passes) {
        EventFilter filter = EventFilter.of(list(chats), list(excludeChats), direction, fromMe);

        assertThat(filter.passes(message(chat, messageDirection))).isEqualTo(passes);
    }

    @ParameterizedTest(name = "{0} {1}: chat {2}, direction {3}, fromMe {4}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "message.received      | /chat=" + PERSON + ",/direction=in                   | " + PERSON + " | Incoming | false",
            "message.sent          | /chat=" + PERSON + ",/direction=out                  | " + PERSON + " | Outgoing | true",
            "message.failed        | /chat=" + GROUP + ",/direction=out                   | " + GROUP + "  | Outgoing | true",
            "status.received       | /chat=" + STATUS + ",/direction=in                   | " + STATUS + " | Incoming | false",
            "message.status        | /chat=" + PERSON + "                                 | " + PERSON + " | Outgoing | false",
            "message.undecryptable | /chat=" + GROUP + "                                  | " + GROUP + "  | Incoming | false",
            "message.edited        | /message/chat=" + PERSON + ",/message/direction=out  | " + PERSON + " | Outgoing | true",
            "message.revoked       | /message/chat=" + GROUP + ",/message/direction=in    | " + GROUP + "  | Incoming | false",
            "message.reaction      | /chat=" + PERSON + ",/message/direction=out,/fromMe=false | " + PERSON + " | Outgoing | false",
            "message.reaction      | /chat=" + PERSON + ",/message/direction=in,/fromMe=true   | " + PERSON + " | Incoming | true",
            "poll.vote             | /chat=" + GROUP + ",/fromMe=true                     | " + GROUP + "  | -        | true",
            "presence.update       | /jid=" + PERSON + "                                  | " + PERSON + " | -        | false",
            "group.participants    | /group=" + GROUP + "                                 | " + GROUP + "  | -        | -",
            "group.joined          | /group=" + GROUP + "                                 | " + GROUP + "  | -        | -",
            "call.received         | /from=" + PERSON + "                                 | " + PERSON + " | Incoming | false",
            "call.updated          | /from=" + PERSON + "                                 | " + PERSON + " | Incoming | false",
            "chat.updated          | /chat=" + CHANNEL + "                                | " + CHANNEL + "| -        | -",
            "label.assigned        | /chat=" + PERSON + "                                 | " + PERSON + " | -        | -",
            "chat.disappearing     | /chat=" + PERSON + ",/fromMe=false                   | " + PERSON + " | -        | false",
            "chat.disappearing     | /chat=" + PERSON + ",/fromMe=true                    | " + PERSON + " | -        | true",
            "session.connected     | /jid=" + PERSON + "                                  | -              | -        | -",
            "label.updated         | /id=1                                                | -              | -        | -",
            "history.synced        | /type=recent                                         | -              | -        | -",
    })
    void eachTypeNamesItsSubjectWhereItsPayloadKeepsIt(String type, String fields, String chat, String direction,
                                                       Boolean fromMe) {
        Map<String, String> pointers = new java.util.HashMap<>();
        for (String field : fields.split(",")) {
            String[] pair = field.split("=", 2);
            pointers.put(pair[0], pair[1]);
        }

        EventSubject subject = EventSubject.of(type, payload(pointers));

        assertThat(subject.chat()).isEqualTo(Optional.ofNullable(chat));
        assertThat(subject.direction()).isEqualTo(Optional.ofNullable(direction).map(EventDirection::valueOf));
        assertThat(subject.fromMe()).isEqualTo(Optional.ofNullable(fromMe));
    }

    @Test
    void everyEventOfTheCatalogueHasASubjectAndEventsAboutNoChatPassEveryChatList() {
        EventFilter onlyOneChat = EventFilter.of(List.of(PERSON), List.of("groups"), null, null);
        for (String type : EventCatalogue.ALL) {
            EventSubject subject = EventSubject.of(type, pointer -> null);
            assertThat(subject.chat()).as(type).isEmpty();
            assertThat(onlyOneChat.passes(subject)).as("%s without a chat", type).isTrue();
        }
    }

    /**
     * Every filter made of up to two entries in each list (from a universe covering each kind of entry), each
     * direction and fromMe, over every chat, direction and fromMe of an event: the filter agrees with the rules as the
     * CRD documents them, read here a second way (by the JID's suffix, not through {@link ChatSelector}).
     */
    @Test
    void everyFilterOverEveryEventAgreesWithTheDocumentedRules() {
        List<String> universe = List.of("groups", "direct", "status", "newsletters", "5511988880001", GROUP, CHANNEL);
        List<List<String>> lists = subsetsUpToTwo(universe);
        int checked = 0;
        for (List<String> chats : lists) {
            for (List<String> excluded : lists) {
                if (excluded.stream().anyMatch(chats::contains)) {
                    assertThatThrownBy(() -> EventFilter.of(chats, excluded, null, null))
                            .isInstanceOf(EventFilter.Invalid.class).hasMessageContaining("either included or excluded");
                    continue;
                }
                for (EventDirection direction : EventDirection.values()) {
                    for (boolean fromMe : new boolean[]{true, false}) {
                        EventFilter filter = new EventFilter(chats, excluded, direction, fromMe);
                        for (String chat : CHATS) {
                            for (String side : List.of("in", "out")) {
                                boolean expected = documented(chats, excluded, direction, fromMe, chat, side);
                                assertThat(filter.passes(message(chat, side)))
                                        .as("%s over a message %s in %s", filter, side, chat).isEqualTo(expected);
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    /** The rules as the CRD's field descriptions say them. */
    private static boolean documented(List<String> chats, List<String> excluded, EventDirection direction,
                                      boolean fromMe, String chat, String side) {
        boolean included = chats.isEmpty() || chats.stream().anyMatch(entry -> names(entry, chat));
        boolean excludedChat = excluded.stream().anyMatch(entry -> names(entry, chat));
        boolean sideWanted = switch (direction) {
            case Both -> true;
            case Incoming -> side.equals("in");
            case Outgoing -> side.equals("out");
        };
        boolean actorWanted = fromMe || side.equals("in");
        return included && !excludedChat && sideWanted && actorWanted;
    }

    private static boolean names(String entry, String chat) {
        return switch (entry) {
            case "groups" -> chat.endsWith("@g.us");
            case "direct" -> chat.endsWith("@s.whatsapp.net") || chat.endsWith("@lid");
            case "status" -> chat.equals("status@broadcast");
            case "newsletters" -> chat.endsWith("@newsletter");
            default -> chat.equals(entry.contains("@") ? entry : entry + "@s.whatsapp.net");
        };
    }

    private static List<List<String>> subsetsUpToTwo(List<String> universe) {
        List<List<String>> subsets = new ArrayList<>();
        subsets.add(List.of());
        for (int i = 0; i < universe.size(); i++) {
            subsets.add(List.of(universe.get(i)));
            for (int j = i + 1; j < universe.size(); j++) {
                subsets.add(List.of(universe.get(i), universe.get(j)));
            }
        }
        return subsets;
    }

    @ParameterizedTest(name = "{0} is refused at {1}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "everyone                    | excludeChats[0]",
            "+55 11 988                  | excludeChats[0]",
            "5511                        | excludeChats[0]",
            "someone@example.com         | excludeChats[0]",
            "*@g.us                      | excludeChats[0]",
            "'groups status'             | excludeChats[0]",
    })
    void anEntryThatIsNoChatIsRefusedNamingWhereItIs(String entry, String field) {
        assertThatThrownBy(() -> EventFilter.of(List.of(), List.of(entry), null, null))
                .isInstanceOfSatisfying(EventFilter.Invalid.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.problem()).isEqualTo(ChatSelector.EXPECTED);
                });
    }

    @Test
    void theQueryFormTakesRepeatedAndCommaSeparatedValuesAndAnyCaseAndRefusesTheRest() {
        EventFilter fromQuery = EventFilter.fromQuery(List.of("direct"), List.of("groups, status", PERSON), "incoming", "false");

        assertThat(fromQuery).isEqualTo(new EventFilter(List.of("direct"), List.of("groups", "status", PERSON),
                EventDirection.Incoming, false));
        assertThat(EventFilter.fromQuery(null, null, null, null)).isEqualTo(EventFilter.EVERYTHING);
        assertThat(EventFilter.EVERYTHING.isEverything()).isTrue();
        assertThat(fromQuery.isEverything()).isFalse();
        assertThatThrownBy(() -> EventFilter.fromQuery(null, null, "sideways", null))
                .isInstanceOfSatisfying(EventFilter.Invalid.class, e -> assertThat(e.field()).isEqualTo("direction"));
        assertThatThrownBy(() -> EventFilter.fromQuery(null, null, null, "maybe"))
                .isInstanceOfSatisfying(EventFilter.Invalid.class, e -> assertThat(e.field()).isEqualTo("fromMe"));
        assertThatThrownBy(() -> EventFilter.fromQuery(java.util.Collections.nCopies(101, "groups"), null, null, null))
                .isInstanceOfSatisfying(EventFilter.Invalid.class, e -> assertThat(e.problem()).contains("at most 100"));
    }
}
