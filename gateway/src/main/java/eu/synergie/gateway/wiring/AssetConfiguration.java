package eu.synergie.gateway.wiring;

import eu.synergie.core.assets.AssetTracing;
import eu.synergie.core.assets.ExchangeRates;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.matching.HolderLookup;
import eu.synergie.core.policy.AccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.util.Currency;

/** The asset tracing view: scoped reads of the index, pointers as hits give them, the operator's exchange rates. */
@Configuration(proxyBeanMethods = false)
class AssetConfiguration {

    /** The CFA francs' parities are fixed by law (655.957 per euro) and not in the ECB's file. */
    private static final BigDecimal CFA_PER_EURO = new BigDecimal("655.957");

    /** Illustrative rates in the ECB's layout (not ECB figures), for the demo when the operator gave no file. */
    private static final String DEMO_RATES = "/eu/synergie/gateway/demo/demo-rates.csv";

    @Bean
    ExchangeRates exchangeRates(AssetProperties properties, SynergieProperties synergie) throws java.io.IOException {
        ExchangeRates rates;
        if (properties.ratesFile() != null) {
            rates = ExchangeRates.read(properties.ratesFile());
        } else if (synergie.demo().enabled()) {
            try (var in = new java.io.InputStreamReader(java.util.Objects.requireNonNull(
                    AssetConfiguration.class.getResourceAsStream(DEMO_RATES), DEMO_RATES), java.nio.charset.StandardCharsets.UTF_8)) {
                rates = ExchangeRates.read(in);
            }
        } else {
            rates = ExchangeRates.none();
        }
        for (String cfa : new String[] {"XOF", "XAF"}) {
            Currency currency = Currency.getInstance(cfa);
            try {
                rates = rates.withFixedParity(currency, CFA_PER_EURO);
            } catch (IllegalArgumentException quotedInTheFile) {
                // The operator's file quotes it: its figures stand.
            }
        }
        return rates;
    }

    @Bean
    AssetTracing assetTracing(NoticeIndex index, AccessPolicy policy, HolderLookup holders, ExchangeRates rates,
                              java.time.Clock clock) {
        return new AssetTracing(index, policy, holders, rates, clock);
    }
}
