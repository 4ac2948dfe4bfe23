package eu.synergie.cli;

/** A command cannot go on; the message, printed as {@code synergie: <message>}, says why and what to do. */
final class CliFailure extends RuntimeException {

    private final ExitCode exitCode;

    CliFailure(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliFailure(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
