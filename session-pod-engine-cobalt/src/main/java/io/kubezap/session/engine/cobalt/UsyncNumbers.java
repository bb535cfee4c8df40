package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.NumberOnWhatsApp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a usync answer for {@code contact} and {@code lid}: per asked number, on WhatsApp or not, and its LID. */
final class UsyncNumbers {

    private UsyncNumbers() {
    }

    static Map<String, NumberOnWhatsApp> read(NodeView answer, List<String> asked) {
        var found = new HashMap<String, NumberOnWhatsApp>();
        answer.child("usync").flatMap(usync -> usync.child("list")).stream()
                .flatMap(list -> list.children("user").stream())
                .forEach(user -> user.attribute("jid").flatMap(jid -> MessageAddresses.phoneOf(MessageAddresses.user(jid)))
                        .ifPresent(digits -> found.put(digits, answerOf(user))));
        var result = new HashMap<String, NumberOnWhatsApp>();
        asked.forEach(digits -> result.put(digits, found.getOrDefault(digits, NumberOnWhatsApp.NOT_ON_WHATSAPP)));
        return result;
    }

    private static NumberOnWhatsApp answerOf(NodeView user) {
        var exists = user.child("contact").flatMap(contact -> contact.attribute("type")).filter("in"::equals).isPresent();
        var lid = user.child("lid").flatMap(node -> node.attribute("val")).map(MessageAddresses::user)
                .filter(jid -> jid.endsWith(MessageAddresses.LID_SERVER)).orElse(null);
        return new NumberOnWhatsApp(exists, exists ? lid : null);
    }
}
