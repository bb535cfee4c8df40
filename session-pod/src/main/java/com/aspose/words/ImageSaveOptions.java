package com.aspose.words;

/** Shim of the Aspose type Cobalt references; see {@link Document}. */
public class ImageSaveOptions extends SaveOptions {

    public ImageSaveOptions(int saveFormat) {
        super();
    }
}
