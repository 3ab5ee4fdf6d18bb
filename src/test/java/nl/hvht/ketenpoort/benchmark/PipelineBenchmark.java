package nl.hvht.ketenpoort.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Throughput of the whole pipeline on this machine: many overdrachten posted concurrently over mutual TLS,
 * each delivered to two WireMock partners over mutual TLS, on the real PostgreSQL and embedded Artemis.
 * Prints figures; asserts only that everything arrived. Not part of {@code verify} (no IT suffix); run with
 * {@code ./mvnw -B verify -Dit.test=PipelineBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbenchmark.messages=2000 -Dbenchmark.threads=32}.
 */
class PipelineBenchmark extends GatewayTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void throughput() throws Exception {
        int messages = Integer.getInteger("benchmark.messages", 1000);
        int threads = Integer.getInteger("benchmark.threads", 32);
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "gemeente-enschede", "reclassering-nederland");
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < messages + 50; i++) {
            examples.add(example("overdracht", deelnemer));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            post(pool, examples.subList(0, 50)); // warm-up: JIT, connection pools
            await().atMost(Duration.ofMinutes(2)).until(() -> undelivered() == 0);

            long start = System.nanoTime();
            post(pool, examples.subList(50, examples.size()));
            double intakeSeconds = (System.nanoTime() - start) / 1e9;
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> undelivered() == 0);
            double totalSeconds = (System.nanoTime() - start) / 1e9;
            Runtime runtime = Runtime.getRuntime();
            System.out.printf("%nBENCHMARK pipeline: %d messages x 2 recipients, %d client threads, %d cores%n",
                    messages, threads, runtime.availableProcessors());
            System.out.printf("BENCHMARK intake (202 answered): %.0f messages/s (%.1f s)%n", messages / intakeSeconds, intakeSeconds);
            System.out.printf("BENCHMARK end to end (all DELIVERED): %.0f messages/s, %.0f deliveries/s (%.1f s)%n",
                    messages / totalSeconds, 2 * messages / totalSeconds, totalSeconds);
            System.out.printf("BENCHMARK heap used after run: %d MiB of max %d MiB%n",
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
        } finally {
            pool.shutdownNow();
        }
        assertThat(undelivered()).isZero();
    }

    private void post(ExecutorService pool, List<Example> batch) throws Exception {
        List<Future<Integer>> answers = new ArrayList<>();
        for (Example example : batch) {
            answers.add(pool.submit(() -> submit("hvht", example.xml()).statusCode()));
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(202);
        }
    }

    private int undelivered() {
        Integer count = jdbc.queryForObject("select count(*) from bezorging where status <> 'DELIVERED'", Integer.class);
        return count == null ? 0 : count;
    }
}
