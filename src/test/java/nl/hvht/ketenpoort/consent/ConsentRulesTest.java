package nl.hvht.ketenpoort.consent;

import static nl.hvht.ketenpoort.bericht.DataCategory.BEHANDELING;
import static nl.hvht.ketenpoort.bericht.DataCategory.GEZONDHEID;
import static nl.hvht.ketenpoort.bericht.DataCategory.IDENTIFICATIE;
import static nl.hvht.ketenpoort.bericht.DataCategory.LEEFGEBIEDEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.DataCategory;
import nl.hvht.ketenpoort.consent.ConsentDecision.DenialReason;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConsentRulesTest {

    private static final String GEMEENTE = "gemeente-almelo";
    private static final String ZORG = "transfore";
    private static final Instant VAN = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant TOT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Set<DataCategory> ASKED = Set.of(IDENTIFICATIE, LEEFGEBIEDEN);

    private static Verklaring verklaring(Set<String> ontvangers, Set<DataCategory> categorieen, Set<String> doelen,
            Instant van, Instant tot, Instant ingetrokken, Instant geregistreerd) {
        return new Verklaring(UUID.randomUUID(), "DLN-001", 1, ontvangers, categorieen, doelen, van, tot, ingetrokken,
                geregistreerd, "hvht", null);
    }

    private static Verklaring valid() {
        return verklaring(Set.of(GEMEENTE), Set.of(IDENTIFICATIE, LEEFGEBIEDEN, BEHANDELING), Set.of("nazorg"), VAN, TOT,
                null, VAN.minusSeconds(60));
    }

    private static Verklaring withPeriod(Instant van, Instant tot) {
        return verklaring(Set.of(GEMEENTE), ASKED, Set.of("nazorg"), van, tot, null, VAN);
    }

    private static Verklaring revokedAt(Instant at) {
        return verklaring(Set.of(GEMEENTE), ASKED, Set.of("nazorg"), VAN, TOT, at, VAN);
    }

    private static ConsentDecision decide(List<Verklaring> verklaringen, Instant at) {
        return ConsentRules.decide(verklaringen, GEMEENTE, ASKED, "nazorg", at);
    }

    @Test
    void allowsWhenOneVerklaringCoversRecipientEveryCategoryAndPurpose() {
        Verklaring v = valid();
        ConsentDecision decision = decide(List.of(v), NOW);
        assertThat(decision).isEqualTo(ConsentDecision.allowedBy(v.id()));
        assertThat(decision.ground()).isEqualTo("toestemming:" + v.id());
    }

    @Test
    void withoutAnyVerklaringThereIsNoConsent() {
        assertThat(decide(List.of(), NOW)).isEqualTo(ConsentDecision.denied(DenialReason.NO_CONSENT));
    }

    @Test
    void aVerklaringForAnotherRecipientIsNoConsent() {
        Verklaring other = verklaring(Set.of(ZORG), ASKED, Set.of("nazorg"), VAN, TOT, null, VAN);
        assertThat(decide(List.of(other), NOW).reason()).isEqualTo(DenialReason.NO_CONSENT);
    }

    @Test
    void aNullRecipientIsNoConsent() {
        assertThat(ConsentRules.decide(List.of(valid()), null, ASKED, "nazorg", NOW).reason())
                .isEqualTo(DenialReason.NO_CONSENT);
    }

    @Test
    void aMissingCategoryIsCategoryNotCovered() {
        ConsentDecision decision = ConsentRules.decide(List.of(valid()), GEMEENTE, Set.of(IDENTIFICATIE, GEZONDHEID),
                "nazorg", NOW);
        assertThat(decision).isEqualTo(ConsentDecision.denied(DenialReason.CATEGORY_NOT_COVERED));
    }

    @Test
    void aMissingPurposeIsPurposeNotCovered() {
        assertThat(ConsentRules.decide(List.of(valid()), GEMEENTE, ASKED, "toezicht", NOW).reason())
                .isEqualTo(DenialReason.PURPOSE_NOT_COVERED);
    }

    @Test
    void aNullPurposeIsPurposeNotCovered() {
        assertThat(ConsentRules.decide(List.of(valid()), GEMEENTE, ASKED, null, NOW).reason())
                .isEqualTo(DenialReason.PURPOSE_NOT_COVERED);
    }

    @Test
    void noCategoriesAskedNeedsOnlyRecipientAndPurpose() {
        Verklaring v = valid();
        assertThat(ConsentRules.decide(List.of(v), GEMEENTE, Set.of(), "nazorg", NOW))
                .isEqualTo(ConsentDecision.allowedBy(v.id()));
    }

    @Test
    void aRevokedVerklaringIsRevoked() {
        assertThat(decide(List.of(revokedAt(NOW.minusSeconds(1))), NOW).reason()).isEqualTo(DenialReason.REVOKED);
    }

    @Test
    void anExpiredVerklaringIsExpired() {
        assertThat(decide(List.of(valid()), TOT.plusSeconds(1)).reason()).isEqualTo(DenialReason.EXPIRED);
    }

    @Test
    void aVerklaringNotYetValidIsExpired() {
        assertThat(decide(List.of(valid()), VAN.minusSeconds(1)).reason()).isEqualTo(DenialReason.EXPIRED);
    }

    @Nested
    class ValidityPeriod {

        @Test
        void startsInclusive() {
            Verklaring v = withPeriod(VAN, TOT);
            assertThat(decide(List.of(v), VAN)).isEqualTo(ConsentDecision.allowedBy(v.id()));
        }

        @Test
        void notOneNanosecondBeforeItsStart() {
            assertThat(decide(List.of(withPeriod(VAN, TOT)), VAN.minusNanos(1)).reason()).isEqualTo(DenialReason.EXPIRED);
        }

        @Test
        void lastNanosecondBeforeItsEndIsValid() {
            Verklaring v = withPeriod(VAN, TOT);
            assertThat(decide(List.of(v), TOT.minusNanos(1))).isEqualTo(ConsentDecision.allowedBy(v.id()));
        }

        @Test
        void endsExclusive() {
            assertThat(decide(List.of(withPeriod(VAN, TOT)), TOT).reason()).isEqualTo(DenialReason.EXPIRED);
        }
    }

    @Nested
    class Revocation {

        @Test
        void revokedExactlyAtTheMomentCountsAsRevoked() {
            assertThat(decide(List.of(revokedAt(NOW)), NOW).reason()).isEqualTo(DenialReason.REVOKED);
        }

        @Test
        void aRevocationAfterTheMomentDoesNotApplyYet() {
            Verklaring v = revokedAt(NOW.plusNanos(1));
            assertThat(decide(List.of(v), NOW)).isEqualTo(ConsentDecision.allowedBy(v.id()));
        }

        @Test
        void revokedWinsOverExpired() {
            Verklaring expired = withPeriod(VAN, NOW.minusSeconds(10));
            assertThat(decide(List.of(expired, revokedAt(NOW.minusSeconds(5))), NOW).reason())
                    .isEqualTo(DenialReason.REVOKED);
            assertThat(decide(List.of(revokedAt(NOW.minusSeconds(5)), expired), NOW).reason())
                    .isEqualTo(DenialReason.REVOKED);
        }

        @Test
        void aRevokedVerklaringThatWasAlsoExpiredIsRevoked() {
            Verklaring v = verklaring(Set.of(GEMEENTE), ASKED, Set.of("nazorg"), VAN, NOW.minusSeconds(60),
                    NOW.minusSeconds(120), VAN);
            assertThat(decide(List.of(v), NOW).reason()).isEqualTo(DenialReason.REVOKED);
        }
    }

    @Nested
    class MostInformativeReason {

        @Test
        void aCurrentVerklaringMissingACategoryWinsOverRevokedAndExpired() {
            Verklaring partial = verklaring(Set.of(GEMEENTE), Set.of(IDENTIFICATIE), Set.of("nazorg"), VAN, TOT, null, VAN);
            List<Verklaring> all = List.of(revokedAt(NOW.minusSeconds(5)), partial, withPeriod(VAN, NOW.minusSeconds(1)));
            assertThat(decide(all, NOW).reason()).isEqualTo(DenialReason.CATEGORY_NOT_COVERED);
        }

        @Test
        void aCurrentVerklaringMissingOnlyThePurposeGivesPurposeNotCovered() {
            Verklaring wrongPurpose = verklaring(Set.of(GEMEENTE), ASKED, Set.of("toezicht"), VAN, TOT, null, VAN);
            Verklaring missingCategory = verklaring(Set.of(GEMEENTE), Set.of(IDENTIFICATIE), Set.of("nazorg"), VAN, TOT,
                    null, VAN);
            assertThat(decide(List.of(missingCategory, wrongPurpose), NOW).reason())
                    .isEqualTo(DenialReason.PURPOSE_NOT_COVERED);
            assertThat(decide(List.of(wrongPurpose, missingCategory), NOW).reason())
                    .isEqualTo(DenialReason.PURPOSE_NOT_COVERED);
        }

        @Test
        void aVerklaringMissingBothIsCategoryNotCovered() {
            Verklaring v = verklaring(Set.of(GEMEENTE), Set.of(IDENTIFICATIE), Set.of("toezicht"), VAN, TOT, null, VAN);
            assertThat(decide(List.of(v), NOW).reason()).isEqualTo(DenialReason.CATEGORY_NOT_COVERED);
        }

        @Test
        void aRevokedVerklaringCoveringEverythingDoesNotHideAMissingCategory() {
            Verklaring partial = verklaring(Set.of(GEMEENTE), Set.of(IDENTIFICATIE), Set.of("nazorg"), VAN, TOT, null, VAN);
            assertThat(decide(List.of(partial, revokedAt(NOW)), NOW).reason())
                    .isEqualTo(DenialReason.CATEGORY_NOT_COVERED);
        }

        @Test
        void verklaringenForOtherRecipientsAreIgnoredForTheReason() {
            Verklaring revokedOther = verklaring(Set.of(ZORG), ASKED, Set.of("nazorg"), VAN, TOT, NOW.minusSeconds(1), VAN);
            assertThat(decide(List.of(revokedOther, withPeriod(VAN, NOW.minusSeconds(1))), NOW).reason())
                    .isEqualTo(DenialReason.EXPIRED);
        }
    }

    @Nested
    class SeveralVerklaringen {

        @Test
        void oneAllowingVerklaringIsEnoughWhateverTheOthers() {
            Verklaring allowing = valid();
            List<Verklaring> all = List.of(revokedAt(NOW.minusSeconds(5)), withPeriod(VAN, NOW.minusSeconds(1)),
                    verklaring(Set.of(GEMEENTE), Set.of(IDENTIFICATIE), Set.of("nazorg"), VAN, TOT, null, NOW),
                    allowing);
            assertThat(decide(all, NOW)).isEqualTo(ConsentDecision.allowedBy(allowing.id()));
        }

        @Test
        void categoriesMustBeCoveredByOneVerklaringNotSpreadOverTwo() {
            Verklaring identificatie = verklaring(Set.of(GEMEENTE), Set.of(IDENTIFICATIE), Set.of("nazorg"), VAN, TOT,
                    null, VAN);
            Verklaring leefgebieden = verklaring(Set.of(GEMEENTE), Set.of(LEEFGEBIEDEN), Set.of("nazorg"), VAN, TOT,
                    null, VAN);
            assertThat(decide(List.of(identificatie, leefgebieden), NOW).reason())
                    .isEqualTo(DenialReason.CATEGORY_NOT_COVERED);
        }

        @Test
        void theLatestRegisteredAllowingVerklaringIsNamedWhateverTheOrder() {
            Verklaring older = verklaring(Set.of(GEMEENTE), ASKED, Set.of("nazorg"), VAN, TOT, null, VAN);
            Verklaring newer = verklaring(Set.of(GEMEENTE, ZORG), ASKED, Set.of("nazorg", "behandeling"), VAN, TOT, null,
                    VAN.plus(Duration.ofDays(3)));
            assertThat(decide(List.of(older, newer), NOW).verklaringId()).isEqualTo(newer.id());
            assertThat(decide(List.of(newer, older), NOW).verklaringId()).isEqualTo(newer.id());
        }

        @Test
        void equalRegistrationMomentsAreBrokenByIdDeterministically() {
            Verklaring a = withPeriod(VAN, TOT);
            Verklaring b = withPeriod(VAN, TOT);
            UUID expected = a.id().compareTo(b.id()) > 0 ? a.id() : b.id();
            assertThat(decide(List.of(a, b), NOW).verklaringId()).isEqualTo(expected);
            assertThat(decide(List.of(b, a), NOW).verklaringId()).isEqualTo(expected);
        }
    }
}
