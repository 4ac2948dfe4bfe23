package eu.synergie.core.federation.hits;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The published hashes' JSON: read back equal, read strictly, refused without quoting what it held. */
class HitsJsonTest {

    private static final String HASH = "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg";
    private static final String OTHER = "AAAAgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg";

    @Test
    void readWhenWrittenThenEqualWithHashesSorted() {
        PublishedHashes record = new PublishedHashes("EXCH-EU", "EXCH-MED", "2026-W49", UUID.randomUUID(), "EU-WEST",
                List.of(HASH, OTHER, HASH));

        byte[] json = HitsJson.write(record);

        assertThat(HitsJson.read(json)).isEqualTo(record);
        assertThat(record.hashes()).containsExactly(OTHER, HASH);
        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"from\":\"EXCH-EU\",\"to\":\"EXCH-MED\",\"epoch\":\"2026-W49\"");
    }

    @Test
    void readWhenUnknownRepeatedMissingOrMisshapenThenRefusedNamingTheCheckNotTheContent() {
        String id = UUID.randomUUID().toString();
        String valid = "{\"from\":\"EXCH-MED\",\"to\":\"EXCH-EU\",\"epoch\":\"2026-W49\",\"noticeId\":\"" + id
                + "\",\"region\":\"EU-WEST\",\"hashes\":[\"" + HASH + "\"]";
        assertThat(HitsJson.read((valid + "}").getBytes(StandardCharsets.UTF_8)).hashes()).containsExactly(HASH);

        assertRefused(valid + ",\"values\":[\"+33612345678\"]}", "a member unknown");
        assertRefused(valid + ",\"region\":\"EU-EAST\"}", "repeated member");
        assertRefused(valid.replace("[\"" + HASH + "\"]", "\"" + HASH + "\"") + "}", "wrong shape");
        assertRefused(valid.replace(HASH, "+33612345678") + "}", "32-byte values");
        assertRefused(valid.replace("\"region\":\"EU-WEST\",", "") + "}", "region");
        assertRefused(valid.replace(id, "+33612345678") + "}", "noticeId must be a UUID");
        assertRefused(valid.replace("\"EXCH-EU\"", "\"EXCH-MED\"") + "}", "two different exchanges");
        assertRefused(valid.replace(",\"hashes\":[\"" + HASH + "\"]", "") + "}", "hashes is required");
        assertRefused(valid, "malformed JSON");
        assertRefused("null", "empty");
    }

    private static void assertRefused(String json, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> HitsJson.read(json.getBytes(StandardCharsets.UTF_8)))
                .withMessageContaining(reason).withMessageNotContaining("+33612345678");
    }
}
