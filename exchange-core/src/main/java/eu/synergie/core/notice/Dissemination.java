package eu.synergie.core.notice;

/** What another agency learns when one of its notices shares an entity with this one. */
public enum Dissemination {
    /** A cleared analyst may open the notice. */
    FULL,
    /** Only that the originator holds something, and whom to contact. */
    POINTER,
    /** No sign of a hit. */
    SILENT
}
