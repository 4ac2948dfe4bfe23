package eu.synergie.core.reports;

import eu.synergie.core.notice.ProtectedRole;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * What a partner reports: what happened, where, when, the people involved (each with the role that protects them, if
 * any) and what the people concerned consented to (a partner's report says; an anonymous one does not: null). Never stored or logged as it is: sealed on arrival
 * ({@link Report#envelope()}).
 *
 * @param when free text ("nuit du 3 au 4 décembre", "depuis l'été"): reporters seldom know an exact date
 */
public record ReportContent(String what, String where, String when, List<Person> people, Consent consent) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * A person the report names.
     *
     * @param role    VICTIM, WITNESS, WHISTLEBLOWER or INFORMANT: protected in any notice made of the report; null for
     *                anyone else (a suspect)
     * @param details what else the reporter knows (age, nationality, how to recognise them)
     */
    public record Person(String name, ProtectedRole role, String details) {

        public Person {
            text(name, "people[].name", 200, true);
            text(details, "people[].details", 2000, false);
        }
    }

    /**
     * @param victimAgreesToShare the victim agreed that the report reaches law enforcement
     * @param contactAllowed      the victim may be contacted, through the partner
     */
    public record Consent(boolean victimAgreesToShare, boolean contactAllowed) {
    }

    public ReportContent {
        text(what, "what", 8000, true);
        text(where, "where", 500, true);
        text(when, "when", 200, true);
        people = people == null ? List.of() : List.copyOf(people);
        if (people.size() > 50) {
            throw ReportRefusedException.invalid("a report names at most 50 people");
        }
    }

    /** The content as sealed. */
    public byte[] toJson() {
        return JSON.writeValueAsBytes(this);
    }

    /** The content of an opened report. */
    public static ReportContent fromJson(byte[] json) {
        try {
            return JSON.readValue(json, ReportContent.class);
        } catch (JacksonException e) {
            throw ReportRefusedException.invalid("the report is not readable JSON of the report form");
        }
    }

    private static void text(String value, String field, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ReportRefusedException.invalid(field + " is required");
            }
            return;
        }
        if (value.length() > max) {
            throw ReportRefusedException.invalid(field + " is longer than " + max + " characters");
        }
    }
}
