package io.kubezap.session.tenancy;

import java.util.List;
import java.util.Map;

/** {@link SessionRoleProfile} with the pooled identity: the namespace's role and the session's token (docs/decisions/0017). */
public class SessionTokenProfile extends SessionRoleProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SessionRolePostgres.class,
                Map.of(SessionRolePostgres.IDENTITY, SessionRolePostgres.TOKEN)));
    }
}
