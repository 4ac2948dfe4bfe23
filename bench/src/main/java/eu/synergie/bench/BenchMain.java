package eu.synergie.bench;

import java.util.function.Function;

/** What every benchmark's {@code main} does around its own work: quiet start-up, its options, run, always stop, exit status. */
final class BenchMain {

    /** One benchmark run: {@link #stop()} is called whether {@link #run()} finished, failed or never got far. */
    interface Run {
        void run() throws Exception;

        void stop();
    }

    private BenchMain() {
    }

    /** Until the gateway's Spring Boot takes logging over, keeps the libraries' start-up chatter off the console. */
    static void quietStartup() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    /**
     * The options, or the usage and an exit: 0 for {@code --help} (an {@link IllegalArgumentException} without a
     * message), 2 with the message for anything else the parser refused.
     */
    static <O> O optionsOrExit(String[] args, Function<String[], O> parse, String usage) {
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || e.getMessage().isEmpty()) {
                System.out.print(usage);
                System.exit(0);
            }
            System.err.println(e.getMessage() + "\n" + usage);
            System.exit(2);
            throw e;
        }
    }

    /** Runs, stops, and exits 0, or 1 after printing why it failed. */
    static void runAndExit(String name, Run benchmark) {
        int status = 0;
        try {
            benchmark.run();
        } catch (Exception e) {
            System.err.println(name + " failed: " + e);
            e.printStackTrace();
            status = 1;
        } finally {
            benchmark.stop();
        }
        System.exit(status);
    }
}
