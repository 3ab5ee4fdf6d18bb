package nl.hvht.ketenpoort.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** The two kinds of load: closed loop (threads posting back to back) and open loop (a fixed arrival rate). */
final class Load {

    private Load() {
    }

    /**
     * What a load run sent: the berichtIds answered 202, the other answers by status (0: no answer), and when the
     * first request went out and the last 202 came back ({@link System#nanoTime()}).
     */
    record Sent(List<String> accepted, Map<Integer, Long> refused, long startNanos, long lastAcceptedNanos) {

        double intakeSeconds() {
            return (lastAcceptedNanos - startNanos) / 1e9;
        }
    }

    /** {@code threads} threads each posting the next message as soon as the previous one is answered, for {@code duration}. */
    static Sent closedLoop(LoadClient client, Overdrachten messages, int threads, Duration duration) throws Exception {
        List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Long> refused = new ConcurrentHashMap<>();
        AtomicLong lastAccepted = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        Overdrachten.Overdracht message = messages.next();
                        int status;
                        try {
                            status = client.submit(message.xml());
                        } catch (java.io.IOException e) {
                            status = 0;
                        }
                        if (status == 202) {
                            accepted.add(message.berichtId());
                            lastAccepted.accumulateAndGet(System.nanoTime(), Math::max);
                        } else {
                            refused.merge(status, 1L, Long::sum);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Sent(List.copyOf(accepted), new TreeMap<>(refused), start, Math.max(start, lastAccepted.get()));
    }

    /** Accept latencies of an open-loop run, measured from each request's scheduled send time, in milliseconds. */
    record Latencies(Sent sent, double rate, double[] millis, double[] worstBySecond) {

        /** The seconds of the run (by due time) whose slowest answer took more than {@code limitMs}, with that time. */
        String slowSeconds(double limitMs) {
            StringBuilder out = new StringBuilder();
            for (int second = 0; second < worstBySecond.length; second++) {
                if (worstBySecond[second] > limitMs) {
                    out.append(out.isEmpty() ? "" : ", ").append("s").append(second).append(' ')
                            .append(Math.round(worstBySecond[second])).append(" ms");
                }
            }
            return out.isEmpty() ? "none" : out.toString();
        }

        double percentile(double p) {
            if (millis.length == 0) {
                return Double.NaN;
            }
            return millis[Math.min(millis.length - 1, (int) Math.ceil(p / 100 * millis.length) - 1)];
        }

        double max() {
            return millis.length == 0 ? Double.NaN : millis[millis.length - 1];
        }
    }

    /**
     * Posts at a fixed arrival rate for {@code duration}, whatever the answers do (no coordinated omission): request i
     * is due at start + i / rate and its latency runs from then until its answer. Waits for every answer.
     */
    static Latencies openLoop(LoadClient client, Overdrachten messages, double rate, Duration duration) throws Exception {
        int count = Math.max(1, (int) Math.round(rate * duration.toMillis() / 1000.0));
        long period = (long) (1e9 / rate);
        long start = System.nanoTime() + 20_000_000L;
        double[] millis = new double[count];
        List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Long> refused = new ConcurrentHashMap<>();
        AtomicLong lastAccepted = new AtomicLong(start);
        CompletableFuture<?>[] answers = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            Overdrachten.Overdracht message = messages.next();
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            answers[i] = client.submitAsync(message.xml()).whenComplete((response, failure) -> {
                long now = System.nanoTime();
                millis[index] = (now - due) / 1e6;
                int status = response == null ? 0 : response.statusCode();
                if (status == 202) {
                    accepted.add(message.berichtId());
                    lastAccepted.accumulateAndGet(now, Math::max);
                } else {
                    refused.merge(status, 1L, Long::sum);
                }
            });
        }
        CompletableFuture.allOf(answers).handle((ok, failure) -> null).join();
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double[] worst = new double[(int) Math.ceil(duration.toMillis() / 1000.0) + 1];
        for (int i = 0; i < count; i++) {
            int second = (int) Math.min(worst.length - 1, i * period / 1_000_000_000L);
            worst[second] = Math.max(worst[second], millis[i]);
        }
        return new Latencies(new Sent(List.copyOf(accepted), new TreeMap<>(refused), start, lastAccepted.get()), rate, sorted,
                worst);
    }
}
