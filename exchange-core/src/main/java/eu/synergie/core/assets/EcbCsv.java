package eu.synergie.core.assets;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The two CSV layouts of the ECB's euro foreign exchange reference rates
 * (https://www.ecb.europa.eu/stats/eurofxref/), told apart by the date of the first dated line:
 * <ul>
 * <li>daily {@code eurofxref.csv}: {@code Date, USD, JPY, …, ZAR, } then {@code 10 February 2023, 1.0690, …, }
 * (English month name, a space after each comma, a trailing comma);</li>
 * <li>historical {@code eurofxref-hist.csv}: {@code Date,USD,JPY,…,ZAR,} then {@code 2021-04-23,1.2066,…,}
 * newest first, {@code N/A} where a currency was not quoted that day, a trailing empty column.</li>
 * </ul>
 * A rate is the number of units of the currency for one euro.
 */
final class EcbCsv {

    private static final DateTimeFormatter DAILY_DATE =
            DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern HISTORICAL_DATE_SHAPE = Pattern.compile("\\d{4}-.*");
    private static final String NOT_QUOTED = "N/A";

    private enum Layout {
        DAILY("dd MMMM yyyy, as in eurofxref.csv"), HISTORICAL("yyyy-MM-dd, as in eurofxref-hist.csv");

        private final String expected;

        Layout(String expected) {
            this.expected = expected;
        }
    }

    private EcbCsv() {
    }

    /** Rates by ECB date; each day's map holds only the currencies quoted that day. */
    static NavigableMap<LocalDate, Map<Currency, BigDecimal>> parse(BufferedReader in) throws IOException {
        String header = in.readLine();
        if (header == null) {
            throw problem(1, "empty file, expected the header \"Date, USD, JPY, …\"");
        }
        List<Currency> columns = columns(header);
        NavigableMap<LocalDate, Map<Currency, BigDecimal>> rates = new TreeMap<>();
        Map<LocalDate, Integer> lineOfDate = new HashMap<>();
        Layout layout = null;
        int lineNumber = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            String dateText = cells[0].strip();
            if (layout == null) {
                layout = HISTORICAL_DATE_SHAPE.matcher(dateText).matches() ? Layout.HISTORICAL : Layout.DAILY;
            }
            LocalDate date = date(dateText, layout, lineNumber);
            Integer earlier = lineOfDate.putIfAbsent(date, lineNumber);
            if (earlier != null) {
                throw problem(lineNumber, "duplicate date " + date + ", already on line " + earlier);
            }
            rates.put(date, Collections.unmodifiableMap(day(cells, columns, lineNumber)));
        }
        if (rates.isEmpty()) {
            throw problem(lineNumber, "no dated line after the header");
        }
        return Collections.unmodifiableNavigableMap(rates);
    }

    /** The currency of each column, {@code null} for the date column and for empty header cells (the trailing comma). */
    private static List<Currency> columns(String header) {
        // A spreadsheet that re-saved the file may have put a byte order mark in front of "Date".
        String[] cells = header.replaceFirst("^\uFEFF", "").split(",", -1);
        if (!cells[0].strip().equalsIgnoreCase("Date")) {
            throw problem(1, "header must start with \"Date\", found \"" + cells[0].strip() + "\"");
        }
        List<Currency> columns = new ArrayList<>();
        columns.add(null);
        for (int i = 1; i < cells.length; i++) {
            String code = cells[i].strip();
            Currency currency = code.isEmpty() ? null : currency(code);
            if (currency != null && columns.contains(currency)) {
                throw problem(1, "currency " + code + " appears twice in the header");
            }
            columns.add(currency);
        }
        return columns;
    }

    private static Currency currency(String code) {
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw problem(1, "unknown currency code \"" + code + "\" (not ISO 4217 as known to java.util.Currency)");
        }
        if (currency.getCurrencyCode().equals("EUR")) {
            throw problem(1, "EUR is the base of the reference rates, not a quoted currency");
        }
        return currency;
    }

    private static LocalDate date(String text, Layout layout, int lineNumber) {
        try {
            return layout == Layout.HISTORICAL ? LocalDate.parse(text) : LocalDate.parse(text, DAILY_DATE);
        } catch (DateTimeParseException e) {
            throw problem(lineNumber, "date unreadable \"" + text + "\", expected " + layout.expected
                    + " (the layout of the first dated line)");
        }
    }

    private static Map<Currency, BigDecimal> day(String[] cells, List<Currency> columns, int lineNumber) {
        Map<Currency, BigDecimal> day = new HashMap<>();
        for (int i = 1; i < cells.length; i++) {
            String text = cells[i].strip();
            if (text.isEmpty() || text.equals(NOT_QUOTED)) {
                continue;
            }
            Currency currency = i < columns.size() ? columns.get(i) : null;
            if (currency == null) {
                throw problem(lineNumber, "value \"" + text + "\" in column " + (i + 1) + " has no currency in the header");
            }
            BigDecimal rate;
            try {
                rate = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw problem(lineNumber, "not a number \"" + text + "\" for " + currency);
            }
            if (rate.signum() <= 0) {
                throw problem(lineNumber, "rate " + text + " for " + currency + " is not positive");
            }
            day.put(currency, rate);
        }
        return day;
    }

    private static IllegalArgumentException problem(int lineNumber, String problem) {
        return new IllegalArgumentException("ECB rates file, line " + lineNumber + ": " + problem);
    }
}
