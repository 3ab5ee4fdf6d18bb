package nl.hvht.ketenpoort.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PartnerConcurrencyTest {

    private static final Set<String> REGISTRY = Set.of("hvht", "tactus", "gemeente-losser");

    private final PartnerConcurrency concurrency = new PartnerConcurrency(
            new IntakeProperties.Concurrency(3, Map.of("gemeente-losser", 1)), REGISTRY::contains);

    @Test
    void aPartnerGetsItsLimitsWorthOfRequestsAtOnceAndNoMore() {
        for (int i = 0; i < 3; i++) {
            assertThat(concurrency.tryAcquire("hvht")).as("request %d", i + 1).isTrue();
        }
        assertThat(concurrency.tryAcquire("hvht")).isFalse();
        assertThat(concurrency.inUse("hvht")).isEqualTo(3);
    }

    @Test
    void onePartnerAtItsLimitDoesNotLimitAnother() {
        while (concurrency.tryAcquire("hvht")) {
            // take every permit of hvht
        }
        assertThat(concurrency.tryAcquire("tactus")).isTrue();
        assertThat(concurrency.inUse("tactus")).isEqualTo(1);
    }

    @Test
    void aFinishedRequestGivesItsPermitBack() {
        assertThat(concurrency.tryAcquire("gemeente-losser")).isTrue();
        assertThat(concurrency.tryAcquire("gemeente-losser")).as("override of 1").isFalse();
        concurrency.release("gemeente-losser");
        assertThat(concurrency.tryAcquire("gemeente-losser")).isTrue();
    }

    @Test
    void anOverrideForAnUnknownPartnerStopsStartUp() {
        assertThatThrownBy(() -> new PartnerConcurrency(new IntakeProperties.Concurrency(3, Map.of("gemeente-amsterdam", 2)),
                REGISTRY::contains)).hasMessageContaining("gemeente-amsterdam");
    }

    @Test
    void withSeveralNodesEachHoldsItsShareAndTogetherNoMoreThanTheLimit() {
        AtomicInteger nodes = new AtomicInteger(3);
        IntakeProperties.Concurrency limits = new IntakeProperties.Concurrency(7, Map.of("gemeente-losser", 1));
        PartnerConcurrency a = new PartnerConcurrency(limits, REGISTRY::contains, nodes::get);
        PartnerConcurrency b = new PartnerConcurrency(limits, REGISTRY::contains, nodes::get);
        PartnerConcurrency c = new PartnerConcurrency(limits, REGISTRY::contains, nodes::get);
        int total = 0;
        for (PartnerConcurrency node : new PartnerConcurrency[] {a, b, c}) {
            while (node.tryAcquire("hvht")) {
                total++;
            }
        }
        assertThat(total).as("7 over 3 nodes: 2 each, rounded down").isEqualTo(6);
        assertThat(a.tryAcquire("gemeente-losser")).as("a limit below the node count: at least 1 per node").isTrue();

        nodes.set(1);
        assertThat(a.tryAcquire("hvht")).as("alone again: the whole limit").isTrue();
        assertThat(a.inUse("hvht")).isEqualTo(3);
    }
}
