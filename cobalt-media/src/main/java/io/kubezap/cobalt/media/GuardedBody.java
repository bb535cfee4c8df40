package io.kubezap.cobalt.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A download's body with two bounds a hostile or broken server cannot stretch: at most {@code maxBytes}, and no read
 * waiting longer than {@code idleTimeout} for the next bytes (the JDK's HttpClient has no read timeout of its own;
 * closing the stream ends a blocked read).
 */
final class GuardedBody extends FilterInputStream {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("kubezap-media-read-timeout").factory());

    private final long maxBytes;
    private final Duration idleTimeout;
    private long read;
    private volatile boolean timedOut;

    GuardedBody(InputStream body, long maxBytes, Duration idleTimeout) {
        super(body);
        this.maxBytes = maxBytes;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        ScheduledFuture<?> alarm = WATCHDOG.schedule(this::expire, idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException failed) {
            throw timedOut ? timeout() : failed;
        } finally {
            alarm.cancel(false);
        }
        if (timedOut) {
            throw timeout();
        }
        if (n > 0) {
            read += n;
            if (read > maxBytes) {
                throw new MediaTooLongException(maxBytes);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return super.skip(Math.min(n, 0));
    }

    private void expire() {
        timedOut = true;
        try {
            in.close();
        } catch (IOException ignored) {
            // the reader sees the timeout either way
        }
    }

    private HttpTimeoutException timeout() {
        return new HttpTimeoutException("the media host sent nothing for " + idleTimeout.toSeconds() + " s");
    }
}
