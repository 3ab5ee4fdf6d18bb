package nl.hvht.ketenpoort.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console's language: Dutch unless the administrator chose otherwise with {@code ?lang=en} or {@code ?lang=nl}
 * (the links in every page's header, {@link LanguageLinks}). Spring's {@link LocaleChangeInterceptor} (only on
 * {@code /beheer/**}) takes the choice, Spring's {@link CookieLocaleResolver} remembers it in cookie
 * {@value #COOKIE} (path {@code /beheer}, Secure, HttpOnly, SameSite=Strict, a year; it holds only the language).
 * The browser's Accept-Language is not consulted: without the cookie the console is Dutch. An unsupported language is
 * ignored (the choice stays as it was).
 *
 * <p>Only requests on the admin port ({@code ketenpoort.admin.port}) are resolved this way; the partner port keeps the
 * resolution it had (Spring Boot's Accept-Language resolver with default {@code spring.web.locale}), and never reads or
 * writes the cookie.
 */
@Configuration(proxyBeanMethods = false)
class LanguageChoice implements WebMvcConfigurer {

    static final String COOKIE = "KETENPOORT_TAAL";
    static final String PARAM = "lang";
    static final Locale NEDERLANDS = Locale.forLanguageTag("nl");
    /** The console's languages, the default first; each has a bundle ({@code messages.properties} is Dutch). */
    static final List<Locale> TALEN = List.of(NEDERLANDS, Locale.ENGLISH);

    /** Named {@code localeResolver}, so the DispatcherServlet takes it instead of Spring Boot's. */
    @Bean
    LocaleResolver localeResolver(AdminProperties admin, WebProperties web) {
        AcceptHeaderLocaleResolver partnerPort = new AcceptHeaderLocaleResolver();
        partnerPort.setDefaultLocale(web.getLocale());
        return new PerPoort(admin.port(), partnerPort);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(PARAM);
        change.setHttpMethods("GET");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/beheer/**");
    }

    /** The language of a supported locale, or null. */
    static Locale supported(Locale locale) {
        return locale == null ? null
                : TALEN.stream().filter(taal -> taal.getLanguage().equals(locale.getLanguage())).findFirst().orElse(null);
    }

    /** The cookie on the admin port, the partner side's own resolver elsewhere. */
    static final class PerPoort extends CookieLocaleResolver {

        private final int adminPort;
        private final LocaleResolver partnerPort;

        PerPoort(int adminPort, LocaleResolver partnerPort) {
            super(COOKIE);
            this.adminPort = adminPort;
            this.partnerPort = partnerPort;
            setDefaultLocale(NEDERLANDS);
            setCookiePath("/beheer");
            setCookieMaxAge(Duration.ofDays(365));
            setCookieSecure(true);
            setCookieHttpOnly(true);
            setCookieSameSite("Strict");
            setRejectInvalidCookies(false);
        }

        private boolean onAdminPort(HttpServletRequest request) {
            return request.getLocalPort() == adminPort;
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return onAdminPort(request) ? orDutch(super.resolveLocale(request)) : partnerPort.resolveLocale(request);
        }

        /** Read each time it is asked (as Spring's own): a choice made later in the request ({@code ?lang=}) counts at once. */
        @Override
        public LocaleContext resolveLocaleContext(HttpServletRequest request) {
            return () -> resolveLocale(request);
        }

        @Override
        public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext context) {
            Locale chosen = context == null ? null : supported(context.getLocale());
            if (onAdminPort(request) && chosen != null) {
                super.setLocaleContext(request, response, () -> chosen);
            }
        }

        /** A cookie someone edited by hand to an unsupported language counts as none. */
        private static Locale orDutch(Locale locale) {
            Locale taal = supported(locale);
            return taal == null ? NEDERLANDS : taal;
        }
    }
}
