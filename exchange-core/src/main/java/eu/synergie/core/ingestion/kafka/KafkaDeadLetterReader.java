package eu.synergie.core.ingestion.kafka;

import eu.synergie.core.ingestion.DeadLetterReader;
import eu.synergie.core.ingestion.DeadLetterReport;
import eu.synergie.core.ingestion.DeadLetters;
import eu.synergie.core.kafka.TopicReader;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Reads {@code synergie.deadletter} from its start to its end for administrators: counts by reason and the
 * latest entries. A topic that cannot be read to its end fails with a {@link eu.synergie.core.kafka.TopicReadException}.
 */
public final class KafkaDeadLetterReader implements DeadLetterReader {

    private final Supplier<Consumer<String, byte[]>> consumers;

    public KafkaDeadLetterReader(Supplier<Consumer<String, byte[]>> consumers) {
        this.consumers = consumers;
    }

    @Override
    public DeadLetterReport read(int recentLimit) {
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            TopicReader reader = TopicReader.fromStart(consumer, DeadLetters.TOPIC);
            Map<String, Long> byReason = new TreeMap<>();
            Deque<DeadLetterReport.Entry> recent = new ArrayDeque<>();
            long[] total = {0};
            reader.readTo(reader.end(), records -> {
                for (ConsumerRecord<String, byte[]> record : records) {
                    String reason = header(record, "synergie.reason");
                    byReason.merge(reason, 1L, Long::sum);
                    total[0]++;
                    recent.addFirst(new DeadLetterReport.Entry(record.offset(), record.key(), reason,
                            header(record, "synergie.message"), header(record, "synergie.source"),
                            header(record, "synergie.rejected-at")));
                    if (recent.size() > recentLimit) {
                        recent.removeLast();
                    }
                }
            });
            return new DeadLetterReport(total[0], byReason, new ArrayList<>(recent));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "UNKNOWN" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
