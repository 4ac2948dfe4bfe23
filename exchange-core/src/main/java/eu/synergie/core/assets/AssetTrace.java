package eu.synergie.core.assets;

import eu.synergie.core.matching.HolderLookup;
import eu.synergie.core.notice.Asset;
import eu.synergie.core.notice.AssetStatus;
import eu.synergie.core.notice.AssetType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an asset tracing found for one person or company, computed only from the notices the caller may read.
 *
 * @param assets      each asset once, however many readable notices name it, in the order reached (shortest chain first)
 * @param totals      over those assets only; companies are links of the chains and not added (their value holds what
 *                    they own)
 * @param pointers    other agencies holding one of the walked owners or assets in a notice the caller may not read,
 *                    as a hit would show it: who to ask, never what they hold
 * @param cycles      how many ownership links led back into the chain (a ring of companies)
 * @param notFollowed companies at the depth limit whose own holdings were not followed: "more" beyond this trace
 * @param truncated   whether a lookup met its limit ({@link AssetTracing#NOTICES_PER_LOOKUP} notices): the trace may
 *                    then miss assets, and says so rather than give a total that looks complete
 * @param read        the ids of the notices read, for the audit
 * @param pointedAt   the ids of the notices the pointers are about, for the audit only: never shown
 */
public record AssetTrace(Subject subject, Currency currency, LocalDate rateDate, int depth, List<TracedAsset> assets,
                         Totals totals, List<HolderLookup.Pointer> pointers, int cycles, List<String> notFollowed,
                         boolean truncated, List<UUID> read, List<UUID> pointedAt) {

    /** Whose assets: the entity the trace started from. */
    public record Subject(UUID noticeId, String ref, String kind, String label) {
    }

    /**
     * One asset.
     *
     * @param value     the latest estimate among the notices that name it, or null
     * @param converted that estimate in the trace's currency, or null when there is no estimate or no rate (see
     *                  {@link Totals#missingRates()})
     * @param share     the subject's share through the shortest chain, per cent; null when a share on it is unknown
     * @param chain     the labels from the subject to the asset
     * @param sources   the notices that name it
     */
    public record TracedAsset(String label, AssetType type, String jurisdiction, AssetStatus status,
                              Map<String, String> identifiers, Asset.Valuation value, BigDecimal converted,
                              BigDecimal share, int depth, List<String> chain, List<Source> sources) {
    }

    /** A notice naming an asset: whose it is and their case reference. */
    public record Source(UUID noticeId, String agency, String caseRef) {
    }

    /**
     * Sums in the trace's currency, of the assets with an estimate that could be converted.
     *
     * @param attributable each asset's value times the subject's share, over those whose share is known
     * @param missingRates what could not be converted (e.g. "no rate for XOF on 2026-12-04"): left out of every sum,
     *                     and said, rather than a wrong total
     */
    public record Totals(int count, BigDecimal total, BigDecimal attributable, Map<String, BigDecimal> byJurisdiction,
                         Map<String, BigDecimal> byType, Map<String, BigDecimal> byStatus, int withoutValue,
                         List<String> missingRates) {
    }
}
