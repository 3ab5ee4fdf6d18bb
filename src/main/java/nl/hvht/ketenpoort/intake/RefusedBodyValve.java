package nl.hvht.ketenpoort.intake;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import nl.hvht.ketenpoort.partner.UnreadBody;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * A refused request whose body was not read to its end does not hold a worker thread any longer. After a refusal
 * (status 400 or more) Tomcat would otherwise read and discard the rest of the body ("swallow", up to
 * {@code server.tomcat.max-swallow-size}) before it closes the connection, each read waiting up to
 * {@code connection-timeout}: a client trickling a byte now and then keeps the thread for as long as it likes, even
 * after a 429, 408 or 413. For such a refusal on the partner port (the requests with a client certificate), this engine
 * valve (after the error page, so the answer is complete) makes sure the answer says {@code Connection: close}
 * (refusals set it before they are written: {@code partner.UnreadBody}), discards what has already arrived without
 * waiting for more, and tells Tomcat not to swallow the rest (its {@code DISABLE_SWALLOW_INPUT} action, as for an
 * aborted upload): the connection is closed at once and the thread is free. A body of declared length that had all
 * arrived is discarded instead and the answer does not ask to close ({@code UnreadBody.discardArrived}), so the client's
 * next request needs no new TLS handshake.
 */
@Component
class RefusedBodyValve extends ValveBase implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final String CLIENT_CERTIFICATE = "jakarta.servlet.request.X509Certificate";

    RefusedBodyValve() {
        super(true);
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addEngineValves(this);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (response.getStatus() < 400 || request.getAttribute(CLIENT_CERTIFICATE) == null || request.isAsync()
                || !hasBody(request)) {
            return; // not a refusal on the partner port (the admin port keeps Tomcat's behaviour)
        }
        try {
            ServletInputStream body = request.getInputStream();
            if (body.isFinished()) {
                return;
            }
            if (!response.isCommitted()) {
                if (UnreadBody.discardArrived(request)) {
                    return; // it had arrived whole: discarded, and the answer does not ask to close
                }
                response.setHeader("Connection", "close");
            } else if (!closing(response)) {
                return; // the client was told nothing: keep the connection usable, Tomcat drains it
            }
            response.flushBuffer();
            if (UnreadBody.discardArrived(request)) {
                return;
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the body was read as characters: close anyway
        }
        request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
    }

    /** Whether the answer already says {@code Connection: close} (set by the refusal, or by Tomcat for its status). */
    private static boolean closing(Response response) {
        return response.getHeaders("Connection").stream().anyMatch(value -> value.toLowerCase(java.util.Locale.ROOT).contains("close"));
    }

    private static boolean hasBody(Request request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }
}
