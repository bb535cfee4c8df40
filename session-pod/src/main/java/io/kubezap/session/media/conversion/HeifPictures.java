package io.kubezap.session.media.conversion;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An iPhone's HEIC (HEIF) photo as WhatsApp's apps send one: a JPEG. The image's FFmpeg is its Ubuntu base's package
 * (6.1 on 24.04; the tests run Debian 12's 5.1); neither reads HEIF's still
 * images (its MOV reader wants a movie), so libheif's own tools decode it ({@code libheif-examples}:
 * {@code heif-info} reads the primary image's size from the header, refused past the pixel limit before anything is
 * decoded; {@code heif-convert} writes the JPEG).
 */
@Singleton
public class HeifPictures {

    private static final Set<String> BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif");
    private static final Pattern PRIMARY = Pattern.compile("image: (\\d+)x(\\d+) \\(id=\\d+\\), primary");

    private final FfmpegRunner runner;
    private final ConversionLimits limits;

    public HeifPictures(FfmpegRunner runner, ConversionLimits limits) {
        this.runner = runner;
        this.limits = limits;
    }

    /** Whether {@code file} is a HEIF picture: an ISO file whose {@code ftyp} names a HEIF brand first. */
    public static boolean isHeif(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(12);
            return head.length == 12 && new String(head, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")
                    && BRANDS.contains(new String(head, 8, 4, StandardCharsets.ISO_8859_1));
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** The picture as a JPEG scratch file (quality 90), after its header's size was checked. */
    public Path toJpeg(Path file, ScratchSpace scratch) {
        Path info = null;
        Path jpeg = null;
        try {
            info = scratch.newFile();
            runner.runTool(List.of("heif-info", file.toString()), info, scratch);
            checkSize(Files.readString(info, StandardCharsets.UTF_8));
            Path slot = scratch.newFile();
            jpeg = slot.resolveSibling(slot.getFileName() + ".jpg"); // heif-convert writes the format its suffix names
            ScratchSpace.delete(slot);
            runner.runTool(List.of("heif-convert", "--quiet", "-q", "90", file.toString(), jpeg.toString()), null, scratch);
            if (!Files.isRegularFile(jpeg) || Files.size(jpeg) == 0) {
                throw ConversionFailures.unreadable("libheif wrote no picture");
            }
            return jpeg;
        } catch (IOException unreadable) {
            ScratchSpace.delete(jpeg);
            throw new UncheckedIOException(unreadable);
        } catch (RuntimeException failed) {
            ScratchSpace.delete(jpeg);
            throw failed;
        } finally {
            ScratchSpace.delete(info);
        }
    }

    private void checkSize(String info) {
        Matcher primary = PRIMARY.matcher(info);
        if (!primary.find()) {
            throw ConversionFailures.unreadable("it holds no primary HEIF image");
        }
        long width = Long.parseLong(primary.group(1));
        long height = Long.parseLong(primary.group(2));
        if (width * height > limits.maxPixels()) {
            throw ConversionFailures.tooManyPixels(width, height, limits.maxPixels());
        }
    }
}
