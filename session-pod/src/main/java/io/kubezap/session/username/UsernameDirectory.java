package io.kubezap.session.username;

import io.kubezap.session.address.AddressBook;
import io.kubezap.session.contact.ContactRepository;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.engine.UsernameOwner;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.jid.Addresses;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

/**
 * {@code @username} addresses: the API takes one wherever it takes a chat's address, and WhatsApp says whose it is (the
 * engine's usync query, as current clients resolve one). The holder's LID and, unless the account hides it, its number
 * are learned as any pairing is, and the username is kept on the contact, so the chat is the number's and the contact,
 * its messages and their events carry the name.
 */
@Startup
@Singleton
public class UsernameDirectory {

    private final SessionDb db;
    private final WhatsAppEngine engine;
    private final AddressBook addresses;
    private final ContactRepository contacts;

    public UsernameDirectory(SessionDb db, WhatsAppEngine engine, AddressBook addresses, ContactRepository contacts) {
        this.db = db;
        this.engine = engine;
        this.addresses = addresses;
        this.contacts = contacts;
        Addresses.installUsernames(this::resolve);
    }

    /**
     * The stored form of the address of {@code username}'s holder: its number's JID when WhatsApp tells it, else its LID.
     *
     * @throws Failure 404 {@code unknown-username} when no WhatsApp account holds it
     */
    public String resolve(String username) {
        UsernameOwner owner = EngineCalls.await(engine.resolveUsername(username)).orElseThrow(() -> new Failure(Failure.Kind.NOT_FOUND,
                "unknown-username", "Unknown username", "No WhatsApp account has the username @" + username));
        String address = owner.phoneJid() != null ? owner.phoneJid() : owner.lidJid();
        db.useTransaction(handle -> {
            addresses.learn(handle, owner.lidJid(), owner.phoneJid(), "usync");
            contacts.recordUsername(handle, address, owner.username(), Timestamps.now());
        });
        return address;
    }
}
