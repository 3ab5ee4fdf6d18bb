package nl.hvht.ketenpoort.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

class IntakePropertiesTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static IntakeProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("ketenpoort.intake", Bindable.of(IntakeProperties.class),
                        new ValidationBindHandler(new SpringValidatorAdapter(VALIDATOR)));
    }

    @Test
    void absentSectionGivesGenerousDefaults() {
        IntakeProperties p = bind(Map.of());

        assertThat(p.rateLimit().requestsPerSecond()).isEqualTo(200);
        assertThat(p.rateLimit().burst()).isEqualTo(400);
        assertThat(p.rateLimit().partners()).isEmpty();
        assertThat(p.rateLimit().of("hvht")).isEqualTo(new IntakeProperties.Limit(200, 400));
        assertThat(p.bodyTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.concurrency().of("hvht")).isEqualTo(48);
        assertThat(p.bodyMinRate().toBytes()).isEqualTo(4096);
        assertThat(p.bodyMinRateAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void concurrencyOverridePerPartnerId() {
        IntakeProperties p = bind(Map.of(
                "ketenpoort.intake.concurrency.max-per-partner", "10",
                "ketenpoort.intake.concurrency.partners.gemeente-losser", "4"));

        assertThat(p.concurrency().of("gemeente-losser")).isEqualTo(4);
        assertThat(p.concurrency().of("hvht")).isEqualTo(10);
    }

    @Test
    void zeroConcurrencyOrRateFailsFast() {
        assertThatThrownBy(() -> bind(Map.of("ketenpoort.intake.concurrency.max-per-partner", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("maxPerPartner");
        assertThatThrownBy(() -> bind(Map.of("ketenpoort.intake.body-min-rate", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("body-min-rate");
    }

    @Test
    void perPartnerOverrideByPartnerId() {
        IntakeProperties p = bind(Map.of(
                "ketenpoort.intake.rate-limit.requests-per-second", "50",
                "ketenpoort.intake.rate-limit.partners.leger-des-heils.requests-per-second", "1",
                "ketenpoort.intake.rate-limit.partners.leger-des-heils.burst", "3",
                "ketenpoort.intake.body-timeout", "10s"));

        assertThat(p.rateLimit().of("leger-des-heils")).isEqualTo(new IntakeProperties.Limit(1, 3));
        assertThat(p.rateLimit().of("tactus")).isEqualTo(new IntakeProperties.Limit(50, 400));
        assertThat(p.bodyTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void zeroRateFailsFast() {
        assertThatThrownBy(() -> bind(Map.of("ketenpoort.intake.rate-limit.requests-per-second", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("requestsPerSecond");
    }

    @Test
    void overrideWithoutBurstFailsFast() {
        assertThatThrownBy(() -> bind(Map.of("ketenpoort.intake.rate-limit.partners.tactus.requests-per-second", "5")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("burst");
    }

    @Test
    void absurdBodyTimeoutFailsFast() {
        assertThatThrownBy(() -> bind(Map.of("ketenpoort.intake.body-timeout", "1h")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("bodyTimeout");
    }
}
