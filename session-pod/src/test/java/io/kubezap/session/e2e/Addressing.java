package io.kubezap.session.e2e;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * How WhatsApp addresses a contact, the two modes the ITs run their address-dependent scenarios in: by its phone number,
 * or by its LID (WhatsApp's move to linked identities: the contact's messages come from {@code <lid>@lid}, its number
 * only beside it in {@code sender_pn}, and the API is asked to send to the LID). In both, the user sees one chat under
 * the number with the LID beside it.
 */
enum Addressing {
    NUMBER, LID;

    /** A simulated phone as the ITs use it: its number, its LID, and the address the API is given for it in this mode. */
    record Contact(String number, String lid, Addressing addressing) {

        /** The address a user of the API writes to: the number, or the LID. */
        String address() {
            return addressing == LID ? lid : number;
        }

        /** The chat the API names it by in either mode. */
        String jid() {
            return number + "@s.whatsapp.net";
        }

        /**
         * The contact writes to the session first, as a customer does, and the session stores it: in LID mode that text
         * is how WhatsApp tells the session the LID's number ({@code sender_pn}).
         */
        Contact greets(PodAgainstSimulator world, String owner) {
            world.phoneWritesAndTheSessionStoresIt(number, owner, "Olá, aqui é " + number);
            return this;
        }

        /**
         * {@code message} (a stored message, an event's payload, a send's answer) is in the contact's one chat, under its
         * number, and names the number; in LID mode, where WhatsApp gives both, the LID beside it.
         */
        void assertInItsChat(Map<String, Object> message) {
            assertThat(message).as("one chat under the number").containsEntry("chat", jid()).containsEntry("phoneNumber", number);
            if (addressing == LID) {
                assertThat(message).as("the LID beside the number").containsEntry("lid", lid);
            }
        }
    }

    /** Creates the phone {@code number} on the simulator, addressed by WhatsApp in this mode. */
    Contact createPhone(PodAgainstSimulator world, String number, String pushName) {
        world.control().body(Map.of("number", number, "pushName", pushName, "lidAddressed", this == LID)).post("/api/phones")
                .then().statusCode(201).body("lidAddressed", equalTo(this == LID));
        return new Contact(number, world.lidOf(number), this);
    }
}
