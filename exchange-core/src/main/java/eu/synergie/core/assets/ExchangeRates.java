package eu.synergie.core.assets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;

/**
 * Euro foreign exchange reference rates of the ECB, read from a file the operator downloads from
 * https://www.ecb.europa.eu/stats/eurofxref/ (the daily {@code eurofxref.csv} or the historical
 * {@code eurofxref-hist.csv}, see {@link EcbCsv}). Nothing is fetched at run time: a total must be reproducible from
 * the file an operator chose, and an agency network is no place for a call to the outside.
 *
 * <p>A conversion at a date uses the rates of the latest ECB date on or before it, since the ECB publishes on TARGET
 * business days only (a Saturday takes Friday's rates), but never rates more than {@value #MAX_AGE_DAYS} days older:
 * a stale file must fail loudly ({@link MissingRateException}) rather than give a wrong total.
 */
public final class ExchangeRates {

    /** Covers a weekend plus the longest TARGET closure (Good Friday to Easter Monday), not a file left un-updated. */
    private static final int MAX_AGE_DAYS = 7;
    private static final Currency EUR = Currency.getInstance("EUR");

    private final NavigableMap<LocalDate, Map<Currency, BigDecimal>> ecbRates;
    private final Map<Currency, BigDecimal> fixedParities;

    private ExchangeRates(NavigableMap<LocalDate, Map<Currency, BigDecimal>> ecbRates,
            Map<Currency, BigDecimal> fixedParities) {
        this.ecbRates = ecbRates;
        this.fixedParities = fixedParities;
    }

