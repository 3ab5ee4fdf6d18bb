package nl.hvht.ketenpoort.audit;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * Actuator endpoint {@code auditchain} ({@code GET /actuator/auditchain} on the management port): verifies
 * the audit chain on request and returns the {@link VerificationResult}. Reads the whole table, so it is
 * for administrators and monitoring at a modest interval, not for every health probe.
 */
@Component
@Endpoint(id = "auditchain")
class AuditChainEndpoint {

    private final AuditChainVerifier verifier;

    AuditChainEndpoint(AuditChainVerifier verifier) {
        this.verifier = verifier;
    }

    @ReadOperation
    public VerificationResult verify() {
        return verifier.verify();
    }
}
