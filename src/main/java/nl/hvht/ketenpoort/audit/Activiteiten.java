package nl.hvht.ketenpoort.audit;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import nl.hvht.ketenpoort.bericht.v1.BerichtType;
import nl.hvht.ketenpoort.bericht.v1.Doel;

/**
 * {@link Verwerkingsregister#voor} remembered per step, message type and purpose: the register answers by going
 * through its flows and building (and so checking) an activity each time, for every audit record. Only the types
 * and purposes of the XSD are remembered, so what a refused request named cannot grow the map.
 */
final class Activiteiten {

    private static final Set<String> TYPES = Arrays.stream(BerichtType.values()).map(BerichtType::value)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> DOELEN = Arrays.stream(Doel.values()).map(Doel::value)
            .collect(Collectors.toUnmodifiableSet());

    private final Verwerkingsregister register;
    private final Map<Key, Optional<Verwerkingsregister.Verwerkingsactiviteit>> known = new ConcurrentHashMap<>();

    Activiteiten(Verwerkingsregister register) {
        this.register = register;
    }

    /** As {@link Verwerkingsregister#voor}; null without a register. */
    Verwerkingsregister.Verwerkingsactiviteit voor(AuditEvent event) {
        if (register == null) {
            return null;
        }
        boolean bounded = (event.berichtType() == null || TYPES.contains(event.berichtType()))
                && (event.doel() == null || DOELEN.contains(event.doel()));
        if (!bounded) {
            return register.voor(event);
        }
        return known.computeIfAbsent(new Key(event.step(), event.berichtType(), event.doel()),
                k -> Optional.ofNullable(register.voor(event))).orElse(null);
    }

    /** The register's resource name ({@code ketenpoort} without a register). */
    String resource() {
        return register == null ? "ketenpoort" : register.resource();
    }

    private record Key(AuditStep step, String berichtType, String doel) {
    }
}
