package nl.hvht.ketenpoort.alert;

/** A way to send a notification (mail, webhook). Throws if it could not be sent. */
interface AlertChannel {

    String name();

    void send(IncidentTracker.Notification notification);

    /** The subject line: status and incident key. */
    static String subject(IncidentTracker.Notification notification) {
        return "[Ketenpoort] " + notification.status() + ": " + notification.incident().sleutel() + " (#" + notification.incident().id() + ")";
    }

    /** The text of a notification: key, kind, partner, times, details. No content, no participant ids. */
    static String text(IncidentTracker.Notification notification) {
        Incident incident = notification.incident();
        return "Incident: " + incident.sleutel() + "\n"
                + "Soort: " + incident.soort() + "\n"
                + "Status: " + notification.status() + "\n"
                + "Partner: " + (incident.partner() == null ? "-" : incident.partner()) + "\n"
                + "Geopend op: " + incident.geopendOp() + "\n"
                + (incident.opgelostOp() == null ? "" : "Opgelost op: " + incident.opgelostOp() + "\n")
                + "Details: " + incident.details() + "\n";
    }
}
