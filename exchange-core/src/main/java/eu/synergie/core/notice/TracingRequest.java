package eu.synergie.core.notice;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An asset-tracing request (a "silver" request, after INTERPOL's Silver Notice pilot): does the subject own property,
 * vehicles, accounts or companies in your jurisdiction? The subject is the notice's own person or company entities;
 * the request says why, where to look, and by when. Agencies answer with notices that name it in their
 * {@code replyTo}, released to the requester as they see fit.
 *
 * @param grounds       the legal and factual grounds of the request, as the requester writes them
 * @param jurisdictions ISO 3166-1 alpha-2 codes of the jurisdictions asked
 * @param replyBy       the day a reply is needed by
 */
public record TracingRequest(String grounds, Set<String> jurisdictions, LocalDate replyBy) {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public TracingRequest {
        if (grounds == null || grounds.isBlank() || grounds.length() > 4_000) {
            throw new IllegalArgumentException("request.grounds must be 1 to 4000 characters");
        }
        if (jurisdictions == null || jurisdictions.isEmpty() || !COUNTRIES.containsAll(jurisdictions)) {
            throw new IllegalArgumentException("request.jurisdictions must list ISO 3166-1 alpha-2 country codes such as ES");
        }
        jurisdictions = Set.copyOf(new TreeSet<>(jurisdictions));
        Objects.requireNonNull(replyBy, "request.replyBy");
    }
}
