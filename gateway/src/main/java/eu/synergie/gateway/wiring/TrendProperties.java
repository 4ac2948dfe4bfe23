package eu.synergie.gateway.wiring;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Early warning from trends, {@code synergie.trends.*}.
 *
 * @param alpha         the false-alarm probability of one judgement of a series without a rise (0.001: about one
 *                      false rise a year among 20 weekly series)
 * @param minimumCount  the fewest notices in a period that can be a rise
 * @param alertPeriod   the period the rise alerts judge: {@code WEEK} (timely) or {@code MONTH}
 * @param checkInterval how often the watchlists that watch rises are checked
 */
@Validated
@ConfigurationProperties("synergie.trends")
public record TrendProperties(@DefaultValue("0.001") @DecimalMin("1e-12") @DecimalMax("0.5") double alpha,
                              @DefaultValue("5") @Min(1) int minimumCount,
                              @DefaultValue("WEEK") @NotNull eu.synergie.core.trends.Period alertPeriod,
                              @DefaultValue("15m") @NotNull Duration checkInterval) {
}
