package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.WhatsAppRestrictions;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What WhatsApp lets the account start (Cobalt 0.0.10 reads none of it): its {@code mex} notifications of a change
 * ({@code NotificationUserReachoutTimelockUpdate}, {@code MessageCappingInfoNotification}), and the two {@code w:mex}
 * questions asked at login and after a message WhatsApp refused with 463, as Baileys 7 and WA Web ask them.
 */
final class AccountRestrictionNodes {

    private static final Logger LOG = Logger.getLogger(AccountRestrictionNodes.class);
    private static final long ANSWER_SECONDS = 20;
    private static final String REFUSED = "463";

    private AccountRestrictionNodes() {
    }

    /** A restriction notice: what it tells; empty for any other node. */
    static Optional<EngineEvent.RestrictionsTold> notice(Node node) {
        if (!node.hasDescription("notification") || !"mex".equals(node.attributes().getString("type", ""))) {
            return Optional.empty();
        }
        return node.findChild("update")
                .filter(update -> switch (update.attributes().getString("op_name", "")) {
                    case WhatsAppRestrictions.TIMELOCK_NOTICE, WhatsAppRestrictions.CAPPING_NOTICE -> true;
                    default -> false;
                })
                .flatMap(Node::contentAsBytes)
                .flatMap(json -> WhatsAppRestrictions.fromMex(new String(json, StandardCharsets.UTF_8)))
                .map(EngineEvent.RestrictionsTold::new);
    }

    /** WhatsApp refused a message of the account's (error 463): its restrictions may be why. */
    static boolean isRefusal(Node node) {
        return node.hasDescription("ack") && "message".equals(node.attributes().getString("class", ""))
                && REFUSED.equals(node.attributes().getString("error", ""));
    }

    /** Asks both questions without waiting; each answer is reported when it comes. */
    static void ask(Whatsapp client, Consumer<EngineEvent> events) {
        for (String query : new String[]{WhatsAppRestrictions.TIMELOCK_QUERY, WhatsAppRestrictions.CAPPING_QUERY}) {
            client.sendNode(Node.of("iq", Map.of("xmlns", "w:mex", "type", "get", "to", JidServer.whatsapp().toJid()),
                            Node.of("query", Map.of("query_id", query), "{\"variables\":{}}".getBytes(StandardCharsets.UTF_8))))
                    .orTimeout(ANSWER_SECONDS, TimeUnit.SECONDS)
                    .thenApply(answer -> answer.findChild("result").flatMap(Node::contentAsBytes)
                            .flatMap(json -> WhatsAppRestrictions.fromMex(new String(json, StandardCharsets.UTF_8))))
                    .whenComplete((told, failure) -> {
                        if (failure != null) {
                            LOG.debugf("WhatsApp did not answer the account's restrictions (%s): %s", query, failure.toString());
                        } else {
                            told.map(EngineEvent.RestrictionsTold::new).ifPresent(events);
                        }
                    });
        }
    }
}
