package eu.synergie.gateway.taxii;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The TAXII server's settings, {@code synergie.taxii.*}, checked at start-up.
 *
 * @param settleTime      how long after the exchange verified a notice it may take to become searchable (the indexer's
 *                        batch, then the index's refresh, plus the clock difference between gateways): a collection
 *                        lists only objects added at least this long ago, so that a page never passes over a notice
 *                        that is still being indexed and would then appear behind a client's position
 * @param defaultPageSize objects per page when the client sends no {@code limit}
 * @param maxPageSize     the most objects one page holds, whatever {@code limit} asks for
 */
@Validated
@ConfigurationProperties("synergie.taxii")
public record TaxiiProperties(@NotNull Duration settleTime, @Min(1) @Max(1000) int defaultPageSize,
                              @Min(1) @Max(1000) int maxPageSize) {

    public TaxiiProperties {
        if (settleTime != null && settleTime.isNegative()) {
            throw new IllegalArgumentException("synergie.taxii.settle-time must not be negative");
        }
        if (defaultPageSize > maxPageSize) {
            throw new IllegalArgumentException("synergie.taxii.default-page-size must not exceed synergie.taxii.max-page-size");
        }
    }
}
