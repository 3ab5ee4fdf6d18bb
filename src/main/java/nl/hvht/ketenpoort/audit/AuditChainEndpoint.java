package nl.hvht.ketenpoort.audit;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * Actuator endpoint {@code auditchain} ({@code GET /actuator/auditchain} on the management port): verifies the audit
 * chain on request and returns the {@link VerificationResult}. By default from the checkpoint of the last intact full
 * check (cheap: what was appended since); {@code ?volledig=true} re-hashes the whole table and moves the checkpoint,
 * for a full check at a modest interval (the console's audit page does the same).
 */
@Component
@Endpoint(id = "auditchain")
class AuditChainEndpoint {

    private final AuditChainVerifier verifier;

    AuditChainEndpoint(AuditChainVerifier verifier) {
        this.verifier = verifier;
    }

    @ReadOperation
    public VerificationResult verify(@org.springframework.lang.Nullable Boolean volledig) {
        return Boolean.TRUE.equals(volledig) ? verifier.verifyFull() : verifier.verify();
    }
}
