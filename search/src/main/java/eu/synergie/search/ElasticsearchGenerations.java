package eu.synergie.search;

import static eu.synergie.search.ElasticsearchCalls.call;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.synergie.core.index.ExportIds;
import eu.synergie.core.index.IndexGenerations;
import eu.synergie.core.index.NoticeIndexWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notice indices' names and life: each region's notices live in a generation
 * {@code notices-<region>-g<millis>}, written through the alias {@code notices-<region>} and searched through
 * the alias {@code notices} ({@link NoticeQueries#ALIAS}) that spans all regions; mappings come from one index
 * template. A region's first generation is made on its first write; a rebuild fills a new generation and
 * moves both aliases to it in one step.
 */
final class ElasticsearchGenerations implements IndexGenerations {

    private static final String ALIAS = NoticeQueries.ALIAS;

    private final ElasticsearchClient client;
    private final IndexSettings settings;
    private final Clock clock;
    private final ExportIds exportIds;
    private final Set<String> regionsReady = ConcurrentHashMap.newKeySet();
    private volatile boolean templateInstalled;

    ElasticsearchGenerations(ElasticsearchClient client, IndexSettings settings, Clock clock, ExportIds exportIds) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        this.exportIds = exportIds;
    }

    /** The alias through which the notices of {@code region} are written. */
    static String writeAlias(String region) {
        return ALIAS + "-" + region.toLowerCase(Locale.ROOT);
    }

    /** The live write target of {@code region}, its first generation made (and aliased) if it has none yet. */
    String writeTarget(String region) {
        if (!regionsReady.contains(region)) {
            installTemplate();
            if (!call(() -> client.indices().existsAlias(a -> a.name(writeAlias(region)))).value()) {
                // Created first and aliased once its shard has started: a search through the alias never meets
                // a shard that is still initialising (which Elasticsearch answers with 503).
                String generation = generationName(region);
                create(generation);
                try {
                    call(() -> client.indices().updateAliases(u -> u
                            .actions(a -> a.add(add -> add.index(generation).alias(writeAlias(region)).isWriteIndex(true)))
                            .actions(a -> a.add(add -> add.index(generation).alias(ALIAS)))));
                } catch (SearchUnavailableException raced) {
                    // Another instance made the region's first generation at the same moment: use that one.
                    call(() -> client.indices().delete(d -> d.index(generation)));
                    if (!call(() -> client.indices().existsAlias(a -> a.name(writeAlias(region)))).value()) {
                        throw raced;
                    }
                }
            }
            regionsReady.add(region);
        }
        return writeAlias(region);
    }

    private String generationName(String region) {
        return writeAlias(region) + "-g" + clock.millis();
    }

    @Override
    public String newGeneration(String region) {
        installTemplate();
        String generation = generationName(region);
        create(generation);
        return generation;
    }

    /**
     * A generation with this instance's shard count, given at creation rather than through the template: the template
     * is the node's, put by whichever instance wrote it last, and a shard count cannot be changed once the index exists.
     */
    private void create(String generation) {
        call(() -> client.indices().create(c -> c.index(generation)
                .settings(s -> s.numberOfShards(String.valueOf(settings.shards())))));
    }

    @Override
    public NoticeIndexWriter writingTo(String generation) {
        return new ElasticsearchNoticeWriter(client, this, generation, exportIds);
    }

    @Override
    public List<String> promote(String region, String generation) {
        String alias = writeAlias(region);
        List<String> current = call(() -> client.indices().existsAlias(a -> a.name(alias))).value()
                ? List.copyOf(call(() -> client.indices().getAlias(a -> a.name(alias))).aliases().keySet())
                : List.of();
        // Searchable before it is switched in: no moment where the region's search comes back empty.
        call(() -> client.indices().refresh(r -> r.index(generation)));
        call(() -> client.indices().updateAliases(u -> {
            for (String old : current) {
                u.actions(a -> a.remove(r -> r.index(old).aliases(alias, ALIAS)));
            }
            return u.actions(a -> a.add(add -> add.index(generation).alias(alias).isWriteIndex(true)))
                    .actions(a -> a.add(add -> add.index(generation).alias(ALIAS)));
        }));
        regionsReady.add(region);
        return current.stream().filter(name -> !name.equals(generation)).toList();
    }

    @Override
    public void drop(List<String> generations) {
        if (!generations.isEmpty()) {
            call(() -> client.indices().delete(d -> d.index(generations)));
        }
    }

    /** Puts the notice template (once per instance), and adds the fields it gained to indices made by an older one. */
    void installTemplate() {
        if (templateInstalled) {
            return;
        }
        try (InputStream in = ElasticsearchGenerations.class.getResourceAsStream("notices-template.json")) {
            String json = new String(Objects.requireNonNull(in, "notices-template.json").readAllBytes(), StandardCharsets.UTF_8)
                    .replace("REPLICAS", String.valueOf(settings.replicas()));
            PutIndexTemplateRequest request = PutIndexTemplateRequest.of(b -> b.withJson(new StringReader(json)).name(ALIAS));
            call(() -> client.indices().putIndexTemplate(request));
            // Indices made by an older template get the fields added since (additions only: a mapping never changes).
            String mappings = new ObjectMapper().readTree(json).path("template").path("mappings").toString();
            call(() -> client.indices().putMapping(p -> p.index(ALIAS + "-*").allowNoIndices(true)
                    .withJson(new StringReader(mappings))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        templateInstalled = true;
    }
}
