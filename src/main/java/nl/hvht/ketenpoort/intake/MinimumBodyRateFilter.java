package nl.hvht.ketenpoort.intake;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The minimum data rate of a request body on {@code /api/**}: once {@code ketenpoort.intake.body-min-rate-after} has
 * passed since the request arrived, the body must have arrived at {@code body-min-rate} on average (bytes per second,
 * counted from then on); a body that trickles in slower is refused at the next read with 408 REQUEST_TIMEOUT (audit
 * reason {@code TE_TRAAG}) instead of holding a worker thread until {@code body-timeout}. Tomcat has no such setting
 * (its timeouts bound each silence, not the rate), so the request's input stream is wrapped.
 */
@Component
class MinimumBodyRateFilter extends OncePerRequestFilter {

    static final String REASON = "TE_TRAAG";

    private final long bytesPerSecond;
    private final long graceNanos;
    private final LongSupplier nanoTime;

    @Autowired
    MinimumBodyRateFilter(IntakeProperties properties) {
        this(properties.bodyMinRate().toBytes(), properties.bodyMinRateAfter(), System::nanoTime);
    }

    MinimumBodyRateFilter(long bytesPerSecond, Duration grace, LongSupplier nanoTime) {
        this.bytesPerSecond = bytesPerSecond;
        this.graceNanos = grace.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        return !hasBody || !path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new RateCheckedRequest(request, nanoTime.getAsLong()), response);
    }

    /** Whether {@code received} bytes {@code elapsedNanos} after the request arrived are too few. */
    boolean tooSlow(long received, long elapsedNanos) {
        long counted = elapsedNanos - graceNanos;
        return counted > 0 && received < (double) bytesPerSecond * counted / 1_000_000_000d;
    }

    private Rejection refusal(HttpServletRequest request) {
        request.setAttribute(RejectionAudit.REASON, REASON);
        return new Rejection(RejectionCode.REQUEST_TIMEOUT,
                "Het bericht kwam trager binnen dan " + bytesPerSecond + " bytes per seconde.");
    }

    private final class RateCheckedRequest extends HttpServletRequestWrapper {

        private final long start;
        private ServletInputStream checked;

        RateCheckedRequest(HttpServletRequest request, long start) {
            super(request);
            this.start = start;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (checked == null) {
                checked = new RateCheckedStream(super.getInputStream(), this);
            }
            return checked;
        }

        void check(long received) {
            if (tooSlow(received, nanoTime.getAsLong() - start)) {
                throw refusal((HttpServletRequest) getRequest());
            }
        }
    }

    private static final class RateCheckedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final RateCheckedRequest request;
        private long received;

        RateCheckedStream(ServletInputStream in, RateCheckedRequest request) {
            this.in = in;
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b != -1) {
                received++;
                request.check(received);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                received += n;
                request.check(received);
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        /** What can be read without waiting ({@code partner.UnreadBody} discards a refused body that has arrived). */
        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
