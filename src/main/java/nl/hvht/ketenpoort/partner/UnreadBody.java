package nl.hvht.ketenpoort.partner;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A refusal on the partner port whose request body was not read to its end is answered with {@code Connection: close},
 * so the client does not send its next request on that connection: the gateway closes it without reading the rest
 * ({@code intake.RefusedBodyValve}). A body of a declared {@code Content-Length} that has already arrived whole is
 * discarded instead, without waiting for anything, and the answer does not ask to close: a client refused under load
 * (429) then sends its next request on the same connection rather than opening a new one, with a new TLS handshake,
 * just when the gateway is busiest (Tomcat still closes the connection itself after the statuses it always closes on,
 * such as 400, 408, 413 and 503). A chunked body is never read here: a chunk header that has half arrived would make
 * the read wait. Call before the answer is written.
 */
public final class UnreadBody {

    /** At most this much of an unread body is discarded; a larger one closes the connection. */
    private static final int MAX_DISCARD = 256 * 1024;

    private UnreadBody() {
    }

    /** Sets {@code Connection: close} when the request has a body that was not read to its end and has not all arrived. */
    public static void closeIfUnread(HttpServletRequest request, HttpServletResponse response) {
        if (!response.isCommitted() && unread(request) && !discardArrived(request)) {
            response.setHeader("Connection", "close");
        }
    }

    /** Whether the request has a body and it was not read to its end. */
    public static boolean unread(HttpServletRequest request) {
        if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
            return false;
        }
        try {
            return !request.getInputStream().isFinished();
        } catch (IOException | IllegalStateException readAsCharacters) {
            return false;
        }
    }

    /**
     * Discards what of a body of declared length the server has received already, without waiting for more (at most
     * {@value #MAX_DISCARD} bytes), and says whether the body has then been read to its end. A chunked body (or one
     * without a length) is left alone: false.
     */
    public static boolean discardArrived(HttpServletRequest request) {
        if (request.getContentLengthLong() <= 0 || request.getHeader("Transfer-Encoding") != null) {
            return false;
        }
        try {
            ServletInputStream body = request.getInputStream();
            byte[] buffer = new byte[8192];
            int discarded = 0;
            while (discarded < MAX_DISCARD && !body.isFinished() && body.available() > 0) {
                int n = body.read(buffer, 0, Math.min(buffer.length, body.available()));
                if (n < 0) {
                    break;
                }
                discarded += n;
            }
            return body.isFinished();
        } catch (IOException | RuntimeException e) {
            return false; // the client went away, the body was read as characters, or it came too slowly (a Rejection)
        }
    }
}
