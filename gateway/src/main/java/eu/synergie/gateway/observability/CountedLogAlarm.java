package eu.synergie.gateway.observability;

import eu.synergie.core.integrity.LogAlarm;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alarm raised for a record of the exchange's own topics that the exchange did not write as it stands (a follower
 * ignored it, or the audit walk found it): a WARN line naming the
 * topic, offset and key (never the content), and the counter {@code synergie.logs.rejected} tagged {@code topic}
 * and {@code reason} ({@code synergie_logs_rejected_total{topic="synergie.trust",reason="REPLAYED"}} in Prometheus).
 * The key is whatever the producer chose: it is shortened and stripped of control characters before it is logged.
 */
public final class CountedLogAlarm implements LogAlarm {

    private static final Logger LOG = LoggerFactory.getLogger(CountedLogAlarm.class);
    private static final int KEY_SHOWN = 120;

    private final MeterRegistry registry;

    public CountedLogAlarm(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void rejected(String topic, String key, long offset, Enum<?> reason, String detail) {
        LOG.warn("the record at offset {} of {} (key {}) is not the exchange's as it stands: {}, {}", offset, topic, printable(key),
                reason.name(), detail);
        Counter.builder("synergie.logs.rejected")
                .description("Records of the exchange's own topics ignored because the exchange did not write them as they are")
                .tag("topic", topic).tag("reason", reason.name()).register(registry).increment();
    }

    static String printable(String key) {
        if (key == null) {
            return "none";
        }
        String shown = key.length() > KEY_SHOWN ? key.substring(0, KEY_SHOWN) + "…" : key;
        return shown.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
