package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import it.auties.whatsapp.model.business.BusinessVerifiedNameCertificateSpec;
import it.auties.whatsapp.model.business.BusinessVerifiedNameDetailsSpec;
import it.auties.whatsapp.model.node.Node;

import java.util.Optional;

/**
 * A business account's verified name, from the {@code <verified_name>} certificate WhatsApp attaches to its messages
 * (its details name the business). Cobalt 0.0.10 does not read it.
 */
final class VerifiedNames {

    private VerifiedNames() {
    }

    static Optional<EngineEvent.BusinessNameSeen> of(Node message) {
        if (!message.description().equals("message")) {
            return Optional.empty();
        }
        var isGroup = message.attributes().getOptionalString("from").filter(from -> from.endsWith("@g.us")).isPresent();
        var sender = message.attributes().getOptionalString(isGroup ? "participant" : "from").map(MessageAddresses::user);
        return sender.flatMap(jid -> message.findChild("verified_name")
                .flatMap(Node::contentAsBytes)
                .flatMap(VerifiedNames::name)
                .map(name -> new EngineEvent.BusinessNameSeen(jid, name)));
    }

    private static Optional<String> name(byte[] certificate) {
        try {
            return BusinessVerifiedNameCertificateSpec.decode(certificate).encodedDetails()
                    .flatMap(details -> BusinessVerifiedNameDetailsSpec.decode(details).name())
                    .filter(name -> !name.isBlank());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
