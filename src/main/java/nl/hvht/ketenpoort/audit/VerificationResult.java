package nl.hvht.ketenpoort.audit;

/**
 * Outcome of checking the audit chain ({@link AuditChainVerifier#verify()}).
 *
 * @param valid                 true when every record and the chain head are intact
 * @param checkedRecords        records found intact, in volgnummer order, before the first problem
 * @param firstBrokenVolgnummer where the first problem is (for a gap or a cut-off tail: the first
 *                              missing volgnummer); null when valid or when the head row is missing
 * @param problem               kind of the first problem; null when valid
 */
public record VerificationResult(boolean valid, long checkedRecords, Long firstBrokenVolgnummer, Problem problem) {

    public enum Problem {
        /** A record's stored hash does not match its contents: a field was changed. */
        HASH_MISMATCH,
        /** A record's vorige_hash is not the previous record's hash: records replaced or reordered. */
        CHAIN_BROKEN,
        /** Volgnummers are not contiguous from 1: a record was removed. */
        SEQUENCE_GAP,
        /** The chain head does not match the last record: the tail was cut off or the head tampered with. */
        HEAD_MISMATCH,
        /**
         * A record of an unknown hash format, of format 1 with Logboek fields (which format 1 does not cover), or of
         * format 1 after one of format 2: written around the writer or changed.
         */
        FORMAT_VERSION
    }

    static VerificationResult intact(long checkedRecords) {
        return new VerificationResult(true, checkedRecords, null, null);
    }

    static VerificationResult broken(long checkedRecords, Long volgnummer, Problem problem) {
        return new VerificationResult(false, checkedRecords, volgnummer, problem);
    }
}
