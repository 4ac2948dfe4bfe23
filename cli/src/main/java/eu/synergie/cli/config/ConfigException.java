package eu.synergie.cli.config;

/** A setting is missing, malformed or unknown; the message names the key and where it can be given. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
