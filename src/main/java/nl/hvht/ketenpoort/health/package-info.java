/**
 * Health that answers at once: the components that ask an outside resource (database {@code db}, broker {@code jms})
 * are checked in the background and served from their last result, so {@code /actuator/health} and its readiness
 * group answer within milliseconds even while the database or the broker hangs, and orchestrators can act. Owns no
 * tables.
 */
package nl.hvht.ketenpoort.health;
