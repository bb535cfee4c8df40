package io.kubezap.session.media.conversion;

import io.kubezap.session.failure.Failure;

import java.time.Duration;

/** The problems a file can have that the pod finds while converting it; each is a clear problem+json, nothing is sent. */
final class ConversionFailures {

    private ConversionFailures() {
    }

    static Failure unreadable(String why) {
        return new Failure(Failure.Kind.UNPROCESSABLE, "media-unreadable", "Media cannot be read",
                "The file is corrupt or not a kind of media the pod reads" + (why.isBlank() ? "" : ": " + why));
    }

    static Failure timedOut(Duration limit) {
        return new Failure(Failure.Kind.UNPROCESSABLE, "media-conversion-timeout", "Media took too long to convert",
                "Converting the file took longer than " + limit.toSeconds() + " s; it was stopped");
    }

    static Failure tooLong(String what, double seconds, long maxSeconds) {
        return new Failure(Failure.Kind.UNPROCESSABLE, "media-too-long", "Media too long",
                "A %s may last at most %d s; this one lasts %.0f s".formatted(what, maxSeconds, seconds));
    }

    static Failure tooManyPixels(long width, long height, long maxPixels) {
        return new Failure(Failure.Kind.TOO_LARGE, "media-too-large", "Media too large",
                "The image is %d×%d pixels; at most %d pixels are read".formatted(width, height, maxPixels));
    }

    static Failure tooLargeAfterConversion(String what, long bytes, long maxBytes) {
        return new Failure(Failure.Kind.TOO_LARGE, "media-too-large", "Media too large",
                "As a %s the file is %d bytes; WhatsApp's apps take at most %d".formatted(what, bytes, maxBytes));
    }

    static Failure unsupported(String detail) {
        return new Failure(Failure.Kind.UNSUPPORTED_TYPE, "unsupported-media-type", "Unsupported media type", detail);
    }
}
