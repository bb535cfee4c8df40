package io.kubezap.operator.database;

/** The admin's URL, user and password, decoded: what the operator itself connects to the database with. */
public record AdminCredentials(String jdbcUrl, String username, String password) {
}
