package eu.synergie.gateway.api;

import eu.synergie.core.assets.AssetTrace;
import eu.synergie.core.matching.HolderLookup;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An asset tracing as the API answers it (see {@link AssetTrace}). */
public record AssetTraceView(AssetTrace.Subject subject, String currency, LocalDate rateDate, int depth,
                             List<TracedAssetView> assets, TotalsView totals, List<HolderLookup.Pointer> pointers,
                             int cycles, List<String> notFollowed, boolean truncated) {

    /**
     * @param converted the value in the trace's currency, null without a value or a rate
     * @param share     the subject's share through the shortest chain, per cent, null when a share on it is unknown
     * @param chain     the owners from the subject to the asset, then the asset
     */
    public record TracedAssetView(String label, String type, String jurisdiction, String status,
                                  Map<String, String> identifiers, AssetView.ValueView value, BigDecimal converted,
                                  BigDecimal share, int depth, List<String> chain, List<SourceView> sources) {
    }

    public record SourceView(UUID noticeId, String agency, String caseRef) {
    }

    /**
     * @param count        the assets counted (companies are links of the chains, not counted)
     * @param missingRates values left out of every sum for want of a rate, said rather than summed wrong
     */
    public record TotalsView(int count, BigDecimal total, BigDecimal attributable, Map<String, BigDecimal> byJurisdiction,
                             Map<String, BigDecimal> byType, Map<String, BigDecimal> byStatus, int withoutValue,
                             List<String> missingRates) {
    }

    static AssetTraceView of(AssetTrace t) {
        AssetTrace.Totals s = t.totals();
        return new AssetTraceView(t.subject(), t.currency().getCurrencyCode(), t.rateDate(), t.depth(),
                t.assets().stream().map(a -> new TracedAssetView(a.label(), a.type().name(), a.jurisdiction(),
                        a.status().name(), a.identifiers(), AssetView.ValueView.of(a.value()), a.converted(), a.share(),
                        a.depth(), a.chain(), a.sources().stream().map(x -> new SourceView(x.noticeId(), x.agency(),
                        x.caseRef())).toList())).toList(),
                new TotalsView(s.count(), s.total(), s.attributable(), s.byJurisdiction(), s.byType(), s.byStatus(),
                        s.withoutValue(), s.missingRates()),
                t.pointers(), t.cycles(), t.notFollowed(), t.truncated());
    }
}
