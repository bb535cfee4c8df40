package com.aspose.words;

/** Shim of the Aspose type Cobalt references; see {@link Document}. */
public abstract class SaveOptions {

    protected SaveOptions() {
        throw ShimSupport.unsupported();
    }
}
