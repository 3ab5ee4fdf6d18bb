package nl.hvht.ketenpoort.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import org.junit.jupiter.api.Test;

class BodyReaderTest {

    private static final int MAX = 1024;

    private final AtomicLong now = new AtomicLong();
    private final BodyReader reader = new BodyReader(MAX, Duration.ofSeconds(30), now::get);

    @Test
    void readsABodyUpToTheLimitWithOrWithoutLength() throws IOException {
        byte[] body = new byte[MAX];
        Arrays.fill(body, (byte) 'a');

        assertThat(reader.read(new ByteArrayInputStream(body), MAX)).isEqualTo(body);
        assertThat(reader.read(new ByteArrayInputStream(body), -1)).isEqualTo(body);
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedWithoutReading() {
        AtomicInteger reads = new AtomicInteger();
        InputStream in = new InputStream() {
            @Override
            public int read() {
                reads.incrementAndGet();
                return 'a';
            }
        };

        assertRefused(() -> reader.read(in, MAX + 1), RejectionCode.PAYLOAD_TOO_LARGE);
        assertThat(reads).hasValue(0);
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedAfterAtMostOneChunkMore() {
        CountingEndless in = new CountingEndless();

        assertRefused(() -> reader.read(in, -1), RejectionCode.PAYLOAD_TOO_LARGE);
        assertThat(in.served).as("bytes read of an endless body").isLessThanOrEqualTo(MAX + 8192);
    }

    @Test
    void lyingContentLengthIsNoWayAround() {
        assertRefused(() -> reader.read(new CountingEndless(), 10), RejectionCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void bodyTricklingInPastTheTotalDeadlineIsRefused() {
        // One byte per read, 1 s per read (each under Tomcat's idle timeout): 30 s in total is the end.
        AtomicInteger reads = new AtomicInteger();
        InputStream trickle = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                now.addAndGet(Duration.ofSeconds(1).toNanos());
                reads.incrementAndGet();
                b[off] = 'a';
                return 1;
            }
        };

        assertRefused(() -> reader.read(trickle, 1000), RejectionCode.REQUEST_TIMEOUT);
        assertThat(reads).hasValue(31);
    }

    @Test
    void socketReadTimeoutBecomesRequestTimeout() {
        InputStream stalled = new InputStream() {
            @Override
            public int read() throws IOException {
                // As Tomcat reports it: its client-abort exception around the socket timeout.
                throw new IOException("client abort", new SocketTimeoutException());
            }
        };

        assertRefused(() -> reader.read(stalled, 100), RejectionCode.REQUEST_TIMEOUT);
    }

    @Test
    void otherReadErrorsStayErrors() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> reader.read(broken, 100)).isInstanceOf(IOException.class).isNotInstanceOf(Rejection.class);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable read, RejectionCode code) {
        assertThatThrownBy(read).isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(code));
    }

    /** An endless body that counts what it served. */
    private static final class CountingEndless extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'a');
            served += len;
            return len;
        }
    }
}
