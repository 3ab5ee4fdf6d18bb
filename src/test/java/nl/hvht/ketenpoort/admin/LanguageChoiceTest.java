package nl.hvht.ketenpoort.admin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** The console's language: Dutch by default, {@code ?lang=} changes it, a cookie remembers it, the partner port is untouched. */
class LanguageChoiceTest {

    private static final int ADMIN_PORT = 8444;
    private static final int PARTNER_PORT = 8443;

    private final LocaleResolver resolver = new LanguageChoice.PerPoort(ADMIN_PORT, partnerSide());

    @Test
    void withoutAChoiceTheConsoleIsDutchWhateverTheBrowserPrefers() {
        MockHttpServletRequest request = request(ADMIN_PORT, "GET");
        request.addHeader("Accept-Language", "en-GB,en;q=0.9");
        assertThat(resolver.resolveLocale(request)).isEqualTo(LanguageChoice.NEDERLANDS);
    }

    @Test
    void langEnIsRememberedInASecureCookieForTheConsoleOnly() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockHttpServletRequest choose = request(ADMIN_PORT, "GET");
        choose.setParameter("lang", "en");
        org.springframework.context.i18n.LocaleContext contextBefore =
                ((org.springframework.web.servlet.i18n.CookieLocaleResolver) resolver).resolveLocaleContext(choose);
        assertThat(contextBefore.getLocale()).isEqualTo(LanguageChoice.NEDERLANDS);
        assertThat(interceptor().preHandle(choose, response, new Object())).isTrue();

        Cookie cookie = response.getCookie(LanguageChoice.COOKIE);
        assertThat(cookie).isNotNull();
        assertThat(cookie.getValue()).isEqualTo("en");
        assertThat(cookie.getPath()).isEqualTo("/beheer");
        assertThat(cookie.getSecure()).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getMaxAge()).isEqualTo(365 * 24 * 3600);
        assertThat(response.getHeader("Set-Cookie")).contains("SameSite=Strict");
        assertThat(resolver.resolveLocale(choose)).isEqualTo(Locale.ENGLISH);
        assertThat(contextBefore.getLocale()).as("the request's locale context, taken before the choice").isEqualTo(Locale.ENGLISH);

        // the next page: only the cookie
        MockHttpServletRequest next = request(ADMIN_PORT, "GET");
        next.setCookies(cookie);
        assertThat(resolver.resolveLocale(next)).isEqualTo(Locale.ENGLISH);
        assertThat(resolver.resolveLocale(next)).isEqualTo(Locale.ENGLISH);

        // and back
        MockHttpServletResponse back = new MockHttpServletResponse();
        MockHttpServletRequest dutch = request(ADMIN_PORT, "GET");
        dutch.setCookies(cookie);
        dutch.setParameter("lang", "nl");
        interceptor().preHandle(dutch, back, new Object());
        assertThat(back.getCookie(LanguageChoice.COOKIE).getValue()).isEqualTo("nl");
        assertThat(resolver.resolveLocale(dutch)).isEqualTo(LanguageChoice.NEDERLANDS);
    }

    @Test
    void anUnsupportedLanguageIsIgnoredAndAnEditedCookieCountsAsNone() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockHttpServletRequest request = request(ADMIN_PORT, "GET");
        request.setParameter("lang", "de");
        interceptor().preHandle(request, response, new Object());
        assertThat(response.getCookie(LanguageChoice.COOKIE)).isNull();
        assertThat(resolver.resolveLocale(request)).isEqualTo(LanguageChoice.NEDERLANDS);

        MockHttpServletRequest edited = request(ADMIN_PORT, "GET");
        edited.setCookies(new Cookie(LanguageChoice.COOKIE, "fr"));
        assertThat(resolver.resolveLocale(edited)).isEqualTo(LanguageChoice.NEDERLANDS);
        MockHttpServletRequest broken = request(ADMIN_PORT, "GET");
        broken.setCookies(new Cookie(LanguageChoice.COOKIE, "<script>"));
        assertThat(resolver.resolveLocale(broken)).isEqualTo(LanguageChoice.NEDERLANDS);
    }

    @Test
    void aPostDoesNotChangeTheLanguage() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockHttpServletRequest post = request(ADMIN_PORT, "POST");
        post.setParameter("lang", "en");
        interceptor().preHandle(post, response, new Object());
        assertThat(response.getCookie(LanguageChoice.COOKIE)).isNull();
    }

    @Test
    void thePartnerPortKeepsItsOwnResolutionAndNeverTheCookie() {
        MockHttpServletRequest partner = request(PARTNER_PORT, "GET");
        partner.setCookies(new Cookie(LanguageChoice.COOKIE, "en"));
        assertThat(resolver.resolveLocale(partner)).isEqualTo(LanguageChoice.NEDERLANDS);
        partner.addHeader("Accept-Language", "en");
        partner.setPreferredLocales(java.util.List.of(Locale.ENGLISH));
        assertThat(resolver.resolveLocale(partner)).isEqualTo(Locale.ENGLISH);
        assertThat(((org.springframework.web.servlet.i18n.CookieLocaleResolver) resolver).resolveLocaleContext(partner).getLocale())
                .isEqualTo(Locale.ENGLISH);

        MockHttpServletResponse response = new MockHttpServletResponse();
        resolver.setLocale(partner, response, Locale.ENGLISH);
        assertThat(response.getCookie(LanguageChoice.COOKIE)).isNull();
    }

    private MockHttpServletRequest request(int port, String method) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/beheer/");
        request.setLocalPort(port);
        request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, resolver);
        return request;
    }

    private static LocaleChangeInterceptor interceptor() {
        // as LanguageChoice registers it
        LocaleChangeInterceptor[] registered = new LocaleChangeInterceptor[1];
        new LanguageChoice().addInterceptors(new org.springframework.web.servlet.config.annotation.InterceptorRegistry() {
            @Override
            public org.springframework.web.servlet.config.annotation.InterceptorRegistration addInterceptor(
                    org.springframework.web.servlet.HandlerInterceptor interceptor) {
                registered[0] = (LocaleChangeInterceptor) interceptor;
                return super.addInterceptor(interceptor);
            }
        });
        return registered[0];
    }

    private static LocaleResolver partnerSide() {
        AcceptHeaderLocaleResolver accept = new AcceptHeaderLocaleResolver();
        accept.setDefaultLocale(LanguageChoice.NEDERLANDS);
        return accept;
    }
}
