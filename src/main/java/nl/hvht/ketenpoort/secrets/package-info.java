/**
 * Production secrets: owns the rule that the {@code prod} profile starts only with every secret set explicitly, and
 * strong enough for its use ({@link nl.hvht.ketenpoort.secrets.ProductionSecrets}, the list of secrets is there).
 *
 * <p>Checked before any bean is made, so before the gateway connects to the database or the broker: a secret that is
 * an unresolved placeholder ({@code ${KETENPOORT_...}}: the environment variable is missing), a value of the demo run
 * (any value {@code application.yml} gives the setting), too short or of too few different characters, or the same as
 * another secret, stops start-up with one message naming each setting and what is wrong with it, never its value.
 *
 * <p>Previous keys kept for a key rotation ({@code ketenpoort.audit.previous-pseudonym-keys.<id>},
 * {@code ketenpoort.admin.login.previous-totp-keys.<id>}) are optional; each one set is checked as the key it
 * rotated.
 *
 * <p>Imports no feature; owns no table.
 */
package nl.hvht.ketenpoort.secrets;
