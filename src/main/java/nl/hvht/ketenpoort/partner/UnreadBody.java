package nl.hvht.ketenpoort.partner;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A refusal on the partner port whose request body was not read to its end is answered with {@code Connection: close},
 * so the client does not send its next request on that connection: the gateway closes it without reading the rest
 * ({@code intake.RefusedBodyValve}). Call before the answer is written.
 */
public final class UnreadBody {

    private UnreadBody() {
    }

    /** Sets {@code Connection: close} when the request has a body that was not read to its end. */
    public static void closeIfUnread(HttpServletRequest request, HttpServletResponse response) {
        if (!response.isCommitted() && unread(request)) {
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
}
