package eu.synergie.gateway.wiring;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The anonymous whistle-blowing form, {@code synergie.whistleblowing.*}.
 *
 * @param proofOfWorkBits the leading zero bits of SHA-256 a browser must find before a form is taken (16: about a
 *                        second of a browser's time; each bit doubles it)
 * @param challengeTtl    how long a form's challenge may be answered
 * @param perMinute       how many anonymous reports the exchange takes a minute, all senders together (it knows
 *                        nothing that would tell them apart); past half of it, each form asks for 2 more bits, past
 *                        80 % for 4 more
 * @param openingsPerMinute how many thread openings and answers a minute, all senders together: a budget of their own,
 *                        so that a flood of reports does not keep reporters from their threads
 */
@Validated
@ConfigurationProperties("synergie.whistleblowing")
public record WhistleblowingProperties(@DefaultValue("16") @Min(0) @Max(30) int proofOfWorkBits,
                                       @DefaultValue("30m") @NotNull Duration challengeTtl,
                                       @DefaultValue("60") @Min(1) int perMinute,
                                       @DefaultValue("300") @Min(1) int openingsPerMinute) {
}