    /**
     * Reads either ECB CSV layout.
     *
     * @throws IllegalArgumentException naming the line and the problem: unknown currency code, not a number, date
     *                                  unreadable, duplicate date…
     */
    public static ExchangeRates read(Reader csv) {
        BufferedReader lines = csv instanceof BufferedReader buffered ? buffered : new BufferedReader(csv);
        try {
            return new ExchangeRates(EcbCsv.parse(lines), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an ECB CSV file in UTF-8 (the ECB's files are plain ASCII). */
    public static ExchangeRates read(Path file) {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ECB rates file " + file, e);
        }
    }

    /** No rates: only a conversion to the same currency works, any other throws {@link MissingRateException}. */
    public static ExchangeRates none() {
        return new ExchangeRates(Collections.emptyNavigableMap(), Map.of());
    }

    /**
     * These rates plus a legally fixed parity for a currency the ECB does not quote, valid on every date.
     *
     * <p>Meant for the CFA francs: 655.957 XOF (West African, UEMOA) and 655.957 XAF (Central African, CEMAC) per euro,
     * fixed by Council Decision 98/683/EC of 23 November 1998 (the former 100 CFA francs = 1 French franc peg carried
     * over at the irrevocable 6.55957 FRF per euro of Council Regulation (EC) No 2866/98):
     * {@code rates.withFixedParity(Currency.getInstance("XOF"), new BigDecimal("655.957"))}.
     * Not for a currency that merely tracks the euro, such as the Moroccan dirham (MAD, a basket peg the ECB does not
     * quote): without a published rate its conversions must stay refused rather than be guessed.
     *
     * @param perEuro units of {@code currency} for one euro
     * @throws IllegalArgumentException for EUR, a parity not above zero, a currency quoted in the ECB file (the parity
     *                                  would hide published rates) or one already given a different parity
     */
    public ExchangeRates withFixedParity(Currency currency, BigDecimal perEuro) {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(perEuro, "perEuro");
        if (currency.equals(EUR)) {
            throw new IllegalArgumentException("EUR is the base, it has no parity against itself");
        }
        if (perEuro.signum() <= 0) {
            throw new IllegalArgumentException("parity of " + currency + " must be above zero: " + perEuro);
        }
        if (ecbRates.values().stream().anyMatch(day -> day.containsKey(currency))) {
            throw new IllegalArgumentException(currency + " is quoted in the ECB rates; a fixed parity would hide them");
        }
        BigDecimal earlier = fixedParities.get(currency);
        if (earlier != null && earlier.compareTo(perEuro) != 0) {
            throw new IllegalArgumentException(currency + " already has the fixed parity " + earlier + " per euro");
        }
        Map<Currency, BigDecimal> parities = new HashMap<>(fixedParities);
        parities.put(currency, perEuro);
        return new ExchangeRates(ecbRates, Map.copyOf(parities));
    }

    /** The newest ECB date in the file, empty for {@link #none()}: lets the operator see how current the file is. */
    public Optional<LocalDate> latestDate() {
        return ecbRates.isEmpty() ? Optional.empty() : Optional.of(ecbRates.lastKey());
    }

    /**
     * {@code amount} of {@code from} in {@code to} at the rates of {@code date}: {@code amount / rate(from) * rate(to)}
     * with rates per euro (EUR's being 1), each step in {@link MathContext#DECIMAL64}, rounded once at the end
     * {@link RoundingMode#HALF_EVEN} to the default fraction digits of {@code to} (unrounded for a currency without
     * any, such as XAU). Both legs of a cross rate come from the same ECB date, so a total never mixes two days.
     *
     * @throws MissingRateException when a currency is not quoted on the ECB date used, or no ECB date lies within
     *                              {@value #MAX_AGE_DAYS} days on or before {@code date}
     */
    public Conversion convert(BigDecimal amount, Currency from, Currency to, LocalDate date) {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(date, "date");
        if (from.equals(to)) {
            return new Conversion(rounded(amount, to), date, Conversion.Route.IDENTITY);
        }
        Map.Entry<LocalDate, Map<Currency, BigDecimal>> day = ecbRates.floorEntry(date);
        BigDecimal fromRate = perEuro(from, day, date);
        BigDecimal toRate = perEuro(to, day, date);
        BigDecimal converted = amount.divide(fromRate, MathContext.DECIMAL64).multiply(toRate, MathContext.DECIMAL64);
        // A fixed parity holds on every date: only a leg read from the ECB file dates the conversion.
        boolean ecbLeg = quotedByEcb(from) || quotedByEcb(to);
        Conversion.Route route = from.equals(EUR) || to.equals(EUR) ? Conversion.Route.DIRECT : Conversion.Route.VIA_EUR;
        return new Conversion(rounded(converted, to), ecbLeg ? day.getKey() : date, route);
    }

    private boolean quotedByEcb(Currency currency) {
        return !currency.equals(EUR) && !fixedParities.containsKey(currency);
    }

    private BigDecimal perEuro(Currency currency, Map.Entry<LocalDate, Map<Currency, BigDecimal>> day, LocalDate date) {
        if (currency.equals(EUR)) {
            return BigDecimal.ONE;
        }
        BigDecimal parity = fixedParities.get(currency);
        if (parity != null) {
            return parity;
        }
        if (day == null) {
            throw new MissingRateException(currency, date, "no ECB rates on or before that date");
        }
        if (day.getKey().isBefore(date.minusDays(MAX_AGE_DAYS))) {
            throw new MissingRateException(currency, date, "the latest ECB rates on or before that date are of "
                    + day.getKey() + ", more than " + MAX_AGE_DAYS + " days earlier");
        }
        BigDecimal rate = day.getValue().get(currency);
        if (rate == null) {
            throw new MissingRateException(currency, date,
                    "not quoted in the ECB rates of " + day.getKey() + " and no fixed parity given");
        }
        return rate;
    }

    private static BigDecimal rounded(BigDecimal amount, Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        return digits < 0 ? amount : amount.setScale(digits, RoundingMode.HALF_EVEN);
    }

    /**
     * An amount converted to the target currency.
     *
     * @param amount   in the target currency, rounded to its default fraction digits
     * @param rateDate the ECB date whose rates were used; the date asked for when no ECB rate was needed (identity,
     *                 or only EUR and fixed parities)
     * @param route    how the amount was obtained
     */
    public record Conversion(BigDecimal amount, LocalDate rateDate, Route route) {

        public Conversion {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(rateDate, "rateDate");
            Objects.requireNonNull(route, "route");
        }

        public enum Route {
            /** Same currency: no rate involved. */
            IDENTITY,
            /** To or from EUR: one rate. */
            DIRECT,
            /** Between two non-euro currencies, through the euro: two rates of the same date. */
            VIA_EUR
        }
    }

    /** No usable rate: the caller shows its message ("no rate for XOF on 2026-12-04: …") rather than a wrong total. */
    public static final class MissingRateException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MissingRateException(Currency currency, LocalDate date, String why) {
            super("no rate for " + currency.getCurrencyCode() + " on " + date + ": " + why);
        }
    }
}
