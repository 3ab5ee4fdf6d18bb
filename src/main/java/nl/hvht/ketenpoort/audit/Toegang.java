package nl.hvht.ketenpoort.audit;

/**
 * A console user's access as NEN 7513 asks it to be logged, beside the user ({@link AuditEvent#afzender}), the purpose
 * of use ({@link AuditEvent#doel}) and the participant concerned ({@link AuditEvent#deelnemerPseudoniem}).
 *
 * @param rol                  the user's roles, sorted codes joined by "," (e.g. {@code BEHEERDER,PRIVACY})
 * @param netwerkToegangspunt  the client address the request came from
 */
public record Toegang(String rol, String netwerkToegangspunt) {
}
