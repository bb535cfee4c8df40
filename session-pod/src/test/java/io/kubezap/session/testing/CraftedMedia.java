package io.kubezap.session.testing;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Issue 68 item 5: files whose content makes FFmpeg open other files, if it picks its demuxer from the content: an HLS
 * playlist and a DASH manifest naming a path (the manifest also behind an MP3's ID3 tag), an ffconcat list naming a
 * sibling. What each names is a {@link Segment},
 * a FIFO that tells whether anything opened it.
 */
public final class CraftedMedia {

    public static final String HLS = "hls";
    public static final String DASH = "dash";
    public static final String FFCONCAT = "ffconcat";
    /**
     * A DASH manifest behind an empty ID3v2 tag: an MP3 by its first bytes (Apache Tika, the send's type check, says
     * audio/mpeg), a DASH manifest to FFmpeg, which skips the tag before it looks for {@code <MPD}.
     */
    public static final String DASH_BEHIND_ID3 = "dash-behind-id3";

    private CraftedMedia() {
    }

    /** The name a segment of {@code crafted} must have for FFmpeg to take it (the extensions its readers allow). */
    public static String segmentName(String crafted) {
        return crafted.startsWith(DASH) ? "segment.mp4" : "segment.ts";
    }

    /** A file of the kind that names {@code segment}: by absolute path (HLS, DASH), or as a sibling (ffconcat). */
    public static String naming(String crafted, Path segment) {
        return naming(crafted, segment, "");
    }

    /** The same, with {@code note} in a comment of the format (a new file each time, for a store that keeps files by hash). */
    public static String naming(String crafted, Path segment, String note) {
        return switch (crafted) {
            case HLS -> "#EXTM3U\n# " + note + "\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:1.0,\n"
                    + segment + "\n#EXT-X-ENDLIST\n";
            case DASH -> """
                    <?xml version="1.0" encoding="utf-8"?>
                    <!-- %s -->
                    <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT1S"
                         minBufferTime="PT1S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011">
                      <Period><AdaptationSet mimeType="audio/mp4">
                        <Representation id="a" bandwidth="64000" codecs="mp4a.40.2"><BaseURL>%s</BaseURL></Representation>
                      </AdaptationSet></Period>
                    </MPD>
                    """.formatted(note, segment);
            case FFCONCAT -> "ffconcat version 1.0\n# " + note + "\nfile " + segment.getFileName() + "\n";
            case DASH_BEHIND_ID3 -> "ID3\u0003\u0000\u0000\u0000\u0000\u0000\u0000" + naming(DASH, segment, note);
            default -> throw new IllegalArgumentException(crafted);
        };
    }

    /**
     * A FIFO with a writer waiting on its other end: {@link #opened()} once anything opened it for reading. A reader
     * that got it open would wait for data, so nothing can open it unseen.
     */
    public record Segment(Path path, AtomicBoolean wasOpened, Thread writer) {

        public static Segment at(Path path) throws IOException, InterruptedException {
            Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
            if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
                throw new IOException("mkfifo " + path + " failed");
            }
            var opened = new AtomicBoolean();
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try (var out = new FileOutputStream(path.toFile())) { // returns once a reader opened the other end
                    opened.set(true);
                } catch (IOException ignored) {
                    // the reader went away
                }
            });
            return new Segment(path, opened, writer);
        }

        public boolean opened() {
            return wasOpened.get();
        }

        /** Opens the FIFO's reading end here, so the writer's wait ends. */
        public void release() throws IOException, InterruptedException {
            if (writer.isAlive()) {
                new FileInputStream(path.toFile()).close();
            }
            writer.join(5_000);
        }
    }
}
