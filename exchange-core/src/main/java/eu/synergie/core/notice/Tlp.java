package eu.synergie.core.notice;

/**
 * Traffic Light Protocol 2.0 (FIRST). {@code AMBER+STRICT} is written with a plus sign in notices.
 *
 * @see <a href="https://www.first.org/tlp/">FIRST TLP 2.0</a>
 */
public enum Tlp {
    CLEAR("CLEAR"), GREEN("GREEN"), AMBER("AMBER"), AMBER_STRICT("AMBER+STRICT"), RED("RED");

    private final String label;

    Tlp(String label) {
        this.label = label;
    }

    /** The name as written in notices and shown to people. */
    public String label() {
        return label;
    }

    public static Tlp ofLabel(String label) {
        for (Tlp tlp : values()) {
            if (tlp.label.equals(label)) {
                return tlp;
            }
        }
        throw new IllegalArgumentException("tlp must be one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED");
    }
}
