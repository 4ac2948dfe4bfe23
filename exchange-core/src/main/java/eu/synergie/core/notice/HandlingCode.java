package eu.synergie.core.notice;

/** Europol handling codes: H0 crime prevention only; H1 not in judicial proceedings; H2 no dissemination; H3 other (see the note). */
public enum HandlingCode {
    H0, H1, H2, H3
}
