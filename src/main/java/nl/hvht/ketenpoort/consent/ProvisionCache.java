package nl.hvht.ketenpoort.consent;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The provisions of toestemmingsversies already read, so that a consent check reads only the version rows, not
 * every provision value again. Safe to keep because a version's provisions are written once, in the transaction that
 * writes the version, and never changed or removed ({@link VerklaringStore}); what does change, the revocation and
 * the latest version number, is on the verklaring row, and every check reads that row and the version rows from the
 * database. A key holds the version row's own identity ({@link Key#rij}, PostgreSQL's {@code xmin}: the transaction
 * that wrote it), so a version that is written anew under the same number (a database restored from a backup, a
 * test that empties its tables) is never taken for the one read before. At most {@code limit} versions, the least
 * recently used one out first.
 */
final class ProvisionCache {

    /** A version as its row was written: verklaring, version number, and the transaction that wrote the row. */
    record Key(UUID id, int versie, String rij) {
    }

    private final Map<Key, List<Bepaling>> entries;

    ProvisionCache(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a provision cache holds at least one version");
        }
        this.entries = new LinkedHashMap<>(Math.min(limit, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, List<Bepaling>> eldest) {
                return size() > limit;
            }
        };
    }

    /** The provisions of these versions that are known, by version (the rest are to be read). */
    synchronized Map<Key, List<Bepaling>> known(Iterable<Key> keys) {
        Map<Key, List<Bepaling>> found = new HashMap<>();
        for (Key key : keys) {
            List<Bepaling> provisions = entries.get(key);
            if (provisions != null) {
                found.put(key, provisions);
            }
        }
        return found;
    }

    /** Remembers the provisions read for these versions. */
    synchronized void addAll(Map<Key, List<Bepaling>> read) {
        read.forEach((key, provisions) -> entries.put(key, List.copyOf(provisions)));
    }

    synchronized int size() {
        return entries.size();
    }
}
