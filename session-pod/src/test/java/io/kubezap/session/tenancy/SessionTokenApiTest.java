package io.kubezap.session.tenancy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link SessionRoleApiTest} with the pooled identity (issue 71, item 2): the pod logs in with its namespace's role,
 * which the other session of its namespace shares, and names its session by its token in every transaction. The whole
 * API works and shows nothing of the other session of its namespace, nor of the other namespace's.
 */
@QuarkusTest
@TestProfile(SessionTokenProfile.class)
class SessionTokenApiTest extends SessionRoleApiTest {

    @Override
    String loginRole() {
        return SessionRolePostgres.NAMESPACE_ROLE;
    }
}
