package eu.synergie.gateway.api;

import eu.synergie.core.assets.AssetTrace;
import eu.synergie.core.assets.AssetTracing;
import eu.synergie.core.assets.ExchangeRates;
import eu.synergie.core.policy.Caller;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.wiring.AssetProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.UUID;

/**
 * Every asset tracing, for the API and the web UI alike: the purpose required, the parameters read with a clear
 * refusal, the trace made within the caller's reading, and audited. One path, as {@link NoticeReading} is for notices.
 */
@Component
public class AssetReading {

    private final AssetTracing tracing;
    private final ExchangeRates rates;
    private final AssetProperties properties;
    private final ConsultationAudit audit;
    private final Clock clock;

    AssetReading(AssetTracing tracing, ExchangeRates rates, AssetProperties properties, ConsultationAudit audit, Clock clock) {
        this.tracing = tracing;
        this.rates = rates;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param currency ISO 4217, or null for the exchange's default
     * @param rateDate ISO 8601, or null for the latest rates held (today without any)
     * @throws NoticeNotFoundException when the caller may not read the notice, or it does not exist
     */
    public AssetTrace trace(Caller analyst, String purpose, String id, String ref, int depth, String currency,
                            String rateDate) {
        String why = NoticeReading.requirePurpose(purpose);
        UUID noticeId = NoticeReading.noticeId(id);
        Currency in = currency(currency);
        LocalDate at = date(rateDate);
        AssetTrace trace;
        try {
            trace = tracing.trace(analyst, noticeId, ref, depth, in, at).orElseThrow(() -> new NoticeNotFoundException(null));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(e.getMessage());
        }
        audit.traced(analyst, why, trace);
        return trace;
    }

    /** An exported trace, ready to send: the file name and media type of its format. */
    public record Export(String filename, String mediaType, byte[] bytes) {
    }

    /**
     * The trace as a CSV or XLSX file for the agency's own file. Audited twice, on purpose: the trace itself as the
     * search it is (the notices were read, exactly as when the view is shown: one rule for "who consulted what"), then
     * the export as a DISCLOSURE, since the content leaves the exchange for the analyst's agency's file, out of reach of
     * the exchange's access rules and retention. The file is made before the disclosure is audited and sent only after
     * it is, so nothing leaves unrecorded and nothing is recorded as left that could not be made.
     *
     * @param format {@code csv} or {@code xlsx}; anything else is refused before anything is traced
     */
    public Export export(Caller analyst, String purpose, String id, String ref, int depth, String currency,
                         String rateDate, String format) {
        AssetTraceExport.Format as = AssetTraceExport.Format.of(format);
        AssetTrace trace = trace(analyst, purpose, id, ref, depth, currency, rateDate);
        String by = analyst.agency() == null ? analyst.subject() : analyst.subject() + " (" + analyst.agency() + ")";
        byte[] bytes = AssetTraceExport.write(trace, as, new AssetTraceExport.Provenance(by, purpose.strip(), clock.instant()));
        audit.assetsExported(analyst, purpose.strip(), trace, as.extension());
        return new Export(AssetTraceExport.filename(trace, as), as.mediaType, bytes);
    }

    private Currency currency(String code) {
        try {
            return Currency.getInstance(code == null || code.isBlank() ? properties.currency() : code.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("currency must be an ISO 4217 code such as EUR");
        }
    }

    private LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return rates.latestDate().orElse(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException("rateDate must be an ISO 8601 date such as 2026-12-04");
        }
    }
}
