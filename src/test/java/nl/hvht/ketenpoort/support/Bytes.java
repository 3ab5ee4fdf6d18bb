package nl.hvht.ketenpoort.support;

import java.nio.charset.StandardCharsets;

/** Byte-array helpers for tests that tamper with encoded structures. */
public final class Bytes {

    private Bytes() {
    }

    /** Position of {@code needle} in {@code haystack}, or -1 (ISO-8859-1 maps every byte to one char). */
    public static int indexOf(byte[] haystack, byte[] needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(new String(needle, StandardCharsets.ISO_8859_1));
    }
}
