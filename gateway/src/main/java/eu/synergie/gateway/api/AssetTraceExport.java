package eu.synergie.gateway.api;

import eu.synergie.core.assets.AssetTrace;
import eu.synergie.core.matching.HolderLookup;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An asset tracing written as a table for the asset recovery office's file: CSV (RFC 4180) or XLSX. The same columns
 * either way, one row per asset, then the totals, the pointers and what the table is (who, why, when, over what).
 */
final class AssetTraceExport {

    /** The formats asked by {@code format=}, with what the response says of them. */
    enum Format {
        CSV("text/csv; charset=UTF-8"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        /** @throws InvalidQueryException for anything but csv or xlsx (any case) */
        static Format of(String name) {
            if (name != null) {
                for (Format f : values()) {
                    if (f.name().equalsIgnoreCase(name.strip())) {
                        return f;
                    }
                }
            }
            throw new InvalidQueryException("format must be csv or xlsx");
        }

        String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Who exported the trace, why and when: printed with it, so the file says where it came from. */
    record Provenance(String exportedBy, String purpose, Instant at) {
    }

    static final String SCOPE = "Computed only over the notices the exporting analyst may read";

    static final List<String> COLUMNS = List.of("Label", "Type", "Jurisdiction", "Status", "Identifiers", "Value",
            "Value currency", "Value date", "Value source", "Converted", "Trace currency", "Share %", "Depth", "Chain",
            "Sources");

    /** Excel's width unit is 1/256 of a character: label, chain and sources wide, codes narrow. */
    private static final int[] WIDTHS = {36, 14, 12, 12, 40, 14, 9, 12, 24, 14, 9, 9, 7, 60, 40};

    /**
     * OWASP CSV injection: a cell a spreadsheet would read as a formula (or a DDE call) starts with one of these.
     *
     * @see <a href="https://owasp.org/www-community/attacks/CSV_Injection">OWASP, CSV Injection</a>
     */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AssetTraceExport() {
    }

    static byte[] write(AssetTrace trace, Format format, Provenance provenance) {
        return switch (format) {
            case CSV -> csv(trace, provenance);
            case XLSX -> xlsx(trace, provenance);
        };
    }

    /** {@code assets-<noticeId>-<ref>.csv}, the ref kept to characters every file system and header takes. */
    static String filename(AssetTrace trace, Format format) {
        return "assets-" + trace.subject().noticeId() + "-" + trace.subject().ref().replaceAll("[^A-Za-z0-9._-]", "_")
                + "." + format.extension();
    }

    // ---- CSV

    /**
     * UTF-8 with a byte order mark, without which Excel reads the file in the machine's code page and spoils the
     * accents; quoting by commons-csv per RFC 4180. Text cells are neutralised against formula injection; numbers are
     * written by us, never negative, and left as they are so that they stay numbers.
     */
    static byte[] csv(AssetTrace trace, Provenance provenance) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180)) {
            writer.write('\uFEFF');
            csv.printRecord(COLUMNS);
            String currency = trace.currency().getCurrencyCode();
            for (AssetTrace.TracedAsset a : trace.assets()) {
                csv.printRecord(text(a.label()), a.type().name(), text(a.jurisdiction()), a.status().name(),
                        text(identifiers(a.identifiers())),
                        a.value() == null ? "" : plain(a.value().amount()),
                        a.value() == null ? "" : a.value().currency().getCurrencyCode(),
                        a.value() == null ? "" : a.value().date().toString(),
                        a.value() == null ? "" : text(a.value().source()),
                        plain(a.converted()), currency, plain(a.share()), a.depth(), text(chain(a.chain())),
                        text(sources(a.sources())));
            }
            csv.println();
            AssetTrace.Totals t = trace.totals();
            csv.printRecord("total", plain(t.total()), currency);
            csv.printRecord("attributable", plain(t.attributable()), currency);
            csv.printRecord("count", t.count());
            csv.printRecord("without value", t.withoutValue());
            for (String missing : t.missingRates()) {
                csv.printRecord("missing rate", text(missing));
            }
            byGroup(csv, "by jurisdiction", t.byJurisdiction(), currency);
            byGroup(csv, "by type", t.byType(), currency);
            byGroup(csv, "by status", t.byStatus(), currency);
            if (!trace.pointers().isEmpty()) {
                csv.println();
                for (HolderLookup.Pointer p : trace.pointers()) {
                    csv.printRecord("held by", text(p.holderAgency()), text(p.caseRef()), text(p.key()));
                }
            }
            csv.println();
            for (List<String> line : about(trace, provenance)) {
                csv.printRecord(line.stream().map(AssetTraceExport::text).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void byGroup(CSVPrinter csv, String name, Map<String, BigDecimal> sums, String currency) throws IOException {
        for (Map.Entry<String, BigDecimal> e : sums.entrySet()) {
            csv.printRecord(name, text(e.getKey()), plain(e.getValue()), currency);
        }
    }

    /** A text cell as a spreadsheet will not run it: prefixed with a single quote when it would start a formula. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    // ---- XLSX

    /**
     * XSSF in memory: a trace is a few hundred rows at most (one subject, depth 6 at most), far from what would call for
     * the streaming SXSSF. No formula injection to guard against here: {@code setCellValue(String)} makes a string cell
     * (a shared string), which Excel shows and never evaluates, whatever it starts with; only
     * {@code setCellFormula} makes a formula, and nothing here calls it.
     */
    static byte[] xlsx(AssetTrace trace, Provenance provenance) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            Styles styles = new Styles(workbook);
            assets(workbook.createSheet("Assets"), trace, styles);
            totals(workbook.createSheet("Totals"), trace, styles);
            pointers(workbook.createSheet("Pointers"), trace, styles);
            about(workbook.createSheet("About"), trace, provenance, styles);
            workbook.write(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Styles(CellStyle header, CellStyle amount, CellStyle percent, CellStyle integer, CellStyle date) {

        Styles(Workbook workbook) {
            this(bold(workbook), format(workbook, "#,##0.00"), format(workbook, "0.00"), format(workbook, "0"),
                    format(workbook, "yyyy-mm-dd"));
        }

        private static CellStyle bold(Workbook workbook) {
            Font font = workbook.createFont();
            font.setBold(true);
            CellStyle style = workbook.createCellStyle();
            style.setFont(font);
            return style;
        }

        private static CellStyle format(Workbook workbook, String format) {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat(format));
            return style;
        }
    }

    private static void assets(Sheet sheet, AssetTrace trace, Styles styles) {
        header(sheet.createRow(0), COLUMNS, styles);
        int r = 1;
        String currency = trace.currency().getCurrencyCode();
        for (AssetTrace.TracedAsset a : trace.assets()) {
            Row row = sheet.createRow(r++);
            string(row, 0, a.label());
            string(row, 1, a.type().name());
            string(row, 2, a.jurisdiction());
            string(row, 3, a.status().name());
            string(row, 4, identifiers(a.identifiers()));
            if (a.value() != null) {
                number(row, 5, a.value().amount(), styles.amount());
                string(row, 6, a.value().currency().getCurrencyCode());
                date(row, 7, a.value().date(), styles.date());
                string(row, 8, a.value().source());
            }
            number(row, 9, a.converted(), styles.amount());
            string(row, 10, currency);
            number(row, 11, a.share(), styles.percent());
            number(row, 12, BigDecimal.valueOf(a.depth()), styles.integer());
            string(row, 13, chain(a.chain()));
            string(row, 14, sources(a.sources()));
        }
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(r - 1, 1), 0, COLUMNS.size() - 1));
        for (int c = 0; c < WIDTHS.length; c++) {
            sheet.setColumnWidth(c, WIDTHS[c] * 256);
        }
    }

    private static void totals(Sheet sheet, AssetTrace trace, Styles styles) {
        AssetTrace.Totals t = trace.totals();
        String currency = trace.currency().getCurrencyCode();
        int r = 0;
        Row row = sheet.createRow(r++);
        string(row, 0, "Total").setCellStyle(styles.header());
        number(row, 1, t.total(), styles.amount());
        string(row, 2, currency);
        row = sheet.createRow(r++);
        string(row, 0, "Attributable (value × share held)").setCellStyle(styles.header());
        number(row, 1, t.attributable(), styles.amount());
        string(row, 2, currency);
        row = sheet.createRow(r++);
        string(row, 0, "Assets counted").setCellStyle(styles.header());
        number(row, 1, BigDecimal.valueOf(t.count()), styles.integer());
        row = sheet.createRow(r++);
        string(row, 0, "Without an estimated value").setCellStyle(styles.header());
        number(row, 1, BigDecimal.valueOf(t.withoutValue()), styles.integer());
        for (String missing : t.missingRates()) {
            row = sheet.createRow(r++);
            string(row, 0, "Left out of the totals").setCellStyle(styles.header());
            string(row, 1, missing);
        }
        r = group(sheet, r + 1, "By jurisdiction", t.byJurisdiction(), currency, styles);
        r = group(sheet, r + 1, "By type", t.byType(), currency, styles);
        group(sheet, r + 1, "By status", t.byStatus(), currency, styles);
        sheet.setColumnWidth(0, 36 * 256);
        sheet.setColumnWidth(1, 40 * 256);
        sheet.setColumnWidth(2, 10 * 256);
    }

    /** A small table: its name and the currency as header, then one row per group. Returns the next free row. */
    private static int group(Sheet sheet, int r, String name, Map<String, BigDecimal> sums, String currency, Styles styles) {
        header(sheet.createRow(r++), List.of(name, currency), styles);
        for (Map.Entry<String, BigDecimal> e : sums.entrySet()) {
            Row row = sheet.createRow(r++);
            string(row, 0, e.getKey());
            number(row, 1, e.getValue(), styles.amount());
        }
        return r;
    }

    private static void pointers(Sheet sheet, AssetTrace trace, Styles styles) {
        header(sheet.createRow(0), List.of("Held by", "Their case reference", "Key"), styles);
        int r = 1;
        for (HolderLookup.Pointer p : trace.pointers()) {
            Row row = sheet.createRow(r++);
            string(row, 0, p.holderAgency());
            string(row, 1, p.caseRef());
            string(row, 2, p.key());
        }
        sheet.createFreezePane(0, 1);
        int[] widths = {14, 24, 40};
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, widths[c] * 256);
        }
    }

    private static void about(Sheet sheet, AssetTrace trace, Provenance provenance, Styles styles) {
        int r = 0;
        for (List<String> line : about(trace, provenance)) {
            Row row = sheet.createRow(r++);
            string(row, 0, line.get(0)).setCellStyle(styles.header());
            if (line.size() > 1) {
                string(row, 1, line.get(1));
            }
        }
        sheet.setColumnWidth(0, 28 * 256);
        sheet.setColumnWidth(1, 70 * 256);
    }

    private static void header(Row row, List<String> names, Styles styles) {
        for (int c = 0; c < names.size(); c++) {
            string(row, c, names.get(c)).setCellStyle(styles.header());
        }
    }

    private static Cell string(Row row, int column, String value) {
        Cell cell = row.createCell(column);
        if (value != null) {
            cell.setCellValue(value);
        }
        return cell;
    }

    /** A number cell (blank when there is none): sums and filters work on it, unlike on text. */
    private static void number(Row row, int column, BigDecimal value, CellStyle style) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(style);
        }
    }

    private static void date(Row row, int column, LocalDate value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    // ---- shared

    /** What the table is, as label and value lines: the About sheet, and the CSV's last lines. */
    private static List<List<String>> about(AssetTrace trace, Provenance provenance) {
        AssetTrace.Subject s = trace.subject();
        List<List<String>> lines = new ArrayList<>(List.of(
                List.of("Subject", Objects.toString(s.label(), "")),
                List.of("Notice id", s.noticeId().toString()),
                List.of("Entity ref", s.ref()),
                List.of("Currency", trace.currency().getCurrencyCode()),
                List.of("Rate date", trace.rateDate().toString()),
                List.of("Depth", String.valueOf(trace.depth())),
                List.of("Generated at (UTC)", UTC.format(provenance.at().truncatedTo(ChronoUnit.SECONDS))),
                List.of("Exported by", Objects.toString(provenance.exportedBy(), "")),
                List.of("Purpose", Objects.toString(provenance.purpose(), ""))));
        if (!trace.notFollowed().isEmpty()) {
            lines.add(List.of("Not followed beyond the depth limit", String.join(", ", trace.notFollowed())));
        }
        if (trace.cycles() > 0) {
            lines.add(List.of("Ownership links back into the chain", String.valueOf(trace.cycles())));
        }
        lines.add(List.of(SCOPE));
        return lines;
    }

    /** {@code "field value; field value"}, by field name so that the same asset always reads the same. */
    private static String identifiers(Map<String, String> identifiers) {
        return new TreeMap<>(identifiers).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String chain(List<String> chain) {
        return String.join(" → ", chain);
    }

    private static String sources(List<AssetTrace.Source> sources) {
        return sources.stream().map(s -> s.caseRef() == null ? s.agency() : s.agency() + " " + s.caseRef()).collect(Collectors.joining("; "));
    }
}
