package io.kubezap.cobalt.files;

import java.io.IOException;

/**
 * How the bytes of a {@link DurableFile} are kept at rest: sealed as they are written, opened as they are read.
 * Registered per directory in {@link FileSeals}.
 */
public interface FileSeal {

    byte[] seal(byte[] plain);

    /**
     * @throws IOException      when the key that opens the bytes is not at hand: the file is whole, and must not be
     *                          taken for an unreadable one (which a read would replace by its previous generation)
     * @throws RuntimeException when the bytes are not a whole sealed file (torn, or altered)
     */
    byte[] open(byte[] sealed) throws IOException;

    /** Keeps the bytes as they are. */
    FileSeal NONE = new FileSeal() {
        @Override
        public byte[] seal(byte[] plain) {
            return plain;
        }

        @Override
        public byte[] open(byte[] sealed) {
            return sealed;
        }
    };
}
