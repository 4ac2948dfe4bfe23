package eu.synergie.gateway.api;

import eu.synergie.core.notice.Asset;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An asset as the API shows it: type, identifiers as the agency wrote them, estimate, jurisdiction, where it stands
 * (the last step) and every dated step.
 */
public record AssetView(String type, Map<String, String> identifiers, ValueView value, String jurisdiction, String status,
                        List<StepView> history) {

    public record ValueView(BigDecimal amount, String currency, LocalDate date, String source) {

        static ValueView of(Asset.Valuation v) {
            return v == null ? null : new ValueView(v.amount(), v.currency().getCurrencyCode(), v.date(), v.source());
        }
    }

    public record StepView(String status, LocalDate date) {
    }

    static AssetView of(Asset asset) {
        return asset == null ? null : new AssetView(asset.type().name(), new java.util.TreeMap<>(asset.identifiers()),
                ValueView.of(asset.value()), asset.jurisdiction(), asset.status().name(),
                asset.history().stream().map(s -> new StepView(s.status().name(), s.date())).toList());
    }
}
