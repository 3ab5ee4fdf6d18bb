/**
 * The partner-facing HTTP edge: the per-partner rate limit on {@code /api/**}, {@code POST /api/v1/berichten}
 * (size- and time-limited body; a signed body is verified and only its verified content is handed to the
 * pipeline, and partners the registry says must sign are refused when unsigned) and
 * {@code GET /api/v1/berichten/{berichtId}} (status per recipient, for the sender only), the validate step of
 * the pipeline, and the one place that turns refusals into RFC 9457 problem+json with a stable code.
 */
package nl.hvht.ketenpoort.intake;
