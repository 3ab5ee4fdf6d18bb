/**
 * Refusals, for both sides: {@link nl.hvht.ketenpoort.problem.Rejection} (input refused with a stable code and a
 * detail our own code wrote), the codes by side ({@link nl.hvht.ketenpoort.problem.RejectionCode} for the partner API
 * and the general ones, {@link nl.hvht.ketenpoort.problem.AdminCode} for the console and admin API) and their RFC 9457
 * problem details ({@link nl.hvht.ketenpoort.problem.Problems}). Depends on nothing else of the gateway, so every
 * package may use it. Owns no table.
 */
package nl.hvht.ketenpoort.problem;
