package nl.hvht.ketenpoort.partner;

/** The kinds of organisation in the network. */
public enum PartnerSoort {
    /** Dienst Justitiële Inrichtingen: Huis van Herstel Twente / PI Almelo. */
    DJI,
    /** One of the three probation organisations (3RO). */
    RECLASSERING,
    /** One of the 14 Twente municipalities. */
    GEMEENTE,
    /** A forensic care partner. */
    ZORGPARTNER
}
