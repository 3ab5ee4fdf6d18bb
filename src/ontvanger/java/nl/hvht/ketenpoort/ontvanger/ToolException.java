package nl.hvht.ketenpoort.ontvanger;

/** Ends a command with an exit code and a message for stderr; the message never holds message content or key material. */
final class ToolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    ToolException(ExitCode exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
