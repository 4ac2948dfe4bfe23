package eu.synergie.cli;

import eu.synergie.cli.config.Setting;
import eu.synergie.cli.desk.AgencyDesk;
import eu.synergie.client.RequestMessages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "desk", mixinStandardHelpOptions = true,
        description = {"Run the agency desk: the service that seals and opens the agency's requests for information for "
                + "its analysts' browsers, with the agency's key store, which the exchange never holds.",
                "It takes calls from the exchange's web UI (its origin, the server setting) with an analyst's own token "
                        + "of the agency, checked against the realm (the token-url setting's issuer). Stop it with Ctrl-C."},
        footer = {"", "Example:", "  synergie desk --port 8470", "",
                "The web UI must know where it is: the exchange's operator sets synergie.requests.desks.<AGENCY> to its "
                        + "address. Browsers call it from the exchange's pages: serve it over HTTPS (behind the agency's "
                        + "reverse proxy) unless it listens on the analyst's own machine (localhost)."})
final class DeskCommand implements Callable<Integer> {

    private static final String TOKEN_PATH = "/protocol/openid-connect/token";

    @ParentCommand
    SynergieCli root;

    @Option(names = "--port", defaultValue = "8470", description = "The port to listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "The address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--allow-origin", paramLabel = "URL",
            description = "A web UI origin allowed to call the desk (default: the server setting's). Repeatable.")
    List<String> origins;

    @Option(names = "--server", paramLabel = "URL", description = "The exchange's base URL (setting server).")
    String server;

    @Option(names = "--token-url", paramLabel = "URL", description = "The realm's token endpoint (setting token-url).")
    String tokenUrl;

    @Option(names = "--keystore", paramLabel = "FILE", description = "The agency's key store (setting keystore).")
    String keystore;

    @Option(names = "--config", paramLabel = "FILE", description = "The config file.")
    String config;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Io io = root.io();
        Invocation run = Invocation.of(io, config, Invocation.options(Setting.SERVER, server, Setting.TOKEN_URL, tokenUrl,
                Setting.KEYSTORE, keystore));
        String token = run.settings.url(Setting.TOKEN_URL, "desk").toString();
        if (!token.endsWith(TOKEN_PATH)) {
            throw new CliFailure(ExitCode.USAGE, "the token-url setting is not a realm's token endpoint (…" + TOKEN_PATH + ")");
        }
        String issuer = token.substring(0, token.length() - TOKEN_PATH.length());
        Set<String> allowed = new LinkedHashSet<>();
        if (origins == null || origins.isEmpty()) {
            URI exchange = run.settings.url(Setting.SERVER, "desk");
            allowed.add(exchange.getScheme() + "://" + exchange.getAuthority());
        } else {
            origins.forEach(o -> allowed.add(o.replaceAll("/+$", "")));
        }
        RequestMessages messages = new RequestMessages(run.keyStore("desk").signingCredential());
        CountDownLatch stopped = new CountDownLatch(1);
        try (AgencyDesk desk = new AgencyDesk(messages, issuer, allowed, new InetSocketAddress(bind, port), io.err()).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "desk-stop"));
            io.err().println("Desk of " + messages.agency() + " listening on http://" + desk.address().getHostString() + ":"
                    + desk.address().getPort() + " for " + String.join(", ", allowed) + "; tokens of " + issuer);
            stopped.await();
        }
        return ExitCode.OK.code();
    }
}
