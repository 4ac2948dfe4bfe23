package eu.synergie.client;

import eu.synergie.core.notice.ProtectedRole;
import eu.synergie.core.notice.Pseudonyms;
import eu.synergie.crypto.pki.Pkcs12;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;

/**
 * The agency side of protected persons (issue 18): before a notice is sealed, each person it gives in the clear with a
 * {@code protection} (role and the agency's own {@code localId} for the person) is replaced by the pseudonym
 * {@link Pseudonyms} makes under the agency's key, with the role and nothing else: name, attributes and local id
 * never leave the agency. A person already given as a pseudonym is left as it is.
 *
 * <p>Input, as the agency's own system writes it:
 * <pre>{"kind": "PERSON", "value": "Amina KOUASSI", "attributes": {"birthDate": "1998-03-02"},
 *  "protection": {"role": "VICTIM", "localId": "V-2026-118"}}</pre>
 * what is sealed: {@code {"kind": "PERSON", "value": "V-…", "protection": {"role": "VICTIM"}}}, nothing else: not
 * its {@code ref} either (agency text, and what relations would tie the person to identifies them too; a notice whose
 * relations still name it is then refused for an unknown ref).
 *
 * <p>The key is an HMAC-SHA256 key in its own PKCS#12 file (a secret bag, under the key store's password), kept with
 * the agency's key store: without it the pseudonyms of earlier notices cannot be made again, and the same person in
 * the same case would get another one.
 */
public final class ProtectedPersons {

    // A key given twice would be read differently by the exchange, which refuses it: refused here first.
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final String KEY_ALIAS = "agency-pseudonyms";
    private static final byte[] LOCAL_ID = "\"localId\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final SecretKey key;

    public ProtectedPersons(SecretKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /** A new pseudonym key (256 bits), to be written with {@link #writeKey} once and kept. */
    public static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance(Pseudonyms.ALGORITHM);
            generator.init(256);
            return generator.generateKey();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Writes a new key file; never replaces one, since the pseudonyms made with it could not be made again.
     *
     * @return whether the file was created (false: it exists, and is left as it was)
     */
    public static boolean writeKey(Path file, SecretKey key, char[] password) {
        return Pkcs12.createSecretKey(file, KEY_ALIAS, key, password);
    }

    /** Reads the key file {@link #writeKey} wrote. */
    public static ProtectedPersons readKey(Path file, char[] password) {
        return new ProtectedPersons(Pkcs12.readSecretKey(file, password));
    }

    /** The pseudonym of the person known to the agency as {@code localId} in case {@code caseRef}, with {@code role}. */
    public String pseudonymOf(ProtectedRole role, String caseRef, String localId) {
        return Pseudonyms.of(role, key, caseRef, localId);
    }

    /**
     * The notice with each protected person given in the clear replaced by its pseudonym; the same bytes when there is
     * none (a notice is sealed exactly as given).
     *
     * @throws UnsealableNoticeException if the JSON cannot be read, or a protected person lacks what the pseudonym needs
     *     (naming the entity, never its value)
     */
    public byte[] pseudonymise(byte[] noticeJson) {
        if (!mentions(noticeJson, LOCAL_ID)) {
            // Most notices name nobody in the clear: not parsed twice on a push's path. One that hides the member behind
            // escapes is left as it is, and the exchange's own reading refuses it for its local id.
            return noticeJson;
        }
        JsonNode notice;
        try {
            notice = JSON.readTree(noticeJson);
        } catch (JacksonException e) {
            throw new UnsealableNoticeException("the notice is not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        JsonNode entities = notice.path("entities");
        if (!entities.isArray()) {
            return noticeJson;
        }
        boolean changed = false;
        for (int i = 0; i < entities.size(); i++) {
            JsonNode protection = entities.get(i).path("protection");
            if (!protection.isObject() || !protection.has("localId")) {
                continue;
            }
            String where = "entities[" + i + "]";
            ProtectedRole role = role(protection.path("role"), where);
            if (!"PERSON".equals(entities.get(i).path("kind").asString(""))) {
                throw new UnsealableNoticeException(where + ".protection is only for a PERSON entity");
            }
            JsonNode localId = protection.path("localId");
            if (!localId.isString() || localId.asString().isBlank()) {
                throw new UnsealableNoticeException(where + ".protection.localId must be the agency's own id for the person");
            }
            JsonNode caseRef = notice.path("caseRef");
            if (!caseRef.isString() || caseRef.asString().isBlank()) {
                throw new UnsealableNoticeException(where + " is a protected person: the notice needs a caseRef, which "
                        + "the pseudonym is made with");
            }
            ObjectNode pseudonymous = JSON.createObjectNode();
            pseudonymous.put("kind", "PERSON");
            pseudonymous.put("value", Pseudonyms.of(role, key, caseRef.asString(), localId.asString()));
            pseudonymous.putObject("protection").put("role", role.name());
            ((tools.jackson.databind.node.ArrayNode) entities).set(i, pseudonymous);
            changed = true;
        }
        return changed ? JSON.writeValueAsBytes(notice) : noticeJson;
    }

    private static boolean mentions(byte[] json, byte[] token) {
        outer:
        for (int i = 0; i + token.length <= json.length; i++) {
            for (int j = 0; j < token.length; j++) {
                if (json[i + j] != token[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static ProtectedRole role(JsonNode role, String where) {
        try {
            return ProtectedRole.valueOf(role.asString("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UnsealableNoticeException(where + ".protection.role must be VICTIM, WITNESS, WHISTLEBLOWER or INFORMANT");
        }
    }
}
