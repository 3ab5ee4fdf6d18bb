package nl.hvht.ketenpoort.crash;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Load as a careful partner makes it: several senders, each posting fresh messages at a steady pace and, when the
 * answer is unclear (connection refused or reset, timeout, 503, 429, any other 5xx), posting THE SAME BYTES again until
 * the answer is definitive. Accepted: 202, or 200 with {@code Ketenpoort-Duplicaat: true} (the earlier try was stored).
 * Any other answer is a finding; a 4xx (but 429) also ends that message as refused.
 *
 * <p>With several gateway nodes the senders are spread over them (sender i starts each message on node i mod n), and
 * an unclear answer sends the re-post, with the same bytes and so the same berichtId (the gateway's idempotency key),
 * to the next node: a careful client behind a load balancer, whose node went down or is stopping.
 *
 * <p>Runs on a scheduled executor (a re-post waits by being scheduled later, never by sleeping). {@link #finish()}
 * lets every sender settle its current message and start no new one.
 */
final class Senders implements AutoCloseable {

    static final String UNCLEAR_5XX = "answered 5xx other than 503 (re-posted)";
    static final String REFUSED = "refused with 4xx other than 429 (given up)";
    static final String UNEXPECTED = "answered neither 202 nor 200 Ketenpoort-Duplicaat (given up)";
    static final String NO_RETRY_AFTER = "answered 503 without Retry-After (re-posted)";

    private final List<PartnerApi> nodes;
    private final Supplier<PartnerApi.Message> messages;
    private final long intervalNanos;
    private final ScheduledExecutorService executor;
    private final List<Sender> senders = new ArrayList<>();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final Map<String, List<String>> findings = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private volatile boolean finishing;

    /**
     * @param nodes     the partner API of each gateway node (one for a run with one gateway)
     * @param perSecond messages per second of all senders together (each sender waits 1/(perSecond/senders) s
     *                  between the starts of its messages)
     */
    Senders(List<PartnerApi> nodes, Supplier<PartnerApi.Message> messages, int count, double perSecond) {
        this.nodes = List.copyOf(nodes);
        this.messages = messages;
        this.intervalNanos = (long) (1e9 * count / perSecond);
        this.executor = Executors.newScheduledThreadPool(count, r -> {
            Thread thread = new Thread(r, "crash-sender");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < count; i++) {
            senders.add(new Sender(i % this.nodes.size()));
        }
    }

    void start() {
        senders.forEach(sender -> executor.execute(sender));
    }

    /** No new messages; each sender goes on re-posting its current one until the answer is definitive. */
    void finish() {
        finishing = true;
    }

    /** True when every sender has finished (after {@link #finish()}). */
    boolean finished() {
        return senders.stream().allMatch(sender -> sender.done);
    }

    Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    Map<String, String> refused() {
        return Map.copyOf(refused);
    }

    /** Answers that must not happen, each with examples. */
    Map<String, List<String>> findings() {
        Map<String, List<String>> copy = new java.util.TreeMap<>();
        findings.forEach((k, v) -> {
            synchronized (v) {
                copy.put(k, List.copyOf(v));
            }
        });
        return copy;
    }

    /** How often each answer came: HTTP status, or the kind of I/O failure. */
    Map<String, Integer> answers() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        answers.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    private void count(String answer) {
        answers.computeIfAbsent(answer, k -> new AtomicInteger()).incrementAndGet();
    }

    private void find(String finding, String example) {
        List<String> list = findings.computeIfAbsent(finding, k -> new ArrayList<>());
        synchronized (list) {
            list.add(example);
        }
    }

    private final class Sender implements Runnable {

        /** The node each new message goes to first. */
        private final int home;
        /** The node the current message is posted to. */
        private int node;
        private PartnerApi.Message current;
        private long nextStart = System.nanoTime();
        private volatile boolean done;

        Sender(int home) {
            this.home = home;
            this.node = home;
        }

        @Override
        public void run() {
            try {
                step();
            } catch (RuntimeException | Error e) {
                find("sender failed: " + e, String.valueOf(current == null ? "-" : current.berichtId()));
                again(Duration.ofMillis(500));
            }
        }

        private void step() {
            if (current == null) {
                if (finishing) {
                    done = true;
                    return;
                }
                long wait = nextStart - System.nanoTime();
                if (wait > 0) {
                    executor.schedule(this, wait, TimeUnit.NANOSECONDS);
                    return;
                }
                current = messages.get();
                node = home;
                nextStart = Math.max(nextStart + intervalNanos, System.nanoTime() - intervalNanos);
            }
            HttpResponse<String> response;
            try {
                response = nodes.get(node).submit(current);
            } catch (HttpTimeoutException e) {
                count("timeout");
                again(Duration.ofMillis(200));
                return;
            } catch (IOException e) {
                count("io:" + e.getClass().getSimpleName());
                again(Duration.ofMillis(200));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = true;
                return;
            }
            int status = response.statusCode();
            count(Integer.toString(status));
            boolean duplicateAnswer = status == 200
                    && "true".equalsIgnoreCase(response.headers().firstValue("Ketenpoort-Duplicaat").orElse(""));
            if (status == 202 || duplicateAnswer) {
                accepted.add(current.berichtId());
                next();
            } else if (status == 503 || status == 429) {
                if (response.headers().firstValue("Retry-After").isEmpty()) {
                    find(NO_RETRY_AFTER, current.berichtId() + " " + status + " " + snippet(response.body()));
                }
                again(retryAfter(response));
            } else if (status >= 500) {
                find(UNCLEAR_5XX, current.berichtId() + " " + status + " " + snippet(response.body()));
                again(Duration.ofMillis(200));
            } else if (status >= 400) {
                String answer = status + " " + snippet(response.body());
                find(REFUSED, current.berichtId() + " " + answer);
                refused.put(current.berichtId(), answer);
                next();
            } else {
                String answer = status + " " + snippet(response.body());
                find(UNEXPECTED, current.berichtId() + " " + answer);
                refused.put(current.berichtId(), answer);
                next();
            }
        }

        private void next() {
            current = null;
            executor.execute(this);
        }

        /** The same bytes again after an unclear answer, on the next node (the same one when there is one). */
        private void again(Duration delay) {
            if (nodes.size() > 1) {
                node = (node + 1) % nodes.size();
                count("re-posted to another node");
            }
            executor.schedule(this, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Retry-After in seconds, at most 2 s (the test's patience), at least 100 ms. */
    private static Duration retryAfter(HttpResponse<?> response) {
        try {
            long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElse("0").trim());
            return Duration.ofMillis(Math.max(100, Math.min(2000, seconds * 1000)));
        } catch (NumberFormatException e) {
            return Duration.ofMillis(200);
        }
    }

    private static String snippet(String body) {
        String text = body == null || body.isBlank() ? "(empty body)" : body.replaceAll("\\s+", " ");
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
