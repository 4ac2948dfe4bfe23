package eu.synergie.cli;

import eu.synergie.cli.config.Setting;
import eu.synergie.cli.config.Settings;
import eu.synergie.cli.keys.AgencyKeyStore;
import eu.synergie.cli.keys.KeyStoreException;
import eu.synergie.client.AgencySealer;
import eu.synergie.client.ProtectedPersons;
import eu.synergie.client.PostQuantumCredentials;
import eu.synergie.client.SealingProfile;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.Pem;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One command's run: its settings resolved, and the reading and writing every command does the same way. */
final class Invocation {

    static final String STDIO = "-";

    final Io io;
    final Settings settings;

    private Invocation(Io io, Settings settings) {
        this.io = io;
        this.settings = settings;
    }

    /** Resolves the settings from the command's options, the environment and the config file; prints warnings. */
    static Invocation of(Io io, String configOption, Map<Setting, String> options) {
        Map<Setting, String> given = new EnumMap<>(Setting.class);
        options.forEach((setting, value) -> {
            if (value != null) {
                given.put(setting, value);
            }
        });
        Settings settings = Settings.resolve(given, io.environment(),
                Optional.ofNullable(configOption).map(Path::of), io.workingDirectory());
        settings.warnings().forEach(w -> io.err().println("synergie: warning: " + w));
        return new Invocation(io, settings);
    }

    static Map<Setting, String> options(Object... settingAndValue) {
        Map<Setting, String> options = new EnumMap<>(Setting.class);
        for (int i = 0; i < settingAndValue.length; i += 2) {
            Object value = settingAndValue[i + 1];
            if (value instanceof List<?> list) {
                value = list.isEmpty() ? null : String.join(",", list.stream().map(String::valueOf).toList());
            }
            if (value != null) {
                options.put((Setting) settingAndValue[i], String.valueOf(value));
            }
        }
        return options;
    }

    private char[] asked;

    /** The key store password: from the environment or config file, else asked for on the terminal. */
    char[] keyStorePassword(boolean newPassword) {
        Optional<String> configured = settings.text(Setting.KEYSTORE_PASSWORD);
        if (configured.isPresent()) {
            if (newPassword && configured.get().length() < 8) {
                throw new CliFailure(ExitCode.USAGE, "the key store password (" + settings.sourceOf(Setting.KEYSTORE_PASSWORD)
                        + ") must have at least 8 characters");
            }
            return configured.get().toCharArray();
        }
        Io.PasswordPrompt prompt = io.prompt().orElseThrow(() -> new CliFailure(ExitCode.USAGE,
                "the key store password is not set: set " + Setting.KEYSTORE_PASSWORD.environment()
                        + " or add keystore-password=… to the config file (no terminal to ask on)"));
        if (!newPassword && asked != null) {
            // Asked once per command: the pseudonym key file is under the same password as the key store.
            return asked.clone();
        }
        char[] password = prompt.read(newPassword ? "New key store password: " : "Key store password: ");
        if (password == null) {
            throw new CliFailure(ExitCode.USAGE, "no key store password given");
        }
        if (newPassword) {
            if (password.length < 8) {
                throw new CliFailure(ExitCode.USAGE, "the key store password must have at least 8 characters");
            }
            char[] again = prompt.read("Same password again: ");
            if (again == null || !Arrays.equals(password, again)) {
                throw new CliFailure(ExitCode.USAGE, "the two passwords differ");
            }
        }
        if (!newPassword) {
            asked = password.clone();
        }
        return password;
    }

    Path keyStorePath(String purpose) {
        return settings.requiredPath(Setting.KEYSTORE, purpose);
    }

    AgencyKeyStore keyStore(String purpose) {
        Path file = keyStorePath(purpose);
        return AgencyKeyStore.read(file, keyStorePassword(false));
    }

