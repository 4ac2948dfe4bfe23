package eu.synergie.crypto.password;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt password hashes in the OpenBSD modular crypt format, {@code $2a$<cost>$<salt><hash>}: what Elasticsearch's
 * file realm reads from its {@code users} file (its default hashing algorithm), and Apache's {@code htpasswd -B}.
 * Version {@code 2a} rather than Bouncy Castle's default {@code 2y}: every bcrypt reader accepts it, and the two hash
 * the same for passwords without bytes above 0x7f, which is all this exchange generates.
 *
 * @see <a href="https://www.usenix.org/legacy/events/usenix99/provos/provos.pdf">Provos and Mazières, A Future-Adaptable
 *     Password Scheme (USENIX 1999)</a>
 */
public final class Bcrypt {

    /** 2^10 rounds: Elasticsearch's own default ({@code bcrypt} is {@code bcrypt10}); a verified hash is cached there. */
    public static final int DEFAULT_COST = 10;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Bcrypt() {
    }

    /** The hash of {@code password} with a fresh 128-bit salt and {@link #DEFAULT_COST}. */
    public static String hash(char[] password) {
        return hash(password, DEFAULT_COST);
    }

    /**
     * The hash of {@code password} with a fresh 128-bit salt.
     *
     * @param cost the base-2 logarithm of the rounds, 4 to 31
     * @throws IllegalArgumentException if the password is empty or longer than bcrypt's 72 bytes, or the cost is out of range
     */
    public static String hash(char[] password, int cost) {
        if (password.length == 0) {
            throw new IllegalArgumentException("password must not be empty");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2a", password, salt, cost);
    }

    /** Whether {@code password} is the one {@code hash} was made from (a constant-time comparison). */
    public static boolean matches(char[] password, String hash) {
        return OpenBSDBCrypt.checkPassword(hash, password);
    }
}
