package com.aspose.words;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Stand-in for the Aspose Words document class, which is not on Maven Central. Cobalt's
 * {@code it.auties.whatsapp.util.Medias} names this type in its signatures, so without it the JVM
 * rejects that whole class (and with it media, history sync and the initial app-state sync).
 * Cobalt only uses it for page counts and document thumbnails, inside {@code catch (Throwable)}:
 * failing here makes it fall back to one page and no thumbnail.
 */
public class Document {

    public Document(InputStream input) {
        throw ShimSupport.unsupported();
    }

    public int getPageCount() {
        throw ShimSupport.unsupported();
    }

    public SaveOutputParameters save(OutputStream output, SaveOptions options) {
        throw ShimSupport.unsupported();
    }
}
