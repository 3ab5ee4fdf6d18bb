package nl.hvht.ketenpoort.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.LongSupplier;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;

/**
 * Reads a request body before anything parses it: at most {@code maxBytes} (413 PAYLOAD_TOO_LARGE, with or
 * without a Content-Length, so also for chunked bodies) and within {@code timeout} in total (408
 * REQUEST_TIMEOUT). Tomcat's {@code connection-timeout} ends a read that gets no data at all; the total
 * deadline ends a body that trickles in just fast enough to avoid that.
 */
final class BodyReader {

    private static final int CHUNK = 8192;

    private final long maxBytes;
    private final long timeoutNanos;
    private final LongSupplier nanoTime;

    BodyReader(long maxBytes, Duration timeout, LongSupplier nanoTime) {
        this.maxBytes = maxBytes;
        this.timeoutNanos = timeout.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The body; {@code contentLength} is the declared length or -1 (chunked). */
    byte[] read(InputStream in, long contentLength) throws IOException {
        if (contentLength > maxBytes) {
            throw tooLarge();
        }
        long start = nanoTime.getAsLong();
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(Math.max(contentLength, CHUNK), maxBytes + 1));
        byte[] chunk = new byte[CHUNK];
        try {
            int n;
            while ((n = in.read(chunk)) != -1) {
                body.write(chunk, 0, n);
                if (body.size() > maxBytes) {
                    throw tooLarge();
                }
                if (nanoTime.getAsLong() - start > timeoutNanos) {
                    throw timedOut();
                }
            }
        } catch (IOException e) {
            if (causedByTimeout(e)) {
                throw timedOut();
            }
            throw e;
        }
        return body.toByteArray();
    }

    private Rejection tooLarge() {
        return new Rejection(RejectionCode.PAYLOAD_TOO_LARGE, "Maximaal " + maxBytes + " bytes.");
    }

    private Rejection timedOut() {
        return new Rejection(RejectionCode.REQUEST_TIMEOUT, "Het bericht kwam niet binnen "
                + Duration.ofNanos(timeoutNanos).toSeconds() + " s binnen, of de verbinding zweeg te lang.");
    }

    /** Tomcat wraps a read timeout (a {@link SocketTimeoutException}) in its own client-abort exception. */
    private static boolean causedByTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
