package eu.synergie.core.matching;

import java.util.List;

/** Where alerts go ({@code synergie.alerts}); returns once they are durably appended. */
public interface AlertLog {

    String TOPIC = "synergie.alerts";

    void append(List<Alert> alerts);
}
