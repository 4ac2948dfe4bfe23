package eu.synergie.core.matching.kafka;

import eu.synergie.core.intake.LogUnavailableException;
import eu.synergie.core.matching.Alert;
import eu.synergie.core.matching.AlertLog;
import eu.synergie.core.matching.MatchingJson;
import eu.synergie.core.matching.MatchingRecords;
import eu.synergie.core.matching.Watchlist;
import eu.synergie.core.matching.WatchlistLog;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Alerts (keyed by recipient agency) and watchlists (keyed by id, compacted) appended to Kafka, each authenticated
 * by the exchange ({@link MatchingRecords}); a deletion is an authenticated record too, never a bare tombstone.
 */
public final class KafkaMatchingLogs implements AlertLog, WatchlistLog {

    private final KafkaTemplate<String, byte[]> template;
    private final MatchingRecords records;
    private final Duration timeout;

    public KafkaMatchingLogs(KafkaTemplate<String, byte[]> template, MatchingRecords records, Duration timeout) {
        this.template = template;
        this.records = records;
        this.timeout = timeout;
    }

    @Override
    public void append(List<Alert> alerts) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (Alert alert : alerts) {
            sends.add(template.send(AlertLog.TOPIC, alert.recipientAgency(), records.alert(alert)));
        }
        await(sends, AlertLog.TOPIC);
    }

    @Override
    public void put(Watchlist watchlist) {
        await(List.of(template.send(WatchlistLog.TOPIC, watchlist.id(),
                records.watchlist(new MatchingJson.WatchlistState(watchlist.id(), watchlist)))), WatchlistLog.TOPIC);
    }

    @Override
    public void delete(String watchlistId) {
        await(List.of(template.send(WatchlistLog.TOPIC, watchlistId,
                records.watchlist(new MatchingJson.WatchlistState(watchlistId, null)))), WatchlistLog.TOPIC);
    }

    private void await(List<CompletableFuture<?>> sends, String topic) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogUnavailableException("interrupted while appending to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new LogUnavailableException(topic + " did not acknowledge within " + timeout.toSeconds() + " s", e);
        }
    }
}
