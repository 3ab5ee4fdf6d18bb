package nl.hvht.ketenpoort.pipeline;

import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.springframework.core.env.Environment;
import org.apache.camel.Route;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Start-up stops when a pipeline step has no route, e.g. because the YAML routing rules were not found in
 * {@code ketenpoort.routing.rules-dir}: better no gateway than one that answers every message with an error.
 */
@Component
class PipelineCheck implements ApplicationRunner {

    private final CamelContext camel;
    private final String routesDir;

    PipelineCheck(CamelContext camel, Environment environment) {
        this.camel = camel;
        // read by name: the routing package sits above the pipeline, so its properties record is not imported here
        this.routesDir = environment.getProperty("ketenpoort.routing.rules-dir", "routes");
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> consumed = camel.getRoutes().stream().map(Route::getEndpoint).map(Endpoint::getEndpointUri)
                .map(PipelineCheck::normalise).toList();
        List<String> missing = Stream.of(Steps.PIPELINE, Steps.VALIDATE, Steps.DEDUPLICATE, Steps.REGISTER_CONSENT, Steps.RESOLVE_ANSWER,
                        Steps.RESOLVE_RECIPIENTS,
                        Steps.CHECK_CONSENT, Steps.SIGN, Steps.RECORD, Steps.DELIVER)
                .filter(step -> !consumed.contains(normalise(step)))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Pipeline steps without a route: " + missing
                    + ". Are the routing rules (*.yaml) in ketenpoort.routing.rules-dir='" + routesDir + "'?");
        }
    }

    private static String normalise(String uri) {
        return uri.replace("://", ":");
    }
}
