package eu.synergie.core.rfi;

/** How soon the requester needs an answer: an urgent request states its deadline and is flagged to both sides past it. */
public enum Urgency {
    NORMAL, URGENT
}
