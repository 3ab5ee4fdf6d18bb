package nl.hvht.ketenpoort.bericht;

import nl.hvht.ketenpoort.problem.RejectionCode;

import nl.hvht.ketenpoort.problem.Rejection;

import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;

/**
 * The first verdict of one parse, recorded by our own handlers before they abort the parse, so the
 * parser never has to interpret exception types or (content-quoting) parser messages for these cases.
 * Holds a code and a position only.
 */
final class ParseFailure {

    private RejectionCode code;
    private int line = -1;
    private int column = -1;

    /**
     * Records the verdict and returns a content-free exception to abort the parse. The first verdict wins,
     * except that a structural verdict (limit) replaces a schema verdict.
     */
    SAXParseException fail(RejectionCode failure, Locator at) {
        return fail(failure, at == null ? -1 : at.getLineNumber(), at == null ? -1 : at.getColumnNumber());
    }

    SAXParseException fail(RejectionCode failure, int atLine, int atColumn) {
        if (code == null || code == RejectionCode.SCHEMA_INVALID && failure != RejectionCode.SCHEMA_INVALID) {
            code = failure;
            line = atLine;
            column = atColumn;
        }
        return new SAXParseException(failure.name(), null, null, atLine, atColumn);
    }

    RejectionCode code() {
        return code;
    }

    Rejection toRejection() {
        return rejection(code, line, column);
    }

    static Rejection rejection(RejectionCode code, int line, int column) {
        if (line < 1) {
            return new Rejection(code);
        }
        return new Rejection(code, code.title() + " (regel " + line + ", kolom " + column + ")");
    }
}
