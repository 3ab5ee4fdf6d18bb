package nl.hvht.ketenpoort.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.Categorie;
import org.junit.jupiter.api.Test;

class ProvisionCacheTest {

    private static final List<Bepaling> PERMIT = List.of(new Bepaling(Set.of(Actor.parse("soort:reclassering")),
            Set.of(Categorie.IDENTIFICATIE), Set.of("nazorg"), null, List.of()));

    @Test
    void aVersionIsKnownOnlyUnderTheRowItWasReadFrom() {
        ProvisionCache cache = new ProvisionCache(10);
        UUID id = UUID.randomUUID();
        cache.addAll(Map.of(new ProvisionCache.Key(id, 1, "100"), PERMIT));

        assertThat(cache.known(List.of(new ProvisionCache.Key(id, 1, "100")))).containsOnlyKeys(new ProvisionCache.Key(id, 1, "100"));
        assertThat(cache.known(List.of(new ProvisionCache.Key(id, 1, "101"), new ProvisionCache.Key(id, 2, "100")))).isEmpty();
    }

    @Test
    void theLeastRecentlyUsedVersionGoesFirstWhenFull() {
        ProvisionCache cache = new ProvisionCache(2);
        ProvisionCache.Key a = new ProvisionCache.Key(UUID.randomUUID(), 1, "1");
        ProvisionCache.Key b = new ProvisionCache.Key(UUID.randomUUID(), 1, "2");
        ProvisionCache.Key c = new ProvisionCache.Key(UUID.randomUUID(), 1, "3");
        cache.addAll(Map.of(a, PERMIT));
        cache.addAll(Map.of(b, PERMIT));
        cache.known(List.of(a));
        cache.addAll(Map.of(c, PERMIT));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.known(List.of(a, b, c))).containsOnlyKeys(a, c);
    }

    @Test
    void keepsItsOwnCopy() {
        ProvisionCache cache = new ProvisionCache(2);
        ProvisionCache.Key a = new ProvisionCache.Key(UUID.randomUUID(), 1, "1");
        java.util.ArrayList<Bepaling> read = new java.util.ArrayList<>(PERMIT);
        cache.addAll(Map.of(a, read));
        read.clear();

        assertThat(cache.known(List.of(a)).get(a)).isEqualTo(PERMIT);
        assertThatThrownBy(() -> new ProvisionCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
