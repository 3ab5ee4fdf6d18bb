package nl.hvht.ketenpoort.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Assertions on an RFC 9457 refusal: {@code application/problem+json} with a stable {@code code}. */
public final class ProblemJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemJson() {
    }

    /** The answer is problem+json with this code; returns the problem. */
    public static JsonNode assertProblem(HttpResponse<?> response, String code) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        String body = response.body() instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) response.body();
        try {
            JsonNode problem = JSON.readTree(body);
            assertThat(problem.get("code").asText()).isEqualTo(code);
            return problem;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer has this status and is problem+json with this code; returns the problem. */
    public static JsonNode assertProblem(HttpResponse<?> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        return assertProblem(response, code);
    }
}
