package io.kubezap.operator.host;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 81: a namespace's sessions spread over the hosts they need, and a change moves as few of them as it can. */
class HostAssignmentTest {

    private static final int PER_HOST = 10;

    @Test
    void theHostCountIsTheSessionsOverSessionsPerHostRoundedUp() {
        assertThat(HostAssignment.hosts(0, 100)).isZero();
        assertThat(HostAssignment.hosts(1, 100)).isEqualTo(1);
        assertThat(HostAssignment.hosts(100, 100)).isEqualTo(1);
        assertThat(HostAssignment.hosts(101, 100)).isEqualTo(2);
    }

    @Test
    void everySessionGetsAHostThatExistsAndNoHostHoldsMoreThanItsShare() {
        SortedMap<String, Integer> assigned = HostAssignment.assign(sessions(95), Map.of(), PER_HOST);

        assertThat(assigned).hasSize(95);
        assertThat(assigned.values()).allSatisfy(host -> assertThat(host).isBetween(0, 9));
        assertThat(loads(assigned).values()).allSatisfy(load -> assertThat(load).isLessThanOrEqualTo(PER_HOST));
    }

    @Test
    void addingASessionMovesNoOther() {
        assertThat(afterANewcomerJoins(35)).containsKey("newcomer");
    }

    /** The 41st session at 10 a host needs a fifth host: it goes there, and the 40 stay where they run. */
    @Test
    void aSessionThatNeedsANewHostMovesNoOtherToIt() {
        assertThat(afterANewcomerJoins(40)).containsEntry("newcomer", 4);
    }

    /** The assignment once a session joins {@code existing} others, having checked that none of them moved. */
    private static SortedMap<String, Integer> afterANewcomerJoins(int existing) {
        SortedMap<String, Integer> before = HostAssignment.assign(sessions(existing), Map.of(), PER_HOST);
        List<String> more = new ArrayList<>(sessions(existing));
        more.add("newcomer");
        SortedMap<String, Integer> after = HostAssignment.assign(more, before, PER_HOST);
        assertThat(moved(before, after)).isEmpty();
        return after;
    }

    @Test
    void removingSessionsMovesOnlyTheSessionsOfTheHostsThatGo() {
        SortedMap<String, Integer> before = HostAssignment.assign(sessions(40), Map.of(), PER_HOST);
        List<String> fewer = sessions(40).subList(0, 25);

        SortedMap<String, Integer> after = HostAssignment.assign(fewer, before, PER_HOST);

        assertThat(after.values()).allSatisfy(host -> assertThat(host).isBetween(0, 2));
        assertThat(moved(before, after)).allSatisfy(session -> assertThat(before.get(session)).isEqualTo(3));
        assertThat(loads(after).values()).allSatisfy(load -> assertThat(load).isLessThanOrEqualTo(PER_HOST));
    }

    @Test
    void aSmallerShareMovesOnlyWhatIsOverIt() {
        SortedMap<String, Integer> before = HostAssignment.assign(sessions(20), Map.of(), 20);

        SortedMap<String, Integer> after = HostAssignment.assign(sessions(20), before, PER_HOST);

        assertThat(moved(before, after)).hasSize(10);
        assertThat(loads(after)).containsOnly(Map.entry(0, 10L), Map.entry(1, 10L));
    }

    @Test
    void theSameSessionsGiveTheSameAnswerWhateverTheirOrder() {
        List<String> shuffled = new ArrayList<>(sessions(57));
        Collections.shuffle(shuffled, new java.util.Random(81));
        Map<String, Integer> someCurrent = new HashMap<>(Map.of("session-3", 4, "session-9", 77, "session-11", 0));

        assertThat(HostAssignment.assign(shuffled, someCurrent, PER_HOST))
                .isEqualTo(HostAssignment.assign(sessions(57), someCurrent, PER_HOST));
    }

    @Test
    void aCurrentHostThatNoLongerExistsIsLeft() {
        SortedMap<String, Integer> after = HostAssignment.assign(List.of("shop"), Map.of("shop", 5), PER_HOST);

        assertThat(after).containsExactly(Map.entry("shop", 0));
    }

    private static List<String> sessions(int count) {
        return IntStream.range(0, count).mapToObj(i -> "session-" + i).toList();
    }

    private static Map<Integer, Long> loads(Map<String, Integer> assigned) {
        return assigned.values().stream().collect(Collectors.groupingBy(host -> host, Collectors.counting()))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue()));
    }

    private static List<String> moved(Map<String, Integer> before, Map<String, Integer> after) {
        return after.keySet().stream().filter(before::containsKey)
                .filter(session -> !before.get(session).equals(after.get(session))).toList();
    }
}
