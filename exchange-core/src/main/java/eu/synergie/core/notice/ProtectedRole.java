package eu.synergie.core.notice;

import java.util.Locale;

/**
 * Why a person is protected (UNTOC Arts. 24 to 26; Directive 2012/29/EU; Directive (EU) 2019/1937 Art. 16): such a
 * person reaches the exchange only as a pseudonym ({@link Pseudonyms}), never with anything that identifies them.
 */
public enum ProtectedRole {
    VICTIM("V"),
    WITNESS("W"),
    WHISTLEBLOWER("WB"),
    INFORMANT("I");

    private final String prefix;

    ProtectedRole(String prefix) {
        this.prefix = prefix;
    }

    /** The pseudonym's prefix, which tells a reader the role without a lookup: "W-3f9a…" is a witness. */
    public String prefix() {
        return prefix;
    }

    /** "protected witness", as the notice page says it. */
    public String label() {
        return "protected " + name().toLowerCase(Locale.ROOT);
    }
}
