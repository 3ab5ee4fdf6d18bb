package nl.hvht.ketenpoort.partner;

import java.util.regex.Pattern;

/**
 * Request paths as they may be logged and audit-logged: a path that names a participant
 * ({@code /api/v1/deelnemers/{deelnemer}/...}) has the id replaced by {@code *} (still a valid URI, for a problem's {@code instance}), so refusals and errors never
 * put a participant id in a log.
 */
public final class SafePaths {

    private static final Pattern PARTICIPANT_SEGMENT = Pattern.compile("/deelnemers/[^/]*");

    private SafePaths() {
    }

    /** The path with participant ids masked. */
    public static String mask(String path) {
        return path == null ? null : PARTICIPANT_SEGMENT.matcher(path).replaceAll("/deelnemers/*");
    }
}
