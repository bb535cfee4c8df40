package com.aspose.words;

/** Shim of the Aspose type Cobalt references; see {@link Document}. */
public class SaveOutputParameters {

    SaveOutputParameters() {
        throw ShimSupport.unsupported();
    }
}
