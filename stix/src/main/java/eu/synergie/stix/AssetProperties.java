package eu.synergie.stix;

import eu.synergie.core.notice.Asset;
import eu.synergie.core.notice.AssetStatus;
import eu.synergie.core.notice.AssetType;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The asset a {@code synergie-asset} object describes, read back: every property checked for its form here, every
 * rule of the notice model ({@link Asset}: identifiers per type with their check digits, the jurisdiction, the order
 * of the steps) by the model itself, its refusal named after the object's property.
 */
final class AssetProperties {

    private AssetProperties() {
    }

    static Asset read(JsonNode object, String id) {
        AssetType type = enumOf(AssetType.class, object.path("asset_type"), id, "asset_type");
        Map<String, String> identifiers = new LinkedHashMap<>();
        JsonNode given = object.path("identifiers");
        if (!given.isMissingNode()) {
            if (!given.isObject()) {
                throw new StixImportException(id, "identifiers", "must be an object of text values");
            }
            for (Map.Entry<String, JsonNode> entry : given.properties()) {
                identifiers.put(entry.getKey(), text(entry.getValue(), id, "identifiers." + entry.getKey()));
            }
        }
        Asset.Valuation valuation = valuation(object.path("estimated_value"), id);
        String jurisdiction = object.path("jurisdiction").isMissingNode() ? null
                : text(object.get("jurisdiction"), id, "jurisdiction");
        List<Asset.Step> history = new ArrayList<>();
        JsonNode steps = object.path("status_history");
        if (!steps.isMissingNode() && !steps.isArray()) {
            throw new StixImportException(id, "status_history", "must be an array of {status, date}");
        }
        int index = 0;
        for (JsonNode step : steps) {
            String path = "status_history[" + index++ + "]";
            if (!step.isObject()) {
                throw new StixImportException(id, path, "must be an object {status, date}");
            }
            history.add(new Asset.Step(enumOf(AssetStatus.class, step.path("status"), id, path + ".status"),
                    date(step.path("date"), id, path + ".date")));
        }
        try {
            return new Asset(type, identifiers, valuation, jurisdiction, history);
        } catch (IllegalArgumentException e) {
            throw new StixImportException(id, propertyOf(e.getMessage()), e.getMessage());
        }
    }

    /** A decimal number written as text (as our export writes amounts and shares: no digit lost to a double). */
    static BigDecimal decimal(String text, String id, String path, String example) {
        if (!text.matches("[0-9]+(\\.[0-9]+)?(E\\+[0-9]+)?")) {
            throw new StixImportException(id, path, "must be a decimal number as text such as " + example);
        }
        return new BigDecimal(text);
    }

    private static Asset.Valuation valuation(JsonNode value, String id) {
        if (value.isMissingNode()) {
            return null;
        }
        if (!value.isObject()) {
            throw new StixImportException(id, "estimated_value", "must be an object {amount, currency, date, source}");
        }
        BigDecimal amount = decimal(text(value.path("amount"), id, "estimated_value.amount"), id,
                "estimated_value.amount", "1250000.00");
        String code = text(value.path("currency"), id, "estimated_value.currency");
        Currency currency;
        try {
            currency = code.matches("[A-Z]{3}") ? Currency.getInstance(code) : null;
        } catch (IllegalArgumentException e) {
            currency = null;
        }
        if (currency == null) {
            throw new StixImportException(id, "estimated_value.currency", "must be an ISO 4217 code such as EUR");
        }
        LocalDate date = date(value.path("date"), id, "estimated_value.date");
        String source = value.path("source").isMissingNode() ? null : text(value.get("source"), id, "estimated_value.source");
        try {
            return new Asset.Valuation(amount, currency, date, source);
        } catch (IllegalArgumentException e) {
            throw new StixImportException(id, propertyOf(e.getMessage()), e.getMessage());
        }
    }

    private static String text(JsonNode value, String id, String path) {
        if (value.isMissingNode() || value.isNull()) {
            throw new StixImportException(id, path, "is missing");
        }
        if (!value.isString() || value.asString().isBlank()) {
            throw new StixImportException(id, path, "must be text");
        }
        return value.asString();
    }

    private static LocalDate date(JsonNode value, String id, String path) {
        try {
            return LocalDate.parse(text(value, id, path));
        } catch (DateTimeParseException e) {
            throw new StixImportException(id, path, "must be a date such as 2026-11-28");
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode value, String id, String path) {
        String name = text(value, id, path);
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new StixImportException(id, path, "must be one of "
                        + Arrays.toString(type.getEnumConstants())));
    }

    /** The object's property a rule of the asset model is about, from the rule's message ("asset.jurisdiction must…"). */
    private static String propertyOf(String message) {
        String first = message == null ? "" : message.split("[ :;]", 2)[0];
        if (first.startsWith("asset.identifiers.")) {
            return "identifiers." + first.substring("asset.identifiers.".length());
        }
        if (first.startsWith("asset.value.")) {
            return "estimated_value." + first.substring("asset.value.".length());
        }
        if (first.startsWith("asset.status")) {
            return "status_history";
        }
        if (message != null && message.startsWith("asset identifier ")) {
            // AssetIdentifiers names the field second: "asset identifier imo: …".
            return "identifiers." + message.substring("asset identifier ".length()).split("[ :]", 2)[0];
        }
        return first.startsWith("asset.") ? first.substring("asset.".length()) : "asset_type";
    }
}
