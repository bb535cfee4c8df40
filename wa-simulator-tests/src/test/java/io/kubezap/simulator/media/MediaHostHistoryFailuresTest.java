package io.kubezap.simulator.media;

import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The media host fails history sync downloads as told, a given number of times, and nothing else. */
class MediaHostHistoryFailuresTest {

    private final MediaHost host = new MediaHost(Clock.systemUTC());

    @Test
    void theNextHistoryDownloadsFailWithTheStatusGivenThenServeTheBlob() {
        var blob = new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        var history = host.storeHistorySync(blob);
        var picture = host.store(MediaType.IMAGE, blob);
        host.failHistoryDownloads(new MediaHost.HistoryFailures(2, 500, false));

        assertThat(host.download(picture.directPath())).as("other media are served").isEqualTo(blob);
        for (int failure = 0; failure < 2; failure++) {
            assertThatThrownBy(() -> host.download(history.directPath()))
                    .isInstanceOfSatisfying(MediaHostException.class, refused -> assertThat(refused.status()).isEqualTo(500));
        }
        assertThat(host.historyFailuresLeft()).isZero();
        assertThat(host.download(history.directPath())).isEqualTo(blob);
    }

    @Test
    void aCorruptedHistoryDownloadHasAFlippedMacWhileTheStoredBlobStaysIntact() {
        var blob = new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        var history = host.storeHistorySync(blob);
        host.failHistoryDownloads(new MediaHost.HistoryFailures(1, 0, true));

        var corrupted = host.download(history.directPath());
        assertThat(corrupted).isNotEqualTo(blob).hasSameSizeAs(blob);
        assertThat(corrupted[corrupted.length - 1]).isEqualTo((byte) (blob[blob.length - 1] ^ 0x01));
        assertThat(host.download(history.directPath())).isEqualTo(blob);
    }
}
