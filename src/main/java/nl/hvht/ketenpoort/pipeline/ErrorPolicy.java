package nl.hvht.ketenpoort.pipeline;

import nl.hvht.ketenpoort.problem.Rejection;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.springframework.stereotype.Component;

/**
 * The one error policy of every route, Java and YAML alike ({@code routeConfigurationId: ketenpoort-errors}).
 *
 * <ul>
 *   <li>A {@link Rejection} travels back to the caller unchanged; it is audit-logged where it is answered.</li>
 *   <li>Anything else is logged with ids and the exception type only (exception messages can quote
 *       content) and propagates: intake answers 503 or 500, a delivery attempt's failure goes back to the delivery
 *       worker, which records it (retry with backoff, or dead letter) with the other outcomes of its batch.</li>
 * </ul>
 * Camel's own exhausted-exception logging is off, because it would print exception messages.
 */
@Component
class ErrorPolicy extends RouteConfigurationBuilder {

    static final String ID = Steps.ERROR_POLICY;

    @Override
    public void configuration() {
        // Each clause on the configuration itself: in a route configuration end() returns the clause, and
        // OnExceptionDefinition.onException(...) would add the next exception class to that same clause.
        RouteConfigurationDefinition errors = routeConfiguration(ID)
                .errorHandler(defaultErrorHandler().maximumRedeliveries(0).logExhausted(false).logStackTrace(false));
        errors.onException(Rejection.class).handled(false);
        errors.onException(Exception.class).handled(false)
                .log(LoggingLevel.WARN, "nl.hvht.ketenpoort.pipeline",
                        "route ${routeId} failed for exchange ${exchangeId}: ${exception.class.name}");
    }
}
