package nl.hvht.ketenpoort.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import nl.hvht.ketenpoort.problem.Problems;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.partner.SafePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The partner API takes requests only while the gateway is ready: until start-up has finished (readiness
 * ACCEPTING_TRAFFIC) and from the first moment of a stop, every request to {@code /api/**} is answered 503
 * SERVICE_UNAVAILABLE problem+json with {@code Retry-After}, before authentication and before anything is stored, and
 * the connection is closed. A stop first switches this gate (its phase is the highest, so it stops first), then the
 * web server lets the requests under way finish, then the delivery worker and the intake committer finish theirs.
 * Refusals here are logged, not audit-logged: the audit log may not be running yet (or any more).
 */
class AvailabilityGate extends OncePerRequestFilter implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityGate.class);
    static final long RETRY_AFTER_SECONDS = 5;

    private final ApplicationAvailability availability;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private volatile boolean stopping;
    private volatile boolean running;

    AvailabilityGate(ApplicationAvailability availability, ApplicationEventPublisher events, ObjectMapper json) {
        this.availability = availability;
        this.events = events;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!stopping && availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
            chain.doFilter(request, response);
            return;
        }
        LOG.info("refused {} {}: {}", request.getMethod(), SafePaths.mask(request.getRequestURI()),
                stopping ? "stopping" : "not ready yet");
        var problem = Problems.of(RejectionCode.SERVICE_UNAVAILABLE, stopping
                ? "De gateway stopt; probeer het na Retry-After opnieuw." : "De gateway start; probeer het na Retry-After opnieuw.");
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    @Override
    public void start() {
        running = true;
    }

    /** The first thing a stop does: no new request is taken from here on. */
    @Override
    public void stop() {
        stopping = true;
        running = false;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
