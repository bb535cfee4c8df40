package io.kubezap.kubectl.fleet;

import io.fabric8.kubernetes.api.model.Condition;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sessions no retry will bring back: logged out (the phone must link again), failed, or restricted by WhatsApp (a
 * False condition whose reason names a restriction or a ban), each with the reason its conditions give.
 */
final class SessionsNeedingAttention {

    private static final Set<SessionPhase> STUCK = Set.of(SessionPhase.LoggedOut, SessionPhase.Failed);
    private static final List<String> RESTRICTION_WORDS = List.of("restrict", "ban", "timelock");
    /** Where the operator writes why a session is not serving, most specific first. */
    private static final List<String> WHY = List.of(WhatsAppSessionStatus.CONDITION_CONNECTED, WhatsAppSessionStatus.CONDITION_READY);

    private SessionsNeedingAttention() {
    }

    static List<FleetReport.Attention> of(List<WhatsAppSession> sessions) {
        return sessions.stream().filter(s -> s.getStatus() != null)
                .filter(s -> STUCK.contains(s.getStatus().getPhase()) || restriction(s).isPresent())
                .map(SessionsNeedingAttention::attention).toList();
    }

    private static FleetReport.Attention attention(WhatsAppSession session) {
        String phase = session.getStatus().getPhase() == null ? "<unknown>" : session.getStatus().getPhase().name();
        Optional<Condition> why = restriction(session).or(() -> WHY.stream()
                .flatMap(type -> session.getStatus().condition(type).stream())
                .filter(c -> "False".equals(c.getStatus()) && c.getReason() != null).findFirst());
        return new FleetReport.Attention(session.getMetadata().getNamespace(), session.getMetadata().getName(), phase,
                why.map(Condition::getReason).orElse(phase), why.map(Condition::getMessage).orElse(null));
    }

    private static Optional<Condition> restriction(WhatsAppSession session) {
        List<Condition> conditions = session.getStatus().getConditions();
        return (conditions == null ? Stream.<Condition>empty() : conditions.stream())
                .filter(c -> "False".equals(c.getStatus()) && c.getReason() != null)
                .filter(c -> RESTRICTION_WORDS.stream().anyMatch(c.getReason().toLowerCase(Locale.ROOT)::contains))
                .findFirst();
    }
}
