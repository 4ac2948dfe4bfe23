package eu.synergie.core.notice;

import java.util.List;

/**
 * What an asset is, with the identifiers that name it in the registers asset recovery offices draw on
 * (Directive (EU) 2024/1260 Art. 6: land, vehicle, vessel and aircraft, company and bank-account registers).
 * An identifier not listed for a type is refused: an IMO number on a bank account is a mistake, not data.
 */
public enum AssetType {
    REAL_ESTATE("cadastralRef"),
    VEHICLE("vin", "plate"),
    VESSEL("imo", "mmsi"),
    AIRCRAFT("registration"),
    BANK_ACCOUNT("iban", "bic"),
    CRYPTO_WALLET("chain", "address"),
    COMPANY("companyNumber", "lei"),
    CASH,
    OTHER;

    private final List<String> identifiers;

    AssetType(String... identifiers) {
        this.identifiers = List.of(identifiers);
    }

    /** The identifier fields an asset of this type may carry, e.g. {@code imo} and {@code mmsi} for a vessel. */
    public List<String> identifiers() {
        return identifiers;
    }
}
