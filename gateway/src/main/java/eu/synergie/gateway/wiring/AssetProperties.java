package eu.synergie.gateway.wiring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * Asset tracing, {@code synergie.assets.*}.
 *
 * @param ratesFile the euro reference rates the operator provides, in the ECB's own CSV layouts ({@code eurofxref.csv}
 *                  or {@code eurofxref-hist.csv}, other currencies may be added as columns); none: values convert only
 *                  between the euro and the CFA francs (fixed parities), the rest is reported as unconverted. Never
 *                  fetched: the exchange makes no call out at run time.
 */
@Validated
@ConfigurationProperties("synergie.assets")
public record AssetProperties(Path ratesFile, @DefaultValue("EUR") String currency) {
}
