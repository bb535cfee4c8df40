package io.kubezap.session.engine.cobalt;

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

    /** The business name the message's certificate states; empty for a person's message or an unreadable certificate. */
    static Optional<String> of(Node message) {
        return message.findChild("verified_name").flatMap(Node::contentAsBytes).flatMap(VerifiedNames::name);
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
