/**
 * The audit log: owns the append-only, hash-chained record of every step of a message's life
 * ({@link nl.hvht.ketenpoort.audit.AuditStep}) and of every consent decision, with its ground.
 *
 * <p>Public: the {@link nl.hvht.ketenpoort.audit.AuditLog} contract and its event
 * ({@link nl.hvht.ketenpoort.audit.AuditEvent}), the {@link nl.hvht.ketenpoort.audit.Pseudonymizer} for
 * participant ids (each pseudonym names its key; a search by participant uses every configured key, so records
 * from before a key rotation are found), the {@link nl.hvht.ketenpoort.audit.AuditChainVerifier} and its
 * {@link nl.hvht.ketenpoort.audit.VerificationResult} (also served as actuator endpoint {@code auditchain}),
 * and {@link nl.hvht.ketenpoort.audit.AuditUnavailableException}; the register of processing activities
 * ({@link nl.hvht.ketenpoort.audit.Verwerkingsregister}, {@code ketenpoort.verwerkingsregister}) and the export of the
 * records as JSON lines in the shape of Logboek Dataverwerkingen ({@link nl.hvht.ketenpoort.audit.AuditExport}); the
 * span ({@link nl.hvht.ketenpoort.audit.AuditSpan}) and console access ({@link nl.hvht.ketenpoort.audit.Toegang}) of a
 * step. Inside: the group-committing JDBC writer, the record and hash encoding ({@code AuditHash}, both formats
 * specified in its javadoc for independent re-implementation) and the mapping of a step to its Logboek fields
 * ({@code LogboekMapping}).
 *
 * <p>Owns the tables {@code audit_record}, {@code audit_keten_kop} and {@code audit_controlepunt} (Flyway V2, V2_1,
 * V14, V24: the Logboek Dataverwerkingen columns and the hash format of each record), and the database function
 * {@code audit_aanvullen} (V29) that appends to the chain under the head's lock. Records hold ids,
 * types, partner ids, category codes, outcomes and participant pseudonyms only — never message content.
 * Append-only is enforced by PostgreSQL triggers; tampering by someone able to bypass them is detected by
 * the chain verifier. All SQL for these tables is here; the admin side reads a message's records through
 * {@link nl.hvht.ketenpoort.audit.AuditTimeline}.
 * <p>Data access: {@code JdbcClient} with named parameters, columns read by name; batches on
 * {@code NamedParameterJdbcTemplate.batchUpdate} with named parameters; transactions with {@code TransactionTemplate}.
 */
package nl.hvht.ketenpoort.audit;
