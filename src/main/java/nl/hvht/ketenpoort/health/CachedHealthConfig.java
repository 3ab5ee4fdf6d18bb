package nl.hvht.ketenpoort.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Wraps Spring Boot's {@code db} and {@code jms} health indicators in {@link CachedHealthIndicator}s, refreshed every
 * second in the background, each check bounded by 2 s.
 */
@Component
class CachedHealthConfig implements BeanPostProcessor, DisposableBean {

    private static final Set<String> SLOW = Set.of("dbHealthContributor", "jmsHealthContributor", "dbHealthIndicator",
            "jmsHealthIndicator");
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final List<CachedHealthIndicator> cached = new ArrayList<>();
    private final ExecutorService checks = Executors.newCachedThreadPool(daemon("health-check"));
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(daemon("health-refresh"));

    CachedHealthConfig() {
        refresher.scheduleWithFixedDelay(this::refreshAll, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (SLOW.contains(beanName) && bean instanceof HealthIndicator indicator) {
            CachedHealthIndicator wrapped = new CachedHealthIndicator(beanName.replace("HealthContributor", "")
                    .replace("HealthIndicator", ""), indicator, TIMEOUT, PERIOD);
            synchronized (cached) {
                cached.add(wrapped);
            }
            return wrapped;
        }
        return bean;
    }

    private void refreshAll() {
        List<CachedHealthIndicator> all;
        synchronized (cached) {
            all = List.copyOf(cached);
        }
        all.forEach(indicator -> indicator.refresh(checks));
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
        checks.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
