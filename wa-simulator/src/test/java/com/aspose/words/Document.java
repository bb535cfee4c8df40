package com.aspose.words;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Stand-in for Aspose Words, which Cobalt 0.0.10 references but which is not on Maven Central.
 * Without it the JVM rejects Cobalt's whole {@code Medias} class; with it Cobalt catches the
 * failure around its only uses (document page counts and thumbnails).
 */
public class Document {
    public Document(InputStream stream) {
        throw new UnsupportedOperationException("Aspose Words is not available");
    }

    public int getPageCount() {
        throw new UnsupportedOperationException("Aspose Words is not available");
    }

    public SaveOutputParameters save(OutputStream output, SaveOptions options) {
        throw new UnsupportedOperationException("Aspose Words is not available");
    }
}
