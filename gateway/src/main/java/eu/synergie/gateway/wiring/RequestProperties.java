package eu.synergie.gateway.wiring;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Requests for information, {@code synergie.requests.*}.
 *
 * @param expiry          how long a request stays open unless its deadline is later (at most a year)
 * @param sweepInterval   how often requests past their expiry are closed
 * @param maxMessageBytes the largest message envelope (a page of text sealed is about 3 KiB)
 * @param maxMessages     the longest thread; a longer exchange is a new request
 */
@Validated
@ConfigurationProperties("synergie.requests")
public record RequestProperties(@DefaultValue("30d") @NotNull Duration expiry,
                                @DefaultValue("1m") @NotNull Duration sweepInterval,
                                @DefaultValue("65536") @Min(1024) @Max(1048576) int maxMessageBytes,
                                @DefaultValue("100") @Min(2) @Max(1000) int maxMessages) {
}
