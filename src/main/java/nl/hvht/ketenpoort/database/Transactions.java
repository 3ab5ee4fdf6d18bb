package nl.hvht.ketenpoort.database;

import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one transaction style of the gateway is {@code TransactionTemplate} (explicit boundaries, no proxy, so it also
 * holds for calls within a class). A method that only makes sense inside its caller's transaction (a row lock that
 * must last until the caller's decision commits) says so with {@link #requireActive}, where {@code @Transactional}
 * would have said {@code MANDATORY}.
 */
public final class Transactions {

    private Transactions() {
    }

    /**
     * Throws unless a database transaction is active on this thread.
     *
     * @param what what needs it, for the message (no data)
     */
    public static void requireActive(String what) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(what + " needs the caller's transaction");
        }
    }
}
