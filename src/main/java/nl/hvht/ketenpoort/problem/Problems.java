package nl.hvht.ketenpoort.problem;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details for a {@link ProblemCode}: fixed title, our own detail, the stable {@code code}. */
public final class Problems {

    private static final String TYPE_BASE = "https://ketenpoort.hvhtwente.nl/problemen/";

    private Problems() {
    }

    public static ProblemDetail of(ProblemCode code, String safeDetail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(code.httpStatus()), safeDetail);
        problem.setTitle(code.title());
        problem.setType(URI.create(TYPE_BASE + code.name().toLowerCase().replace('_', '-')));
        problem.setProperty("code", code.name());
        return problem;
    }
}
