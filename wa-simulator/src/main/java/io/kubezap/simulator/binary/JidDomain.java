package io.kubezap.simulator.binary;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;

/**
 * The byte after an {@code AD_JID} tag: the domain a device JID lives in ({@code 0} a phone number on
 * {@code s.whatsapp.net}, {@code 1} a LID, {@code 128} hosted, {@code 129} hosted LID). Any other value is
 * an agent on {@code s.whatsapp.net}, as the byte meant before WhatsApp had more than one domain.
 */
final class JidDomain {
    static final int WHATSAPP = 0;
    static final int LID = 1;
    static final int HOSTED = 128;
    static final int HOSTED_LID = 129;

    private JidDomain() {
    }

    static int of(Jid jid) {
        return switch (jid.server().address()) {
            case "lid" -> LID;
            case "hosted" -> HOSTED;
            case "hosted.lid" -> HOSTED_LID;
            default -> jid.agent();
        };
    }

    static Jid jid(String user, int domain, int device) {
        return switch (domain) {
            case LID -> Jid.of(user, JidServer.lid(), device, 0);
            case HOSTED -> Jid.of(user, JidServer.of("hosted"), device, 0);
            case HOSTED_LID -> Jid.of(user, JidServer.of("hosted.lid"), device, 0);
            default -> Jid.of(user, JidServer.whatsapp(), device, domain);
        };
    }
}
