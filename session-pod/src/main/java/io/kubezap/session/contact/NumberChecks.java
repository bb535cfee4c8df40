package io.kubezap.session.contact;

import io.kubezap.session.address.AddressBook;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.engine.NumberOnWhatsApp;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.failure.Failure;
import io.kubezap.contract.Jid;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.scope.PerSession;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Whether phone numbers are on WhatsApp. Answers are cached ({@code KUBEZAP_CONTACTS_CHECK_CACHE}) and the numbers
 * asked of WhatsApp are paced ({@code KUBEZAP_CONTACTS_CHECKS_PER_MINUTE}): WhatsApp bans accounts that look numbers up
 * in bulk, so a request beyond the pace is refused (429 with Retry-After) before anything is asked. Each session's own
 * pace, from its own settings: on a host one session at its pace leaves the others theirs.
 */
@PerSession
public class NumberChecks {

    public static final int MAX_PER_REQUEST = 50;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    /**
     * One number's answer: its digits, whether it is on WhatsApp, its JID when it is, its linked identity when WhatsApp
     * told it, and whether the cache answered.
     */
    public record Result(String number, boolean exists, String jid, String lid, boolean cached) {
    }

    private final SessionDb db;
    private final WhatsAppEngine engine;
    private final SessionConfig.Contacts settings;
    private final Deque<Instant> asked = new ArrayDeque<>();
    private final AddressBook addresses;

    public NumberChecks(SessionDb db, WhatsAppEngine engine, HostedSessions sessions, AddressBook addresses) {
        this.addresses = addresses;
        this.db = db;
        this.engine = engine;
        this.settings = sessions.current().config().contacts();
    }

    public List<Result> check(List<String> numbers) {
        List<String> digits = List.copyOf(new LinkedHashSet<>(numbers));
        Map<String, NumberOnWhatsApp> known = cached(digits);
        List<String> unknown = digits.stream().filter(number -> !known.containsKey(number)).toList();
        Map<String, NumberOnWhatsApp> fresh = unknown.isEmpty() ? Map.of() : ask(unknown);
        return digits.stream().map(number -> {
            boolean cached = known.containsKey(number);
            NumberOnWhatsApp answer = cached ? known.get(number) : fresh.getOrDefault(number, NumberOnWhatsApp.NOT_ON_WHATSAPP);
            return new Result(number, answer.exists(), answer.exists() ? number + "@" + Jid.USER_SERVER : null,
                    answer.exists() ? answer.lidJid() : null, cached);
        }).toList();
    }

    private Map<String, NumberOnWhatsApp> ask(List<String> numbers) {
        reserve(numbers.size());
        Map<String, NumberOnWhatsApp> answers = EngineCalls.await(engine.checkNumbers(numbers));
        Instant now = Timestamps.now();
        db.inTransaction(handle -> {
            numbers.forEach(number -> {
                NumberOnWhatsApp answer = answers.getOrDefault(number, NumberOnWhatsApp.NOT_ON_WHATSAPP);
                db.update(handle, """
                                insert into number_checks (namespace, session, number, exists, lid, checked_at)
                                values (:ns, :session, :number, :exists, :lid, :at)
                                on conflict (namespace, session, number) do update
                                    set exists = excluded.exists, lid = excluded.lid, checked_at = excluded.checked_at""")
                        .bind("number", number).bind("exists", answer.exists()).bind("lid", answer.lidJid()).bind("at", now)
                        .execute();
                if (answer.exists() && answer.lidJid() != null) {
                    addresses.learn(handle, answer.lidJid(), number + "@" + Jid.USER_SERVER, "usync");
                }
            });
            return null;
        });
        return answers;
    }

    /** Counts {@code count} numbers against the last minute's budget, or refuses the whole request. */
    private synchronized void reserve(int count) {
        Instant now = Instant.now();
        while (!asked.isEmpty() && asked.peekFirst().isBefore(now.minus(WINDOW))) {
            asked.removeFirst();
        }
        int budget = settings.checksPerMinute();
        if (asked.size() + count > budget) {
            long retryAfter = asked.isEmpty() ? WINDOW.toSeconds()
                    : Math.max(1, Duration.between(now, asked.peekFirst().plus(WINDOW)).toSeconds() + 1);
            throw new Failure(Failure.Kind.PACED, "number-checks-paced", "Too many number checks",
                    "WhatsApp is asked about at most " + budget + " numbers a minute (KUBEZAP_CONTACTS_CHECKS_PER_MINUTE); "
                            + "this request has " + count + " not checked before; retry in " + retryAfter + " s")
                    .retryAfter(Duration.ofSeconds(retryAfter));
        }
        for (int i = 0; i < count; i++) {
            asked.addLast(now);
        }
    }

    private Map<String, NumberOnWhatsApp> cached(List<String> numbers) {
        Instant freshSince = Timestamps.now().minus(settings.checkCache());
        Map<String, NumberOnWhatsApp> known = new HashMap<>();
        db.read(handle -> db.query(handle, """
                        select number, exists, lid from number_checks
                        where namespace = :ns and session = :session and number = any(:numbers) and checked_at >= :since""")
                .bindArray("numbers", String.class, numbers).bind("since", freshSince)
                .map(rs -> Map.entry(rs.getString("number"), new NumberOnWhatsApp(rs.getBoolean("exists"), rs.getString("lid"))))
                .list())
                .forEach(entry -> known.put(entry.getKey(), entry.getValue()));
        return known;
    }
}
