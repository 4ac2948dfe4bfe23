package eu.synergie.gateway.rfi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The e-mail that tells an agency's requests mailbox that something waits for it in the exchange, and nothing else:
 * not the request's id, its parties, its purpose nor a word of what it says (a mailbox is a weaker place than the
 * exchange, and the text is sealed for the agency anyway). Sent by the instance that took the step, off the request's
 * path (the answer does not wait for the SMTP server); a failure is logged and not retried: the web UI's count and
 * list stay the reliable way to know.
 */
public final class RequestNotifications implements AutoCloseable {

    /** What the agency is told of. */
    public enum Event {
        NEW_REQUEST("Synergie : nouvelle demande d’information / new request for information",
                "Votre service a reçu une nouvelle demande d’information dans Synergie.",
                "Your agency has received a new request for information in Synergie."),
        NEW_MESSAGE("Synergie : nouveau message / new message",
                "Une demande d’information de votre service a un nouveau message dans Synergie.",
                "A request for information of your agency has a new message in Synergie."),
        EXPIRED("Synergie : demande expirée / request expired",
                "Une demande d’information de votre service a expiré dans Synergie.",
                "A request for information of your agency has expired in Synergie.");

        private final String subject;
        private final String french;
        private final String english;

        Event(String subject, String french, String english) {
            this.subject = subject;
            this.french = french;
            this.english = english;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(RequestNotifications.class);

    private final Optional<JavaMailSender> sender;
    private final Function<String, Optional<String>> mailboxOf;
    private final String from;
    private final String link;
    private final ExecutorService sending = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
            .name("request-mail").factory());

    /**
     * @param sender    the SMTP client, if the operator configured one
     * @param mailboxOf each agency's requests mailbox, if it has one
     * @param link      the web UI's address, or blank
     */
    public RequestNotifications(Optional<JavaMailSender> sender, Function<String, Optional<String>> mailboxOf, String from,
                                String link) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.mailboxOf = Objects.requireNonNull(mailboxOf, "mailboxOf");
        this.from = Objects.requireNonNull(from, "from");
        this.link = link == null ? "" : link.strip().replaceAll("/+$", "");
    }

    /** Tells {@code agency}'s mailbox of {@code event}, if the exchange sends mail and the agency has a mailbox. */
    public void tell(String agency, Event event) {
        if (sender.isEmpty()) {
            return;
        }
        Optional<String> mailbox = mailboxOf.apply(agency);
        if (mailbox.isEmpty()) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(mailbox.get());
        message.setSubject(event.subject);
        message.setText(event.french + "\n" + event.english + "\n"
                + (link.isEmpty() ? "" : "\n" + link + "/ui/requests\n"));
        sending.execute(() -> {
            try {
                sender.get().send(message);
            } catch (MailException e) {
                LOG.warn("the notification to {}'s requests mailbox was not sent: {}", agency, e.getClass().getSimpleName());
            }
        });
    }

    @Override
    public void close() {
        sending.shutdown();
    }
}
