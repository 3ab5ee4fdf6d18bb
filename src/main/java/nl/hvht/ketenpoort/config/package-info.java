/**
 * Configuration keys across the features: {@link nl.hvht.ketenpoort.config.RenamedKeys}, the keys renamed to the
 * README's glossary words, whose old spelling still works for one release with a warning at start-up. Owns no table;
 * depends on no feature package, and none depends on it (it is registered in {@code META-INF/spring.factories}).
 */
package nl.hvht.ketenpoort.config;
