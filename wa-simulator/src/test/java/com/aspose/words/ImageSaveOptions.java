package com.aspose.words;

/** Stand-in for Aspose Words (see {@link Document}). */
public class ImageSaveOptions extends SaveOptions {
    public ImageSaveOptions(int format) {
        super();
    }
}
