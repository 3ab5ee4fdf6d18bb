package nl.hvht.ketenpoort.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Audit records are kept at least five years: a shorter configuration is refused (at start-up, by binding validation). */
class RetentionPropertiesTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void auditRetentionBelowFiveYearsIsRefused() {
        Set<ConstraintViolation<RetentionProperties>> violations = validator.validate(
                new RetentionProperties(true, 30, 4, Duration.ofDays(1), 500));
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.getPropertyPath().toString()).isEqualTo("auditYears");
            assertThat(v.getMessage()).contains("at least 5");
        });
        assertThat(validator.validate(new RetentionProperties(true, 30, 5, Duration.ofDays(1), 500))).isEmpty();
    }

    @Test
    void contentRetentionOfZeroDaysAndANonPositivePeriodAreRefused() {
        assertThat(validator.validate(new RetentionProperties(true, 0, 7, Duration.ofDays(1), 500))).singleElement()
                .satisfies(v -> assertThat(v.getPropertyPath().toString()).isEqualTo("contentDays"));
        assertThatThrownBy(() -> new RetentionProperties(true, 30, 7, Duration.ZERO, 500)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ketenpoort.retention.period");
    }
}
