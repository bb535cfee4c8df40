package io.kubezap.operator.database;

/** Where the admin credential is read from at every use, so that a rotated password is used at once. */
public interface AdminCredentialsSource {

    AdminCredentials current();
}
