package eu.synergie.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** The mapping put on an audit index made by an earlier version: only the fields it lacks, never a change to one it has. */
class AuditMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void addedMappingsWhenTheIndexLacksSomeFieldsThenOnlyThoseAreAdded() throws Exception {
        String json = indexJson();
        Set<String> all = new HashSet<>();
        JSON.readTree(json).path("mappings").path("properties").fieldNames().forEachRemaining(all::add);
        Set<String> earlier = new HashSet<>(all);
        earlier.removeAll(Set.of("contested", "closed"));

        JsonNode added = JSON.readTree(ElasticsearchAuditIndex.addedMappings(json, earlier));

        assertThat(added.path("properties").fieldNames()).toIterable().containsExactlyInAnyOrder("contested", "closed");
        assertThat(added.path("dynamic").asText()).isEqualTo("strict");
        assertThat(ElasticsearchAuditIndex.addedMappings(json, all)).as("nothing to add").isNull();
    }

    private static String indexJson() throws Exception {
        try (InputStream in = ElasticsearchAuditIndex.class.getResourceAsStream("audit-index.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("REPLICAS", "0");
        }
    }
}
