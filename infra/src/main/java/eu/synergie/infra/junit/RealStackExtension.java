package eu.synergie.infra.junit;

import eu.synergie.infra.ElasticsearchNode;
import eu.synergie.infra.KafkaBroker;
import eu.synergie.infra.KeycloakServer;
import eu.synergie.infra.LocalStack;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests the real servers as parameters ({@link KafkaBroker}, {@link ElasticsearchNode},
 * {@link KeycloakServer}, or the whole {@link LocalStack}), started once per test JVM and shared.
 * A server that cannot start fails the test with the server's name and the tail of its log.
 */
public final class RealStackExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaBroker.class || type == ElasticsearchNode.class || type == KeycloakServer.class
                || type == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == KafkaBroker.class) {
            return SharedStack.kafka();
        }
        if (type == ElasticsearchNode.class) {
            return SharedStack.elasticsearch();
        }
        if (type == KeycloakServer.class) {
            return SharedStack.keycloak();
        }
        return SharedStack.all();
    }
}
