package nl.hvht.ketenpoort.problem;

/** A stable refusal code: its name is the problem+json {@code code}, with a fixed HTTP status and title. */
public interface ProblemCode {

    /** The code itself, as clients, scripts and audit records see it. */
    String name();

    int httpStatus();

    /** A fixed, content-free human description (Dutch). */
    String title();
}
