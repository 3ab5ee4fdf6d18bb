package nl.hvht.ketenpoort.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The {@link AvailabilityGate} in front of everything else on the partner API, Spring Security included. */
@Configuration(proxyBeanMethods = false)
class AvailabilityConfig {

    @Bean
    AvailabilityGate availabilityGate(ApplicationAvailability availability, ApplicationEventPublisher events, ObjectMapper json) {
        return new AvailabilityGate(availability, events, json);
    }

    @Bean
    FilterRegistrationBean<AvailabilityGate> availabilityGateRegistration(AvailabilityGate gate) {
        FilterRegistrationBean<AvailabilityGate> registration = new FilterRegistrationBean<>(gate);
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
