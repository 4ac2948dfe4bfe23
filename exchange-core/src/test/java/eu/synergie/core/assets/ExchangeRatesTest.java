package eu.synergie.core.assets;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import eu.synergie.core.assets.ExchangeRates.Conversion;
import eu.synergie.core.assets.ExchangeRates.Conversion.Route;
import eu.synergie.core.assets.ExchangeRates.MissingRateException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExchangeRatesTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Currency GBP = Currency.getInstance("GBP");
    private static final Currency CYP = Currency.getInstance("CYP");
    private static final Currency XOF = Currency.getInstance("XOF");
    private static final Currency MAD = Currency.getInstance("MAD");

    /**
     * Daily eurofxref.csv layout (first columns only) with the ECB reference rates of Friday 10 February 2023,
     * spacing and trailing ", " as in the ECB's file.
     */
    private static final String DAILY = """
            Date, USD, JPY, BGN, CZK, DKK, GBP, \n\
            10 February 2023, 1.0690, 139.88, 1.9558, 23.692, 7.4445, 0.88348, \n\
            """;

    /**
     * Historical eurofxref-hist.csv layout (first columns only): ECB reference rates of Friday 23 April 2021 and
     * Wednesday 10 April 2019, newest first, N/A for the Cyprus pound and Estonian kroon (in the euro since 2008 and
     * 2011), trailing empty column.
     */
    private static final String HISTORICAL = """
            Date,USD,JPY,BGN,CYP,CZK,DKK,EEK,GBP,
            2021-04-23,1.2066,129.98,1.9558,N/A,25.847,7.4361,N/A,0.86905,
            2019-04-10,1.1279,125.38,1.9558,N/A,25.608,7.4652,N/A,0.86083,
            """;

    private static final LocalDate FRIDAY = LocalDate.of(2023, 2, 10);

    private static ExchangeRates read(String csv) {
        return ExchangeRates.read(new StringReader(csv));
    }

    @Test
    void readWhenDailyLayoutThenRatesOfItsDate() {
        ExchangeRates rates = read(DAILY);

        assertThat(rates.latestDate()).contains(FRIDAY);
        assertThat(rates.convert(new BigDecimal("100"), EUR, USD, FRIDAY))
                .isEqualTo(new Conversion(new BigDecimal("106.90"), FRIDAY, Route.DIRECT));
        assertThat(rates.convert(new BigDecimal("100"), GBP, EUR, FRIDAY).amount())
                .isEqualByComparingTo("113.19"); // 100 / 0.88348 = 113.1887…
    }

    @Test
    void readWhenHistoricalLayoutThenEveryDateKept() {
        ExchangeRates rates = read(HISTORICAL);

        assertThat(rates.latestDate()).contains(LocalDate.of(2021, 4, 23));
        assertThat(rates.convert(new BigDecimal("1000"), EUR, GBP, LocalDate.of(2019, 4, 10)))
                .isEqualTo(new Conversion(new BigDecimal("860.83"), LocalDate.of(2019, 4, 10), Route.DIRECT));
        assertThat(rates.convert(new BigDecimal("1000"), EUR, GBP, LocalDate.of(2021, 4, 23)).amount())
                .isEqualByComparingTo("869.05");
    }

    @Test
    void readWhenPathThenSameAsReader(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("eurofxref-hist.csv"), HISTORICAL, StandardCharsets.UTF_8);

        assertThat(ExchangeRates.read(file).latestDate()).contains(LocalDate.of(2021, 4, 23));
    }

    @Test
    void convertWhenWeekendThenPreviousBusinessDay() {
        ExchangeRates rates = read(HISTORICAL);
        LocalDate sunday = LocalDate.of(2021, 4, 25);

        assertThat(rates.convert(new BigDecimal("100"), EUR, USD, sunday))
                .isEqualTo(new Conversion(new BigDecimal("120.66"), LocalDate.of(2021, 4, 23), Route.DIRECT));
    }

    @Test
    void convertWhenLatestRatesSevenDaysOldThenUsedAndWhenEightThenMissing() {
        ExchangeRates rates = read(HISTORICAL);

        assertThat(rates.convert(BigDecimal.ONE, EUR, USD, LocalDate.of(2021, 4, 30)).rateDate())
                .isEqualTo(LocalDate.of(2021, 4, 23));
        assertThatThrownBy(() -> rates.convert(BigDecimal.ONE, EUR, USD, LocalDate.of(2021, 5, 1)))
                .isInstanceOf(MissingRateException.class)
                .hasMessageStartingWith("no rate for USD on 2021-05-01")
                .hasMessageContaining("2021-04-23");
        // Between the two dates of the file, 2019-04-10 is far more than 7 days before 2020-01-01.
        assertThatThrownBy(() -> rates.convert(BigDecimal.ONE, EUR, USD, LocalDate.of(2020, 1, 1)))
                .isInstanceOf(MissingRateException.class);
        assertThatThrownBy(() -> rates.convert(BigDecimal.ONE, EUR, USD, LocalDate.of(2019, 4, 9)))
                .isInstanceOf(MissingRateException.class)
                .hasMessageStartingWith("no rate for USD on 2019-04-09");
    }

    @Test
    void convertWhenCellNotAvailableThenMissingRate() {
        ExchangeRates rates = read(HISTORICAL);

        assertThatThrownBy(() -> rates.convert(BigDecimal.TEN, CYP, EUR, LocalDate.of(2021, 4, 23)))
                .isInstanceOf(MissingRateException.class)
                .hasMessageStartingWith("no rate for CYP on 2021-04-23");
        assertThatThrownBy(() -> rates.convert(BigDecimal.TEN, MAD, USD, FRIDAY))
                .isInstanceOf(MissingRateException.class)
                .hasMessageStartingWith("no rate for MAD on 2023-02-10");
    }

    /** Layout only (figures made up): N/A on the latest date is not filled in from the day before. */
    @Test
    void convertWhenNotQuotedOnLatestDateThenNoFallBackToEarlierDay() {
        ExchangeRates rates = read("""
                Date,USD,GBP,
                2026-12-04,1.0500,N/A,
                2026-12-03,1.0400,0.8500,
                """);

        assertThat(rates.convert(BigDecimal.ONE, EUR, GBP, LocalDate.of(2026, 12, 3)).amount())
                .isEqualByComparingTo("0.85");
        assertThatThrownBy(() -> rates.convert(BigDecimal.ONE, EUR, GBP, LocalDate.of(2026, 12, 5)))
                .isInstanceOf(MissingRateException.class)
                .hasMessageStartingWith("no rate for GBP on 2026-12-05");
    }

    @Test
    void convertWhenTwoForeignCurrenciesThenCrossRateThroughEuro() {
        // 100 / 1.0690 = 93.54536950420954 (DECIMAL64), × 0.88348 = 82.64546304957904, rounded 82.65
        assertThat(read(DAILY).convert(new BigDecimal("100"), USD, GBP, FRIDAY))
                .isEqualTo(new Conversion(new BigDecimal("82.65"), FRIDAY, Route.VIA_EUR));
    }

    @Test
    void convertWhenTargetHasNoDecimalsThenRoundedOnceAtTheEndHalfEven() {
        ExchangeRates rates = read(DAILY);

        // 100 / 1.0690 × 139.88 = 13085.126…: 13085; rounding the euro leg to cents first (93.55) would give 13086.
        assertThat(rates.convert(new BigDecimal("100"), USD, JPY, FRIDAY).amount()).isEqualTo(new BigDecimal("13085"));
        // 12.5 × 139.88 = 1748.5 exactly: half-even gives 1748 where half-up would give 1749.
        assertThat(rates.convert(new BigDecimal("12.5"), EUR, JPY, FRIDAY).amount()).isEqualTo(new BigDecimal("1748"));
    }

    @Test
    void convertWhenSameCurrencyThenIdentityWithoutAnyRate() {
        ExchangeRates none = ExchangeRates.none();
        LocalDate date = LocalDate.of(2026, 12, 4);

        assertThat(none.latestDate()).isEmpty();
        assertThat(none.convert(new BigDecimal("12.345"), EUR, EUR, date))
                .isEqualTo(new Conversion(new BigDecimal("12.34"), date, Route.IDENTITY));
        assertThat(none.convert(new BigDecimal("13.5"), JPY, JPY, date).amount()).isEqualTo(new BigDecimal("14"));
        assertThatThrownBy(() -> none.convert(BigDecimal.ONE, EUR, USD, date))
                .isInstanceOf(MissingRateException.class)
                .hasMessageStartingWith("no rate for USD on 2026-12-04");
    }

    @Test
    void convertWhenFixedParityThenCfaFrancOnAnyDate() {
        // 655.957 XOF per euro: Council Decision 98/683/EC, via 6.55957 FRF per euro (Regulation (EC) No 2866/98).
        BigDecimal cfaPerEuro = new BigDecimal("655.957");
        ExchangeRates rates = read(DAILY).withFixedParity(XOF, cfaPerEuro);
        LocalDate longAfter = LocalDate.of(2026, 12, 4);

        assertThat(rates.convert(new BigDecimal("1000"), XOF, EUR, longAfter))
                .isEqualTo(new Conversion(new BigDecimal("1.52"), longAfter, Route.DIRECT)); // 1.524490…
        assertThat(rates.convert(BigDecimal.ONE, EUR, XOF, longAfter).amount()).isEqualTo(new BigDecimal("656"));
        // 10000 / 655.957 × 1.0690 = 16.2967999…: the USD leg dates the conversion.
        assertThat(rates.convert(new BigDecimal("10000"), XOF, USD, FRIDAY.plusDays(1)))
                .isEqualTo(new Conversion(new BigDecimal("16.30"), FRIDAY, Route.VIA_EUR));
        assertThat(ExchangeRates.none().withFixedParity(XOF, cfaPerEuro).withFixedParity(XOF, cfaPerEuro)
                .convert(new BigDecimal("1000"), XOF, EUR, longAfter).amount()).isEqualByComparingTo("1.52");
    }

    @Test
    void withFixedParityWhenEuroQuotedOrConflictingThenRefused() {
        ExchangeRates rates = read(DAILY);

        assertThatIllegalArgumentException().isThrownBy(() -> rates.withFixedParity(EUR, BigDecimal.ONE));
        assertThatIllegalArgumentException().isThrownBy(() -> rates.withFixedParity(XOF, BigDecimal.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> rates.withFixedParity(USD, BigDecimal.ONE))
                .withMessageContaining("USD");
        assertThatIllegalArgumentException().isThrownBy(() -> rates.withFixedParity(XOF, new BigDecimal("655.957"))
                .withFixedParity(XOF, new BigDecimal("656")));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            Date,USD,XYZ,\\n2026-12-04,1.05,1,                          | 1 | unknown currency code "XYZ"
            Date,USD,USD,\\n2026-12-04,1.05,1,                          | 1 | USD appears twice
            Date,EUR,USD,\\n2026-12-04,1,1.05,                          | 1 | EUR is the base
            Day,USD,\\n2026-12-04,1.05,                                 | 1 | must start with "Date"
            ''                                                          | 1 | empty file
            Date,USD,                                                   | 1 | no dated line
            Date,USD,\\n2026-12-04,1.05,7,                            | 2 | "7" in column 3 has no currency
            Date,USD,\\n2026-12-04,1.05,\\n2026-12-03,1.O5,             | 3 | not a number "1.O5" for USD
            Date,USD,\\n2026-12-04,-1.05,                               | 2 | not positive
            Date,USD,\\n2026-12-04,1.05,\\n2026-02-30,1.04,             | 3 | date unreadable "2026-02-30"
            Date,USD,\\n2026-12-04,1.05,\\n04 December 2026,1.04,       | 3 | date unreadable "04 December 2026"
            Date, USD, \\n04 Decembre 2026, 1.05, \\n                   | 2 | date unreadable "04 Decembre 2026"
            Date,USD,\\n2026-12-04,1.05,\\n\\n2026-12-04,1.05,          | 4 | duplicate date 2026-12-04, already on line 2
            """)
    void readWhenMalformedThenRefusedWithLineNumber(String csv, int line, String problem) {
        String text = csv.replace("\\n", "\n");

        assertThatIllegalArgumentException().isThrownBy(() -> read(text))
                .withMessageContaining("line " + line + ":")
                .withMessageContaining(problem);
    }
}
