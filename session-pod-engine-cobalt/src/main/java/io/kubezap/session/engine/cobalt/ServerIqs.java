package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.SendFailedException;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * IQs to WhatsApp's servers, sent as WhatsApp's clients send them; an {@code error} answer fails the stage with
 * {@link Refused} carrying WhatsApp's code.
 */
final class ServerIqs {
    static final String SERVER = "s.whatsapp.net";

    /** WhatsApp answered the IQ with {@code <error code text/>}. */
    static final class Refused extends RuntimeException {
        private final int code;

        Refused(int code, String text) {
            super(text);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    private ServerIqs() {
    }

    /** {@code extra}: further attributes of the {@code iq} (e.g. {@code target}); {@code content} may be empty. */
    static CompletionStage<Node> query(Whatsapp client, String to, String xmlns, String type, Map<String, Object> extra,
                                       Node... content) {
        if (client == null || !client.isConnected()) {
            return CompletableFuture.failedFuture(new SendFailedException("WhatsApp is not connected", true, null));
        }
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("id", newId());
        attributes.put("xmlns", xmlns);
        attributes.put("type", type);
        attributes.put("to", Jid.of(to));
        attributes.putAll(extra);
        var iq = content.length == 0 ? Node.of("iq", attributes) : Node.of("iq", attributes, content);
        return client.sendNode(iq).thenApply(ServerIqs::refusedOrAnswer);
    }

    /** {@code answer} itself, or {@link Refused} when it is an {@code error}. */
    static Node refusedOrAnswer(Node answer) {
        if ("error".equals(answer.attributes().getString("type", ""))) {
            var error = answer.findChild("error");
            var code = error.map(node -> node.attributes().getString("code", "500")).map(Integer::parseInt).orElse(500);
            throw new Refused(code, error.map(node -> node.attributes().getString("text", "")).orElse(""));
        }
        return answer;
    }

    static String newId() {
        var bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
