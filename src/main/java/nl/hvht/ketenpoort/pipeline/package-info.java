/**
 * The exchange pipeline in one place: {@link nl.hvht.ketenpoort.pipeline.PipelineRoute} chains the named
 * {@code direct:} steps ({@link nl.hvht.ketenpoort.pipeline.Steps}), {@link nl.hvht.ketenpoort.pipeline.Dispatch}
 * is the state that travels through them, and {@link nl.hvht.ketenpoort.pipeline.ErrorPolicy} is the one
 * route configuration every Java and YAML route uses.
 *
 * <p>Dependencies point one way (checked by {@code ArchitectureTest}): the pipeline sits above the message model,
 * partners, audit, trace and consent, because a {@code Dispatch} carries consent decisions; so the two consent steps
 * ({@code ConsentStep}, {@code direct:check-consent}; {@code ConsentBerichtStep}, {@code direct:register-consent}) are
 * adapters here that call consent's public services. The packages whose steps need nothing the pipeline knows
 * besides {@code Dispatch} implement their step themselves above it: signing ({@code direct:sign}), routing
 * ({@code direct:resolve-answer}, {@code direct:resolve-recipients}), delivery ({@code direct:deduplicate},
 * {@code direct:record}, {@code direct:deliver}) and intake ({@code direct:validate}). Owns no table.
 */
package nl.hvht.ketenpoort.pipeline;
