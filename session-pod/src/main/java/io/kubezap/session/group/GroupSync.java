package io.kubezap.session.group;

import io.kubezap.session.host.SessionThreads;
import io.kubezap.contract.PodPhase;
import io.kubezap.session.address.Address;
import io.kubezap.session.address.AddressBook;
import io.kubezap.session.contact.ContactRepository;
import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.GroupEngine;
import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.engine.GroupRefusedException;
import io.kubezap.contract.Jid;
import io.kubezap.session.state.SessionStateChanged;
import io.kubezap.session.state.SessionStateMachine;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the stored groups as WhatsApp describes them: all of them at each login ({@code participating}), one group
 * when something happened in it. One writer at a time, so a slower, older answer never overwrites a newer one.
 */
@Singleton
public class GroupSync {

    private static final Logger LOG = Logger.getLogger(GroupSync.class);
    private static final long ANSWER_SECONDS = 30;

    private final SessionDb db;
    private final GroupRepository groups;
    private final ContactRepository contacts;
    private final GroupEngine engine;
    private final SessionStateMachine state;
    private final AddressBook addresses;

    public GroupSync(SessionDb db, GroupRepository groups, ContactRepository contacts, GroupEngine engine, SessionStateMachine state,
                     AddressBook addresses) {
        this.addresses = addresses;
        this.db = db;
        this.groups = groups;
        this.contacts = contacts;
        this.engine = engine;
        this.state = state;
    }

    /** The account's JID, as group participants name it; null before the first login. */
    public String accountJid() {
        var account = state.current().account();
        return account == null ? null : account.jid();
    }

    /** Stores a group as WhatsApp just described it; answers it with its members named as stored. */
    public synchronized GroupInfo store(GroupInfo group) {
        return db.inTransaction(handle -> save(handle, group));
    }

    /** Forgets a group the account is no longer in. */
    public synchronized void forget(String groupJid) {
        db.useTransaction(handle -> groups.delete(handle, groupJid));
    }

    /**
     * Asks WhatsApp for the group now and stores it, or forgets it when the account is not in it (403) or it is gone
     * (404); then runs {@code after}, in the same transaction, with what is stored and whether WhatsApp answered. When
     * WhatsApp cannot be asked, the stored group stays as it was, and {@code after} decides from what it was told.
     */
    public synchronized void refresh(String groupJid, Refreshed after) {
        Optional<Optional<GroupInfo>> now;
        try {
            now = Optional.of(described(groupJid));
        } catch (RuntimeException unanswered) {
            LOG.warnf("Could not ask WhatsApp for group %s: %s", groupJid, unanswered.getMessage());
            now = Optional.empty();
        }
        var answer = now;
        db.useTransaction(handle -> {
            answer.ifPresent(group -> group.ifPresentOrElse(info -> save(handle, info),
                    () -> groups.delete(handle, groupJid)));
            after.accept(handle, groups.find(handle, groupJid), answer.isPresent());
        });
    }

    /** What runs after a refresh, in its transaction. */
    @FunctionalInterface
    public interface Refreshed {
        void accept(Handle handle, Optional<GroupSummary> stored, boolean answered);
    }

    /** Replaces the stored groups with those WhatsApp lists. */
    public synchronized void refreshAll() {
        List<GroupInfo> participating = await(engine.participating());
        db.useTransaction(handle -> {
            groups.keepOnly(handle, participating.stream().map(GroupInfo::jid).toList());
            participating.forEach(group -> save(handle, group));
        });
        LOG.infof("Groups refreshed from WhatsApp: the account is in %d", participating.size());
    }

    /** The group and its participants, who become contacts the session knows. */
    private GroupInfo save(Handle handle, GroupInfo described) {
        var group = addressed(handle, described);
        var account = accountJid();
        var now = Timestamps.now();
        groups.save(handle, group, account, now);
        group.participants().stream().map(GroupInfo.Participant::jid).filter(jid -> !jid.equals(account))
                .forEach(jid -> contacts.recordKnown(handle, jid, Jid.phoneOf(jid).orElse(null), now));
        return group;
    }

    /**
     * Members (and the owner) by the number's JID where the session knows it, their LIDs beside: a LID-addressed group
     * names them by LID, and the same person is then one contact, one sender, one role, whichever the group used.
     */
    private GroupInfo addressed(Handle handle, GroupInfo group) {
        var members = group.participants().stream().map(participant -> {
            Address address = addresses.resolve(handle, addresses.canonical(handle, participant.jid()));
            return new GroupInfo.Participant(address.jid(), participant.role(), address.lid(), address.phoneNumber());
        }).toList();
        return group.withMembers(addresses.canonical(handle, group.owner()), members);
    }

    void onStateChanged(@Observes SessionStateChanged change) {
        if (change.phaseChanged() && change.after().phase() == PodPhase.Connected) {
            SessionThreads.start("group-sync", () -> {
                try {
                    refreshAll();
                } catch (RuntimeException failed) {
                    LOG.warnf("Could not refresh the groups from WhatsApp at login: %s", failed.getMessage());
                }
            });
        }
    }

    /** The group as WhatsApp has it, empty when the account is not in it or it is gone. */
    private Optional<GroupInfo> described(String groupJid) {
        try {
            return Optional.of(await(engine.metadata(groupJid)));
        } catch (GroupRefusedException refused) {
            if (refused.code() == 403 || refused.code() == 404) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failed.getCause());
        } catch (java.util.concurrent.TimeoutException slow) {
            throw new IllegalStateException("no answer from WhatsApp within " + ANSWER_SECONDS + " s");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
