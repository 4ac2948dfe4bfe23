package eu.synergie.cli;

import eu.synergie.cli.push.PushReport;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the {@code synergie} command's exit status means; shown by every {@code --help}. */
public enum ExitCode {

    OK(0, "success"),
    USAGE(1, "usage: a bad option, a missing setting, or input that cannot be read or is invalid"),
    PARTIAL(2, "partial failure: some notices were refused or not sent (run the same push again to resume)"),
    AUTH(3, "authentication: the token endpoint or the exchange refused the feed client"),
    TRUST(4, "trust: a certificate is missing, invalid or refused, or an envelope does not verify");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The exit code of a push that ended with {@code status}. */
    public static ExitCode of(PushReport.Status status) {
        return switch (status) {
            case COMPLETE -> OK;
            case PARTIAL -> PARTIAL;
            case AUTHENTICATION -> AUTH;
            case TRUST -> TRUST;
        };
    }

    /** For picocli's "Exit codes" section. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode exitCode : values()) {
            list.put(String.valueOf(exitCode.code), exitCode.meaning);
        }
        return list;
    }
}
