package com.aspose.words;

final class ShimSupport {

    private ShimSupport() {
    }

    static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("Aspose Words is not bundled with kubezap (document page counts and thumbnails are unavailable)");
    }
}
