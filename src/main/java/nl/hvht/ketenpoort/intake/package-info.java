/**
 * The partner-facing HTTP edge: the per-partner concurrency and rate limits on {@code /api/**}, the minimum body
 * rate, {@code POST /api/v1/berichten} (size- and time-limited body; a signed body is verified and only its verified
 * content is handed to the pipeline, and partners the registry says must sign are refused when unsigned) and
 * {@code GET /api/v1/berichten/{berichtId}} (status per recipient, for the sender only; 404 for anyone else), the
 * validate step of the pipeline, the one place that turns refusals into RFC 9457 problem+json with a stable code
 * (plus the partner port's error page for Tomcat's own error dispatches), and the closing of connections whose
 * refused body was not read. With several nodes each enforces its share of a partner's limits (the limit divided by the
 * live nodes, {@code cluster.ClusterNodes}), in memory: no database work per request.
 */
package nl.hvht.ketenpoort.intake;
