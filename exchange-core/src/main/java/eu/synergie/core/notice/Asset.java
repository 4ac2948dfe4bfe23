package eu.synergie.core.notice;

import eu.synergie.core.notice.normal.AssetIdentifiers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an {@link EntityKind#ASSET} entity says of the asset: its type, its identifiers (checked with their
 * check digits where they have them, and refused when invalid: a wrong IBAN or IMO number sends an asset
 * recovery office to the wrong register), an estimated value, the jurisdiction it is registered or located
 * in, and the dated steps of the recovery procedure.
 *
 * @param identifiers  by field name ({@link AssetType#identifiers()}), as the agency wrote them
 * @param value        the estimated value, or null when unknown
 * @param jurisdiction ISO 3166-1 alpha-2; required for real estate and companies, whose references are per country
 * @param history      the steps reached, oldest first; empty means identified, undated
 */
public record Asset(AssetType type, Map<String, String> identifiers, Valuation value, String jurisdiction,
                    List<Step> history) {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public Asset {
        Objects.requireNonNull(type, "asset.type");
        identifiers = identifiers == null ? Map.of() : Map.copyOf(identifiers);
        for (var identifier : new TreeMap<>(identifiers).entrySet()) {
            require(type.identifiers().contains(identifier.getKey()), "asset.identifiers." + identifier.getKey()
                    + " is not an identifier of a " + type + " asset; allowed: " + type.identifiers());
            AssetIdentifiers.normalize(identifier.getKey(), identifier.getValue());
        }
        require(jurisdiction == null || COUNTRIES.contains(jurisdiction),
                "asset.jurisdiction must be an ISO 3166-1 alpha-2 country code such as FR");
        require(jurisdiction != null || !(type == AssetType.REAL_ESTATE || type == AssetType.COMPANY),
                "asset.jurisdiction is required for a " + type + " asset: its register is per country");
        history = history == null ? List.of() : List.copyOf(history);
        for (int i = 1; i < history.size(); i++) {
            Step before = history.get(i - 1);
            Step step = history.get(i);
            require(step.status().compareTo(before.status()) > 0, "asset.status steps must follow "
                    + List.of(AssetStatus.values()) + " in order, each once; " + step.status() + " comes after " + before.status());
            require(!step.date().isBefore(before.date()), "asset.status dates must not go back in time: "
                    + step.status() + " is dated before " + before.status());
        }
    }

    /** Where the asset stands now: the last step reached. */
    public AssetStatus status() {
        return history.isEmpty() ? AssetStatus.IDENTIFIED : history.getLast().status();
    }

    /** An identifier in its one comparable form ("IMO 9074729" and "9074729" both read {@code IMO9074729}), if given. */
    public java.util.Optional<String> normalized(String field) {
        String given = identifiers.get(field);
        return given == null ? java.util.Optional.empty() : java.util.Optional.of(AssetIdentifiers.normalize(field, given));
    }

    /**
     * An estimated value.
     *
     * @param currency ISO 4217
     * @param date     when the estimate was made (a value without a date cannot be converted at the right rate)
     * @param source   who or what estimated it (an expert, a register, the purchase deed), or null
     */
    public record Valuation(BigDecimal amount, Currency currency, LocalDate date, String source) {

        public Valuation {
            require(amount != null && amount.signum() >= 0, "asset.value.amount must be zero or more");
            Objects.requireNonNull(currency, "asset.value.currency");
            Objects.requireNonNull(date, "asset.value.date");
            require(source == null || source.length() <= 200, "asset.value.source must be at most 200 characters");
        }
    }

    /** A step of the recovery procedure and the day it was reached. */
    public record Step(AssetStatus status, LocalDate date) {

        public Step {
            Objects.requireNonNull(status, "asset.status.status");
            Objects.requireNonNull(date, "asset.status.date");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
