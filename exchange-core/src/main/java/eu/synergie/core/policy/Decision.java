package eu.synergie.core.policy;

/** The answer of a policy: permit, or deny with the rule that refused. */
public sealed interface Decision {

    record Permit() implements Decision {
    }

    record Deny(String reason) implements Decision {
    }

    Decision PERMIT = new Permit();

    default boolean permitted() {
        return this instanceof Permit;
    }
}
