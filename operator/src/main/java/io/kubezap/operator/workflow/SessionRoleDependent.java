package io.kubezap.operator.workflow;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.AbstractDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.KeptData;
import io.kubezap.operator.database.SessionRole;
import io.kubezap.operator.database.SessionRoles;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.Set;

/**
 * The session's database identity ({@link SessionRoles}: its namespace's role, its token), an external dependent ordered
 * before the session's database Secret: the Secret is written only once the role logs in with the password it carries
 * and the token names the session ({@link SessionRoleReady}). The namespace role's connection limit follows the
 * namespace's placement ({@link SessionHosts#occupancy}): each session pod's pool and one more, each session host's
 * pool and one more; a session on a host counts in its host's pool, not as a pod.
 * {@link #desired} is pure (the session and the operator's cache); the database is touched only by
 * {@link #create}/{@link #update}, and only when the role differs from what this operator last set. Before the first
 * set, rows kept under the session's name for another session refuse it ({@link KeptData}): no role, no credentials.
 * The role is dropped by the reconciler's cleanup (with the session's data), not here.
 * <p>
 * A plain {@link AbstractDependentResource}, not a polling one: PostgreSQL cannot give a password back (it keeps a
 * verifier), so polling could only tell that the role exists, at one query per session and period; the observed state
 * is the identity as last set, as the API server's would be a dependent's last write. After a restart it is set again
 * (nothing is remembered), which changes nothing that exists.
 */
public class SessionRoleDependent extends AbstractDependentResource<SessionRole, WhatsAppSession>
        implements Creator<SessionRole, WhatsAppSession>, Updater<SessionRole, WhatsAppSession> {

    @Inject
    SessionRoles roles;
    @Inject
    KeptData keptData;
    @Inject
    DatabasePasswords passwords;
    @Inject
    SessionHosts hosts;

    public SessionRoleDependent() {
    }

    /** For unit tests, outside CDI. */
    SessionRoleDependent(SessionRoles roles, KeptData keptData, DatabasePasswords passwords, SessionHosts hosts) {
        this.roles = roles;
        this.keptData = keptData;
        this.passwords = passwords;
        this.hosts = hosts;
    }

    @Override
    public Class<SessionRole> resourceType() {
        return SessionRole.class;
    }

    @Override
    protected SessionRole desired(WhatsAppSession session, Context<WhatsAppSession> context) {
        String namespace = session.getMetadata().getNamespace();
        SessionHosts.Occupancy occupancy = hosts.occupancy(session, context);
        return new SessionRole(namespace, session.getMetadata().getName(), passwords.of(session, context),
                passwords.tokenOf(session, context), roles.budget().limit(occupancy.pods(), occupancy.hosts()));
    }

    @Override
    public Optional<SessionRole> getSecondaryResource(WhatsAppSession session, Context<WhatsAppSession> context) {
        return roles.ensured(session.getMetadata().getNamespace(), session.getMetadata().getName());
    }

    @Override
    protected Optional<SessionRole> selectTargetSecondaryResource(Set<SessionRole> secondaries, WhatsAppSession session,
                                                                  Context<WhatsAppSession> context) {
        return getSecondaryResource(session, context);
    }

    @Override
    public Matcher.Result<SessionRole> match(SessionRole actual, WhatsAppSession session, Context<WhatsAppSession> context) {
        SessionRole desired = desired(session, context);
        return Matcher.Result.computed(desired.equals(actual), desired);
    }

    @Override
    public SessionRole create(SessionRole desired, WhatsAppSession session, Context<WhatsAppSession> context) {
        keptData.requireOwnOrAdopted(session);
        roles.ensure(desired);
        return desired;
    }

    @Override
    public SessionRole update(SessionRole actual, SessionRole desired, WhatsAppSession session,
                              Context<WhatsAppSession> context) {
        return create(desired, session, context);
    }

    @Override
    protected void onCreated(WhatsAppSession session, SessionRole created, Context<WhatsAppSession> context) {
        // the role's state is what SessionRoles recorded
    }

    @Override
    protected void onUpdated(WhatsAppSession session, SessionRole updated, SessionRole actual,
                             Context<WhatsAppSession> context) {
        // the role's state is what SessionRoles recorded
    }
}
