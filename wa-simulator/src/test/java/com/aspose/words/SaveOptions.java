package com.aspose.words;

/** Stand-in for Aspose Words (see {@link Document}). */
public class SaveOptions {
    public SaveOptions() {
        throw new UnsupportedOperationException("Aspose Words is not available");
    }
}
