package nl.hvht.ketenpoort.signing;

import java.security.cert.X509Certificate;
import java.util.Collection;

/** For tests outside this package: an {@link InboundSignatures} with given anchors and no revocation check. */
public final class TestSignatures {

    private TestSignatures() {
    }

    public static InboundSignatures inbound(Collection<X509Certificate> trustAnchors) {
        return new InboundSignatures(trustAnchors, CrlRevocation.notChecked());
    }
}
