package io.kubezap.session.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/** Draws a QR payload as PNG, PNG data URL, or Unicode half blocks for a terminal. */
public final class QrRenderer {

    private static final int PNG_SIZE = 320;
    private static final int TERMINAL_QUIET_ZONE = 2;

    private QrRenderer() {
    }

    public static byte[] png(String payload) {
        BitMatrix matrix = encode(payload, PNG_SIZE, 4);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String dataUrl(String payload) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(payload));
    }

    /**
     * Two module rows per text line with '▀', '▄', '█' and space; light modules are drawn, so the code reads
     * on a dark terminal background (the usual one), quiet zone included.
     */
    public static String terminal(String payload) {
        BitMatrix matrix = encode(payload, 0, TERMINAL_QUIET_ZONE);
        StringBuilder text = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y += 2) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                boolean topLight = !matrix.get(x, y);
                boolean bottomLight = y + 1 >= matrix.getHeight() || !matrix.get(x, y + 1);
                text.append(topLight ? (bottomLight ? '█' : '▀') : (bottomLight ? '▄' : ' '));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static BitMatrix encode(String payload, int size, int quietZone) {
        try {
            return new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.MARGIN, quietZone, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode this payload as a QR code", e);
        }
    }
}
