package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Pseudonyms name their key; a rotation keeps the old pseudonyms findable and leaves those of the first key as they were. */
class PseudonymizerTest {

    private static final String OLD_KEY = "old-pseudonym-key-Q3v9Zk1mR8sT2wXy5bN7";
    private static final String NEW_KEY = "new-pseudonym-key-t8Wq2Ls5Dk9Vx1Mz4Rb7";

    /** The pseudonym as specified, written out separately: HMAC-SHA-256, first 16 bytes as lowercase hex. */
    private static String hmac(String key, String deelnemer) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(deelnemer.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private static Pseudonymizer firstKeyOnly() {
        return new Pseudonymizer(new AuditProperties(OLD_KEY, 10));
    }

    private static Pseudonymizer rotated(String id) {
        return new Pseudonymizer(new AuditProperties(NEW_KEY, id, Map.of("0", OLD_KEY), 10, null));
    }

    @Test
    void theFirstKeyMakesThePseudonymsOfBeforeKeyIds() throws Exception {
        assertThat(firstKeyOnly().pseudonym("HVHT-0001")).isEqualTo("p-" + hmac(OLD_KEY, "HVHT-0001"));
        assertThat(firstKeyOnly().pseudonyms("HVHT-0001")).containsExactly("p-" + hmac(OLD_KEY, "HVHT-0001"));
        assertThat(firstKeyOnly().pseudonym(null)).isNull();
        assertThat(firstKeyOnly().pseudonyms(null)).isEmpty();
    }

    @Test
    void afterARotationNewRecordsNameTheNewKeyAndASearchFindsBoth() throws Exception {
        Pseudonymizer rotated = rotated("1");

        assertThat(rotated.pseudonym("HVHT-0001")).isEqualTo("p1-" + hmac(NEW_KEY, "HVHT-0001"));
        assertThat(rotated.pseudonyms("HVHT-0001"))
                .containsExactly(rotated.pseudonym("HVHT-0001"), firstKeyOnly().pseudonym("HVHT-0001"));
        assertThat(rotated.pseudonym("HVHT-0002")).isNotEqualTo(rotated.pseudonym("HVHT-0001"));
    }

    @Test
    void previousKeysAreSearchedInIdOrderAfterTheCurrentOne() throws Exception {
        Pseudonymizer twice = new Pseudonymizer(new AuditProperties(NEW_KEY, "b2027", Map.of("a2026", "third-pseudonym-key-Pw7x2Kq9Lm4Zr1Vb3n8J",
                "0", OLD_KEY), 10, null));

        assertThat(twice.pseudonyms("HVHT-0001")).containsExactly("pb2027-" + hmac(NEW_KEY, "HVHT-0001"),
                "p-" + hmac(OLD_KEY, "HVHT-0001"), "pa2026-" + hmac("third-pseudonym-key-Pw7x2Kq9Lm4Zr1Vb3n8J", "HVHT-0001"));
    }

    @Test
    void theLongestPseudonymFitsTheLedgerColumn() {
        assertThat(rotated("zzzzzz").pseudonym("HVHT-0001")).hasSize(40).matches("p[0-9a-z]{0,6}-[0-9a-f]{32}");
    }

    @Test
    void threadsSharingThePseudonymizerAgree() {
        Pseudonymizer rotated = rotated("1");
        List<String> expected = IntStream.range(0, 200).mapToObj(i -> rotated.pseudonyms("HVHT-" + i).toString()).toList();
        Set<String> wrong = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 20_000).parallel().forEach(n -> {
            int i = n % 200;
            if (!rotated.pseudonyms("HVHT-" + i).toString().equals(expected.get(i))) {
                wrong.add("HVHT-" + i);
            }
        });
        assertThat(wrong).isEmpty();
    }
}