    /**
     * The sealer of the key store's agency for the configured region certificates, in the profile {@code --profile}
     * names ({@code auto}, {@code classical} or {@code hybrid}).
     */
    AgencySealer sealer(String purpose, String profileOption) {
        SealingProfile profile = switch (profileOption == null ? "auto" : profileOption) {
            case "auto" -> SealingProfile.AUTO;
            case "classical" -> SealingProfile.CLASSICAL;
            case "hybrid" -> SealingProfile.HYBRID;
            default -> throw new CliFailure(ExitCode.USAGE, "--profile must be auto, classical or hybrid");
        };
        AgencyKeyStore store = keyStore(purpose);
        var classical = store.signingCredential();
        PostQuantumCredentials postQuantum = null;
        if (profile == SealingProfile.HYBRID && store.profile() == EnvelopeProfile.CLASSICAL) {
            throw new CliFailure(ExitCode.TRUST, "--profile hybrid needs the agency's ML-DSA-65 and ML-KEM-768 keys, and "
                    + store.file() + " holds none (make a hybrid key store with: synergie keygen --profile hybrid)");
        }
        if (profile == SealingProfile.HYBRID) {
            postQuantum = store.postQuantumCredentials().orElseThrow();
        } else if (profile == SealingProfile.AUTO && store.profile() == EnvelopeProfile.HYBRID) {
            try {
                postQuantum = store.postQuantumCredentials().orElseThrow();
            } catch (KeyStoreException e) {
                io.err().println("synergie: warning: sealing classical envelopes only: " + e.getMessage());
            }
        }
        AgencySealer sealer = new AgencySealer(classical, postQuantum, regionCertificates(), profile);
        Path pseudonymKey = pseudonymKeyPath(purpose);
        // Without the file, a notice with a protected person in the clear is refused by the sealer, naming the fix.
        return Files.exists(pseudonymKey)
                ? sealer.withProtectedPersons(ProtectedPersons.readKey(pseudonymKey, keyStorePassword(false))) : sealer;
    }

    /** The agency's pseudonym key file: the setting, or beside the key store. */
    Path pseudonymKeyPath(String purpose) {
        Optional<Path> configured = settings.path(Setting.PSEUDONYM_KEY);
        if (configured.isPresent()) {
            return configured.get();
        }
        Path keyStore = keyStorePath(purpose);
        String name = keyStore.getFileName().toString().replaceFirst("\\.(p12|pfx)$", "");
        return keyStore.resolveSibling(name + "-pseudonyms.p12");
    }

    /** Every region recipient certificate in the configured PEM files (other certificates in them are ignored). */
    List<X509Certificate> regionCertificates() {
        List<X509Certificate> regions = new ArrayList<>();
        for (Path file : settings.paths(Setting.REGION_CERTS)) {
            String pem;
            try {
                pem = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new CliFailure(ExitCode.USAGE, "cannot read region certificate " + file + " ("
                        + settings.sourceOf(Setting.REGION_CERTS) + "): " + e.getMessage(), e);
            }
            List<X509Certificate> certificates;
            try {
                certificates = Pem.readCertificates(pem);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(ExitCode.USAGE, file + " is not a PEM certificate: " + e.getMessage(), e);
            }
            int before = regions.size();
            for (X509Certificate certificate : certificates) {
                try {
                    CertificateAuthority.regionOf(certificate);
                    regions.add(certificate);
                } catch (IllegalArgumentException notARegion) {
                    // a CA certificate beside it
                }
            }
            if (regions.size() == before) {
                throw new CliFailure(ExitCode.TRUST, file + " holds no region recipient certificate");
            }
        }
        return regions;
    }

    /** A file's bytes, or standard input for {@code -} or nothing. */
    byte[] read(String name, String what) {
        try {
            if (name == null || STDIO.equals(name)) {
                return io.in().readAllBytes();
            }
            return Files.readAllBytes(io.path(name));
        } catch (IOException e) {
            throw new CliFailure(ExitCode.USAGE, "cannot read " + what + " " + (name == null ? "from standard input" : name)
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes to a file, or standard output for {@code -} or nothing; binary output is not written to a
     * terminal, where it would garble the screen.
     */
    void write(String name, byte[] bytes, boolean binary, String what) {
        try {
            if (name == null || STDIO.equals(name)) {
                if (binary && io.terminal()) {
                    throw new CliFailure(ExitCode.USAGE, what + " is binary: give -o FILE, or redirect standard output");
                }
                io.out().write(bytes);
                io.out().flush();
                return;
            }
            Path file = io.path(name);
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new CliFailure(ExitCode.USAGE, "cannot write " + what + " to " + name + ": " + e.getMessage(), e);
        }
    }
}
