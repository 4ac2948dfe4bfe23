package eu.synergie.gateway.access;

/** How many clients and users of an agency a suspension or reinstatement changed. */
public record AccountCount(int clients, int users) {
}
