package eu.synergie.cli.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The CLI's settings, each defined once: its key in the config file, its environment variable, its
 * command-line option (secrets have none: they never go on a command line), and what it is.
 */
public enum Setting {

    SERVER("server", "SYNERGIE_SERVER", "--server", Kind.URL, "the exchange's base URL, such as https://exchange.example.eu"),
    TOKEN_URL("token-url", "SYNERGIE_TOKEN_URL", "--token-url", Kind.URL,
            "the token endpoint of the exchange's realm (OAuth2 client credentials)"),
    CLIENT_ID("client-id", "SYNERGIE_CLIENT_ID", "--client-id", Kind.TEXT, "the agency's feed client, such as feed-be-pjf"),
    CLIENT_SECRET("client-secret", "SYNERGIE_CLIENT_SECRET", null, Kind.SECRET, "the feed client's secret"),
    KEYSTORE("keystore", "SYNERGIE_KEYSTORE", "--keystore", Kind.PATH,
            "the PKCS#12 file with the agency's private key and certificate chain"),
    KEYSTORE_PASSWORD("keystore-password", "SYNERGIE_KEYSTORE_PASSWORD", null, Kind.SECRET,
            "the password of the key store (asked for on a terminal when not set)"),
    PSEUDONYM_KEY("pseudonym-key", "SYNERGIE_PSEUDONYM_KEY", "--pseudonym-key", Kind.PATH,
            "the PKCS#12 file with the agency's pseudonym key for protected persons, under the key store password "
                    + "(default: beside the key store, its name with -pseudonyms.p12)"),
    REGION_CERTS("region-certs", "SYNERGIE_REGION_CERTS", "--region-cert", Kind.PATHS,
            "the regions' recipient certificates (PEM files, comma-separated in the file and the environment)"),
    RECIPIENT_KEYSTORE("recipient-keystore", "SYNERGIE_RECIPIENT_KEYSTORE", "--recipient", Kind.PATHS,
            "PKCS#12 files with another recipient's keys (such as a region's: its ECDH and, for hybrid envelopes, its "
                    + "ML-KEM-768 key store) to open envelopes with, instead of the agency's (comma-separated)"),
    RECIPIENT_KEYSTORE_PASSWORD("recipient-keystore-password", "SYNERGIE_RECIPIENT_KEYSTORE_PASSWORD", null, Kind.SECRET,
            "the password of the recipient key store"),
    CONCURRENCY("concurrency", "SYNERGIE_CONCURRENCY", "--concurrency", Kind.COUNT,
            "requests in flight at once during push (default 8 with one envelope per request, 4 with batches)"),
    BATCH_SIZE("batch-size", "SYNERGIE_BATCH_SIZE", "--batch-size", Kind.COUNT,
            "envelopes per request during push when the exchange takes batches (default 50; 1 for one per request)");

    /** What sort of value a setting holds, which decides how it is checked and shown. */
    public enum Kind { URL, TEXT, SECRET, PATH, PATHS, COUNT }

    private final String key;
    private final String environment;
    private final String option;
    private final Kind kind;
    private final String doc;

    Setting(String key, String environment, String option, Kind kind, String doc) {
        this.key = key;
        this.environment = environment;
        this.option = option;
        this.kind = kind;
        this.doc = doc;
    }

    /** The key in the config file. */
    public String key() {
        return key;
    }

    public String environment() {
        return environment;
    }

    /** The command-line option, absent for secrets. */
    public Optional<String> option() {
        return Optional.ofNullable(option);
    }

    public Kind kind() {
        return kind;
    }

    public String doc() {
        return doc;
    }

    public boolean secret() {
        return kind == Kind.SECRET;
    }

    static Optional<Setting> ofKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}
