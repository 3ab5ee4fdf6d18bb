/**
 * Several gateway nodes on one PostgreSQL database: what makes state that was per node shared by all of them.
 * {@link nl.hvht.ketenpoort.cluster.ClusterLock} runs a periodic job on one node at a time (ShedLock, table
 * {@code shedlock}); {@link nl.hvht.ketenpoort.cluster.ClusterNodes} keeps this node's heartbeat and counts the live
 * nodes (table {@code knooppunt}), so a per-partner limit can be divided between them without any database work per
 * request. {@link nl.hvht.ketenpoort.cluster.ClusterProperties#mode()} says whether the features keep their counters
 * in memory ({@code local}: one node, exact and free) or in the database ({@code shared}). Owns the tables
 * {@code shedlock} and {@code knooppunt}.
 */
package nl.hvht.ketenpoort.cluster;
