package nl.hvht.ketenpoort.partner;

import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Makes a replaced partner certificate file take effect without restart: every
 * {@code ketenpoort.partners.certificaat-controle} each partner's {@code certificaat} is read again; a
 * certificate that differs from the registered one replaces it when it is valid now and carries the partner's
 * configured OIN ({@link PartnerRegistry#replaceCertificate}). A file that cannot be read or does not fit is
 * refused with an error log (once per distinct content) and the registered certificate stays. Partner lookup
 * by OIN and issuer ({@link PartnerDetailsService}) uses the new certificate from the next request on.
 */
@Component
class PartnerCertificateReloader implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerCertificateReloader.class);

    private final PartnerRegistry registry;
    private final long intervalMillis;
    private final Map<String, Object> refused = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService executor;

    PartnerCertificateReloader(PartnerRegistry registry, PartnerProperties properties) {
        this.registry = registry;
        this.intervalMillis = properties.certificaatControle().toMillis();
    }

    /** Checks every partner's certificate file once; returns how many registered certificates were replaced. */
    int check() {
        int replaced = 0;
        for (PartnerProperties.Entry entry : registry.entries()) {
            try {
                if (checkOne(entry)) {
                    replaced++;
                }
            } catch (RuntimeException e) {
                // one bad file must not stop the others
                LOG.error("certificate check of partner '{}' failed: {}", entry.id(), e.getClass().getSimpleName());
            }
        }
        return replaced;
    }

    private boolean checkOne(PartnerProperties.Entry entry) {
        X509Certificate current = registry.byId(entry.id()).orElseThrow().certificate();
        X509Certificate read;
        try {
            read = PartnerRegistry.readCertificate(entry);
        } catch (IllegalStateException e) {
            refuseOnce(entry, "unreadable", "cannot be read");
            return false;
        }
        if (read.equals(current)) {
            refused.remove(entry.id());
            return false;
        }
        try {
            read.checkValidity(new Date());
            registry.replaceCertificate(entry.id(), read);
        } catch (java.security.cert.CertificateException e) {
            refuseOnce(entry, read, "is not valid now");
            return false;
        } catch (IllegalStateException e) {
            refuseOnce(entry, read, e.getMessage());
            return false;
        }
        refused.remove(entry.id());
        LOG.info("certificate of partner '{}' replaced: serial {}, issuer {}, valid until {}", entry.id(),
                read.getSerialNumber().toString(16), read.getIssuerX500Principal().getName(), read.getNotAfter().toInstant());
        return true;
    }

    private void refuseOnce(PartnerProperties.Entry entry, Object content, String why) {
        if (!content.equals(refused.put(entry.id(), content))) {
            LOG.error("new certificate of partner '{}' ({}) refused, the registered one stays: {}", entry.id(),
                    entry.certificaat().getDescription(), why);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "partner-certificates");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(this::check, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
