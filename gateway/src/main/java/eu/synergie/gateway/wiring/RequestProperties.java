package eu.synergie.gateway.wiring;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Requests for information, {@code synergie.requests.*}.
 *
 * @param expiry          how long a request stays open unless its deadline is later (at most a year)
 * @param sweepInterval   how often requests past their expiry are closed
 * @param maxMessageBytes the largest message envelope (a page of text sealed is about 3 KiB)
 * @param maxMessages     the longest thread; a longer exchange is a new request
 * @param mail            the e-mail notifications: only "you have a new request" or "a new message", never what it says
 * @param desks           each agency's desk ({@code synergie desk}), by agency code: where its analysts' browsers seal
 *                        and open the messages (the web UI's pages call it, and its origin is in their CSP)
 */
@Validated
@ConfigurationProperties("synergie.requests")
public record RequestProperties(@DefaultValue("30d") @NotNull Duration expiry,
                                @DefaultValue("1m") @NotNull Duration sweepInterval,
                                @DefaultValue("65536") @Min(1024) @Max(1048576) int maxMessageBytes,
                                @DefaultValue("100") @Min(2) @Max(1000) int maxMessages,
                                @DefaultValue Mail mail, Map<String, URI> desks) {

    /**
     * Who is told by e-mail: each agency's functional mailbox (its requests desk, as a SIRENE bureau has one), by
     * agency code; an agency without one is not told. Sent through Spring Boot's {@code spring.mail.*} SMTP server;
     * without {@code spring.mail.host}, nobody is.
     *
     * @param from who the notifications are from
     * @param link the web UI's address, to put in the message ({@code https://exchange.example.eu}); none if blank
     * @param to   each agency's mailbox
     */
    public record Mail(@DefaultValue("synergie@localhost") String from, @DefaultValue("") String link,
                       Map<String, String> to) {

        public Mail {
            to = to == null ? Map.of() : to.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                    e -> e.getKey().toUpperCase(java.util.Locale.ROOT), Map.Entry::getValue));
        }

        /** {@code agency}'s mailbox, if it has one. */
        public java.util.Optional<String> of(String agency) {
            return java.util.Optional.ofNullable(to.get(agency.toUpperCase(java.util.Locale.ROOT)));
        }
    }


    public RequestProperties {
        // Keys as written, whatever the property source did to their case: agency codes are upper case.
        desks = desks == null ? Map.of() : desks.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                e -> e.getKey().toUpperCase(java.util.Locale.ROOT), Map.Entry::getValue));
    }

    /** Where {@code agency}'s desk is, if it has one. */
    public java.util.Optional<URI> deskOf(String agency) {
        return java.util.Optional.ofNullable(agency == null ? null : desks.get(agency.toUpperCase(java.util.Locale.ROOT)));
    }

    /** The desks' origins, for the web UI's {@code connect-src}. */
    public java.util.List<String> deskOrigins() {
        return desks.values().stream().map(u -> u.getScheme() + "://" + u.getAuthority()).distinct().sorted().toList();
    }
}
