package io.kubezap.session.keystore;

/**
 * One entry of a key store file, a row of {@code key_store_entries}: {@code file} (keys or store), {@code name} (the
 * SHA-256 of its bytes, told apart from an identical twin), and {@code value}, the bytes as the engine encoded them.
 */
record KeyStoreEntry(String file, String name, byte[] value) {

    /** Where the row is found: its file and name. */
    String key() {
        return file + "/" + name;
    }
}
