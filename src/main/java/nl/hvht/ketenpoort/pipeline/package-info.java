/**
 * The exchange pipeline in one place: {@link nl.hvht.ketenpoort.pipeline.PipelineRoute} chains the named
 * {@code direct:} steps that the feature packages implement, {@link nl.hvht.ketenpoort.pipeline.Dispatch}
 * is the state that travels through them, and {@link nl.hvht.ketenpoort.pipeline.ErrorPolicy} is the one
 * route configuration every Java and YAML route uses.
 */
package nl.hvht.ketenpoort.pipeline;
