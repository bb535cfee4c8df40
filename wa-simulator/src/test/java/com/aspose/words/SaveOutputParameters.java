package com.aspose.words;

/** Stand-in for Aspose Words (see {@link Document}). */
public class SaveOutputParameters {
    public SaveOutputParameters() {
        throw new UnsupportedOperationException("Aspose Words is not available");
    }
}
